// Sitekit's own checks of an NMState document. No JSON Schema exists for nmstate's YAML
// API (schemas/SOURCES.md "Looked for, not saved") and nmstatectl is not available offline,
// so these rules catch what most often breaks a networkConfig or a policy: references to
// interfaces that do not exist, bad names, addresses outside the planned subnets.
import { clusterDevice, effectiveLayout } from '../../site/model';
import type { Site, SiteNode } from '../../site/schema';
import { cidrContains, parseCidr, parseIp } from '../../net/ip';
import type { Severity } from '../../validation/finding';
import { OVN_EXTERNAL_BRIDGE } from './machine-link';

export interface NmStateIssue {
  /** Stable rule id, e.g. `nmstate.unknown-interface`. */
  id: string;
  severity: Severity;
  /** JSON pointer into the NMState document. */
  path: string;
  message: string;
}

export interface NmStateContext {
  /** With a site and node: NICs and bonds of the node count as existing; IPs are checked against the plan's subnets. */
  site?: Site;
  node?: SiteNode;
  /** Further interface names that exist on the host (e.g. the agent-config interface table). */
  knownInterfaces?: readonly string[];
}

/** Linux IFNAMSIZ - 1. */
const MAX_NAME = 15;
/** Names OpenShift reserves for its own bridges and tunnels (manifests.md §4). */
const RESERVED = [/^br-ext$/, /^br-int$/, /^br-local$/, /^br-nexthop$/, /^br0$/, /^ext-vxlan$/, /^ext$/, /^genev_sys_/, /^int$/, /^k8s-/, /^ovn-k8s-/, /^patch-br-/, /^tun0$/, /^vxlan_sys_/];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function checkNmState(state: unknown, context: NmStateContext = {}): NmStateIssue[] {
  const issues: NmStateIssue[] = [];
  const report = (id: string, severity: Severity, path: string, message: string) => issues.push({ id, severity, path, message });
  if (!isObj(state)) {
    report('nmstate.not-a-document', 'error', '', 'the network configuration is not an NMState document (a map with interfaces)');
    return issues;
  }
  const interfaces = list(state.interfaces);
  const declared = new Map<string, Obj>();
  for (const [i, iface] of interfaces.entries()) {
    if (!isObj(iface) || typeof iface.name !== 'string') {
      report('nmstate.interface-name', 'error', `/interfaces/${i}`, `interface ${i} has no name`);
      continue;
    }
    if (declared.has(iface.name)) report('nmstate.duplicate-interface', 'error', `/interfaces/${i}/name`, `interface ${iface.name} is declared twice`);
    declared.set(iface.name, iface);
  }
  const known = new Set([...declared.keys(), ...nodeInterfaceNames(context), ...(context.knownInterfaces ?? [])]);
  const mustExist = (name: unknown, path: string, what: string) => {
    if (typeof name !== 'string' || !known.has(name)) {
      report('nmstate.unknown-interface', 'error', path, `${what} ${String(name)} is neither declared in this configuration nor a NIC of the host`);
    }
  };
  const subnets = plannedSubnets(context);
  const clusterLink = clusterLinkOf(context);

  for (const [i, raw] of interfaces.entries()) {
    if (!isObj(raw) || typeof raw.name !== 'string') continue;
    const at = `/interfaces/${i}`;
    const name = raw.name;
    if (name.length > MAX_NAME) report('nmstate.interface-name', 'error', `${at}/name`, `interface name ${name} is longer than ${MAX_NAME} characters`);
    if (RESERVED.some((r) => r.test(name))) report('nmstate.reserved-name', 'error', `${at}/name`, `interface name ${name} is reserved by OpenShift`);
    if (raw.mtu !== undefined && !Number.isInteger(raw.mtu)) {
      report('nmstate.mtu-not-integer', 'error', `${at}/mtu`, `mtu of ${name} must be an integer, not ${JSON.stringify(raw.mtu)}`);
    }
    const lag = isObj(raw['link-aggregation']) ? raw['link-aggregation'] : undefined;
    if (raw.type === 'bond') {
      const ports = list(lag?.port ?? lag?.slaves);
      if (ports.length === 0) report('nmstate.bond-ports', 'error', `${at}/link-aggregation`, `bond ${name} has no ports`);
      ports.forEach((p, j) => mustExist(p, `${at}/link-aggregation/port/${j}`, `port of bond ${name}:`));
    }
    if (raw.type === 'vlan') {
      const vlan = isObj(raw.vlan) ? raw.vlan : {};
      mustExist(vlan['base-iface'], `${at}/vlan/base-iface`, `base interface of VLAN ${name}:`);
      const parent = declared.get(String(vlan['base-iface']));
      if (parent && typeof parent.mtu === 'number' && typeof raw.mtu === 'number' && raw.mtu > parent.mtu) {
        report('nmstate.vlan-mtu', 'error', `${at}/mtu`, `VLAN ${name} has MTU ${raw.mtu}, larger than its base interface (${parent.mtu})`);
      }
    }
    if (raw.type === 'linux-bridge') {
      const bridge = isObj(raw.bridge) ? raw.bridge : {};
      list(bridge.port).forEach((p, j) => {
        const port = isObj(p) ? p.name : p;
        mustExist(port, `${at}/bridge/port/${j}/name`, `port of bridge ${name}:`);
        // OVN-Kubernetes puts the cluster link into br-ex at install; a Linux bridge
        // taking it as a port would cut the node off the cluster network.
        if (typeof port === 'string' && clusterLink !== undefined && port === clusterLink) {
          report('nmstate.bridge-on-cluster-link', 'error', `${at}/bridge/port/${j}/name`, `bridge ${name} takes ${port} as a port, but ${port} carries the cluster network; OpenShift attaches that link to br-ex, so the node would lose its cluster address`);
        }
      });
    }
    for (const family of ['ipv4', 'ipv6'] as const) {
      const ip = isObj(raw[family]) ? raw[family] : undefined;
      list(ip?.address).forEach((a, j) => checkAddress(a, `${at}/${family}/address/${j}`, name, subnets, report));
    }
  }

  const routes = isObj(state.routes) ? list(state.routes.config) : [];
  routes.forEach((r, i) => {
    if (isObj(r) && r['next-hop-interface'] !== undefined) {
      mustExist(r['next-hop-interface'], `/routes/config/${i}/next-hop-interface`, 'next-hop interface of route:');
    }
  });
  checkBridgeMappings(state, declared, report);
  return issues;
}

/**
 * `ovn.bridge-mappings` (nmstate yaml_api: localnet, bridge, state present|absent; openshift-docs
 * modules/virt-creating-localnet-nad-cli.adoc: bridge required when present). A mapping
 * points at br-ex (OVN-Kubernetes creates it at install) or at an OVS bridge this state declares.
 */
function checkBridgeMappings(
  state: Obj,
  declared: ReadonlyMap<string, Obj>,
  report: (id: string, severity: Severity, path: string, message: string) => void,
): void {
  if (state.ovn === undefined) return;
  const ovn = isObj(state.ovn) ? state.ovn : undefined;
  const mappings = ovn?.['bridge-mappings'];
  if (!ovn || !Array.isArray(mappings)) {
    report('nmstate.bridge-mapping', 'error', '/ovn', 'ovn must be a map with a bridge-mappings list');
    return;
  }
  const seen = new Set<string>();
  mappings.forEach((m, i) => {
    const at = `/ovn/bridge-mappings/${i}`;
    if (!isObj(m) || typeof m.localnet !== 'string' || m.localnet === '') {
      report('nmstate.bridge-mapping', 'error', `${at}/localnet`, `bridge mapping ${i} has no localnet name`);
      return;
    }
    if (seen.has(m.localnet)) report('nmstate.bridge-mapping', 'error', `${at}/localnet`, `localnet ${m.localnet} is mapped twice`);
    seen.add(m.localnet);
    const mapState = m.state ?? 'present';
    if (mapState !== 'present' && mapState !== 'absent') {
      report('nmstate.bridge-mapping', 'error', `${at}/state`, `state of localnet ${m.localnet} must be present or absent, not ${JSON.stringify(m.state)}`);
    }
    if (mapState !== 'present') return;
    const bridge = m.bridge;
    const ovsBridge = typeof bridge === 'string' && (bridge === OVN_EXTERNAL_BRIDGE || declared.get(bridge)?.type === 'ovs-bridge');
    if (!ovsBridge) {
      report('nmstate.bridge-mapping', 'error', `${at}/bridge`, `localnet ${m.localnet} maps to ${JSON.stringify(bridge)}, which is neither ${OVN_EXTERNAL_BRIDGE} nor an OVS bridge declared here`);
    }
  });
}

function checkAddress(
  address: unknown,
  path: string,
  iface: string,
  subnets: ReturnType<typeof plannedSubnets>,
  report: (id: string, severity: Severity, path: string, message: string) => void,
): void {
  if (!isObj(address) || typeof address.ip !== 'string' || !parseIp(address.ip)) {
    report('nmstate.address', 'error', path, `address of ${iface} is not an IP`);
    return;
  }
  const prefix = address['prefix-length'];
  if (!Number.isInteger(prefix)) report('nmstate.address', 'error', `${path}/prefix-length`, `address ${address.ip} of ${iface} has no integer prefix-length`);
  if (subnets === undefined) return;
  const ip = parseIp(address.ip)!;
  const home = subnets.find((s) => cidrContains(s.cidr, ip));
  if (!home) {
    report('nmstate.ip-outside-subnet', 'error', `${path}/ip`, `address ${address.ip} of ${iface} is in no planned network`);
  } else if (Number.isInteger(prefix) && prefix !== home.cidr.prefix) {
    report('nmstate.ip-outside-subnet', 'error', `${path}/prefix-length`, `address ${address.ip}/${String(prefix)} of ${iface} does not match network ${home.name} (${home.text})`);
  }
}

function nodeInterfaceNames(context: NmStateContext): string[] {
  if (!context.site || !context.node) return [];
  const layout = effectiveLayout(context.site, context.node);
  return [...context.node.interfaces.map((i) => i.name), ...layout.interfaces, ...(layout.bonds ?? []).map((b) => b.name)];
}

function plannedSubnets(context: NmStateContext) {
  if (!context.site) return undefined;
  return context.site.networks.flatMap((n) => {
    const cidr = parseCidr(n.subnet);
    return cidr ? [{ name: n.name, text: n.subnet, cidr }] : [];
  });
}

/** The NIC or bond that carries the cluster network on this node (the uplink device). */
function clusterLinkOf(context: NmStateContext): string | undefined {
  if (!context.site || !context.node) return undefined;
  return clusterDevice(context.site, effectiveLayout(context.site, context.node));
}
