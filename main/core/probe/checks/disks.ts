// Boot disk and ODF devices against the disks found: the hint picks exactly one disk that is
// big enough; each ODF device exists, is not the boot disk, not removable, big enough; what
// is on each ODF device against the wipe acknowledgement (nodes[].disks.wipe), and the other
// disks the installer touches; sizes alike across nodes; usable capacity at replica 3.
import type { Finding } from '../../validation/finding';
import { pointer } from '../../validation/step';
import type { Disk } from '../inventory';
import { diskPath, finding, gb, list, type NodeContext } from './context';
import { evidenceText, installerClearsPartitionTable, lsoSkipsPartitions, odfFate, otherFate } from '../../disks/disk-fate';
import { wipeDevices } from '../../site/model';
import { externalText, findDevice, hasHints, isMounted, isPathDevice, kindOf, matchBootHint, multipathOwner, removableUnknown, sizeText, wholeDisks } from './disk-match';
import { INSTALL_DISK_MIN_BYTES, ODF_MIN_DISK_SIZE_BYTES } from './requirements';

export interface NodeOdf {
  ctx: NodeContext;
  devices: Disk[];
}

export function bootDisk(ctx: NodeContext): Disk | undefined {
  const matches = hasHints(ctx.disks.boot) ? matchBootHint(ctx.inventory.facts.disks, ctx.disks.boot) : [];
  return matches.length === 1 ? matches[0] : undefined;
}

export function diskFindings(ctx: NodeContext): { findings: Finding[]; odf: NodeOdf } {
  const findings: Finding[] = [];
  const { node, inventory } = ctx;
  const host = node.hostname;
  const disks = inventory.facts.disks;
  const describe = (d: Disk) => `${d.name} (${sizeText(d)}${d.model ? ` ${d.model.trim()}` : ''})`;

  let boot: Disk | undefined;
  if (hasHints(ctx.disks.boot)) {
    const at = diskPath(ctx, 'boot');
    const matches = matchBootHint(disks, ctx.disks.boot);
    const owner = ctx.disks.boot.deviceName !== undefined ? multipathOwner(disks, ctx.disks.boot.deviceName) : undefined;
    if (matches.length === 0 && owner) {
      findings.push(
        finding('hw.boot-disk-multipath-path', 'error', at,
          `${host}: the boot disk hint ${ctx.disks.boot.deviceName} names a path of the multipath device ${describe(owner)}, not a disk of its own.`,
          `Name the multipath device instead (${owner.byId.find((p) => /dm-uuid-mpath-/.test(p)) ?? owner.path}), and set the installer up for multipath.`),
      );
    } else if (matches.length === 0) {
      findings.push(
        finding('hw.boot-disk-not-found', 'error', at, `${host}: no disk matches the boot disk hint.`,
          `Disks found: ${list(wholeDisks(disks).map(describe)) || 'none'}.`),
      );
    } else if (matches.length > 1) {
      findings.push(
        finding('hw.boot-disk-ambiguous', 'error', at, `${host}: the boot disk hint matches ${matches.length} disks: ${list(matches.map(describe))}.`,
          'Use a by-path deviceName or the serial number so the hint picks exactly one disk.'),
      );
    } else {
      boot = matches[0]!;
      if (isPathDevice(boot)) {
        findings.push(
          finding('hw.boot-disk-multipath-path', 'error', at,
            `${host}: the boot disk ${boot.name} is one of the paths ${list(boot.multipathPaths!)} to one LUN (same WWN), with no multipath device on top.`,
            'Installing on one path of a multipath LUN breaks when that path fails: enable multipath and name the multipath device.'),
        );
      }
      const external = externalText(boot);
      if (external) {
        findings.push(
          finding('hw.boot-disk-external', 'warning', at, `${host}: the boot disk ${describe(boot)} ${external}.`,
            'The OS disk is normally a local disk of the server; make sure this is intended and that the installer can reach it.'),
        );
      }
      if (boot.sizeBytes < INSTALL_DISK_MIN_BYTES) {
        findings.push(
          finding('hw.boot-disk-too-small', 'error', at, `${host}: the boot disk ${describe(boot)} is smaller than the 100 GB the installer requires.`,
            'Pick a disk of at least 100 GB.'),
        );
      }
    }
  }

  const devices: Disk[] = [];
  const seen = new Map<string, number>();
  ctx.disks.odf.forEach((path, k) => {
    const at = diskPath(ctx, 'odf', k);
    const disk = findDevice(disks, path);
    const owner = disk ? undefined : multipathOwner(disks, path);
    if (owner) {
      findings.push(
        finding('hw.odf-device-multipath-path', 'error', at, `${host}: ODF device ${path} is a path of the multipath device ${describe(owner)}, not a disk of its own.`,
          `Give ODF the multipath device (${owner.byId.find((p) => /dm-uuid-mpath-/.test(p)) ?? owner.path}) or a local disk instead.`),
      );
      return;
    }
    if (!disk) {
      findings.push(
        finding('hw.odf-device-missing', 'error', at, `${host}: ODF device ${path} does not exist on this node.`,
          `Disks found: ${list(wholeDisks(disks).map(describe)) || 'none'}.`),
      );
      return;
    }
    if (seen.has(disk.name)) {
      findings.push(finding('hw.odf-device-duplicate', 'error', at, `${host}: ${path} is ${disk.name}, already listed as ODF device ${seen.get(disk.name)! + 1}.`));
      return;
    }
    seen.set(disk.name, k);
    if (boot && disk.name === boot.name) {
      findings.push(finding('hw.odf-device-is-boot', 'error', at, `${host}: ODF device ${path} is the boot disk ${disk.name}.`, 'ODF needs disks of its own; pick another device.'));
      return;
    }
    devices.push(disk);
    if (isPathDevice(disk)) {
      findings.push(
        finding('hw.odf-device-multipath-path', 'error', at, `${host}: ODF device ${disk.name} is one of the paths ${list(disk.multipathPaths!)} to one LUN (same WWN), with no multipath device on top.`,
          'Give ODF a local disk, or enable multipath and use the multipath device.'),
      );
    }
    if (disk.removable) {
      findings.push(finding('hw.odf-device-removable', 'error', at, `${host}: ODF device ${disk.name} is a removable disk.`, 'Use a fixed internal disk for ODF.'));
    } else if (removableUnknown(disk)) {
      findings.push(
        finding('hw.odf-device-removable-unknown', 'warning', at, `${host}: whether ODF device ${disk.name} is removable or attached over USB is unknown (lsblk did not say).`,
          'Check the disk on the node (`lsblk -J -b -O`, /dev/disk/by-path) before giving it to ODF.'),
      );
    }
    const external = externalText(disk);
    if (external) {
      findings.push(finding('hw.odf-device-external', 'warning', at, `${host}: ODF device ${describe(disk)} ${external}.`, 'ODF normally uses local disks of the node; make sure this is intended.'));
    }
    if (disk.sizeBytes < ODF_MIN_DISK_SIZE_BYTES) {
      findings.push(finding('hw.odf-device-too-small', 'error', at, `${host}: ODF device ${describe(disk)} is smaller than 25 GB.`, 'ODF needs devices of at least 25 GB.'));
    }
    if (kindOf(disk) === 'hdd') {
      findings.push(finding('hw.odf-device-hdd', 'warning', at, `${host}: ODF device ${describe(disk)} is a spinning disk (HDD).`, 'ODF performs far better on SSD or NVMe devices.'));
    }
    findings.push(...odfContentFindings(ctx, path, at, disk));
  });
  findings.push(...otherDiskFindings(ctx, boot, devices));
  return { findings, odf: { ctx, devices } };
}

/** JSON pointer of the node's wipe acknowledgement list, or of one entry. */
const wipePath = (ctx: Pick<NodeContext, 'index'>, ...rest: number[]) => pointer('nodes', ctx.index, 'disks', 'wipe', ...rest);

/**
 * What is on an ODF device against the wipe acknowledgement (words: core/disks/disk-fate.ts).
 * Not empty and not acknowledged: an error, since the Local Storage Operator passes it on
 * unwiped and Ceph makes no OSD on it (or, with a partition table, the installer destroys the
 * data anyway); acknowledged: what will be lost; acknowledged but empty: nothing to wipe.
 */
function odfContentFindings(ctx: NodeContext, path: string, at: string, disk: Disk): Finding[] {
  const host = ctx.node.hostname;
  const wipe = wipeDevices(ctx.node);
  const k = wipe.indexOf(path);
  const acknowledged = k >= 0;
  const fate = odfFate({ disk, acknowledged });
  const field = `nodes[${ctx.index}].disks.wipe`;
  const mounted = isMounted(disk) ? ' It is mounted in the live image now.' : '';
  switch (fate.kind) {
    case 'odf-held':
      return [
        finding('hw.odf-device-not-empty', 'error', at,
          installerClearsPartitionTable(disk)
            ? `${host}: ODF device ${disk.name} holds ${evidenceText(fate.evidence)}. The installer zeroes its partition table at install, so this data is lost either way; acknowledge the wipe so that the Local Storage Operator also clears what is left before ODF uses the disk.`
            : `${host}: ODF device ${disk.name} holds ${evidenceText(fate.evidence)}. Without an acknowledged wipe the Local Storage Operator hands it on as it is and Ceph makes no OSD on it: ODF is one device short on ${host}.`,
          `If nothing on it is needed, add ${path} to ${field} (the Disks step has a box for it): the bundle then wipes exactly this device. Otherwise give ODF another disk.${mounted}`),
      ];
    case 'odf-unknown':
      return [
        finding('hw.odf-device-contents-unknown', 'warning', at,
          `${host}: what is on ODF device ${disk.name} is unknown (lsblk printed no FSTYPE or MOUNTPOINT). If it is empty ODF uses it; if it holds data, Ceph makes no OSD on it unless the wipe is acknowledged.`,
          `Check the disk on the node (\`lsblk -J -b -O\`), or add ${path} to ${field} so the bundle wipes whatever is on it.`),
      ];
    case 'odf-wipe': {
      const out = [
        finding('hw.odf-device-wipe', 'info', wipePath(ctx, k), `${host}: ${disk.name} ${fate.text.charAt(0).toLowerCase()}${fate.text.slice(1)}.`,
          `It is in ${field}. The Local Storage Operator wipes a device when it first claims it: on a cluster where it already claimed this one, delete its PV and its link under /mnt/local-storage first.${mounted}`),
      ];
      if (lsoSkipsPartitions(disk)) {
        out.push(
          finding('hw.odf-device-partitions-kept', 'error', at,
            `${host}: ODF device ${disk.name} has partitions the installer does not clear (${disk.type === 'mpath' ? 'multipath' : externalText(disk) ?? 'not a fixed local disk'}); the Local Storage Operator skips a disk with partitions even when told to wipe it, so ODF gets no OSD on it.`,
            `Clear it on the node before install (\`wipefs -a ${disk.path}\` from the discovery image) and discover again, or give ODF another disk.`),
        );
      }
      return out;
    }
    case 'odf-empty':
      return acknowledged
        ? [finding('hw.odf-wipe-nothing', 'info', wipePath(ctx, k), `${host}: ${disk.name} is acknowledged for wiping, but discovery shows it empty: there is nothing to wipe (harmless).`,
            `You may remove ${path} from ${field}.`)]
        : [];
    default:
      return [];
  }
}

/** Disks the plan does not use but the installer still touches: their partition table is zeroed. */
function otherDiskFindings(ctx: NodeContext, boot: Disk | undefined, odf: readonly Disk[]): Finding[] {
  // Which disk gets the OS is only certain when the hint picks exactly one (else other findings say so).
  if (!boot) return [];
  const used = new Set([boot.name, ...odf.map((d) => d.name)]);
  const findings: Finding[] = [];
  for (const disk of wholeDisks(ctx.inventory.facts.disks)) {
    if (used.has(disk.name)) continue;
    const fate = otherFate(disk);
    if (fate.kind !== 'table-cleared') continue;
    findings.push(
      finding('hw.disk-partition-table-cleared', 'warning', pointer('nodes', ctx.index, 'disks'),
        `${ctx.node.hostname}: ${disk.name} is not in the plan, yet the installer zeroes its partition table at install (it does so on every local disk with one, so the server boots from the OS disk only): ${evidenceText(fate.evidence)} become unreadable.`,
        'Back up what is needed, or take the disk out of the server before install.'),
    );
  }
  return findings;
}

/** Across nodes: device sizes alike, and the capacity ODF will offer. */
export function odfClusterFindings(nodes: readonly NodeOdf[], odfEnabled: boolean): Finding[] {
  if (!odfEnabled || nodes.length === 0) return [];
  const findings: Finding[] = [];
  const sizes = (n: NodeOdf) => n.devices.map((d) => d.sizeBytes).sort((a, b) => a - b);
  const first = nodes[0]!;
  const differing = nodes.filter((n) => sizes(n).join() !== sizes(first).join());
  if (differing.length > 0) {
    const shown = nodes.map((n) => `${n.ctx.node.hostname}: ${sizes(n).map(gb).join(' + ') || 'none'}`);
    findings.push(
      finding('hw.odf-sizes-differ', 'warning', diskPath(differing[0]!.ctx, 'odf'), `ODF devices differ between nodes (${shown.join('; ')}).`,
        'With replica 3 across hosts, the smallest node limits the usable capacity; use the same devices on every node.'),
    );
  }
  const raw = nodes.map((n) => n.devices.reduce((sum, d) => sum + d.sizeBytes, 0));
  const total = raw.reduce((a, b) => a + b, 0);
  if (total > 0 && nodes.length >= 3) {
    // Replica 3, failure domain host, three nodes: one copy per node, so the smallest node decides.
    const usable = Math.min(...raw);
    const empty = nodes.filter((_, i) => raw[i] === 0).map((n) => n.ctx.node.hostname);
    const usableText = empty.length
      ? `nothing usable at replica 3 until every node has ODF devices (${list(empty)} ${empty.length === 1 ? 'has' : 'have'} none)`
      : `usable at replica 3 about ${gb(usable)}`;
    findings.push(
      finding('hw.odf-capacity', 'info', pointer('odf'), `ODF raw capacity ${gb(total)} on ${nodes.length} nodes; ${usableText}.`,
        'ODF alerts at 75% full and turns read-only at 85%; plan for about 75% of the usable figure.'),
    );
  }
  return findings;
}
