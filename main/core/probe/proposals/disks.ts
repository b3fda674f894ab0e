// Boot disk hint and ODF devices. One shared proposal when every node would get the same
// value (the layout is written once for all nodes), otherwise one per node.
import { effectiveDisks } from '../../site/model';
import type { RootDeviceHint, Site } from '../../site/schema';
import { deepEqual } from '../../site/yaml-patch';
import { pointer } from '../../validation/step';
import {
  contents,
  externalText,
  findDevice,
  hasHints,
  isMounted,
  isPathDevice,
  kindOf,
  knownFixed,
  matchBootHint,
  removableUnknown,
  sizeText,
  stablePath,
  transportOf,
  wholeDisks,
} from '../checks/disk-match';
import { INSTALL_DISK_MIN_BYTES, ODF_MIN_DISK_SIZE_BYTES } from '../checks/requirements';
import type { Disk, NodeInventory } from '../inventory';
import type { Proposal } from './types';

const isInstallMedia = (d: Disk) => d.fstype === 'iso9660' || d.partitions.some((p) => p.fstype === 'iso9660');

const contentsUnknown = (d: Disk): boolean => !!d.unknown?.includes('contents');

const KIND: Record<ReturnType<typeof kindOf>, string> = { nvme: 'NVMe', ssd: 'SSD', hdd: 'HDD', unknown: 'disk of unknown type' };

/** Why this disk may be proposed only with a warning (empty: nothing to warn about). */
function cautions(d: Disk): string[] {
  const out: string[] = [];
  const external = externalText(d);
  if (external) out.push(`${d.name} ${external}`);
  if (d.type === 'mpath') {
    out.push(`${d.name} is a multipath device (paths ${(d.multipathPaths ?? []).join(', ') || 'unknown'}): the installer and ODF must be set up for multipath`);
  }
  if (removableUnknown(d)) out.push(`whether ${d.name} is removable or on USB is unknown (lsblk did not say)`);
  return out;
}

/** Why a disk can never be the boot disk; undefined when it can. */
function bootRefusal(d: Disk): string | undefined {
  if (isPathDevice(d)) return `one LUN seen through the paths ${d.multipathPaths!.join(', ')} with no multipath device on top`;
  if (d.removable === true) return 'removable';
  if (isInstallMedia(d)) return 'the live/installer medium (iso9660)';
  if (d.sizeBytes < INSTALL_DISK_MIN_BYTES) return `${sizeText(d)}, smaller than the 100 GB the installer needs`;
  return undefined;
}

/** Why a disk can never be an ODF device; undefined when it can. */
function odfRefusal(d: Disk): string | undefined {
  if (isPathDevice(d)) return `one LUN seen through the paths ${d.multipathPaths!.join(', ')} with no multipath device on top`;
  if (d.removable === true) return 'removable';
  if (transportOf(d) === 'usb') return 'attached over USB';
  if (isInstallMedia(d)) return 'the live/installer medium (iso9660)';
  if (d.sizeBytes < ODF_MIN_DISK_SIZE_BYTES) return `${sizeText(d)}, smaller than 25 GB`;
  const what = contents(d);
  if (what.length) return `in use: ${what.join('; ')}`;
  if (isMounted(d)) return `in use: mounted on ${d.mountpoints.join(', ')}`;
  if (contentsUnknown(d)) return 'what is on it is unknown (lsblk printed no FSTYPE or MOUNTPOINT), so it may be in use';
  return undefined;
}

/** The boot disk proposal: eligible disks without a caution first, then the installer's ordering. */
export function bootChoice(disks: readonly Disk[]): { disk: Disk; warnings: string[] } | undefined {
  const eligible = wholeDisks(disks).filter((d) => !bootRefusal(d));
  const ordered = eligible.sort(
    (a, b) =>
      Number(cautions(a).length > 0) - Number(cautions(b).length > 0) ||
      Number(kindOf(a) === 'nvme') - Number(kindOf(b) === 'nvme') ||
      a.sizeBytes - b.sizeBytes,
  );
  const disk = ordered[0];
  return disk && { disk, warnings: cautions(disk) };
}

/**
 * Boot candidate in the spirit of the installer's ordering (assisted-installer-agent
 * ListEligibleDisks: non-NVMe before NVMe, then the smallest), leaving NVMe for ODF. Never a
 * multipath path, a removable disk or the live medium; disks that are known fixed and local
 * come before USB, SAN, multipath and "removable: unknown" ones.
 */
export function bootCandidate(disks: readonly Disk[]): Disk | undefined {
  return bootChoice(disks)?.disk;
}

const norm = (s: string | undefined) => s?.trim().toLowerCase().replace(/^0x/, '') || undefined;

/**
 * A root device hint that picks exactly this disk: by-path, else serial or WWN when no other
 * disk shares it (RAID controllers give all their volumes the controller's serial), else a
 * by-id link. For a multipath device its dm-uuid-mpath link or WWID-named map.
 */
export function hintFor(disk: Disk, disks: readonly Disk[] = [disk]): RootDeviceHint | undefined {
  const others = wholeDisks(disks).filter((d) => d !== disk && d.name !== disk.name);
  const unique = (key: 'serial' | 'wwn') => norm(disk[key]) !== undefined && !others.some((d) => norm(d[key]) === norm(disk[key]));
  if (disk.type === 'mpath') {
    const id = disk.byId.find((p) => /\/dm-uuid-mpath-/.test(p));
    if (id) return { deviceName: id };
    if (/^\/dev\/mapper\/3[0-9a-f]{15,}$/i.test(disk.path)) return { deviceName: disk.path };
    if (unique('wwn')) return { wwn: disk.wwn!.trim() };
    return undefined;
  }
  const byPath = disk.byPath.find((p) => !/-part\d+$/.test(p));
  if (byPath) return { deviceName: byPath };
  if (unique('serial')) return { serialNumber: disk.serial!.trim() };
  if (unique('wwn')) return { wwn: disk.wwn!.trim() };
  const byId = stablePath(disk);
  return byId.startsWith('/dev/disk/by-id/') ? { deviceName: byId } : undefined;
}

/** Stable path for an ODF device; a multipath device by its dm-uuid-mpath link or WWID name. */
function odfPath(d: Disk): string {
  if (d.type === 'mpath') return d.byId.find((p) => /\/dm-uuid-mpath-/.test(p)) ?? d.path;
  return stablePath(d);
}

export interface OdfChoice {
  disks: Disk[];
  /** Disks not proposed, with the reason (the boot disk is left out). */
  skipped: Array<{ disk: Disk; reason: string }>;
  warnings: string[];
}

export function odfChoice(disks: readonly Disk[], boot: Disk | undefined): OdfChoice {
  const choice: OdfChoice = { disks: [], skipped: [], warnings: [] };
  for (const d of wholeDisks(disks)) {
    if (d.name === boot?.name) continue;
    const reason = odfRefusal(d);
    if (reason) choice.skipped.push({ disk: d, reason });
    else {
      choice.disks.push(d);
      choice.warnings.push(...cautions(d));
    }
  }
  return choice;
}

export function odfCandidates(disks: readonly Disk[], boot: Disk | undefined): Disk[] {
  return odfChoice(disks, boot).disks;
}

interface PerNode {
  host: string;
  index: number;
  boot?: { disk: Disk; hint: RootDeviceHint; warnings: string[] };
  odf?: { disks: Disk[]; paths: string[]; skipped: OdfChoice['skipped']; warnings: string[] };
}

export function diskProposals(site: Site, inventories: readonly NodeInventory[]): Proposal[] {
  const wanted: PerNode[] = [];
  site.nodes.forEach((node, index) => {
    const inventory = inventories.find((inv) => inv.node === node.hostname);
    if (!inventory) return;
    const disks = inventory.facts.disks;
    const current = effectiveDisks(site, node);
    const entry: PerNode = { host: node.hostname, index };
    const matches = hasHints(current.boot) ? matchBootHint(disks, current.boot) : [];
    let boot = matches.length === 1 ? matches[0] : undefined;
    if (!boot) {
      const choice = bootChoice(disks);
      const hint = choice && hintFor(choice.disk, disks);
      if (choice && hint) entry.boot = { disk: choice.disk, hint, warnings: choice.warnings };
      boot = choice?.disk;
    }
    const planned = current.odf;
    const broken = planned.length === 0 || planned.some((p) => {
      const d = findDevice(disks, p);
      return !d || d.name === boot?.name;
    });
    if (site.odf.enabled && broken) {
      const choice = odfChoice(disks, boot);
      if (choice.disks.length > 0) entry.odf = { ...choice, paths: choice.disks.map(odfPath) };
    }
    wanted.push(entry);
  });

  const proposals: Proposal[] = [];
  const everyNode = wanted.length === site.nodes.length && site.nodes.length > 0;
  const shared = <T>(pick: (w: PerNode) => T | undefined, overridden: (i: number) => boolean): T | undefined => {
    if (!everyNode || wanted.some((w) => overridden(w.index))) return undefined;
    const first = pick(wanted[0]!);
    return first !== undefined && wanted.every((w) => deepEqual(pick(w), first)) ? first : undefined;
  };

  const sharedBoot = shared((w) => w.boot?.hint, (i) => site.nodes[i]!.disks?.boot !== undefined);
  if (sharedBoot) {
    const current = site.layout.disks?.boot;
    proposals.push({
      id: 'boot:*',
      node: '*',
      path: pointer('layout', 'disks', 'boot'),
      ...(current && hasHints(current) ? { current } : {}),
      proposed: sharedBoot,
      reason: `Every node has ${describeBoot(wanted[0]!.boot!.disk)} there.${notes(wanted, (w) => w.boot?.warnings ?? [])}`,
      replaces: current !== undefined && hasHints(current),
    });
  } else {
    for (const w of wanted) {
      if (!w.boot) continue;
      const node = site.nodes[w.index]!;
      const current = node.disks?.boot;
      proposals.push({
        id: `boot:${w.host}`,
        node: w.host,
        path: pointer('nodes', w.index, 'disks', 'boot'),
        ...(current && hasHints(current) ? { current } : {}),
        proposed: w.boot.hint,
        reason: `${w.host}: ${describeBoot(w.boot.disk)}.${warn(w.boot.warnings)}`,
        replaces: current !== undefined && hasHints(current),
      });
    }
  }

  const sharedOdf = shared((w) => w.odf?.paths, (i) => site.nodes[i]!.disks?.odf !== undefined);
  if (sharedOdf) {
    const current = site.layout.disks?.odf;
    proposals.push({
      id: 'odf:*',
      node: '*',
      path: pointer('layout', 'disks', 'odf'),
      ...(current?.length ? { current } : {}),
      proposed: sharedOdf,
      reason: `Every node has ${describeOdf(wanted[0]!.odf!.disks)}.${notes(wanted, (w) => w.odf?.warnings ?? [], (w) => w.odf?.skipped ?? [])}`,
      replaces: (current?.length ?? 0) > 0,
    });
  } else {
    for (const w of wanted) {
      if (!w.odf) continue;
      const current = site.nodes[w.index]!.disks?.odf;
      proposals.push({
        id: `odf:${w.host}`,
        node: w.host,
        path: pointer('nodes', w.index, 'disks', 'odf'),
        ...(current?.length ? { current } : {}),
        proposed: w.odf.paths,
        reason: `${w.host}: ${describeOdf(w.odf.disks)}.${warn(w.odf.warnings)}${skippedText(w.odf.skipped)}`,
        replaces: (current?.length ?? 0) > 0,
      });
    }
  }
  return proposals;
}

const warn = (warnings: readonly string[]): string => (warnings.length ? ` Warning: ${warnings.join('; ')}.` : '');

const skippedText = (skipped: OdfChoice['skipped']): string =>
  skipped.length ? ` Not proposed: ${skipped.map((s) => `${s.disk.name} (${s.reason})`).join(', ')}.` : '';

/** Per-node warnings and skipped disks of a shared proposal, each with its host. */
function notes(wanted: readonly PerNode[], warnings: (w: PerNode) => string[], skipped: (w: PerNode) => OdfChoice['skipped'] = () => []): string {
  return wanted
    .map((w) => {
      const list = warnings(w);
      const gone = skipped(w);
      return `${list.length ? ` ${w.host} warning: ${list.join('; ')}.` : ''}${gone.length ? ` ${w.host}:${skippedText(gone)}` : ''}`;
    })
    .join('');
}

function describeDisk(disk: Disk): string {
  return `${disk.name} (${sizeText(disk)} ${KIND[kindOf(disk)]}${disk.model ? ` ${disk.model.trim()}` : ''})`;
}

function describeBoot(disk: Disk): string {
  return `boot disk candidate ${describeDisk(disk)}`;
}

function describeOdf(disks: readonly Disk[]): string {
  const fixed = disks.every(knownFixed);
  const blank = disks.some((d) => d.unknown?.includes('partitionTable'))
    ? 'no partitions, filesystems or volumes seen (lsblk printed no PTTYPE, so an empty partition table would not show)'
    : 'blank: no partitions, filesystems or volumes';
  return `${disks.length} eligible ODF device${disks.length === 1 ? '' : 's'}: ${disks.map(describeDisk).join(', ')} ` +
    `(not the boot disk, ${fixed ? 'fixed, ' : ''}≥ 25 GB, ${blank})`;
}
