// VLANs on a trunk: one device can carry one untagged network and each VLAN ID once.
import type { Rule } from '../engine';
import { defineRule, networksByName, nodeLayouts, pointer, scope, type NetworkInfo, type NodeLayout } from './common';

/** The networks carried on each device of a node (all uplink entries of that device together). */
function networksPerDevice(view: NodeLayout, byName: Map<string, NetworkInfo>): Map<string, NetworkInfo[]> {
  const map = new Map<string, NetworkInfo[]>();
  for (const uplink of view.uplinks) {
    const list = map.get(uplink.device) ?? [];
    for (const name of uplink.networks) {
      const info = byName.get(name);
      if (info && !list.includes(info)) list.push(info);
    }
    map.set(uplink.device, list);
  }
  return map;
}

export const vlanRules: Rule[] = [
  defineRule('network.vlan-reused', 'A VLAN ID is used once per trunk', function* (site) {
    const byName = networksByName(site);
    for (const view of nodeLayouts(site)) {
      for (const [device, infos] of networksPerDevice(view, byName)) {
        const sorted = [...infos].sort((a, b) => a.index - b.index);
        for (const [j, b] of sorted.entries()) {
          const a = sorted.slice(0, j).find((x) => x.network.vlan !== 'untagged' && x.network.vlan === b.network.vlan);
          if (!a) continue;
          yield {
            severity: 'error',
            path: pointer('networks', b.index, 'vlan'),
            message: `Networks ${a.network.name} and ${b.network.name} both use VLAN ${b.network.vlan} on ${device} ${scope(view, 'uplinks')}; the switch cannot tell them apart.`,
            hint: `Give ${b.network.name} its own VLAN ID, or carry it on another NIC or bond.`,
          };
        }
      }
    }
  }),

  defineRule('network.untagged-shared', 'One untagged network per device', function* (site) {
    const byName = networksByName(site);
    for (const view of nodeLayouts(site)) {
      for (const [device, infos] of networksPerDevice(view, byName)) {
        const untagged = infos.filter((x) => x.network.vlan === 'untagged').sort((a, b) => a.index - b.index);
        const first = untagged[0];
        for (const b of untagged.slice(1)) {
          if (!first) break;
          yield {
            severity: 'error',
            path: pointer('networks', b.index, 'vlan'),
            message: `Networks ${first.network.name} and ${b.network.name} are both untagged on ${device} ${scope(view, 'uplinks')}; an untagged network needs a NIC or bond of its own.`,
            hint: `Give ${b.network.name} a VLAN ID, or carry it on another NIC or bond.`,
          };
        }
      }
    }
  }),
];
