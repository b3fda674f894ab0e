// Checks the CNI configuration inside a NetworkAttachmentDefinition (`spec.config`, a JSON
// string). No CRD schema covers it (SOURCES.md "Looked for, not saved"), so these are
// Sitekit's own rules, from manifests.md §3.4 (ODF: macvlan + whereabouts `range`) and §5
// (VM bridges: bridge/cnv-bridge on the NMState linux-bridge, VLAN id, no IPAM), and
// openshift-docs for OVN-Kubernetes localnet (bridge mapping per node, vlanID).
import { cidrContains, parseCidr, parseIp, type Cidr } from '../net/ip';
import type { Site } from '../site/schema';
import type { ObjectError } from './validate';

export const CNI_VERSIONS = ['0.3.0', '0.3.1', '0.4.0', '1.0.0'] as const;
export const CNI_TYPES = ['bridge', 'cnv-bridge', 'macvlan', 'ovn-k8s-cni-overlay'] as const;
const MACVLAN_MODES = ['bridge', 'private', 'vepa', 'passthru'];

export interface CniContext {
  site: Site;
  /** The day-2 NMState desiredState of each node, by hostname (what the NNCPs configure). */
  states: ReadonlyMap<string, unknown>;
}

interface NmInterface {
  name?: unknown;
  type?: unknown;
  bridge?: { port?: { name?: unknown; vlan?: { mode?: unknown; 'trunk-tags'?: unknown } }[] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function interfacesOf(state: unknown): NmInterface[] {
  if (!isRecord(state) || !Array.isArray(state.interfaces)) return [];
  return state.interfaces.filter(isRecord) as NmInterface[];
}

/** The VLAN ids a linux-bridge lets through its trunk ports, or undefined when it does not filter. */
function trunkVlans(bridge: NmInterface): Set<number> | undefined {
  const ports = bridge.bridge?.port ?? [];
  let filtering = false;
  const ids = new Set<number>();
  for (const port of ports) {
    const tags = port.vlan?.['trunk-tags'];
    if (!Array.isArray(tags)) continue;
    filtering = true;
    for (const tag of tags) {
      if (!isRecord(tag)) continue;
      if (typeof tag.id === 'number') ids.add(tag.id);
      const range = tag['id-range'];
      if (isRecord(range) && typeof range.min === 'number' && typeof range.max === 'number') {
        for (let id = range.min; id <= range.max && id - range.min < 4096; id++) ids.add(id);
      }
    }
  }
  return filtering ? ids : undefined;
}

/** Errors of one NAD's CNI config; paths point into the NAD (`/spec/config`, then the JSON key). */
export function checkCniConfig(nad: unknown, context: CniContext): ObjectError[] {
  const errors: ObjectError[] = [];
  const at = (key: string) => `/spec/config${key === '' ? '' : `#/${key}`}`;
  const fail = (key: string, message: string) => errors.push({ path: at(key), message });
  if (!isRecord(nad) || !isRecord(nad.spec) || typeof nad.spec.config !== 'string') {
    return [{ path: '/spec/config', message: 'spec.config is missing; it must hold the CNI configuration as a JSON string' }];
  }
  const name = isRecord(nad.metadata) ? nad.metadata.name : undefined;
  let config: unknown;
  try {
    config = JSON.parse(nad.spec.config);
  } catch (error) {
    return [{ path: at(''), message: `spec.config is not valid JSON: ${(error as Error).message}` }];
  }
  if (!isRecord(config)) return [{ path: at(''), message: 'spec.config must be a JSON object' }];

  if (!CNI_VERSIONS.includes(config.cniVersion as (typeof CNI_VERSIONS)[number])) {
    fail('cniVersion', `cniVersion ${JSON.stringify(config.cniVersion)} is not one of ${CNI_VERSIONS.join(', ')}`);
  }
  const type = config.type;
  // An OVN-Kubernetes network name is cluster-wide and not namespaced (it is the localnet of
  // the bridge mapping); other plugins name the network after the NAD.
  if (type !== 'ovn-k8s-cni-overlay' && config.name !== name) fail('name', `CNI name ${JSON.stringify(config.name)} should equal the NAD name "${String(name)}"`);
  if (!CNI_TYPES.includes(type as (typeof CNI_TYPES)[number])) {
    fail('type', `CNI type ${JSON.stringify(type)} is not one Sitekit knows (${CNI_TYPES.join(', ')})`);
    return errors;
  }
  const nodes = context.site.nodes.map((n) => n.hostname);

  if (type === 'bridge' || type === 'cnv-bridge') {
    const bridge = config.bridge;
    if (typeof bridge !== 'string' || bridge === '') fail('bridge', 'bridge is missing: name the NMState linux-bridge');
    if (config.ipam !== undefined) fail('ipam', 'IPAM in a VM bridge NAD is not supported by OpenShift Virtualization (manifests.md §5)');
    const vlan = config.vlan;
    if (vlan !== undefined) {
      if (typeof vlan !== 'number' || !Number.isInteger(vlan) || vlan < 1 || vlan > 4094) fail('vlan', `vlan ${JSON.stringify(vlan)} must be an integer 1–4094`);
      else if (!context.site.networks.some((n) => n.vlan === vlan)) fail('vlan', `vlan ${vlan} is not the VLAN of any planned network`);
    }
    if (typeof bridge === 'string' && bridge !== '') {
      for (const node of nodes) {
        const found = interfacesOf(context.states.get(node)).find((i) => i.name === bridge);
        if (!found || found.type !== 'linux-bridge') {
          fail('bridge', `bridge "${bridge}" is not a linux-bridge in the NMState policy of ${node}`);
          continue;
        }
        const allowed = trunkVlans(found);
        if (typeof vlan === 'number' && allowed && !allowed.has(vlan)) {
          fail('vlan', `vlan ${vlan} is not in the trunk VLANs of bridge "${bridge}" on ${node}`);
        }
      }
    }
  }

  if (type === 'macvlan') {
    const master = config.master;
    if (typeof master !== 'string' || master === '') fail('master', 'master is missing: name the host interface (the same on every node)');
    else {
      for (const node of nodes) {
        if (!interfacesOf(context.states.get(node)).some((i) => i.name === master)) {
          fail('master', `master "${master}" is not an interface in the NMState policy of ${node}`);
        }
      }
    }
    if (config.mode !== undefined && !MACVLAN_MODES.includes(config.mode as string)) {
      fail('mode', `macvlan mode ${JSON.stringify(config.mode)} is not one of ${MACVLAN_MODES.join(', ')}`);
    }
  }

  if (type === 'ovn-k8s-cni-overlay') {
    const namespace = isRecord(nad.metadata) ? nad.metadata.namespace : undefined;
    if (config.netAttachDefName !== `${String(namespace)}/${String(name)}`) {
      fail('netAttachDefName', `netAttachDefName must be "${String(namespace)}/${String(name)}"`);
    }
    if (!['layer2', 'layer3', 'localnet'].includes(config.topology as string)) fail('topology', 'topology must be layer2, layer3 or localnet');
    if (typeof config.name !== 'string' || config.name === '') fail('name', 'name is missing: it names the OVN network (for localnet, the bridge mapping)');
    if (config.mtu !== undefined && (typeof config.mtu !== 'number' || !Number.isInteger(config.mtu) || config.mtu < 576)) {
      fail('mtu', `mtu ${JSON.stringify(config.mtu)} must be an integer of at least 576`);
    }
    if (config.topology === 'localnet') localnetChecks(config, context, nodes, fail);
  }

  if (config.ipam !== undefined) errors.push(...ipamErrors(config.ipam, context.site, at));
  return errors;
}

/** The localnet names an NMState desiredState maps to an OVS bridge (`ovn.bridge-mappings`, state present). */
function mappedLocalnets(state: unknown): Set<string> {
  const names = new Set<string>();
  const ovn = isRecord(state) && isRecord(state.ovn) ? state.ovn : undefined;
  for (const m of Array.isArray(ovn?.['bridge-mappings']) ? ovn['bridge-mappings'] : []) {
    if (isRecord(m) && typeof m.localnet === 'string' && (m.state ?? 'present') === 'present') names.add(m.localnet);
  }
  return names;
}

/**
 * A localnet NAD (openshift-docs "Configuration for a localnet switched topology"): its `name`
 * must be a localnet the NNCP maps to an OVS bridge on every node, `vlanID` a planned VLAN.
 */
function localnetChecks(config: Record<string, unknown>, context: CniContext, nodes: string[], fail: (key: string, message: string) => void): void {
  const localnet = config.name;
  if (typeof localnet === 'string' && localnet !== '') {
    for (const node of nodes) {
      if (!mappedLocalnets(context.states.get(node)).has(localnet)) {
        fail('name', `localnet "${localnet}" has no ovn.bridge-mappings entry in the NMState policy of ${node}`);
      }
    }
  }
  const vlan = config.vlanID;
  if (vlan !== undefined) {
    if (typeof vlan !== 'number' || !Number.isInteger(vlan) || vlan < 1 || vlan > 4094) fail('vlanID', `vlanID ${JSON.stringify(vlan)} must be an integer 1–4094`);
    else if (!context.site.networks.some((n) => n.vlan === vlan)) fail('vlanID', `vlanID ${vlan} is not the VLAN of any planned network`);
  }
}

function ipamErrors(ipam: unknown, site: Site, at: (key: string) => string): ObjectError[] {
  const errors: ObjectError[] = [];
  if (!isRecord(ipam)) return [{ path: at('ipam'), message: 'ipam must be an object' }];
  if (ipam.type !== 'whereabouts' && ipam.type !== 'static' && ipam.type !== 'dhcp') {
    return [{ path: at('ipam/type'), message: `ipam type ${JSON.stringify(ipam.type)} is not whereabouts, static or dhcp` }];
  }
  if (ipam.type !== 'whereabouts') return errors;
  if (ipam.ipRanges !== undefined) errors.push({ path: at('ipam/ipRanges'), message: 'ODF needs whereabouts "range", not "ipRanges" (manifests.md §3.4)' });
  const range = typeof ipam.range === 'string' ? parseCidr(ipam.range) : undefined;
  if (!range) return [...errors, { path: at('ipam/range'), message: `ipam range ${JSON.stringify(ipam.range)} is not a CIDR` }];
  const subnets = site.networks.map((n) => ({ name: n.name, cidr: parseCidr(n.subnet) })).filter((s): s is { name: string; cidr: Cidr } => !!s.cidr);
  const home = subnets.find((s) => cidrContains(s.cidr, { family: range.family, value: range.network }) && cidrContains(s.cidr, { family: range.family, value: range.last }));
  if (!home) errors.push({ path: at('ipam/range'), message: `ipam range ${String(ipam.range)} is not inside any planned network's subnet` });
  for (const key of ['range_start', 'range_end'] as const) {
    if (ipam[key] === undefined) continue;
    const ip = typeof ipam[key] === 'string' ? parseIp(ipam[key]) : undefined;
    if (!ip || !cidrContains(range, ip)) errors.push({ path: at(`ipam/${key}`), message: `${key} ${JSON.stringify(ipam[key])} is not inside the range` });
  }
  if (ipam.exclude !== undefined) {
    if (!Array.isArray(ipam.exclude)) errors.push({ path: at('ipam/exclude'), message: 'exclude must be a list of CIDRs' });
    else {
      ipam.exclude.forEach((entry, i) => {
        const cidr = typeof entry === 'string' ? parseCidr(entry) : undefined;
        if (!cidr || !cidrContains(range, { family: cidr.family, value: cidr.network })) {
          errors.push({ path: at(`ipam/exclude/${i}`), message: `exclude ${JSON.stringify(entry)} is not a CIDR inside the range` });
        }
      });
    }
  }
  if (ipam.gateway !== undefined) errors.push({ path: at('ipam/gateway'), message: 'a storage network has no gateway; remove ipam.gateway' });
  return errors;
}
