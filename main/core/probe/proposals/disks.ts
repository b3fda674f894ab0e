// Boot disk hint and ODF devices. One shared proposal when every node would get the same
// value (the layout is written once for all nodes), otherwise one per node.
import { effectiveDisks } from '../../site/model';
import type { RootDeviceHint, Site } from '../../site/schema';
import { deepEqual } from '../../site/yaml-patch';
import { pointer } from '../../validation/step';
import { gb } from '../checks/context';
import { findDevice, hasHints, isMounted, kindOf, matchBootHint, stablePath, wholeDisks } from '../checks/disk-match';
import { INSTALL_DISK_MIN_BYTES, ODF_MIN_DISK_SIZE_BYTES } from '../checks/requirements';
import type { Disk, NodeInventory } from '../inventory';
import type { Proposal } from './types';

const isInstallMedia = (d: Disk) => d.fstype === 'iso9660' || d.partitions.some((p) => p.fstype === 'iso9660');

/**
 * Boot candidate in the spirit of the installer's ordering (assisted-installer-agent
 * ListEligibleDisks: non-NVMe before NVMe, then the smallest), leaving NVMe for ODF.
 */
export function bootCandidate(disks: readonly Disk[]): Disk | undefined {
  return wholeDisks(disks)
    .filter((d) => !d.removable && !isInstallMedia(d) && d.sizeBytes >= INSTALL_DISK_MIN_BYTES)
    .sort((a, b) => Number(kindOf(a) === 'nvme') - Number(kindOf(b) === 'nvme') || a.sizeBytes - b.sizeBytes)[0];
}

export function hintFor(disk: Disk): RootDeviceHint | undefined {
  const byPath = disk.byPath.find((p) => !/-part\d+$/.test(p));
  if (byPath) return { deviceName: byPath };
  if (disk.serial?.trim()) return { serialNumber: disk.serial.trim() };
  if (disk.wwn) return { wwn: disk.wwn };
  return undefined;
}

export function odfCandidates(disks: readonly Disk[], boot: Disk | undefined): Disk[] {
  return wholeDisks(disks).filter(
    (d) => d.name !== boot?.name && !d.removable && d.sizeBytes >= ODF_MIN_DISK_SIZE_BYTES && !isMounted(d) && !isInstallMedia(d),
  );
}

interface PerNode {
  host: string;
  index: number;
  boot?: { disk: Disk; hint: RootDeviceHint };
  odf?: { disks: Disk[]; paths: string[] };
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
      const disk = bootCandidate(disks);
      const hint = disk && hintFor(disk);
      if (disk && hint) entry.boot = { disk, hint };
      boot = disk;
    }
    const planned = current.odf;
    const broken = planned.length === 0 || planned.some((p) => {
      const d = findDevice(disks, p);
      return !d || d.name === boot?.name;
    });
    if (site.odf.enabled && broken) {
      const candidates = odfCandidates(disks, boot);
      if (candidates.length > 0) entry.odf = { disks: candidates, paths: candidates.map(stablePath) };
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
      reason: `Every node has ${describeBoot(wanted[0]!.boot!.disk)} there.`,
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
        reason: `${w.host}: ${describeBoot(w.boot.disk)}.`,
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
      reason: `Every node has ${describeOdf(wanted[0]!.odf!.disks)}.`,
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
        reason: `${w.host}: ${describeOdf(w.odf.disks)}.`,
        replaces: (current?.length ?? 0) > 0,
      });
    }
  }
  return proposals;
}

function describeBoot(disk: Disk): string {
  return `boot disk candidate ${disk.name} (${gb(disk.sizeBytes)} ${kindOf(disk).toUpperCase()}${disk.model ? ` ${disk.model.trim()}` : ''})`;
}

function describeOdf(disks: readonly Disk[]): string {
  return `${disks.length} eligible ODF device${disks.length === 1 ? '' : 's'}: ${disks
    .map((d) => `${d.name} ${gb(d.sizeBytes)} ${kindOf(d).toUpperCase()}`)
    .join(', ')} (not the boot disk, fixed, ≥ 25 GB, nothing mounted)`;
}
