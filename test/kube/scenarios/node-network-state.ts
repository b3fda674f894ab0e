// The NodeNetworkState kubernetes-nmstate's handler reports for a node, played for the plant-a
// scenario. Once the NMState CR exists, the operator runs the handler on every node, and each
// handler creates the NNS named after its node (owner: the Node, no spec) and writes what
// `nmstatectl show` reports into status.currentState (kubernetes-nmstate pkg/helper/client.go
// InitializeNodeNetworkState / UpdateCurrentState @ 8258e81c5b2aa7eb036617e02566fdbfc1eadfe3).
// After applying a policy the handler reports the node again, so the state then holds what the
// policy set.
//
// The reported state is the assembled fixture test/kube/fixtures/plant-a/nodenetworkstate-acp-1.yaml
// (see its SOURCES.md) turned into the node's own: each NIC gets the MAC the plan gives it (by
// interface name; a bond port reports the bond's MAC and its own as permanent-mac-address, as in
// the fixture), and the node's planned addresses replace acp-1's. Interfaces a day-2 policy
// creates (VLANs, bridges) are not reported before the policy is applied.
import type { SiteNode, Site } from '../../../main/core/site/schema';
import { loadFixture } from '../api-server/fixtures';
import type { JsonObject } from '../api-server/index';

const FIXTURE = 'plant-a/nodenetworkstate-acp-1.yaml';

type Json = Record<string, unknown>;
type NmInterface = Json & { name: string; 'mac-address'?: string; 'permanent-mac-address'?: string };

function template(): JsonObject {
  const [object] = loadFixture(FIXTURE);
  if (!object) throw new Error(`fixture ${FIXTURE} is empty`);
  return object;
}

function interfacesOf(state: JsonObject): NmInterface[] {
  const current = ((state.status as Json | undefined)?.currentState ?? {}) as Json;
  return ((current.interfaces as NmInterface[] | undefined) ?? []).filter((i) => typeof i?.name === 'string');
}

/** `from`'s values replaced by `to`'s for every key both have (MACs upper-case, as nmstate reports them). */
function substitutions(from: SiteNode, to: SiteNode): Map<string, string> {
  const map = new Map<string, string>();
  for (const nic of from.interfaces) {
    const mine = to.interfaces.find((i) => i.name === nic.name);
    if (mine) map.set(nic.mac.toUpperCase(), mine.mac.toUpperCase());
  }
  for (const [network, address] of Object.entries(from.addresses)) {
    const mine = (to.addresses as Record<string, string | undefined>)[network];
    if (address && mine) map.set(address, mine);
  }
  return map;
}

function substitute(value: unknown, map: Map<string, string>): unknown {
  if (typeof value === 'string') return map.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, map));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, map)]));
  return value;
}

/** The interface names the site's day-2 policies for this node declare that the node did not have at install. */
export function dayTwoInterfaces(policies: readonly JsonObject[], hostname: string): Set<string> {
  const names = new Set<string>();
  for (const policy of policies) {
    const spec = (policy.spec ?? {}) as { nodeSelector?: Record<string, string>; desiredState?: { interfaces?: { name?: string; type?: string }[] } };
    const selected = spec.nodeSelector?.['kubernetes.io/hostname'];
    if (selected !== undefined && selected !== hostname) continue;
    for (const nic of spec.desiredState?.interfaces ?? []) {
      // Ethernet NICs and bonds exist from the install (agent-config networkConfig); the rest is new.
      if (nic.name && nic.type !== 'ethernet' && nic.type !== 'bond') names.add(nic.name);
    }
  }
  return names;
}

/**
 * The NodeNetworkState of `hostname` as its handler first reports it: the fixture made the
 * node's own, without the interfaces `dayTwo` names (not there before their policy is applied).
 */
export function nodeNetworkState(site: Site, hostname: string, options: { nodeUid: string; now: string; dayTwo?: ReadonlySet<string> }): JsonObject {
  const base = template();
  const baseName = (base.metadata as { name: string }).name;
  const from = site.nodes.find((n) => n.hostname === baseName);
  const to = site.nodes.find((n) => n.hostname === hostname);
  if (!from || !to) throw new Error(`the NodeNetworkState template is acp-1's; the plan has no ${from ? hostname : baseName}`);
  const status = substitute(base.status, substitutions(from, to)) as Json & { currentState: Json };
  status.currentState.interfaces = interfacesOf({ status } as JsonObject).filter((i) => !options.dayTwo?.has(i.name));
  status.lastSuccessfulUpdateTime = options.now;
  return {
    apiVersion: String(base.apiVersion),
    kind: String(base.kind),
    metadata: { name: hostname, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: hostname, uid: options.nodeUid }] },
    status: status as JsonObject,
  };
}

/**
 * The state the handler reports after a policy's desired interfaces were applied: each one merged
 * into the interface of that name, or added with the MAC it gets from what it sits on (a VLAN its
 * base interface's, a bridge its first port's) and the shape the full report (`template`) has for it.
 */
export function stateAfterPolicy(site: Site, hostname: string, current: JsonObject, desired: { interfaces?: Json[] }): Json {
  const status = structuredClone((current.status ?? {}) as Json & { currentState?: Json });
  const currentState = { ...(status.currentState ?? {}) };
  const interfaces = interfacesOf({ status: { currentState } } as JsonObject).map((i) => ({ ...i }));
  const reported = nodeNetworkState(site, hostname, { nodeUid: '', now: '' });
  const full = interfacesOf(reported);
  const macOf = (name: string | undefined) => interfaces.find((i) => i.name === name)?.['mac-address'];
  for (const wanted of desired.interfaces ?? []) {
    const name = String(wanted.name);
    const existing = interfaces.find((i) => i.name === name);
    if (wanted.state === 'absent') {
      if (existing) interfaces.splice(interfaces.indexOf(existing), 1);
      continue;
    }
    if (existing) {
      Object.assign(existing, wanted);
      continue;
    }
    const known: Partial<NmInterface> = full.find((i) => i.name === name) ?? {};
    const vlan = wanted.vlan as { 'base-iface'?: string } | undefined;
    const bridge = wanted.bridge as { port?: { name?: string }[] } | undefined;
    const mac = macOf(vlan?.['base-iface']) ?? macOf(bridge?.port?.[0]?.name) ?? known['mac-address'];
    interfaces.push({ ...known, ...wanted, name, ...(mac ? { 'mac-address': mac } : {}) });
  }
  currentState.interfaces = interfaces;
  return { ...status, currentState };
}
