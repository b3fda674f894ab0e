// Compares the live cluster with the plan as soon as it answers: the version, exactly the three
// planned nodes, their cluster-network IPs (Node status.addresses InternalIP) and NIC MACs
// (NodeNetworkState), roles (control plane and worker on every node), schedulable masters and
// the API/Ingress VIPs (Infrastructure status.platformStatus.baremetal). Each check says ok,
// mismatch (with what to do) or unknown (with why it cannot be known yet).
//
// Field sources: Node status.addresses and spec.taints (Kubernetes API reference, Node v1);
// ClusterVersion status.desired/history, Infrastructure status.platformStatus.baremetal
// apiServerInternalIPs/ingressIPs, Scheduler spec.mastersSchedulable (openshift/api config/v1);
// NodeNetworkState status.currentState.interfaces[] `mac-address` and `permanent-mac-address`
// (the NIC's own MAC when a bond has changed the current one: nmstate/nmstate.github.io
// devel/yaml_api.md "Permanent MAC Address", commit 0393158f17047f590023b530fd4572cafd12c06a).
import type { Site, SiteNode } from '../../site/schema';
import { clusterNetwork } from '../../site/model';
import { canonicalIp } from '../../site/primitives';
import type { KubeObject } from '../client';
import { nodeRoles } from '../node-facts';
import type { LiveCheck } from '../types';
import type { LivePlanInput } from './live-plan-input';

const CONTROL_PLANE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];
const WORKER_LABEL = 'node-role.kubernetes.io/worker';

export function checkLiveAgainstPlan(site: Site, live: LivePlanInput): LiveCheck[] {
  return [
    versionCheck(site, live),
    namesCheck(site, live),
    ...site.nodes.flatMap((node) => ipCheck(site, node, live)),
    ...site.nodes.flatMap((node) => macChecks(node, live)),
    ...site.nodes.map((node) => rolesCheck(node, live)),
    schedulableCheck(live),
    vipCheck('vip.api', 'API VIP', site.cluster.apiVIPs, live, 'apiServerInternalIPs', 'apiServerInternalIP'),
    vipCheck('vip.ingress', 'Ingress VIP', site.cluster.ingressVIPs, live, 'ingressIPs', 'ingressIP'),
  ];
}

/** The live Node for a planned host: the same name, or the same first label when the node got its FQDN. */
export function liveNodeFor(node: SiteNode, nodes: readonly KubeObject[]): KubeObject | undefined {
  return nodes.find((n) => n.metadata.name === node.hostname) ?? nodes.find((n) => n.metadata.name.split('.')[0] === node.hostname);
}

function versionCheck(site: Site, live: LivePlanInput): LiveCheck {
  const planned = site.cluster.openshiftVersion;
  const base = { id: 'cluster.version', title: 'OpenShift version', expected: planned };
  const status = live.clusterVersion?.status as ClusterVersionStatus | undefined;
  const running = status?.desired?.version ?? status?.history?.[0]?.version;
  if (!running) return unknown(base, live.unavailable?.clusterVersion ?? 'The cluster version operator has not reported a version yet.');
  const matches = running === planned || running.startsWith(`${planned}.`);
  if (matches) return { ...base, state: 'ok', actual: running };
  return {
    ...base,
    state: 'mismatch',
    actual: running,
    note: `The cluster runs ${running}, the plan says ${planned}: the agent ISO was made with another openshift-install. Set cluster.openshiftVersion to what runs (generate again), or reinstall from an ISO of the planned release.`,
  };
}

function namesCheck(site: Site, live: LivePlanInput): LiveCheck {
  const planned = site.nodes.map((n) => n.hostname);
  const base = { id: 'node.names', title: 'Node names', expected: planned.join(', ') };
  if (!live.nodes) return unknown(base, live.unavailable?.nodes ?? 'The cluster has not listed its nodes yet.');
  const names = live.nodes.map((n) => n.metadata.name).sort();
  const actual = names.length ? names.join(', ') : '(none)';
  const matched = new Set(site.nodes.map((n) => liveNodeFor(n, live.nodes!)?.metadata.name).filter(Boolean) as string[]);
  const missing = site.nodes.filter((n) => !liveNodeFor(n, live.nodes!)).map((n) => n.hostname);
  const extra = names.filter((name) => !matched.has(name));
  if (missing.length === 0 && extra.length === 0) return { ...base, state: 'ok', actual };
  const notes: string[] = [];
  if (missing.length) {
    notes.push(
      `${list(missing)} ${missing.length === 1 ? 'has' : 'have'} not joined: wait while the install runs; if it is over, look at ${missing.length === 1 ? 'that node' : 'those nodes'}' console (a host name from DHCP instead of the plan's, or a node still on the agent ISO)`,
    );
  }
  if (extra.length) notes.push(`${list(extra)} ${extra.length === 1 ? 'is' : 'are'} not in the plan: a node got another host name (check the plan's hostname and the node's DHCP/DNS name) or a node that does not belong here joined`);
  return { ...base, state: 'mismatch', actual, note: `${notes.join('; ')}.` };
}

function ipCheck(site: Site, node: SiteNode, live: LivePlanInput): LiveCheck[] {
  const network = clusterNetwork(site);
  const expected = network ? node.addresses[network.name] : undefined;
  if (!expected) return [];
  const base = { id: 'node.ip', title: `Cluster IP of ${node.hostname}`, node: node.hostname, expected };
  if (!live.nodes) return [unknown(base, live.unavailable?.nodes ?? 'The cluster has not listed its nodes yet.')];
  const liveNode = liveNodeFor(node, live.nodes);
  if (!liveNode) return [unknown(base, `${node.hostname} has not joined the cluster yet.`)];
  const status = liveNode.status as NodeStatus | undefined;
  const internal = (status?.addresses ?? []).filter((a) => a.type === 'InternalIP').map((a) => a.address);
  if (internal.length === 0) return [unknown(base, `${node.hostname} reports no InternalIP yet (its kubelet is still registering).`)];
  const actual = internal.join(', ');
  if (internal.some((address) => sameIp(address, expected))) return [{ ...base, state: 'ok', actual }];
  return [
    {
      ...base,
      state: 'mismatch',
      actual,
      note: `${node.hostname} uses ${actual} on the cluster network, the plan says ${expected}: the node took an address from DHCP or another NIC; check its NMState (agent-config networkConfig) and the plan's nodes[].addresses.${network!.name}.`,
    },
  ];
}

function macChecks(node: SiteNode, live: LivePlanInput): LiveCheck[] {
  const title = (nic: string) => `MAC of ${nic} on ${node.hostname}`;
  const interfaces = node.interfaces;
  if (interfaces.length === 0) return [];
  const expectedAll = interfaces.map((i) => `${i.name} ${i.mac}`).join(', ');
  const whole = { id: 'node.mac', title: `MACs of ${node.hostname}`, node: node.hostname, expected: expectedAll };
  if (!live.nodeNetworkStates || live.nodeNetworkStates.length === 0) {
    return [unknown(whole, live.unavailable?.nodeNetworkStates ?? 'NMState has not reported any node yet.')];
  }
  const liveName = live.nodes ? liveNodeFor(node, live.nodes)?.metadata.name : undefined;
  const state = live.nodeNetworkStates.find((s) => s.metadata.name === (liveName ?? node.hostname));
  if (!state) return [unknown(whole, `NMState has not reported ${node.hostname} yet (its NodeNetworkState is missing).`)];
  const current = ((state.status as NodeNetworkStateStatus | undefined)?.currentState?.interfaces ?? []).filter((i) => typeof i?.name === 'string');
  return interfaces.map((nic) => {
    const base = { id: 'node.mac', title: title(nic.name), node: node.hostname, expected: `${nic.name} ${nic.mac}` };
    const wanted = normalMac(nic.mac);
    const found = current.find((i) => i.name === nic.name);
    if (found) {
      const mac = ownMac(found);
      const actual = `${nic.name} ${mac ?? '(no MAC)'}`;
      if (mac && normalMac(mac) === wanted) return { ...base, state: 'ok' as const, actual };
      const elsewhere = current.find((i) => i !== found && ownMac(i) && normalMac(ownMac(i)!) === wanted);
      return {
        ...base,
        state: 'mismatch' as const,
        actual,
        note: elsewhere
          ? `On ${node.hostname} ${nic.mac} belongs to ${elsewhere.name}, not ${nic.name}: the plan swapped the NIC names; fix nodes[].interfaces of ${node.hostname}.`
          : `${nic.name} on ${node.hostname} has ${mac ?? 'no MAC'}, not ${nic.mac}: fix the MAC in the plan (a typo, or the NIC was replaced).`,
      };
    }
    const elsewhere = current.find((i) => ownMac(i) && normalMac(ownMac(i)!) === wanted);
    return {
      ...base,
      state: 'mismatch' as const,
      actual: elsewhere ? `${elsewhere.name} ${ownMac(elsewhere)}` : '(no such interface)',
      note: elsewhere
        ? `The NIC with ${nic.mac} is called ${elsewhere.name} on ${node.hostname}, not ${nic.name}: fix the interface name in the plan.`
        : `${node.hostname} has no interface ${nic.name} and no NIC with ${nic.mac}: check the MAC in the plan and that the NIC is enabled in the firmware.`,
    };
  });
}

function rolesCheck(node: SiteNode, live: LivePlanInput): LiveCheck {
  const base = { id: 'node.roles', title: `Roles of ${node.hostname}`, node: node.hostname, expected: 'control-plane, worker' };
  if (!live.nodes) return unknown(base, live.unavailable?.nodes ?? 'The cluster has not listed its nodes yet.');
  const liveNode = liveNodeFor(node, live.nodes);
  if (!liveNode) return unknown(base, `${node.hostname} has not joined the cluster yet.`);
  const roles = nodeRoles(liveNode);
  const actual = roles.length ? roles.join(', ') : '(none)';
  const controlPlane = CONTROL_PLANE_LABELS.some((label) => liveNode.metadata.labels?.[label] !== undefined);
  const worker = liveNode.metadata.labels?.[WORKER_LABEL] !== undefined;
  if (controlPlane && worker) return { ...base, state: 'ok', actual };
  const note = !controlPlane
    ? `${node.hostname} is not a control-plane node: every node of a compact cluster must be one; the install did not go as planned (agent-config role master), reinstall this node.`
    : `${node.hostname} is not a worker: workloads and VMs cannot run on it; the masters are not schedulable (see the schedulable-masters check).`;
  return { ...base, state: 'mismatch', actual, note };
}

function schedulableCheck(live: LivePlanInput): LiveCheck {
  const base = { id: 'masters.schedulable', title: 'Workloads run on the control-plane nodes', expected: 'mastersSchedulable: true' };
  const spec = live.scheduler?.spec as { mastersSchedulable?: boolean } | undefined;
  const tainted = (live.nodes ?? []).filter((n) =>
    ((n.spec as NodeSpec | undefined)?.taints ?? []).some((t) => CONTROL_PLANE_LABELS.includes(t.key ?? '') && t.effect === 'NoSchedule'),
  );
  const fix =
    'a compact cluster runs everything on its three nodes: set spec.mastersSchedulable to true in the Scheduler "cluster" (install-config compute replicas 0 does it at install time).';
  if (live.scheduler) {
    const value = spec?.mastersSchedulable === true;
    const actual = `mastersSchedulable: ${spec?.mastersSchedulable ?? false}${tainted.length ? `; NoSchedule taint on ${tainted.map((n) => n.metadata.name).join(', ')}` : ''}`;
    if (value && tainted.length === 0) return { ...base, state: 'ok', actual };
    return { ...base, state: 'mismatch', actual, note: value ? `The control-plane taint is still on ${tainted.map((n) => n.metadata.name).join(', ')}: wait a minute for the scheduler operator to remove it.` : `Masters are not schedulable: ${fix}` };
  }
  if (!live.nodes || live.nodes.length === 0) {
    return unknown(base, live.unavailable?.scheduler ?? live.unavailable?.nodes ?? 'The cluster has not reported its scheduler settings yet.');
  }
  const workers = live.nodes.filter((n) => n.metadata.labels?.[WORKER_LABEL] !== undefined);
  const actual = `worker role on ${workers.length} of ${live.nodes.length} nodes (Scheduler not readable)`;
  if (workers.length === live.nodes.length && tainted.length === 0) return { ...base, state: 'ok', actual };
  return { ...base, state: 'mismatch', actual, note: `Not every node is a worker: ${fix}` };
}

function vipCheck(
  id: string,
  title: string,
  planned: readonly string[],
  live: LivePlanInput,
  listField: 'apiServerInternalIPs' | 'ingressIPs',
  singleField: 'apiServerInternalIP' | 'ingressIP',
): LiveCheck {
  const base = { id, title, expected: planned.join(', ') };
  if (!live.infrastructure) return unknown(base, live.unavailable?.infrastructure ?? 'The cluster has no Infrastructure "cluster" object yet.');
  const platform = (live.infrastructure.status as InfrastructureStatus | undefined)?.platformStatus;
  if (!platform) return unknown(base, 'The Infrastructure object has no platformStatus yet.');
  if (platform.type !== 'BareMetal') {
    return {
      ...base,
      state: 'mismatch',
      actual: `platform ${platform.type ?? '(none)'}`,
      note: `The cluster was installed with platform ${platform.type ?? 'none'}, not baremetal: it does not keep the plan's VIPs; the install-config platform must be baremetal with these VIPs (reinstall).`,
    };
  }
  const baremetal = platform.baremetal ?? {};
  const liveVips = baremetal[listField]?.length ? baremetal[listField]! : baremetal[singleField] ? [baremetal[singleField]!] : [];
  if (liveVips.length === 0) return unknown(base, `The Infrastructure object does not list the ${title} yet.`);
  const actual = liveVips.join(', ');
  const same = liveVips.length === planned.length && planned.every((vip) => liveVips.some((live) => sameIp(live, vip)));
  if (same) return { ...base, state: 'ok', actual };
  return {
    ...base,
    state: 'mismatch',
    actual,
    note: `The cluster holds ${title} ${actual}, the plan says ${planned.join(', ')}: the ISO was made from another install-config; fix the plan's cluster.${listField === 'ingressIPs' ? 'ingressVIPs' : 'apiVIPs'} or the DNS records that point at it.`,
  };
}

/** The NIC's own MAC: permanent-mac-address when a bond changed the current one, else mac-address. */
function ownMac(nic: NmstateInterface): string | undefined {
  return nic['permanent-mac-address'] || nic['mac-address'] || undefined;
}

/** The plan keeps IPs canonical (RFC 5952 for IPv6); the live text may be written another way. */
function sameIp(live: string, planned: string): boolean {
  try {
    return canonicalIp(live) === canonicalIp(planned);
  } catch {
    return live === planned;
  }
}

function normalMac(mac: string): string {
  return mac.toLowerCase().replace(/-/g, ':');
}

function unknown<T extends Omit<LiveCheck, 'state' | 'actual' | 'note'>>(base: T, why: string): LiveCheck {
  return { ...base, state: 'unknown', actual: '(not known yet)', note: why };
}

function list(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

interface ClusterVersionStatus {
  desired?: { version?: string };
  history?: { version?: string; state?: string }[];
}
interface NodeStatus {
  addresses?: { type: string; address: string }[];
}
interface NodeSpec {
  taints?: { key?: string; effect?: string }[];
}
interface NmstateInterface {
  name: string;
  'mac-address'?: string;
  'permanent-mac-address'?: string;
}
interface NodeNetworkStateStatus {
  currentState?: { interfaces?: NmstateInterface[] };
}
interface InfrastructureStatus {
  platformStatus?: {
    type?: string;
    baremetal?: { apiServerInternalIPs?: string[]; ingressIPs?: string[]; apiServerInternalIP?: string; ingressIP?: string };
  };
}
