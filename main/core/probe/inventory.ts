// What a probe learns about one node. Plain JSON data: stored in the site workspace, sent to the
// UI, read by the hardware checks. Every fact is optional because any section may be missing on
// a real node (tool absent, no root, garbage); what went wrong is in `problems`, never thrown.
import { z } from 'zod';
import { plantFactsSchema } from '../plant/types';
import type { HostKeyPins } from './ssh/types';

export const SECTION_STDOUT_LIMIT = 1024 * 1024; // per section, raw evidence kept in the inventory

export const problemSchema = z.object({
  section: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
});
export type Problem = z.infer<typeof problemSchema>;

export const sectionSchema = z.object({
  ok: z.boolean(),
  exitCode: z.int().optional(),
  /** Raw output, bounded: the evidence the facts were parsed from. */
  stdout: z.string(),
  stderr: z.string().optional(),
  error: z.string().optional(),
  truncated: z.boolean().optional(),
});
export type Section = z.infer<typeof sectionSchema>;

export const systemSchema = z.object({
  vendor: z.string().optional(),
  model: z.string().optional(),
  serial: z.string().optional(),
  uuid: z.string().optional(),
});
export type SystemFacts = z.infer<typeof systemSchema>;

export const cpuSchema = z.object({
  model: z.string().optional(),
  vendor: z.string().optional(),
  arch: z.string().optional(),
  sockets: z.int().optional(),
  /** Physical cores in total (sockets × cores per socket). */
  cores: z.int().optional(),
  /** Logical CPUs (threads) in total. */
  threads: z.int().optional(),
  flags: z.array(z.string()),
  /** 'VT-x' / 'AMD-V' as lscpu reports it. */
  virtualization: z.string().optional(),
});
export type CpuFacts = z.infer<typeof cpuSchema>;

export const memorySchema = z.object({
  totalBytes: z.number(),
  availableBytes: z.number().optional(),
});
export type MemoryFacts = z.infer<typeof memorySchema>;

export const addressSchema = z.object({
  family: z.enum(['inet', 'inet6']),
  address: z.string(),
  prefixLength: z.int(),
  scope: z.string().optional(),
  dynamic: z.boolean().optional(),
});
export type NicAddress = z.infer<typeof addressSchema>;

export const NIC_KINDS = ['physical', 'bond', 'vlan', 'bridge', 'virtual', 'loopback'] as const;
export type NicKind = (typeof NIC_KINDS)[number];

export const nicSchema = z.object({
  name: z.string(),
  /** Current MAC (lower case, colon separated); a bond member may show the bond's MAC. */
  mac: z.string().optional(),
  /** Burned-in MAC (ip `permaddr`); differs from `mac` on bond members. */
  permanentMac: z.string().optional(),
  driver: z.string().optional(),
  driverVersion: z.string().optional(),
  firmware: z.string().optional(),
  busInfo: z.string().optional(),
  /** Negotiated speed; absent when unknown. A down link may still report one (E810). */
  speedMbps: z.int().optional(),
  duplex: z.enum(['full', 'half', 'unknown']).optional(),
  link: z.enum(['up', 'down', 'unknown']),
  /** Physical carrier (cable/peer present), from ethtool "Link detected" or sysfs. */
  carrier: z.boolean().optional(),
  operState: z.string().optional(),
  mtu: z.int().optional(),
  maxMtu: z.int().optional(),
  kind: z.enum(NIC_KINDS),
  /** For bonds: member NIC names. */
  bondMembers: z.array(z.string()).optional(),
  bondMode: z.string().optional(),
  /** For bond members / bridge ports: the master's name. */
  master: z.string().optional(),
  /** For VLAN devices. */
  vlanId: z.int().optional(),
  parent: z.string().optional(),
  /** Bus the device hangs on (pci, usb, …) when ip reports it. */
  parentBus: z.string().optional(),
  addresses: z.array(addressSchema),
});
export type Nic = z.infer<typeof nicSchema>;

export const routeSchema = z.object({
  dst: z.string(),
  gateway: z.string().optional(),
  dev: z.string().optional(),
  protocol: z.string().optional(),
  metric: z.int().optional(),
});
export type Route = z.infer<typeof routeSchema>;

export const partitionSchema = z.object({
  name: z.string(),
  sizeBytes: z.number().optional(),
  /** sizeBytes comes from lsblk's rounded human form ("1.8T", lsblk without -b): approximate. */
  sizeApproximate: z.boolean().optional(),
  type: z.string().optional(),
  fstype: z.string().optional(),
  label: z.string().optional(),
  mountpoints: z.array(z.string()),
});
export type Partition = z.infer<typeof partitionSchema>;

/**
 * Disk facts lsblk did not give (column missing or null), so they are unknown, not false:
 * `removable` is unknown when the RM flag or the transport is unknown (a USB disk can have
 * RM 0); `contents` when FSTYPE or MOUNTPOINT was not printed (partitions may still be seen);
 * `partitionTable` when PTTYPE was not printed (an empty partition table would not show).
 */
export const DISK_UNKNOWN_FACTS = ['size', 'removable', 'rotational', 'transport', 'contents', 'partitionTable', 'serial', 'wwn'] as const;
export type DiskUnknownFact = (typeof DISK_UNKNOWN_FACTS)[number];

export const diskSchema = z.object({
  /** Kernel name, e.g. sda, nvme0n1. */
  name: z.string(),
  /** /dev/<name>. */
  path: z.string(),
  /** Full /dev/disk/by-path/… links pointing at this disk. */
  byPath: z.array(z.string()),
  /** Full /dev/disk/by-id/… links pointing at this disk. */
  byId: z.array(z.string()),
  sizeBytes: z.number(),
  /** sizeBytes comes from lsblk's rounded human form ("1.8T", lsblk without -b): approximate. */
  sizeApproximate: z.boolean().optional(),
  /** What lsblk did not say about this disk (see DISK_UNKNOWN_FACTS); absent when all is known. */
  unknown: z.array(z.enum(DISK_UNKNOWN_FACTS)).optional(),
  rotational: z.boolean().optional(),
  removable: z.boolean().optional(),
  readOnly: z.boolean().optional(),
  /** lsblk TYPE: disk, rom, loop, mpath, raid1, lvm, … */
  type: z.string(),
  /** sata, nvme, usb, sas, iscsi, … (lsblk TRAN). */
  transport: z.string().optional(),
  vendor: z.string().optional(),
  model: z.string().optional(),
  serial: z.string().optional(),
  wwn: z.string().optional(),
  hctl: z.string().optional(),
  /** Filesystem/signature on the whole disk (iso9660 on a live USB, LVM2_member, …). */
  fstype: z.string().optional(),
  partitions: z.array(partitionSchema),
  /** Devices stacked on top: LVM volumes, md RAID, multipath maps (names). */
  holders: z.array(z.string()),
  /** Signatures found anywhere on the disk (partition fstypes, LVM, RAID members). */
  signatures: z.array(z.string()),
  mountpoints: z.array(z.string()),
  /**
   * Multipath: the kernel devices that are paths to this one LUN (e.g. sdb, sdc). On a
   * multipath device (type mpath) they are its paths, which are not listed as disks of their
   * own. On a type disk entry, the LUN is seen through several paths with no multipath device
   * on top: this entry stands for all of them and none of them may be used directly.
   */
  multipathPaths: z.array(z.string()).optional(),
  /** /dev/<path> and the by-path/by-id links of those path devices (never to be planned). */
  multipathPathLinks: z.array(z.string()).optional(),
});
export type Disk = z.infer<typeof diskSchema>;

export const lldpVlanSchema = z.object({
  id: z.int(),
  name: z.string().optional(),
  pvid: z.boolean().optional(),
});

export const lldpNeighborSchema = z.object({
  /** Local interface that received the frame. */
  interface: z.string(),
  chassisName: z.string().optional(),
  chassisId: z.string().optional(),
  chassisDescr: z.string().optional(),
  portId: z.string().optional(),
  portDescr: z.string().optional(),
  vlans: z.array(lldpVlanSchema),
  /** Port VLAN id (untagged VLAN) when advertised. */
  pvid: z.int().optional(),
  mgmtIp: z.array(z.string()).optional(),
  ttl: z.int().optional(),
});
export type LldpNeighbor = z.infer<typeof lldpNeighborSchema>;

export const timeSchema = z.object({
  /** Node clock when the script ran (ms since epoch). */
  epochMs: z.number(),
  ntpSynced: z.boolean().optional(),
  /** chronyc tracking reference / timedatectl server. */
  reference: z.string().optional(),
  /** Offset to the reference, seconds (positive: node is fast). */
  offsetSeconds: z.number().optional(),
  chronySources: z
    .array(z.object({ state: z.string(), name: z.string(), stratum: z.int().optional(), selected: z.boolean() }))
    .optional(),
});
export type TimeFacts = z.infer<typeof timeSchema>;

export const dnsAnswerSchema = z.object({
  name: z.string(),
  addresses: z.array(z.string()),
});
export type DnsAnswer = z.infer<typeof dnsAnswerSchema>;

export const factsSchema = z.object({
  hostname: z.string().optional(),
  system: systemSchema.optional(),
  cpu: cpuSchema.optional(),
  memory: memorySchema.optional(),
  nics: z.array(nicSchema),
  routes: z.array(routeSchema).optional(),
  disks: z.array(diskSchema),
  lldp: z.array(lldpNeighborSchema),
  /** Whether lldpctl ran (false: lldpd not installed/running, so no neighbours is not evidence). */
  lldpAvailable: z.boolean().optional(),
  /** Why the neighbours could not be read when lldpAvailable is false (not installed, lldpd not
   *  running, output not JSON …). Not about single NICs: a NIC with no frame is in no list. */
  lldpProblem: z.string().optional(),
  time: timeSchema.optional(),
  dns: z.array(dnsAnswerSchema).optional(),
  kernel: z.string().optional(),
  os: z.string().optional(),
  /** Whether the script could use root (root or sudo -n). */
  privileged: z.boolean().optional(),
  /** The plant's services as the node saw them (script v2; core/plant). */
  plant: plantFactsSchema.optional(),
});
export type Facts = z.infer<typeof factsSchema>;

export const toolSchema = z.object({ name: z.string(), version: z.string() });

export const INVENTORY_VERSION = 1;

export const nodeInventorySchema = z.object({
  inventoryVersion: z.literal(INVENTORY_VERSION),
  /** Plan hostname of the node (site.yaml nodes[].hostname). */
  node: z.string(),
  collectedAt: z.string(),
  source: z.enum(['ssh', 'import']),
  /** Version of the collection script that produced the capture. */
  scriptVersion: z.string().optional(),
  tools: z.array(toolSchema),
  hostKeyFingerprint: z.string().optional(),
  facts: factsSchema,
  sections: z.record(z.string(), sectionSchema),
  problems: z.array(problemSchema),
});
export type NodeInventory = z.infer<typeof nodeInventorySchema>;

export const PROBE_STATUSES = [
  'ok',
  'unreachable',
  'auth-failed',
  'host-key-changed',
  'host-key-unknown',
  'timeout',
  'error',
] as const;
export type ProbeStatus = (typeof PROBE_STATUSES)[number];

export interface ProbeResult {
  /** Plan hostname. */
  node: string;
  status: ProbeStatus;
  /** Plain words for the user; never contains a secret. */
  message: string;
  inventory?: NodeInventory;
  /** Host key fingerprint the node presented (SHA256:…), when the handshake got that far. */
  fingerprint?: string;
  /** For host-key-changed: the pinned fingerprint. */
  pinnedFingerprint?: string;
  /** Host key algorithm (ssh-ed25519, …) when known. */
  algorithm?: string;
  /** Host keys seen for the first time and accepted (acceptNewHostKeys): node name, or
   *  `jump:<host>:<port>` for the jump host. The caller stores them (store.ts mergePins). */
  newPins?: HostKeyPins;
  durationMs?: number;
}

export function emptyFacts(): Facts {
  return { nics: [], disks: [], lldp: [] };
}
