// The disk picture as plain data, the one model the wizard's Disks step (renderer/src/pictures/
// DiskLayout.tsx) and the report's disk section (core/report/sections/disks.ts) both draw: per
// node every disk (from discovery when there is one, else only the planned ones), its role (boot,
// ODF, untouched), what happens to it (the fate, in the words of ./disk-fate.ts), the findings
// about it, and the ODF capacity.
// The matching rules are the hardware checks' own (core/probe/checks/disk-match.ts), so the
// picture, the report and the findings never disagree about which disk a hint or a by-path
// link names.
import { diskPath, gb, list } from '../probe/checks/context';
import { contents, contentsUnknown, externalText, findDevice, hasHints, isMounted, kindOf, matchBootHint, removableUnknown, wholeDisks } from '../probe/checks/disk-match';
import type { Disk, NodeInventory } from '../probe/inventory';
import { effectiveDisks, wipeDevices } from '../site/model';
import type { Site, SiteNode } from '../site/schema';
import type { Finding, Severity } from '../validation/finding';
import { pointer, pointerSegments } from '../validation/step';
import { bootFate, odfFate, otherFate, type DiskFate } from './disk-fate';
import { hintText } from './hint-text';

/** What the picture reads of a node's discovery: the wizard's inventory view or the report's whole inventory. */
export type DiskInventory = Pick<NodeInventory, 'node' | 'collectedAt' | 'facts'>;

/**
 * Ceph pool size. ODF keeps 3 copies in a three-node site whatever the device-set `replica`
 * says: with failure domain host and flexible scaling the device set has replica 1, yet the
 * pools stay 3-way across hosts (ocs-operator `getCephPoolReplicatedSize`; manifests.md §3.2).
 */
export const CEPH_COPIES = 3;
/** ODF raises a "nearly full" alert at 75 % (and turns read-only at 85 %). */
export const NEARLY_FULL = 0.75;

export type DiskRole = 'boot' | 'odf' | 'untouched';
/**
 * found: the planned disk is on the probed node (or an unplanned disk, for role untouched);
 * planned: the node has not been probed, the plan is all there is (size unknown);
 * missing: the plan names a disk the probed node does not have;
 * duplicate: the plan names a disk already shown under another role or entry;
 * unset: no boot disk hint yet.
 */
export type DiskStatus = 'found' | 'planned' | 'missing' | 'duplicate' | 'unset';
export type DiskKind = ReturnType<typeof kindOf>;

export interface DiskPicture {
  /** Unique within the node. */
  key: string;
  role: DiskRole;
  status: DiskStatus;
  /** `Boot (OS)`, `ODF 3`, `Not in the plan`. */
  label: string;
  /** ODF entry number (0-based) in the node's effective ODF list. */
  odfIndex?: number;
  /** What the plan says: the ODF device path or the boot hint in words. */
  planned?: string;
  /** JSON pointer of the plan field to edit (the node's override when it has one). */
  field?: string;
  disk?: Disk;
  sizeBytes?: number;
  kind?: DiskKind;
  /** What happens to the disk (shared words: ./disk-fate.ts). */
  fate: DiskFate;
  /** ODF device listed in the node's `disks.wipe`. */
  acknowledged?: boolean;
  /** JSON pointer of the node's wipe acknowledgement list (ODF devices only). */
  wipeField?: string;
  /** The installer or the Local Storage Operator destroys what is on this disk. */
  wiped: boolean;
  /** What is on the disk now (partitions, filesystems, LVM…). */
  contents: string[];
  mounted: boolean;
  /** Short remarks: ambiguous hint, removable, the same disk listed twice… */
  notes: string[];
  findings: Finding[];
  /** Worst severity of `findings`. */
  severity?: Severity;
}

export interface NodeDisks {
  hostname: string;
  index: number;
  probed: boolean;
  collectedAt?: string;
  pictures: DiskPicture[];
  /** Findings about the node's disk selection as a whole (not one disk). */
  findings: Finding[];
  /** Planned ODF devices. */
  odfPlanned: number;
  /** ODF devices found on the node (distinct, not the boot disk). */
  odfFound: number;
  /** Bytes of those devices; undefined when not probed. */
  odfBytes?: number;
}

export interface NodeCapacity {
  hostname: string;
  bytes?: number;
  devices: number;
}

export interface OdfCapacity {
  enabled: boolean;
  copies: number;
  failureDomain: string;
  perNode: NodeCapacity[];
  /** Every node probed: raw and usable are known. */
  complete: boolean;
  raw?: number;
  /** raw / copies: what the nodes give when they are equal. */
  evenShare?: number;
  /** What Ceph can store: one copy per node, so the smallest node decides. */
  usable?: number;
  /** Nodes differ in raw ODF capacity. */
  differ: boolean;
  smallest?: string;
}

export interface DiskLayoutModel {
  nodes: NodeDisks[];
  capacity: OdfCapacity;
  /** Largest disk size over all nodes: the full width of a bar. */
  largestBytes: number;
  /** Findings about the shared disk layout as a whole (e.g. ODF sizes differ between nodes). */
  findings: Finding[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])[0]?.severity;
}

/** Decimal units, the way disk vendors label them: 480 GB, 3.84 TB. */
export const vendorSize = gb;

/** Binary units, the way Ceph and the ODF console report capacity: 20.95 TiB, 447 GiB. */
export function cephSize(bytes: number): string {
  const tib = bytes / 1024 ** 4;
  if (tib >= 1) return `${tib.toFixed(2)} TiB`;
  const gib = bytes / 1024 ** 3;
  return `${gib >= 100 ? gib.toFixed(0) : gib.toFixed(1)} GiB`;
}

/** `/dev/disk/by-path/pci-0000:5e:00.0-nvme-1` → `by-path pci-0000:5e:00.0-nvme-1`. */
export function shortDevice(path: string): string {
  const m = /^\/dev\/disk\/(by-[a-z]+)\/(.+)$/.exec(path);
  return m ? `${m[1]} ${m[2]}` : path;
}

const KIND_TEXT: Record<DiskKind, string> = { nvme: 'NVMe', ssd: 'SSD', hdd: 'HDD (rotational)', unknown: '' };
export const kindText = (kind: DiskKind | undefined) => (kind ? KIND_TEXT[kind] : '');

type PictureInput = Omit<DiskPicture, 'contents' | 'mounted' | 'notes' | 'findings' | 'kind' | 'sizeBytes' | 'fate' | 'wiped'> & {
  notes?: string[];
  /** Set for a disk the plan cannot use as it is (missing, listed twice, no hint): nothing happens to it. */
  wiped?: false;
};

function fateOf(p: PictureInput): DiskFate {
  if (p.role === 'boot') return bootFate(p.disk);
  if (p.role === 'odf') return odfFate({ ...(p.disk ? { disk: p.disk } : {}), acknowledged: p.acknowledged === true });
  return p.disk ? otherFate(p.disk) : { kind: 'untouched', text: 'Left untouched', tone: 'keep', evidence: [], destroys: false };
}

function picture(p: PictureInput): DiskPicture {
  const d = p.disk;
  const fate = fateOf(p);
  return {
    ...p,
    fate,
    wiped: p.wiped ?? fate.destroys,
    notes: p.notes ?? [],
    contents: d ? contents(d) : [],
    mounted: d ? isMounted(d) : false,
    findings: [],
    ...(d ? { sizeBytes: d.sizeBytes, kind: kindOf(d) } : {}),
  };
}

function nodePictures(site: Site, node: SiteNode, index: number, inv: DiskInventory | undefined): NodeDisks {
  const sel = effectiveDisks(site, node);
  const at = { node, index };
  const pictures: DiskPicture[] = [];
  const owner = new Map<Disk, DiskPicture>();
  const odf = site.odf.enabled ? sel.odf : [];

  // Boot disk: the installer writes RHCOS on the disk the hints pick.
  const bootField = pointerOf(at, 'boot', sel.boot.deviceName !== undefined ? 'deviceName' : undefined);
  if (!hasHints(sel.boot)) {
    pictures.push(picture({ key: 'boot', role: 'boot', status: 'unset', label: 'Boot (OS)', field: pointerOf(at, 'boot'), wiped: false }));
  } else {
    const planned = sel.boot.deviceName !== undefined && Object.keys(sel.boot).length === 1 ? sel.boot.deviceName : hintText(sel.boot);
    const matches = inv ? matchBootHint(inv.facts.disks, sel.boot) : [];
    if (!inv) pictures.push(picture({ key: 'boot', role: 'boot', status: 'planned', label: 'Boot (OS)', planned, field: bootField }));
    else if (matches.length === 0) pictures.push(picture({ key: 'boot', role: 'boot', status: 'missing', label: 'Boot (OS)', planned, field: bootField, wiped: false }));
    else {
      matches.forEach((disk) => {
        const p = picture({
          key: `boot-${disk.name}`,
          role: 'boot',
          status: 'found',
          label: 'Boot (OS)',
          planned,
          field: bootField,
          disk,
          notes: matches.length > 1 ? [`The hint matches ${matches.length} disks (${list(matches.map((d) => d.name))}): make it pick one.`] : [],
        });
        owner.set(disk, p);
        pictures.push(p);
      });
    }
  }

  // ODF devices, in plan order: given to Ceph, wiped by the Local Storage Operator when acknowledged.
  const wipe = wipeDevices(node);
  const wipeField = pointerOf(at, 'wipe');
  let odfFound = 0;
  let odfBytes = inv ? 0 : undefined;
  odf.forEach((path, k) => {
    const base = { key: `odf-${k}`, role: 'odf' as const, label: `ODF ${k + 1}`, odfIndex: k, planned: path, field: pointerOf(at, 'odf', k), acknowledged: wipe.includes(path), wipeField };
    if (!inv) return pictures.push(picture({ ...base, status: 'planned' }));
    const disk = findDevice(inv.facts.disks, path);
    if (!disk) return pictures.push(picture({ ...base, status: 'missing', wiped: false }));
    const first = owner.get(disk);
    if (first) {
      const same = first.role === 'boot' ? 'the boot disk' : first.label;
      first.notes.push(`Also listed as ${base.label}.`);
      return pictures.push(picture({ ...base, status: 'duplicate', disk, wiped: false, notes: [`${disk.name} is ${same}: ODF needs a disk of its own.`] }));
    }
    const p = picture({ ...base, status: 'found', disk });
    owner.set(disk, p);
    odfFound += 1;
    if (odfBytes !== undefined) odfBytes += disk.sizeBytes;
    pictures.push(p);
  });

  // Every other disk the node has: left alone.
  if (inv) {
    for (const disk of wholeDisks(inv.facts.disks)) {
      if (owner.has(disk)) continue;
      pictures.push(picture({ key: `other-${disk.name}`, role: 'untouched', status: 'found', label: 'Not in the plan', disk }));
    }
  }
  for (const p of pictures) {
    if (!p.disk) continue;
    if (p.disk.removable) p.notes.push('Removable (USB or card)');
    else if (removableUnknown(p.disk)) p.notes.push('Removable: unknown');
    const external = externalText(p.disk);
    if (external) p.notes.push(`It ${external}`);
    if (p.disk.type === 'mpath') p.notes.push(`Multipath device over ${list(p.disk.multipathPaths ?? [])}`);
    // Boot and ODF disks get a finding that says so; an untouched disk only this note.
    if (p.role === 'untouched' && p.contents.length === 0 && contentsUnknown(p.disk)) p.notes.push('Contents unknown: lsblk did not say what is on it');
    if (p.disk.readOnly) p.notes.push('Read-only');
  }
  return {
    hostname: node.hostname,
    index,
    probed: inv !== undefined,
    ...(inv ? { collectedAt: inv.collectedAt } : {}),
    pictures,
    findings: [],
    odfPlanned: odf.length,
    odfFound,
    ...(odfBytes !== undefined ? { odfBytes } : {}),
  };
}

function pointerOf(at: { node: SiteNode; index: number }, part: 'boot' | 'odf' | 'wipe', ...rest: (string | number | undefined)[]): string {
  // The wipe acknowledgement exists per node only (there is no shared one).
  if (part === 'wipe') return pointer('nodes', at.index, 'disks', 'wipe');
  return diskPath(at, part, ...rest.filter((s): s is string | number => s !== undefined));
}

/**
 * Where a finding about disks lands: on one disk, on a node's selection, or on the shared layout.
 * `/nodes/N/disks/…` is node N's own; `/layout/disks/…` concerns every node that uses the shared
 * layout for that part — unless the message names one node (the hardware checks start their
 * messages with the hostname), then only that node.
 */
function placeFindings(site: Site, nodes: NodeDisks[], findings: readonly Finding[]): Finding[] {
  const shared: Finding[] = [];
  for (const f of findings) {
    const segs = pointerSegments(f.path);
    let targets: NodeDisks[];
    let part: string | undefined;
    let rest: string | undefined;
    if (segs[0] === 'nodes' && segs[2] === 'disks') {
      targets = nodes.filter((n) => String(n.index) === segs[1]);
      [part, rest] = [segs[3], segs[4]];
    } else if (segs[0] === 'layout' && segs[1] === 'disks') {
      [part, rest] = [segs[2], segs[3]];
      const named = nodes.find((n) => f.message.startsWith(`${n.hostname}:`) || f.message.startsWith(`${n.hostname} `));
      targets = nodes.filter((n) => {
        const own = site.nodes[n.index]?.disks;
        const overridden = part === 'boot' || part === 'odf' ? own?.[part] !== undefined : own?.boot !== undefined && own?.odf !== undefined;
        return !overridden && (!named || named === n);
      });
      if (!named && (rest === undefined || part === undefined)) {
        if (targets.length > 0) shared.push(f);
        continue;
      }
    } else continue;
    for (const n of targets) {
      // A finding on a wipe entry belongs to the ODF device it names.
      const wiped = part === 'wipe' && rest !== undefined ? site.nodes[n.index]?.disks?.wipe?.[Number(rest)] : undefined;
      const hit =
        part === 'boot'
          ? n.pictures.filter((p) => p.role === 'boot')
          : part === 'odf' && rest !== undefined
            ? n.pictures.filter((p) => p.odfIndex !== undefined && String(p.odfIndex) === rest)
            : wiped !== undefined
              ? n.pictures.filter((p) => p.role === 'odf' && p.planned === wiped)
              : [];
      if (hit.length === 0) n.findings.push(f);
      for (const p of hit) p.findings.push(f);
    }
  }
  for (const n of nodes) for (const p of n.pictures) {
    const s = worstSeverity(p.findings);
    if (s) p.severity = s;
  }
  return shared;
}

function capacityOf(site: Site, nodes: readonly NodeDisks[]): OdfCapacity {
  const perNode = nodes.map((n) => ({ hostname: n.hostname, devices: n.odfFound, ...(n.odfBytes !== undefined ? { bytes: n.odfBytes } : {}) }));
  const base = { enabled: site.odf.enabled, copies: CEPH_COPIES, failureDomain: site.odf.failureDomain ?? 'host', perNode, differ: false };
  const known = perNode.map((n) => n.bytes);
  if (!site.odf.enabled || nodes.length === 0 || known.some((b) => b === undefined)) return { ...base, complete: false };
  const bytes = known as number[];
  const raw = bytes.reduce((a, b) => a + b, 0);
  const evenShare = raw / CEPH_COPIES;
  // One copy per failure domain: with three nodes every node holds a full copy, so the
  // smallest node is the limit (equal to raw / 3 when the nodes are alike).
  const min = Math.min(...bytes);
  const usable = nodes.length <= CEPH_COPIES ? (nodes.length < CEPH_COPIES ? 0 : min) : evenShare;
  const differ = bytes.some((b) => b !== bytes[0]);
  const smallest = perNode[bytes.indexOf(min)]!.hostname;
  return { ...base, complete: true, raw, evenShare, usable, differ, ...(differ ? { smallest } : {}) };
}

export function diskLayoutModel(site: Site, inventories: readonly DiskInventory[], findings: readonly Finding[]): DiskLayoutModel {
  const nodes = site.nodes.map((node, index) =>
    nodePictures(site, node, index, inventories.find((inv) => inv.node === node.hostname)),
  );
  const shared = placeFindings(site, nodes, findings);
  const sizes = nodes.flatMap((n) => n.pictures.map((p) => p.sizeBytes ?? 0));
  return { nodes, capacity: capacityOf(site, nodes), largestBytes: Math.max(0, ...sizes), findings: shared };
}

/** Bar width in percent of the largest disk; unknown sizes get a full, hatched bar. */
export function barWidth(sizeBytes: number | undefined, largest: number): number {
  if (sizeBytes === undefined || largest <= 0) return 100;
  return Math.max(4, Math.round((sizeBytes / largest) * 1000) / 10);
}
