// Boot disk: the installer picks the OS disk by root device hints; all hints must match
// and no match fails the install (installer.md §3.2).
import { effectiveDisks } from '../../site/model';
import type { RootDeviceHint, Site } from '../../site/schema';
import type { Rule } from '../engine';
import { defineRule, nodeName, pointer } from './common';

export interface DiskSource {
  index: number;
  name: string;
  /** JSON pointer of the list or hint this node uses: its own, or the shared layout's. */
  path: string;
  /** Where the problem is, for a message. */
  where: string;
}

/** Boot hint of each node and where it is written. */
export function bootSources(site: Site): (DiskSource & { hint: RootDeviceHint })[] {
  return site.nodes.map((node, index) => {
    const own = node.disks?.boot !== undefined;
    const name = nodeName(node, index);
    return {
      index,
      name,
      hint: effectiveDisks(site, node).boot,
      path: own ? pointer('nodes', index, 'disks', 'boot') : pointer('layout', 'disks', 'boot'),
      where: own ? `of ${name}` : 'in the shared layout',
    };
  });
}

/** ODF devices of each node and where they are written. */
export function odfSources(site: Site): (DiskSource & { devices: string[]; boot: RootDeviceHint })[] {
  return site.nodes.map((node, index) => {
    const own = node.disks?.odf !== undefined;
    const name = nodeName(node, index);
    const disks = effectiveDisks(site, node);
    return {
      index,
      name,
      devices: disks.odf,
      boot: disks.boot,
      path: own ? pointer('nodes', index, 'disks', 'odf') : pointer('layout', 'disks', 'odf'),
      where: own ? `of ${name}` : 'in the shared layout',
    };
  });
}

const BY_PATH = '/dev/disk/by-path/';

/**
 * Why the installer rejects a deviceName hint, or undefined. Mirrors INST
 * pkg/types/baremetal/validation/platform.go ValidateHostRootDeviceHints (installer.md §3.2):
 * only /dev/<name> or /dev/disk/by-path/<name>; by-id, by-uuid, by-label... are rejected.
 */
export function deviceNameProblem(name: string): string | undefined {
  if (!name.startsWith('/dev/')) return 'is not a /dev/ path';
  const rest = name.slice('/dev/'.length);
  const sub = rest.startsWith('disk/by-path/') ? rest.slice('disk/by-path/'.length) : rest;
  if (sub === '') return 'names no device';
  if (sub.includes('/')) return 'is neither /dev/<name> nor /dev/disk/by-path/<name>';
  return undefined;
}

function hasAnyHint(hint: RootDeviceHint): boolean {
  return Object.values(hint).some((v) => v !== undefined);
}

function isStable(hint: RootDeviceHint): boolean {
  const byPath = hint.deviceName !== undefined && hint.deviceName.startsWith(BY_PATH) && deviceNameProblem(hint.deviceName) === undefined;
  return byPath || hint.serialNumber !== undefined || hint.wwn !== undefined;
}

export const diskRules: Rule[] = [
  defineRule('disks.boot-hint-missing', 'Every node has a boot disk hint', function* (site) {
    for (const src of bootSources(site)) {
      if (hasAnyHint(src.hint)) continue;
      yield {
        severity: 'error',
        path: src.path,
        message: `${src.name} has no boot disk hint, so the installer would choose the OS disk by itself and may wipe an ODF disk.`,
        hint: 'Set the boot disk: deviceName /dev/disk/by-path/..., serialNumber or wwn (discovery lists them).',
      };
    }
  }),

  defineRule('disks.boot-device-name-rejected', 'Boot deviceName has a form the installer accepts', function* (site) {
    for (const src of bootSources(site)) {
      const name = src.hint.deviceName;
      const problem = name === undefined ? undefined : deviceNameProblem(name);
      if (!problem) continue;
      yield {
        severity: 'error',
        path: `${src.path}/deviceName`,
        message: `Boot disk ${name} ${src.where} ${problem}; the installer rejects it.`,
        hint: name?.startsWith('/dev/disk/by-id/')
          ? 'Use the /dev/disk/by-path/ name of the disk, or move the id into serialNumber or wwn.'
          : 'Use /dev/disk/by-path/..., or a serialNumber or wwn hint.',
      };
    }
  }),

  defineRule('disks.boot-hint-unstable', 'Boot disk hint is stable across reboots', function* (site) {
    for (const src of bootSources(site)) {
      const name = src.hint.deviceName;
      if (!hasAnyHint(src.hint) || isStable(src.hint) || (name !== undefined && deviceNameProblem(name))) continue;
      yield {
        severity: 'warning',
        path: name === undefined ? src.path : `${src.path}/deviceName`,
        message:
          name === undefined
            ? `Boot disk hint ${src.where} has no stable identifier; several disks may match it.`
            : `Boot disk ${name} ${src.where} is a kernel name, which can change between boots; the OS could land on another disk.`,
        hint: 'Use /dev/disk/by-path/..., or add serialNumber or wwn (discovery lists them).',
      };
    }
  }),
];
