// The ODF devices of one node whose wipe the technician decides on (nodes[i].disks.wipe): those
// discovery found holding something (or could not tell), and those already acknowledged, with
// what happens to each in the shared words (main/core/disks/disk-fate.ts). And the plan edits
// that add or remove one acknowledgement. No React.
import type { FieldEdit, InventoryView } from '../../../../main/contract/api';
import { odfFate, type DiskFate } from '../../../../main/core/disks/disk-fate';
import { findDevice } from '../../../../main/core/probe/checks/disk-match';
import { effectiveDisks, wipeDevices } from '../../../../main/core/site/model';
import type { Site } from '../../../../main/core/site/schema';
import { pointer } from '../../wizard/pointer';

export interface WipeChoice {
  /** The ODF device path as the plan writes it. */
  path: string;
  /** Kernel name discovery found under it (undefined when not probed or not found). */
  diskName?: string;
  /** Index in nodes[i].disks.wipe; undefined when not acknowledged. */
  wipeIndex?: number;
  /** What happens to the device with the current acknowledgement: the words next to the box. */
  fate: DiskFate;
}

export function wipeChoices(site: Site, nodeIndex: number, inventories: readonly InventoryView[]): WipeChoice[] {
  const node = site.nodes[nodeIndex];
  if (!node || !site.odf.enabled) return [];
  const inv = inventories.find((i) => i.node === node.hostname);
  const wipe = wipeDevices(node);
  const out: WipeChoice[] = [];
  for (const path of new Set(effectiveDisks(site, node).odf)) {
    const disk = inv ? findDevice(inv.facts.disks, path) : undefined;
    const k = wipe.indexOf(path);
    const acknowledged = k >= 0;
    const at = disk ? { disk } : {};
    const fate = odfFate({ ...at, acknowledged });
    // Offered when there is something to decide: data (or unknown contents) found, or already acknowledged.
    const holds = disk !== undefined && fate.kind !== 'odf-empty';
    if (!holds && !acknowledged) continue;
    out.push({ path, ...(disk ? { diskName: disk.name } : {}), ...(acknowledged ? { wipeIndex: k } : {}), fate });
  }
  return out;
}

/**
 * The edits that acknowledge (`on`) or withdraw the wipe of `device` on node `nodeIndex`, given
 * the node's `disks` value now: starts the list (and `disks`) when missing, and removes the list
 * (and an emptied `disks`) with its last entry, so the plan never keeps an empty `wipe: []`.
 */
export function wipeEdits(nodeIndex: number, disks: Record<string, unknown> | undefined, device: string, on: boolean): FieldEdit[] {
  const disksPath = pointer('nodes', nodeIndex, 'disks');
  const wipePath = `${disksPath}/wipe`;
  const list = Array.isArray(disks?.['wipe']) ? (disks['wipe'] as unknown[]) : undefined;
  if (on) {
    if (list?.includes(device)) return [];
    if (disks === undefined) return [{ path: disksPath, value: { wipe: [device] } }];
    return list ? [{ path: `${wipePath}/-`, value: device }] : [{ path: wipePath, value: [device] }];
  }
  const k = list?.indexOf(device) ?? -1;
  if (k < 0) return [];
  if (list!.length > 1) return [{ path: `${wipePath}/${k}` }];
  const others = Object.keys(disks ?? {}).filter((key) => key !== 'wipe');
  return [{ path: others.length > 0 ? wipePath : disksPath }];
}
