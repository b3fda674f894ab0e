// What openshift-install does to its inputs before it judges them, done the same way here so
// the linter judges what the installer judges (installer pkg/types/conversion/installconfig.go
// and pkg/types/defaults/installconfig.go, see test/fixtures/installer/SOURCES.md):
// 1. field names match regardless of case, as Go's encoding/json does (`apiVips` is apiVIPs);
// 2. deprecated fields are converted (apiVIP → apiVIPs, machineCIDR → machineNetwork, …);
// 3. what is missing gets the installer's default (machineNetwork 10.0.0.0/16, …).
// Each step leaves a note or warning, so the person sees what the installer will assume.
import type { z } from 'zod';
import { validatorFor } from '../crd/schemas';
import { isObj, obj, type Obj } from './access';
import { agentConfigSchema } from './agent-schema';
import type { InputKind, RuleReport } from './finding';
import { INSTALL_CONFIG_SCHEMA } from './install-crd';

/** A tree of the field names an input may have: object properties and list items. */
export interface KeyTree {
  properties?: Record<string, KeyTree>;
  items?: KeyTree;
}

export interface Normalized {
  data: Obj;
  reports: RuleReport[];
  /** A pointer into `data` as a pointer into the file as written (renamed keys put back). */
  toWritten(pointer: string): string;
}

const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** Renames keys to the spelling of the field they match case-insensitively (an exact match wins). */
function canonicalKeys(value: unknown, tree: KeyTree | undefined, pointer: string, input: InputKind, renamed: Map<string, string>, reports: RuleReport[]): unknown {
  if (!tree) return value;
  if (Array.isArray(value)) return value.map((item, i) => canonicalKeys(item, tree.items, `${pointer}/${i}`, input, renamed, reports));
  if (!isObj(value) || !tree.properties) return value;
  const known = tree.properties;
  const byLower = new Map(Object.keys(known).map((k) => [k.toLowerCase(), k]));
  const out: Obj = {};
  for (const [key, child] of Object.entries(value)) {
    const canonical = key in known ? key : (byLower.get(key.toLowerCase()) ?? key);
    if (canonical !== key && !(canonical in value)) {
      renamed.set(`${pointer}/${escape(canonical)}`, `${pointer}/${escape(key)}`);
      reports.push({
        id: `${input === 'install-config' ? 'install' : 'agent'}.field-case`,
        severity: 'info',
        input,
        path: `${pointer}/${escape(canonical)}`,
        at: 'key',
        message: `"${key}" is read as "${canonical}": openshift-install matches field names regardless of case`,
        hint: `Write ${canonical}, as the installer's documentation does.`,
      });
      out[canonical] = canonicalKeys(child, known[canonical], `${pointer}/${escape(canonical)}`, input, renamed, reports);
    } else {
      out[key] = canonicalKeys(child, known[key], `${pointer}/${escape(key)}`, input, renamed, reports);
    }
  }
  return out;
}

function writtenPath(renamed: Map<string, string>): (pointer: string) => string {
  return (pointer) => {
    if (renamed.size === 0 || pointer === '') return pointer;
    let canonical = '';
    let written = '';
    for (const segment of pointer.split('/').slice(1)) {
      canonical += `/${segment}`;
      const original = renamed.get(canonical);
      written = original ?? `${written}/${segment}`;
    }
    return written;
  };
}

/** The field-name tree of a JSON schema (the InstallConfig CRD). */
export function keyTreeOfJsonSchema(schema: unknown): KeyTree | undefined {
  if (!isObj(schema)) return undefined;
  const tree: KeyTree = {};
  if (isObj(schema.properties)) tree.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, keyTreeOfJsonSchema(v) ?? {}]));
  if (isObj(schema.items)) tree.items = keyTreeOfJsonSchema(schema.items);
  return tree;
}

/** The field-name tree of a zod schema (the AgentConfig type). */
export function keyTreeOfZod(schema: z.ZodType): KeyTree {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType> } }).def;
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default') return keyTreeOfZod(def.innerType!);
  if (def.type === 'array') return { items: keyTreeOfZod(def.element!) };
  if (def.type === 'object') return { properties: Object.fromEntries(Object.entries(def.shape!).map(([k, v]) => [k, keyTreeOfZod(v)])) };
  return {};
}

let trees: Record<InputKind, KeyTree | undefined> | undefined;

/** One installer input as openshift-install reads it: what `sitekit lint` judges and `sitekit import` maps. */
export function normalizeInput(kind: InputKind, data: Obj): Normalized {
  trees ??= {
    'install-config': keyTreeOfJsonSchema(validatorFor(INSTALL_CONFIG_SCHEMA, false)?.schema),
    'agent-config': keyTreeOfZod(agentConfigSchema),
  };
  return kind === 'install-config' ? normalizeInstallConfig(data, trees[kind]) : normalizeAgentConfig(data, trees[kind]!);
}

export function normalizeAgentConfig(data: Obj, tree: KeyTree): Normalized {
  const renamed = new Map<string, string>();
  const reports: RuleReport[] = [];
  const canonical = canonicalKeys(data, tree, '', 'agent-config', renamed, reports) as Obj;
  return { data: canonical, reports, toWritten: writtenPath(renamed) };
}

const VIP_PLATFORMS = ['baremetal', 'vsphere', 'nutanix', 'openstack'] as const;

export function normalizeInstallConfig(data: Obj, tree: KeyTree | undefined): Normalized {
  const renamed = new Map<string, string>();
  const reports: RuleReport[] = [];
  const c = structuredClone(canonicalKeys(data, tree, '', 'install-config', renamed, reports)) as Obj;
  const note = (path: string, message: string) => reports.push({ id: 'install.defaulted', severity: 'info', input: 'install-config', path, message });
  const deprecated = (path: string, message: string) => reports.push({ id: 'install.deprecated-field', severity: 'warning', input: 'install-config', path, at: 'key', message });

  // Conversion of deprecated fields (convertNetworking, convertBaremetal, …, upconvertVIP).
  if (isObj(c.networking)) {
    const n = c.networking;
    if (!hasItems(n.clusterNetwork) && hasItems(n.clusterNetworks)) {
      n.clusterNetwork = n.clusterNetworks;
      deprecated('/networking/clusterNetworks', 'networking.clusterNetworks is deprecated: write networking.clusterNetwork (the installer converts it)');
    }
    if (!hasItems(n.machineNetwork) && typeof n.machineCIDR === 'string') {
      n.machineNetwork = [{ cidr: n.machineCIDR }];
      deprecated('/networking/machineCIDR', 'networking.machineCIDR is deprecated: write networking.machineNetwork: [{cidr: …}] (the installer converts it)');
    }
    if (!hasItems(n.serviceNetwork) && typeof n.serviceCIDR === 'string') {
      n.serviceNetwork = [n.serviceCIDR];
      deprecated('/networking/serviceCIDR', 'networking.serviceCIDR is deprecated: write networking.serviceNetwork (the installer converts it)');
    }
    if ((n.networkType === undefined || n.networkType === '') && typeof n.type === 'string') {
      n.networkType = n.type;
      deprecated('/networking/type', 'networking.type is deprecated: write networking.networkType (the installer converts it)');
    }
    for (const name of ['OpenShiftSDN', 'OVNKubernetes']) {
      if (typeof n.networkType === 'string' && n.networkType !== name && n.networkType.toLowerCase() === name.toLowerCase()) n.networkType = name;
    }
    if (Array.isArray(n.clusterNetwork)) {
      for (const entry of n.clusterNetwork) {
        if (!isObj(entry) || entry.hostPrefix || typeof entry.hostSubnetLength !== 'number' || typeof entry.cidr !== 'string') continue;
        entry.hostPrefix = (entry.cidr.includes(':') ? 128 : 32) - entry.hostSubnetLength;
      }
    }
  }
  const platform = obj(c.platform);
  for (const name of VIP_PLATFORMS) {
    const p = platform[name];
    if (!isObj(p)) continue;
    for (const [single, list] of [
      ['apiVIP', 'apiVIPs'],
      ['ingressVIP', 'ingressVIPs'],
    ] as const) {
      const old = p[single];
      if (typeof old !== 'string' || old === '') continue;
      if (!hasItems(p[list])) {
        p[list] = [old];
        deprecated(`/platform/${name}/${single}`, `platform.${name}.${single} is deprecated: write ${list}: [${old}] (the installer converts it)`);
      } else if (!(p[list] as unknown[]).includes(old)) {
        // The installer's own words (upconvertVIP names the fields the other way round).
        reports.push({ id: 'install.deprecated-field', severity: 'error', input: 'install-config', path: `/platform/${name}/${list}`, message: `platform.${name}.${list}: Invalid value: "${old}": ${list} is deprecated; only ${single} needs to be specified`, hint: `Remove ${single}; ${list} is the field to use.` });
      } else {
        deprecated(`/platform/${name}/${single}`, `platform.${name}.${single} is deprecated and repeats ${list}: remove it`);
      }
    }
  }

  // Defaults (SetInstallConfigDefaults, SetMachinePoolDefaults).
  const n = isObj(c.networking) ? c.networking : (c.networking = {});
  if (!hasItems(n.machineNetwork)) {
    n.machineNetwork = [{ cidr: '10.0.0.0/16' }];
    note('/networking', 'networking.machineNetwork defaulted to 10.0.0.0/16: the nodes\' addresses and the VIPs must be in it');
  }
  if (n.networkType === undefined || n.networkType === '') {
    n.networkType = 'OVNKubernetes';
    note('/networking', 'networking.networkType defaulted to OVNKubernetes');
  }
  if (!hasItems(n.serviceNetwork)) {
    n.serviceNetwork = ['172.30.0.0/16'];
    note('/networking', 'networking.serviceNetwork defaulted to 172.30.0.0/16');
  }
  if (!hasItems(n.clusterNetwork)) {
    n.clusterNetwork = [{ cidr: '10.128.0.0/14', hostPrefix: 23 }];
    note('/networking', 'networking.clusterNetwork defaulted to 10.128.0.0/14 with hostPrefix 23');
  }
  if (!isObj(c.controlPlane)) {
    c.controlPlane = { name: 'master' };
    note('', 'controlPlane defaulted: 3 replicas, hyperthreading Enabled, architecture amd64');
  } else if (c.controlPlane.replicas === undefined || c.controlPlane.replicas === null) {
    note('/controlPlane', 'controlPlane.replicas defaulted to 3');
  }
  poolDefaults(c.controlPlane as Obj);
  if (!hasItems(c.compute)) {
    c.compute = [{ name: 'worker' }];
    note('', 'compute defaulted to one pool "worker" with 3 replicas');
  } else {
    c.compute.forEach((pool, i) => isObj(pool) && (pool.replicas === undefined || pool.replicas === null) && note(`/compute/${i}`, `compute[${i}].replicas defaulted to 3`));
  }
  for (const pool of c.compute as unknown[]) if (isObj(pool)) poolDefaults(pool);
  return { data: c, reports, toWritten: writtenPath(renamed) };
}

function poolDefaults(pool: Obj): void {
  if (pool.replicas === undefined || pool.replicas === null) pool.replicas = 3;
  pool.hyperthreading ??= 'Enabled';
  pool.architecture ??= 'amd64';
}

function hasItems(value: unknown): value is unknown[] {
  return Array.isArray(value) && value.length > 0;
}
