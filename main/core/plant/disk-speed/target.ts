// Which device the speed test may write to, decided on the laptop from the probe's inventory:
// the one disk the plan's boot hint selects (the same matching the hardware checks use), and
// only when it is blank as far as the inventory can tell. The install would erase whatever is
// on it, but Sitekit must not: anything mounted, stacked, partitioned or carrying a signature
// is refused. The node checks again, right before writing (script.ts).
import { effectiveDisks } from '../../site/model';
import type { Site, SiteNode } from '../../site/schema';
import type { Disk, NodeInventory } from '../../probe/inventory';
import { contents, contentsUnknown, hasHints, isMounted, isPathDevice, matchBootHint, sizeText, stablePath } from '../../probe/checks/disk-match';
import { DISK_SPEED_ZERO_BYTES, DISK_SPEED_ZERO_MIB } from './constants';

/** What the node script gets: each value checked by a strict pattern here and in the script. */
export interface DiskSpeedRequest {
  /** Kernel name: the script writes to /dev/<name> only. */
  name: string;
  sizeBytes: number;
  serial?: string;
  wwn?: string;
  /** The /dev/disk/by-path|by-id link the hint names; the node checks it still points at name. */
  link?: string;
  /** The node stops writing on its own after this many seconds. */
  deadlineSeconds: number;
}

export const KERNEL_NAME = /^[a-z][a-z0-9-]{0,31}$/;
export const DISK_ID = /^[A-Za-z0-9._:][A-Za-z0-9._:-]{0,127}$/;
export const DISK_LINK = /^\/dev\/disk\/by-(path|id)\/[A-Za-z0-9._:+@][A-Za-z0-9._:+@-]{0,200}$/;

export type TargetVerdict =
  | { ok: true; disk: Disk; device: string; target: string; request: Omit<DiskSpeedRequest, 'deadlineSeconds'> }
  | { ok: false; device: string; target: string; message: string };

export function resolveDiskSpeedTarget(inventory: NodeInventory, site: Site, node: SiteNode): TargetVerdict {
  const host = node.hostname;
  const hint = effectiveDisks(site, node).boot;
  const hinted = hint.deviceName ?? 'the boot disk hint';
  const refuse = (message: string, disk?: Disk): TargetVerdict => ({
    ok: false,
    device: disk ? hint.deviceName ?? stablePath(disk) : hinted,
    target: disk?.path ?? '',
    message: `${host}: the disk speed test did not run and nothing was written. ${message}`,
  });
  if (!hasHints(hint)) return refuse('The plan has no boot disk hint for this node, so Sitekit does not know which disk the installer will use: set the boot disk first.');
  const matches = matchBootHint(inventory.facts.disks, hint);
  if (matches.length === 0) return refuse('No disk of this node matches the boot disk hint: fix the hint (Discover shows the disks) and probe again.');
  if (matches.length > 1) {
    return refuse(`The boot disk hint matches ${matches.length} disks (${matches.map((d) => d.path).join(', ')}): make it name exactly one disk (by-path, serial or WWN).`);
  }
  const disk = matches[0]!;
  const what = `${disk.path} (${sizeText(disk)}${disk.model ? ` ${disk.model.trim()}` : ''})`;
  const problem = blockingReason(disk, what);
  if (problem) return refuse(problem, disk);

  const request: Omit<DiskSpeedRequest, 'deadlineSeconds'> = { name: disk.name, sizeBytes: disk.sizeBytes };
  const serial = disk.serial?.trim();
  const wwn = disk.wwn?.trim();
  if (serial) {
    if (!DISK_ID.test(serial)) return refuse(`The serial number of ${what} has characters Sitekit does not hand to a shell, so the node could not confirm it is the same disk.`, disk);
    request.serial = serial;
  }
  if (wwn) {
    if (!DISK_ID.test(wwn)) return refuse(`The WWN of ${what} has characters Sitekit does not hand to a shell, so the node could not confirm it is the same disk.`, disk);
    request.wwn = wwn;
  }
  if (hint.deviceName && hint.deviceName !== disk.path) {
    if (!DISK_LINK.test(hint.deviceName)) return refuse(`The boot disk hint ${hint.deviceName} is not a /dev/disk/by-path or by-id link the node can check.`, disk);
    request.link = hint.deviceName;
  }
  return { ok: true, disk, device: hint.deviceName ?? stablePath(disk), target: disk.path, request };
}

/** Why this disk must not be written to, in words for the technician; undefined when it may. */
function blockingReason(disk: Disk, what: string): string | undefined {
  if (disk.type !== 'disk') return `${what} is a ${disk.type} device; the speed test only writes to a plain local disk.`;
  if (isPathDevice(disk)) return `${what} is one disk seen through several paths (multipath without a multipath device): writing to one path is not safe.`;
  if (!KERNEL_NAME.test(disk.name) || disk.path !== `/dev/${disk.name}`) return `The kernel name of ${what} is not one Sitekit hands to a shell.`;
  if (disk.readOnly) return `${what} is read-only.`;
  if (isMounted(disk)) return `${what} is mounted (${contents(disk).join('; ')}): it is in use, so Sitekit does not write to it.`;
  if (disk.holders.length) return `${what} has ${disk.holders.join(', ')} on top of it (LVM, RAID or multipath): it is in use, so Sitekit does not write to it.`;
  const found = contents(disk);
  if (disk.partitions.length || disk.fstype || disk.signatures.length) {
    return `${what} is not empty (${found.join('; ')}). The installation would erase it, but the speed test does not: wipe the disk yourself if its contents may go, then probe and test again.`;
  }
  if (contentsUnknown(disk) || disk.unknown?.includes('partitionTable')) {
    return `lsblk on the node did not say what is on ${what}, so Sitekit cannot tell that it is empty.`;
  }
  if (disk.sizeApproximate || disk.unknown?.includes('size')) return `The exact size of ${what} is not known, so the node could not confirm it is the same disk.`;
  if (disk.sizeBytes < DISK_SPEED_ZERO_BYTES) return `${what} is smaller than the ${DISK_SPEED_ZERO_MIB} MiB the test writes and zeroes.`;
  return undefined;
}
