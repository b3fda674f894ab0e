// The wipe acknowledgement (nodes[].disks.wipe) names ODF devices of that node: the bundle sets
// forceWipeDevicesAndDestroyAllData on exactly those (gitops/local-storage.ts). An entry that is
// not one of the node's ODF devices, written the same way, wipes nothing and would leave the
// disk the technician meant unwiped: ODF then gets no OSD on it.
import { effectiveDisks, wipeDevices } from '../../site/model';
import type { Rule } from '../engine';
import { defineRule, nodeName, pointer } from './common';

export const odfWipeRules: Rule[] = [
  defineRule('odf.wipe-not-odf-device', 'Devices acknowledged for wiping are ODF devices of that node', function* (site) {
    for (const [i, node] of site.nodes.entries()) {
      const odf = site.odf.enabled ? effectiveDisks(site, node).odf : [];
      for (const [k, device] of wipeDevices(node).entries()) {
        if (odf.includes(device)) continue;
        const name = nodeName(node, i);
        yield {
          severity: 'error',
          path: pointer('nodes', i, 'disks', 'wipe', k),
          message: site.odf.enabled
            ? `${device} in nodes[${i}].disks.wipe is not one of the ODF devices of ${name}; the bundle wipes only ODF devices, so nothing is wiped for it.`
            : `${device} in nodes[${i}].disks.wipe: ODF is disabled, so the bundle wipes nothing.`,
          hint: site.odf.enabled
            ? `Write it exactly as in the ODF device list of ${name} (${odf.length ? odf.join(', ') : 'empty'}), or remove it from nodes[${i}].disks.wipe.`
            : `Remove it from nodes[${i}].disks.wipe, or enable ODF.`,
        };
      }
    }
  }),
];
