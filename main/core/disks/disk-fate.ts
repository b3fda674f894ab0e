// What happens to each disk of a node when the site comes up, in the one set of words the
// hardware checks, the report and the wizard's Disks picture all use (so they cannot drift).
//
// What the real tools do, and so what the words must say:
// * Boot disk: the installer writes RHCOS over it.
// * Every other local disk with a partition table (MBR or the protective MBR of GPT) gets its
//   first sector zeroed by the agent-based installer so the server cannot boot from it:
//   openshift/assisted-service internal/common/disk_formatting.go GetDisksToBeFormatted
//   (bootable, not removable, not FC/iSCSI/LVM/multipath, not the install medium),
//   openshift/assisted-installer-agent src/inventory/disks.go getBootable (`file -s` says
//   "DOS/MBR boot sector"), openshift/assisted-installer src/ops/ops.go FormatDisk (dd of 512
//   bytes). Without that sector the kernel no longer sees the partitions.
// * ODF devices: the Local Storage Operator (LocalVolume) makes a PV of each listed device. With
//   forceWipeDevicesAndDestroyAllData it runs `wipefs -a -f` once, when it first claims the
//   device; without it nothing is wiped and nothing is checked (openshift/local-storage-operator
//   pkg/diskmaker/controllers/lv/reconcile.go createSymlink, commit 0fc5ee54). A device that still
//   shows partitions is skipped either way (same file, ignoreDevices → HasChildren). Rook then
//   refuses a device with a file system or LVM signature ("skipping device … because it contains
//   a filesystem", rook/rook pkg/daemon/ceph/osd/daemon.go getAvailableDevices): no OSD.
// So an ODF device that holds something is only safe to give ODF once the technician has
// acknowledged the wipe (nodes[].disks.wipe), and then the bundle wipes exactly it.
import type { Disk } from '../probe/inventory';
import { list } from '../probe/checks/context';
import { contents, contentsUnknown, transportOf } from '../probe/checks/disk-match';

export type DiskFateKind =
  /** Boot disk: RHCOS is written over it. */
  | 'os'
  /** ODF device found empty: given to ODF as it is. */
  | 'odf-empty'
  /** ODF device the technician acknowledged: the Local Storage Operator wipes it. */
  | 'odf-wipe'
  /** ODF device that holds something, not acknowledged: no OSD until the wipe is acknowledged. */
  | 'odf-held'
  /** ODF device whose contents lsblk did not report, not acknowledged. */
  | 'odf-unknown'
  /** ODF device of a node not probed yet, not acknowledged: contents unknown until discovery. */
  | 'odf-planned'
  /** A disk the plan does not use, whose partition table the installer clears. */
  | 'table-cleared'
  /** A disk the plan does not use and nothing touches. */
  | 'untouched';

export interface DiskFate {
  kind: DiskFateKind;
  /** What happens to the disk, one short line. */
  text: string;
  /** wipe: what is on it is destroyed; keep: nothing is lost; held: the plan must change first; unknown: depends on what is on it. */
  tone: 'wipe' | 'keep' | 'held' | 'unknown';
  /** What is on the disk now (discovery), e.g. `partition sdb1 (xfs)`; empty when blank or unknown. */
  evidence: string[];
  /** Data on it is destroyed at install or when ODF takes it. */
  destroys: boolean;
  /** A second line when the installer also acts on the disk, or the wipe cannot reach it. */
  note?: string;
}

/** What discovery saw on a disk: partitions, file systems, LVM and other signatures. */
export function evidenceOf(disk: Disk): string[] {
  return contents(disk);
}

/** `partition sdb1 (xfs) and LVM2_member on the whole disk`: the evidence in one phrase. */
export function evidenceText(evidence: readonly string[]): string {
  return list(evidence);
}

const hasPartitionTable = (d: Disk): boolean => d.partitions.length > 0 || d.signatures.some((s) => s.startsWith('partition table'));
const SKIPPED_TRANSPORTS = new Set(['fc', 'fcoe', 'iscsi']);

/**
 * The agent-based installer zeroes the first sector (the partition table) of this disk: it has
 * a partition table and is a fixed local disk that is not multipath (GetDisksToBeFormatted).
 */
export function installerClearsPartitionTable(d: Disk): boolean {
  const transport = transportOf(d);
  return hasPartitionTable(d) && d.removable !== true && d.type !== 'mpath' && !(transport && SKIPPED_TRANSPORTS.has(transport));
}

/** The Local Storage Operator skips a device that still has partitions, wipe or not (ignoreDevices). */
export function lsoSkipsPartitions(d: Disk): boolean {
  return d.partitions.length > 0 && !installerClearsPartitionTable(d);
}

const TABLE_NOTE = 'The installer also zeroes its first sector (the partition table) at install, acknowledged or not.';
const SKIP_NOTE = 'The Local Storage Operator skips a disk that still has partitions, even with the wipe: clear it on the node before install.';

export function bootFate(disk?: Disk): DiskFate {
  const evidence = disk ? evidenceOf(disk) : [];
  return { kind: 'os', text: 'Will be wiped: RHCOS is installed here', tone: 'wipe', evidence, destroys: true };
}

export interface OdfFateInput {
  /** The disk discovery found under the planned path; undefined when the node is not probed. */
  disk?: Disk;
  /** The planned path is in the node's `disks.wipe`. */
  acknowledged: boolean;
}

export function odfFate({ disk, acknowledged }: OdfFateInput): DiskFate {
  if (!disk) {
    return acknowledged
      ? { kind: 'odf-wipe', text: 'Will be wiped by the Local Storage Operator (wipe acknowledged)', tone: 'wipe', evidence: [], destroys: true }
      : { kind: 'odf-planned', text: 'Given to ODF; what is on it shows after discovery', tone: 'unknown', evidence: [], destroys: false };
  }
  const evidence = evidenceOf(disk);
  const note = lsoSkipsPartitions(disk) ? SKIP_NOTE : installerClearsPartitionTable(disk) ? TABLE_NOTE : undefined;
  const withNote = note ? { note } : {};
  if (evidence.length === 0 && !contentsUnknown(disk)) {
    return { kind: 'odf-empty', text: 'Given to ODF (empty)', tone: 'keep', evidence, destroys: false };
  }
  if (acknowledged) {
    const lost = evidence.length > 0 ? `${evidenceText(evidence)} lost` : 'whatever is on it is lost (contents unknown)';
    return { kind: 'odf-wipe', text: `Will be wiped by the Local Storage Operator: ${lost}`, tone: 'wipe', evidence, destroys: true, ...withNote };
  }
  if (evidence.length === 0) {
    return {
      kind: 'odf-unknown',
      text: 'Given to ODF; what is on it is unknown (lsblk did not say): if it holds data, ODF gets no OSD on it',
      tone: 'unknown',
      evidence,
      destroys: false,
    };
  }
  return {
    kind: 'odf-held',
    text: `Holds ${evidenceText(evidence)}: ODF cannot use it until you acknowledge the wipe`,
    tone: 'held',
    evidence,
    destroys: installerClearsPartitionTable(disk),
    ...withNote,
  };
}

/** A disk the plan does not name. */
export function otherFate(disk: Disk): DiskFate {
  const evidence = evidenceOf(disk);
  if (installerClearsPartitionTable(disk)) {
    return {
      kind: 'table-cleared',
      text: 'Partition table cleared by the installer; otherwise untouched',
      tone: 'wipe',
      evidence,
      destroys: true,
      note: 'The installer zeroes the first sector of every local disk with a partition table, so the server boots from the OS disk only: the partitions are gone.',
    };
  }
  return { kind: 'untouched', text: 'Left untouched', tone: 'keep', evidence, destroys: false };
}
