// Discovery documents (k8s.io/apimachinery pkg/apis/meta/v1 types.go: APIVersions, APIGroupList,
// APIGroup, APIResourceList, APIResource; pkg/version Info for /version). Served from the kinds
// table: each kind is one resource, plus `<plural>/status` when it has the status subresource.

import type { JsonObject } from './fieldset.js';
import { KINDS, type KindDef } from './kinds.js';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const STATUS_VERBS = ['get', 'patch', 'update'];

export interface VersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  gitCommit: string;
  gitTreeState: string;
  buildDate: string;
  goVersion: string;
  compiler: string;
  platform: string;
}

/**
 * What /version answers by default: the kube version of a captured OpenShift 4.16 cluster
 * (test/kube/fixtures/nodes-compact.yaml nodeInfo.kubeletVersion); the build fields are
 * illustrative (see test/kube/fixtures/SOURCES.md).
 */
export const DEFAULT_VERSION: VersionInfo = {
  major: '1',
  minor: '29',
  gitVersion: 'v1.29.6+aba1e8d',
  gitCommit: 'aba1e8d',
  gitTreeState: 'clean',
  buildDate: '2024-07-25T18:49:00Z',
  goVersion: 'go1.21.11 (Red Hat 1.21.11-1.el9_4) X:strictfipsruntime',
  compiler: 'gc',
  platform: 'linux/amd64',
};

export function coreVersions(serverAddress: string): JsonObject {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupVersions(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const def of KINDS) {
    if (!def.group) continue;
    const versions = groups.get(def.group) ?? [];
    if (!versions.includes(def.version)) versions.push(def.version);
    groups.set(def.group, versions);
  }
  return groups;
}

function apiGroup(name: string, versions: string[]): JsonObject {
  const entries = versions.map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: entries, preferredVersion: entries[0]! };
}

export function groupList(): JsonObject {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...groupVersions()].map(([name, versions]) => apiGroup(name, versions)) };
}

export function groupDocument(name: string): JsonObject | undefined {
  const versions = groupVersions().get(name);
  return versions ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(name, versions) } : undefined;
}

function resourceEntries(def: KindDef): JsonObject[] {
  const main: JsonObject = {
    name: def.plural,
    singularName: def.singular,
    namespaced: def.namespaced,
    kind: def.kind,
    verbs: VERBS,
    ...(def.shortNames ? { shortNames: def.shortNames } : {}),
  };
  if (!def.status) return [main];
  return [main, { name: `${def.plural}/status`, singularName: '', namespaced: def.namespaced, kind: def.kind, verbs: STATUS_VERBS }];
}

/** The APIResourceList of one group/version, or undefined when nothing is served there. */
export function resourceList(groupName: string, version: string): JsonObject | undefined {
  const defs = KINDS.filter((def) => def.group === groupName && def.version === version);
  if (defs.length === 0) return undefined;
  const groupVersion = groupName ? `${groupName}/${version}` : version;
  return {
    kind: 'APIResourceList',
    ...(groupName ? { apiVersion: 'v1' } : {}),
    groupVersion,
    resources: defs.flatMap(resourceEntries),
  };
}
