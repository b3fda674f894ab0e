// Disk lookups shared by the checks and the proposals: root-device hints the way the
// installer applies them (every given hint must match), device paths through the
// /dev/disk links, what a wipe would destroy, and what is known (or not) about a disk, in
// the words the checks, the proposals, the Disks picture and the report all use.
import type { RootDeviceHint } from '../../site/schema';
import type { Disk } from '../inventory';
import { gb } from './context';

export function wholeDisks(disks: readonly Disk[]): Disk[] {
  return disks.filter((d) => d.type === 'disk' || d.type === 'mpath');
}

const trim = (s: string | undefined) => s?.trim().toLowerCase();
const wwnOf = (s: string | undefined) => trim(s)?.replace(/^0x/, '');

export function hasHints(hint: RootDeviceHint): boolean {
  return Object.values(hint).some((v) => v !== undefined);
}

export function matchesHint(disk: Disk, hint: RootDeviceHint): boolean {
  if (hint.deviceName !== undefined && !devicePaths(disk).includes(hint.deviceName)) return false;
  if (hint.serialNumber !== undefined && trim(disk.serial) !== trim(hint.serialNumber)) return false;
  if (hint.wwn !== undefined && wwnOf(disk.wwn) !== wwnOf(hint.wwn)) return false;
  if (hint.hctl !== undefined && disk.hctl !== hint.hctl) return false;
  if (hint.model !== undefined && trim(disk.model) !== trim(hint.model)) return false;
  if (hint.vendor !== undefined && trim(disk.vendor) !== trim(hint.vendor)) return false;
  // Ironic root device hints: size in GiB.
  if (hint.minSizeGigabytes !== undefined && disk.sizeBytes < hint.minSizeGigabytes * 1024 ** 3) return false;
  if (hint.rotational !== undefined && disk.rotational !== hint.rotational) return false;
  return true;
}

export function matchBootHint(disks: readonly Disk[], hint: RootDeviceHint): Disk[] {
  return wholeDisks(disks).filter((d) => matchesHint(d, hint));
}

export function devicePaths(disk: Disk): string[] {
  return [disk.path, ...disk.byPath, ...disk.byId];
}

export function findDevice(disks: readonly Disk[], path: string): Disk | undefined {
  return disks.find((d) => devicePaths(d).includes(path));
}

/** What is on the disk, e.g. `partition nvme2n1p1 (xfs, mounted on /var)`; empty when blank. */
export function contents(disk: Disk): string[] {
  const parts = disk.partitions.map((p) => {
    const details = [p.fstype, p.mountpoints.length ? `mounted on ${p.mountpoints.join(', ')}` : undefined].filter(Boolean);
    return `partition ${p.name}${details.length ? ` (${details.join(', ')})` : ''}`;
  });
  if (disk.fstype) parts.push(`${disk.fstype} on the whole disk${disk.mountpoints.length ? `, mounted on ${disk.mountpoints.join(', ')}` : ''}`);
  if (disk.holders.length) parts.push(`${disk.holders.join(', ')} on top of it`);
  const shown = new Set([disk.fstype, ...disk.partitions.map((p) => p.fstype)]);
  const more = disk.signatures.filter((s) => !shown.has(s));
  if (more.length) parts.push(`signatures ${more.join(', ')}`);
  return parts;
}

export function isMounted(disk: Disk): boolean {
  return disk.mountpoints.length > 0 || disk.partitions.some((p) => p.mountpoints.length > 0);
}

/** The most stable name of a disk for a plan: by-path, else by-id, else /dev/<name>. */
export function stablePath(disk: Disk): string {
  return disk.byPath.find((p) => !/-part\d+$/.test(p)) ?? preferredById(disk) ?? disk.path;
}

function preferredById(disk: Disk): string | undefined {
  const ids = disk.byId.filter((p) => !/-part\d+$/.test(p));
  return ids.find((p) => /\/wwn-/.test(p)) ?? ids.find((p) => /\/(nvme|ata|scsi)-/.test(p)) ?? ids[0];
}

export function kindOf(disk: Disk): 'nvme' | 'ssd' | 'hdd' | 'unknown' {
  if (disk.transport === 'nvme' || disk.name.startsWith('nvme')) return 'nvme';
  if (disk.rotational === true) return 'hdd';
  if (disk.rotational === false) return 'ssd';
  return 'unknown';
}

/** The bus a disk is on; an NVMe kernel name says it even when lsblk printed no TRAN. */
export const transportOf = (d: Disk): string | undefined => d.transport ?? (/^nvme\d+n\d+$/.test(d.name) ? 'nvme' : undefined);

/** Unknown is not "fixed": an unknown RM flag or transport leaves it open (a USB disk may have RM 0). */
export function removableUnknown(d: Disk): boolean {
  return d.removable !== true && (d.removable === undefined || transportOf(d) === undefined || !!d.unknown?.includes('removable'));
}

/** Known to be a fixed local disk: RM 0 and a known transport that is not USB, iSCSI or FC. */
export function knownFixed(d: Disk): boolean {
  return d.removable === false && !removableUnknown(d) && externalText(d) === undefined;
}

/** One LUN seen through several paths with no multipath device on top: every entry is a path. */
export const isPathDevice = (d: Disk): boolean => d.type !== 'mpath' && (d.multipathPaths?.length ?? 0) > 1;

/** The multipath device one of whose paths `path` names (/dev/sdb or a link of sdb). */
export function multipathOwner(disks: readonly Disk[], path: string): Disk | undefined {
  return disks.find((d) => d.type === 'mpath' && d.multipathPathLinks?.includes(path)) ??
    disks.find((d) => d.type === 'mpath' && d.multipathPaths?.some((p) => `/dev/${p}` === path));
}

/** "about 1.98 TB" when lsblk printed a rounded size ("1.8T"): never shown as exact. */
export const sizeText = (d: Pick<Disk, 'sizeBytes' | 'sizeApproximate'>): string => `${d.sizeApproximate ? 'about ' : ''}${gb(d.sizeBytes)}`;

const EXTERNAL: Record<string, string> = {
  usb: 'is attached over USB',
  iscsi: 'is an iSCSI LUN (storage over the network)',
  fc: 'is a Fibre Channel LUN (SAN storage)',
  fcoe: 'is an FCoE LUN (SAN storage)',
};

/** "is attached over USB" and the like for USB, iSCSI and FC disks; undefined for local ones. */
export function externalText(d: Disk): string | undefined {
  const t = transportOf(d);
  return t ? EXTERNAL[t] : undefined;
}

/** lsblk did not say what is on the disk (FSTYPE or MOUNTPOINT missing): never call it empty. */
export const contentsUnknown = (d: Disk): boolean => !!d.unknown?.includes('contents');
