// `lsblk -J -b -O` (or explicit columns). Quirks handled: booleans as strings ("rm":"0") on
// old versions, null everywhere, human sizes when -b was not honoured (kept, marked
// approximate), columns left out (old util-linux, `-o` by hand: RM, ROTA, TRAN, SERIAL …
// become unknown, never false), model/serial padded with spaces, vendor "ATA     ",
// `mountpoints: [null]`, `kname` without `name`, multipath maps repeated under every path disk
// (one LUN is one device: the map, with its paths listed on it), md arrays repeated under every
// member, iso9660 on a whole live-USB disk.
import type { Disk, DiskUnknownFact, Partition } from '../inventory';
import { bool, bytes, fail, isHumanSize, isRecord, ok, parseJson, str, type Parsed, type ParseProblem } from './util';

type Rec = Record<string, unknown>;

const NOT_DISKS = /^(loop|zram|ram|nbd|fd)\d/;

export interface DiskLinks {
  byPath: Map<string, string[]>;
  byId: Map<string, string[]>;
}

function mountpoints(node: Rec): string[] {
  const list = Array.isArray(node['mountpoints']) ? node['mountpoints'] : [node['mountpoint']];
  return list.map(str).filter((m): m is string => m !== undefined);
}

function nameOf(node: Rec): string | undefined {
  return str(node['kname']) ?? str(node['name']);
}

function childrenOf(node: Rec | undefined): Rec[] {
  const children = node?.['children'];
  return Array.isArray(children) ? children.filter(isRecord) : [];
}

/** Every key printed anywhere: a column lsblk was not asked for (or does not know) is absent. */
function columnsOf(nodes: readonly unknown[], into = new Set<string>()): Set<string> {
  for (const node of nodes) {
    if (!isRecord(node)) continue;
    for (const key of Object.keys(node)) into.add(key);
    if (Array.isArray(node['children'])) columnsOf(node['children'], into);
  }
  return into;
}

const isWhole = (d: Disk): boolean => d.type === 'disk' || d.type === 'mpath';

/**
 * Disks from lsblk JSON. `links` (the disk-links section) are attached to the disks and used to
 * learn a transport lsblk did not print (a by-path link names usb, ata, sas, fc, iscsi, nvme).
 */
export function parseLsblk(text: string, links?: DiskLinks): Parsed<Disk[]> {
  const { data, problem } = parseJson(text, 'lsblk');
  if (problem) return { problems: [problem] };
  if (!isRecord(data) || !Array.isArray(data['blockdevices'])) return fail('lsblk JSON has no "blockdevices" list');
  const columns = columnsOf(data['blockdevices']);
  const problems: ParseProblem[] = [];
  let disks: Disk[] = [];
  const raw = new Map<Disk, Rec>();
  let human: { size: string; name: string } | undefined;
  for (const node of data['blockdevices']) {
    if (!isRecord(node)) continue;
    const name = nameOf(node);
    const type = str(node['type']) ?? 'unknown';
    if (!name || type === 'loop' || NOT_DISKS.test(name)) continue;
    if (type === 'part') {
      // Without the tree (KNAME list output) partitions are top-level rows after their disk.
      const parent = disks.findLast((d) => name.startsWith(d.name) && name !== d.name);
      if (parent) addFlatPartition(parent, node, name);
      continue;
    }
    const size = bytes(node['size']);
    if (size === undefined) {
      problems.push({ severity: 'warning', message: `lsblk gave no size for ${name}` });
    }
    const disk: Disk = {
      name,
      path: str(node['path']) ?? `/dev/${name}`,
      byPath: [],
      byId: [],
      sizeBytes: size ?? 0,
      type,
      partitions: [],
      holders: [],
      signatures: [],
      mountpoints: mountpoints(node),
    };
    if (isHumanSize(node['size'])) {
      disk.sizeApproximate = true;
      human ??= { size: String(node['size']).trim(), name };
    }
    readDeviceFacts(disk, node);
    collectChildren(node, disk);
    disks.push(disk);
    raw.set(disk, node);
  }
  disks = foldMultipath(disks, raw, problems);
  disks = foldSameLun(disks, problems);
  if (links) attachLinks(disks, links);
  for (const disk of disks) {
    inferTransport(disk, links);
    const unknown = unknownFacts(disk, raw.get(disk) ?? {}, columns);
    if (unknown.length) disk.unknown = unknown;
    else delete disk.unknown;
  }
  if (human) {
    problems.push({
      severity: 'warning',
      message:
        `lsblk printed rounded sizes (e.g. "${human.size}" for ${human.name}): it ran without -b, so the disk sizes are approximate ` +
        '(good to about half of the last digit shown) and are marked as such. Run `lsblk -J -b -O` on the node for exact sizes in bytes.',
    });
  }
  const unknownProblem = describeUnknown(disks, columns);
  if (unknownProblem) problems.push(unknownProblem);
  if (!disks.some(isWhole)) {
    problems.push({ severity: 'warning', message: 'lsblk listed no disk at all (only loop, ROM or RAM devices): the disks of this node are unknown.' });
  }
  return ok(disks, problems);
}

/** RM, ROTA, RO, TRAN, vendor, model, serial, WWN, HCTL, FSTYPE, PTTYPE of one device row. */
function readDeviceFacts(disk: Disk, node: Rec): void {
  const set = <K extends keyof Disk>(key: K, value: Disk[K] | undefined): void => {
    if (value !== undefined) disk[key] = value;
  };
  set('rotational', bool(node['rota']));
  set('removable', bool(node['rm']) ?? bool(node['hotplug']));
  set('readOnly', bool(node['ro']));
  set('transport', str(node['tran'])?.toLowerCase());
  set('vendor', str(node['vendor']));
  set('model', str(node['model']));
  set('serial', str(node['serial']));
  set('wwn', str(node['wwn']));
  set('hctl', str(node['hctl']));
  set('fstype', str(node['fstype']));
  if (disk.fstype) disk.signatures.push(disk.fstype);
  const pttype = str(node['pttype']);
  if (pttype) disk.signatures.push(`partition table (${pttype})`);
}

function addFlatPartition(disk: Disk, node: Rec, name: string): void {
  const part: Partition = { name, type: 'part', mountpoints: mountpoints(node) };
  const size = bytes(node['size']);
  if (size !== undefined) part.sizeBytes = size;
  if (isHumanSize(node['size'])) part.sizeApproximate = true;
  const fstype = str(node['fstype']);
  if (fstype) {
    part.fstype = fstype;
    if (!disk.signatures.includes(fstype)) disk.signatures.push(fstype);
  }
  disk.partitions.push(part);
}

function collectChildren(node: Rec, disk: Disk): void {
  const seenParts = new Set<string>();
  const holders = new Set<string>();
  const signatures = new Set(disk.signatures);
  const walk = (children: unknown, depth: number): void => {
    if (!Array.isArray(children)) return;
    for (const child of children) {
      if (!isRecord(child)) continue;
      const name = nameOf(child);
      if (!name) continue;
      const type = str(child['type']) ?? 'unknown';
      const fstype = str(child['fstype']);
      if (fstype) signatures.add(fstype);
      if (type === 'part' && depth === 0 && !seenParts.has(name)) {
        seenParts.add(name);
        const part: Partition = { name, mountpoints: mountpoints(child) };
        const size = bytes(child['size']);
        if (size !== undefined) part.sizeBytes = size;
        if (isHumanSize(child['size'])) part.sizeApproximate = true;
        part.type = type;
        if (fstype) part.fstype = fstype;
        const label = str(child['label']) ?? str(child['partlabel']);
        if (label) part.label = label;
        disk.partitions.push(part);
      } else if (type !== 'part') {
        // lvm, raid*, mpath, crypt: what sits on this disk; lsblk repeats it under every member.
        holders.add(str(child['name']) ?? name);
        for (const m of mountpoints(child)) if (!disk.mountpoints.includes(m)) disk.mountpoints.push(m);
      }
      walk(child['children'], depth + 1);
    }
  };
  walk(node['children'], 0);
  disk.holders = [...holders];
  disk.signatures = [...signatures];
}

/**
 * dm-multipath: lsblk shows the map (type mpath) under every path disk. One LUN is one device:
 * the map becomes the disk (with what is on it), its path disks are listed on it and dropped.
 */
function foldMultipath(disks: Disk[], raw: Map<Disk, Rec>, problems: ParseProblem[]): Disk[] {
  const maps = new Map<string, { node: Rec; paths: Disk[] }>();
  for (const disk of disks) {
    for (const child of childrenOf(raw.get(disk))) {
      if (str(child['type']) !== 'mpath') continue;
      const key = str(child['name']) ?? nameOf(child);
      if (!key) continue;
      const entry = maps.get(key) ?? { node: child, paths: [] };
      if (!entry.paths.includes(disk)) entry.paths.push(disk);
      maps.set(key, entry);
    }
  }
  if (maps.size === 0) return disks;
  const replaced = new Map<Disk, Disk | undefined>();
  for (const [key, { node, paths }] of maps) {
    const first = paths[0]!;
    const name = nameOf(node) ?? key;
    const size = bytes(node['size']);
    const map: Disk = {
      name,
      path: str(node['path']) ?? `/dev/mapper/${str(node['name']) ?? key}`,
      byPath: [],
      byId: [],
      sizeBytes: size ?? first.sizeBytes,
      type: 'mpath',
      partitions: [],
      holders: [],
      signatures: [],
      mountpoints: mountpoints(node),
      multipathPaths: paths.map((p) => p.name),
    };
    if (size === undefined ? first.sizeApproximate : isHumanSize(node['size'])) map.sizeApproximate = true;
    readDeviceFacts(map, node);
    // The map itself has no transport, serial or RM flag of its own: those of its paths.
    for (const key of ['rotational', 'removable', 'transport', 'vendor', 'model', 'serial', 'wwn'] as const) {
      if (map[key] !== undefined) continue;
      const from = paths.find((p) => p[key] !== undefined);
      if (from) (map as Record<string, unknown>)[key] = from[key];
    }
    collectChildren(node, map);
    raw.set(map, node);
    paths.forEach((p, i) => replaced.set(p, i === 0 ? map : undefined));
    problems.push({
      severity: 'info',
      message:
        `${paths.map((p) => p.name).join(' and ')} ${paths.length === 1 ? 'is the path' : 'are the paths'} of the multipath device ${name}` +
        `${map.wwn ? ` (WWN ${map.wwn})` : ''}: listed as one device, ${name}; a path device is never proposed for boot or ODF.`,
    });
  }
  const out: Disk[] = [];
  for (const disk of disks) {
    if (!replaced.has(disk)) out.push(disk);
    else if (replaced.get(disk) && !out.includes(replaced.get(disk)!)) out.push(replaced.get(disk)!);
  }
  return out;
}

const wwnKey = (wwn: string | undefined): string | undefined => wwn?.trim().toLowerCase().replace(/^0x/, '') || undefined;

/**
 * Two whole disks with the same WWN and size and no multipath device on top are two paths to
 * one LUN (a SAN, or a dual-ported SAS disk): one entry stands for both, marked as such.
 */
function foldSameLun(disks: Disk[], problems: ParseProblem[]): Disk[] {
  const groups = new Map<string, Disk[]>();
  for (const disk of disks) {
    const key = wwnKey(disk.wwn);
    if (disk.type !== 'disk' || !key || disk.multipathPaths) continue;
    const id = `${key}/${disk.sizeBytes}`;
    groups.set(id, [...(groups.get(id) ?? []), disk]);
  }
  const drop = new Set<Disk>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const [first, ...rest] = group as [Disk, ...Disk[]];
    first.multipathPaths = group.map((d) => d.name);
    for (const d of rest) drop.add(d);
    problems.push({
      severity: 'warning',
      message:
        `${group.map((d) => d.name).join(' and ')} have the same WWN ${first.wwn} and size: they are paths to one LUN, counted as one ` +
        'device, and no multipath device is set up on them in this live image. None of these paths is proposed for boot or ODF; ' +
        'enable multipath (mpathconf --enable, multipathd) or check the cabling.',
    });
  }
  return drop.size ? disks.filter((d) => !drop.has(d)) : disks;
}

function attachLinks(disks: Disk[], links: DiskLinks): void {
  const of = (name: string) => [...(links.byPath.get(name) ?? []), ...(links.byId.get(name) ?? [])];
  for (const disk of disks) {
    disk.byPath = [...(links.byPath.get(disk.name) ?? [])].sort();
    disk.byId = [...(links.byId.get(disk.name) ?? [])].sort();
    if (disk.multipathPaths) disk.multipathPathLinks = disk.multipathPaths.flatMap((p) => [`/dev/${p}`, ...of(p).sort()]);
  }
}

/** by-path names made by udev's path_id: the bus a disk hangs on, exactly. */
const BY_PATH_TRANSPORT: Array<[RegExp, string]> = [
  [/-usb(v\d)?-/, 'usb'],
  [/^ip-.*-iscsi-/, 'iscsi'],
  [/-fc-0x/, 'fc'],
  [/-sas-/, 'sas'],
  [/-ata-\d/, 'ata'],
  [/-nvme-\d/, 'nvme'],
];

function inferTransport(disk: Disk, links: DiskLinks | undefined): void {
  if (disk.transport !== undefined) return;
  if (/^nvme\d+n\d+$/.test(disk.name)) {
    disk.transport = 'nvme'; // the kernel name is the NVMe driver's
    return;
  }
  const names = disk.multipathPaths ?? [disk.name];
  const paths = names.flatMap((n) => links?.byPath.get(n) ?? []).map((p) => p.replace(/^\/dev\/disk\/by-path\//, ''));
  for (const p of paths) {
    const hit = BY_PATH_TRANSPORT.find(([re]) => re.test(p));
    if (hit) {
      disk.transport = hit[1];
      return;
    }
  }
}

const has = (columns: Set<string>, ...keys: string[]) => keys.some((k) => columns.has(k));

function unknownFacts(disk: Disk, node: Rec, columns: Set<string>): DiskUnknownFact[] {
  const unknown: DiskUnknownFact[] = [];
  if (bytes(node['size']) === undefined && !(disk.type === 'mpath' && disk.sizeBytes > 0)) unknown.push('size');
  if (disk.removable !== true && (disk.removable === undefined || disk.transport === undefined)) unknown.push('removable');
  if (disk.rotational === undefined) unknown.push('rotational');
  if (disk.transport === undefined) unknown.push('transport');
  if (!has(columns, 'fstype') || !has(columns, 'mountpoint', 'mountpoints')) unknown.push('contents');
  if (!has(columns, 'pttype')) unknown.push('partitionTable');
  if (!has(columns, 'serial') && disk.serial === undefined) unknown.push('serial');
  if (!has(columns, 'wwn') && disk.wwn === undefined) unknown.push('wwn');
  return unknown;
}

/** One problem that says which facts of which disks are unknown, why, and what to run. */
function describeUnknown(disks: Disk[], columns: Set<string>): ParseProblem | undefined {
  const whole = disks.filter(isWhole);
  const parts: string[] = [];
  let columnMissing = false;
  let valueNull = false;
  const about = (fact: DiskUnknownFact, column: string, what: string): void => {
    const names = whole.filter((d) => d.unknown?.includes(fact) && (fact !== 'removable' || d.removable === undefined)).map((d) => d.name);
    if (!names.length) return;
    const printed = columns.has(column.toLowerCase());
    if (printed) valueNull = true;
    else columnMissing = true;
    parts.push(`${what} for ${names.join(', ')} (${printed ? `${column} is null` : `no ${column} column`})`);
  };
  about('removable', 'RM', 'the removable flag');
  about('transport', 'TRAN', 'the transport (USB, SATA, SAS, FC, iSCSI …)');
  about('rotational', 'ROTA', 'the rotational flag (HDD or not)');
  const contents = whole.filter((d) => d.unknown?.includes('contents')).map((d) => d.name);
  if (contents.length) {
    const missing = [columns.has('fstype') ? undefined : 'FSTYPE', has(columns, 'mountpoint', 'mountpoints') ? undefined : 'MOUNTPOINT'];
    parts.push(`what is on ${contents.join(', ')} (filesystems and mounts: no ${missing.filter(Boolean).join(' or ')} column)`);
    columnMissing = true;
  }
  about('partitionTable', 'PTTYPE', 'whether there is a partition table');
  about('serial', 'SERIAL', 'the serial number');
  about('wwn', 'WWN', 'the WWN');
  if (!parts.length) return undefined;
  const unsure = whole.filter((d) => d.unknown?.includes('removable')).map((d) => d.name);
  const advice = [
    columnMissing ? 'Run `lsblk -J -b -O` on the node (the Sitekit collect script does) to read the missing columns.' : undefined,
    valueNull
      ? 'lsblk had no value for the null ones (often no udev data in the live image); `udevadm info /dev/<disk>` and the /dev/disk/by-path links show the bus.'
      : undefined,
  ];
  return {
    severity: 'warning',
    message:
      `lsblk did not give ${parts.join('; ')}. These are unknown, not "no"` +
      (unsure.length
        ? `: ${unsure.join(', ')} ${unsure.length === 1 ? 'counts' : 'count'} as "removable: unknown" and ${unsure.length === 1 ? 'is' : 'are'} never described as fixed or internal`
        : '') +
      `. ${advice.filter(Boolean).join(' ')}`,
  };
}

/** `<link>\t<target>` lines from /dev/disk/by-path and by-id. Partition links are dropped. */
export function parseDiskLinks(text: string): Parsed<DiskLinks> {
  const byPath = new Map<string, string[]>();
  const byId = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^(\/dev\/disk\/by-(path|id)\/\S+)\s+(\/dev\/\S+)\s*$/.exec(line);
    if (!m) continue;
    const target = m[3]!.replace(/^\/dev\//, '');
    const map = m[2]! === 'path' ? byPath : byId;
    map.set(target, [...(map.get(target) ?? []), m[1]!]);
  }
  return ok({ byPath, byId });
}
