// `lsblk -J -b -O` (or explicit columns). Quirks handled: booleans as strings ("rm":"0") on
// old versions, null everywhere, human sizes when -b was not honoured, model/serial padded
// with spaces, vendor "ATA     ", `mountpoints: [null]`, `kname` without `name`, multipath
// maps and md arrays repeated under every member disk, iso9660 on a whole live-USB disk.
import type { Disk, Partition } from '../inventory';
import { bool, bytes, fail, isRecord, ok, parseJson, str, type Parsed, type ParseProblem } from './util';

const NOT_DISKS = /^(loop|zram|ram|nbd|fd)\d/;

function mountpoints(node: Record<string, unknown>): string[] {
  const list = Array.isArray(node['mountpoints']) ? node['mountpoints'] : [node['mountpoint']];
  return list.map(str).filter((m): m is string => m !== undefined);
}

function nameOf(node: Record<string, unknown>): string | undefined {
  return str(node['kname']) ?? str(node['name']);
}

export function parseLsblk(text: string): Parsed<Disk[]> {
  const { data, problem } = parseJson(text, 'lsblk');
  if (problem) return { problems: [problem] };
  if (!isRecord(data) || !Array.isArray(data['blockdevices'])) return fail('lsblk JSON has no "blockdevices" list');
  const problems: ParseProblem[] = [];
  const disks: Disk[] = [];
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
    collectChildren(node, disk);
    disks.push(disk);
  }
  return ok(disks, problems);
}

function addFlatPartition(disk: Disk, node: Record<string, unknown>, name: string): void {
  const part: Partition = { name, type: 'part', mountpoints: mountpoints(node) };
  const size = bytes(node['size']);
  if (size !== undefined) part.sizeBytes = size;
  const fstype = str(node['fstype']);
  if (fstype) {
    part.fstype = fstype;
    if (!disk.signatures.includes(fstype)) disk.signatures.push(fstype);
  }
  disk.partitions.push(part);
}

function collectChildren(node: Record<string, unknown>, disk: Disk): void {
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

/** `<link>\t<target>` lines from /dev/disk/by-path and by-id. Partition links are dropped. */
export function parseDiskLinks(text: string): Parsed<{ byPath: Map<string, string[]>; byId: Map<string, string[]> }> {
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
