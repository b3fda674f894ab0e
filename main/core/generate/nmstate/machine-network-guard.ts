// The last safety net of every day-2 NodeNetworkConfigurationPolicy: it must leave the links
// that hold the node's machine network alone (the cluster network's NIC or bond, its VLAN
// interface, the bond members, br-ex). OVN-Kubernetes owns them through br-ex; openshift-docs
// ("Configuration for a localnet switched topology") says the br-ex interface must not be
// removed or altered and that NNCPs cannot change br-ex or its underlying interfaces after
// the install. Two things are allowed: a VLAN sub-interface on top of the uplink device
// (e.g. the storage VLAN bond0.30) and OVN bridge mappings (localnet on br-ex).
import type { Site, SiteNode } from '../../site/schema';
import type { NmStateIssue } from './check';
import { machineLink, OVN_EXTERNAL_BRIDGE, type MachineLink } from './machine-link';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export const GUARD_ID = 'nmstate.touches-machine-network';

/** Why the policy would cut the node off, one issue per offending field; empty when it is safe. */
export function machineNetworkIssues(state: unknown, site: Site, node: SiteNode): NmStateIssue[] {
  const link = machineLink(site, node);
  if (!link || !isObj(state)) return [];
  const issues: NmStateIssue[] = [];
  const refuse = (path: string, what: string) =>
    issues.push({
      id: GUARD_ID,
      severity: 'error',
      path,
      message: `${what}; ${describe(link)} carry ${node.hostname}'s machine network (its cluster address and default route), so applying this policy would cut the node off`,
    });

  list(state.interfaces).forEach((raw, i) => {
    if (!isObj(raw)) return;
    const at = `/interfaces/${i}`;
    const name = raw.name;
    if (typeof name === 'string' && link.names.has(name)) {
      refuse(`${at}/name`, `the policy configures ${name}`);
      return;
    }
    const vlan = isObj(raw.vlan) ? raw.vlan : undefined;
    if (raw.type === 'vlan' && vlan) {
      const base = vlan['base-iface'];
      if (typeof base === 'string' && link.names.has(base)) {
        if (base !== link.device) refuse(`${at}/vlan/base-iface`, `VLAN ${String(name)} sits on ${base}; a VLAN may only be added on top of ${link.device}`);
        else if (vlan.id === link.vlan) refuse(`${at}/vlan/id`, `VLAN ${String(name)} repeats the cluster VLAN ${String(link.vlan)} on ${base}`);
      }
    }
    const lag = isObj(raw['link-aggregation']) ? raw['link-aggregation'] : undefined;
    list(lag?.port ?? lag?.slaves).forEach((port, j) => {
      if (typeof port === 'string' && link.names.has(port)) refuse(`${at}/link-aggregation/port/${j}`, `bond ${String(name)} takes ${port} as a port`);
    });
    const bridge = isObj(raw.bridge) ? raw.bridge : undefined;
    list(bridge?.port).forEach((p, j) => {
      const port = isObj(p) ? p.name : p;
      if (typeof port === 'string' && link.names.has(port)) refuse(`${at}/bridge/port/${j}/name`, `bridge ${String(name)} takes ${port} as a port`);
    });
  });

  const routes = isObj(state.routes) ? list(state.routes.config) : [];
  routes.forEach((r, i) => {
    const via = isObj(r) ? r['next-hop-interface'] : undefined;
    if (typeof via === 'string' && link.names.has(via)) refuse(`/routes/config/${i}/next-hop-interface`, `a route leaves through ${via}`);
  });
  return issues;
}

function describe(link: MachineLink): string {
  const parts = [link.device, ...(link.brExPort !== link.device ? [link.brExPort] : []), ...link.members, OVN_EXTERNAL_BRIDGE];
  return parts.length === 2 ? `${parts[0]} and ${parts[1]}` : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
