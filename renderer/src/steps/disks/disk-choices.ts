// Disks the probe found, as choices for the boot disk and the ODF list: one entry per by-path
// name (the name the plan should use), with size, kind and which nodes have it. No React.
import type { InventoryView } from '../../../../main/contract/api';

export interface DiskChoice {
  /** /dev/disk/by-path/… */
  value: string;
  /** `/dev/disk/by-path/… — 3.84 TB NVMe, Samsung PM9A3 (acp-1, acp-2, acp-3)` */
  label: string;
  sizeBytes: number;
  nodes: string[];
  serial?: string;
}

const BY_PATH = '/dev/disk/by-path/';

/** `3.84 TB`, `480 GB`: decimal units, as on the disk's label. */
export function sizeText(bytes: number): string {
  if (bytes >= 1e12) return `${(bytes / 1e12).toFixed(2).replace(/\.?0+$/, '')} TB`;
  if (bytes >= 1e9) return `${Math.round(bytes / 1e9)} GB`;
  return `${Math.round(bytes / 1e6)} MB`;
}

function kind(disk: InventoryView['facts']['disks'][number]): string {
  if (disk.transport === 'nvme' || disk.name.startsWith('nvme')) return 'NVMe';
  if (disk.rotational === true) return 'HDD';
  if (disk.rotational === false) return 'SSD';
  return disk.transport?.toUpperCase() ?? 'disk';
}

/**
 * Whole disks with a by-path name, from the given nodes' inventories (all when `hostname` is
 * not given). Removable and read-only devices and CD drives are left out.
 */
export function diskChoices(inventories: readonly InventoryView[], hostname?: string): DiskChoice[] {
  const byValue = new Map<string, DiskChoice & { kind: string; model?: string }>();
  for (const inv of inventories) {
    if (hostname !== undefined && inv.node !== hostname) continue;
    for (const disk of inv.facts.disks) {
      if (disk.type !== 'disk' || disk.removable || disk.readOnly) continue;
      for (const path of disk.byPath.filter((p) => p.startsWith(BY_PATH) && !/-part\d+$/.test(p))) {
        const entry = byValue.get(path);
        if (entry) {
          if (!entry.nodes.includes(inv.node)) entry.nodes.push(inv.node);
          continue;
        }
        const model = [disk.vendor, disk.model].filter(Boolean).join(' ').trim();
        byValue.set(path, {
          value: path,
          label: '',
          sizeBytes: disk.sizeBytes,
          nodes: [inv.node],
          kind: kind(disk),
          ...(model ? { model } : {}),
          ...(disk.serial ? { serial: disk.serial } : {}),
        });
      }
    }
  }
  return [...byValue.values()]
    .sort((a, b) => a.value.localeCompare(b.value))
    .map(({ kind: k, model, ...c }) => ({
      ...c,
      label: `${c.value} — ${sizeText(c.sizeBytes)} ${k}${model ? `, ${model}` : ''} (${c.nodes.join(', ')})`,
    }));
}
