// The plan's wiring as the picture and the cabling table need it: which uplink (and bond)
// each physical NIC belongs to, the networks and VLANs it carries, and what LLDP saw on it.
import type { LldpNeighbor, Nic } from '../probe/inventory';
import { resolveNic } from '../probe/checks/nics';
import { effectiveLayout } from '../site/model';
import type { Bond, Network, NetworkRole, NodeInterface, Site, Uplink } from '../site/schema';
import { COLORS } from './styles';
import type { ReportNode } from './context';

export const ROLE_COLORS: Record<NetworkRole, string> = {
  cluster: COLORS.blue,
  storage: COLORS.purple,
  vm: COLORS.cyan,
  bmc: COLORS.grey,
};
export const ROLE_TITLES: Record<NetworkRole, string> = {
  cluster: 'Cluster (machine) network',
  storage: 'ODF storage network',
  vm: 'VM network',
  bmc: 'BMC / out of band',
};
const ROLE_ORDER: NetworkRole[] = ['cluster', 'storage', 'vm', 'bmc'];

export interface NicGroup {
  /** The uplink using these NICs; undefined for NICs no uplink uses. */
  uplink?: Uplink;
  bond?: Bond;
  networks: Network[];
  nics: string[];
}

/** The node's physical NICs grouped by the uplink that uses them, in layout order; unused last. */
export function nicGroups(site: Site, rn: ReportNode): NicGroup[] {
  const layout = effectiveLayout(site, rn.node);
  const used = new Set<string>();
  const groups: NicGroup[] = layout.uplinks.map((uplink) => {
    const bond = layout.bonds?.find((b) => b.name === uplink.device);
    const nics = bond ? [...bond.members] : [uplink.device];
    nics.forEach((n) => used.add(n));
    const networks = uplink.networks.map((n) => site.networks.find((x) => x.name === n)).filter((n): n is Network => n !== undefined);
    return { uplink, ...(bond ? { bond } : {}), networks, nics };
  });
  const planned = [...layout.interfaces, ...rn.node.interfaces.map((i) => i.name)];
  const unused = [...new Set(planned)].filter((n) => !used.has(n));
  if (unused.length) groups.push({ networks: [], nics: unused });
  return groups;
}

/** The main role of a set of networks (cluster before storage before vm), for a colour. */
export function mainRole(networks: readonly Network[]): NetworkRole | undefined {
  return ROLE_ORDER.find((r) => networks.some((n) => n.role === r));
}

export function vlanLabel(network: Network): string {
  return network.vlan === 'untagged' ? 'untagged' : `VLAN ${network.vlan}`;
}

export function tagged(networks: readonly Network[]): number[] {
  return networks.map((n) => n.vlan).filter((v): v is number => typeof v === 'number');
}

export interface NicFacts {
  planned?: NodeInterface;
  nic?: Nic;
  neighbour?: LldpNeighbor;
}

export function nicFacts(rn: ReportNode, name: string): NicFacts {
  const planned = rn.node.interfaces.find((i) => i.name === name);
  if (!rn.ctx) return planned ? { planned } : {};
  const nic = resolveNic(rn.ctx, name);
  const neighbour = rn.ctx.inventory.facts.lldp.find((n) => n.interface === (nic?.name ?? name));
  return { ...(planned ? { planned } : {}), ...(nic ? { nic } : {}), ...(neighbour ? { neighbour } : {}) };
}

export type CableState = 'match' | 'mismatch' | 'no-lldp' | 'lldp-unavailable' | 'not-planned' | 'not-probed';

const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Planned switch/port against the LLDP neighbour, the way the hardware checks compare them. */
export function cableState(rn: ReportNode, facts: NicFacts, vlans: readonly number[]): CableState {
  const { planned, neighbour } = facts;
  if (!rn.inventory) return 'not-probed';
  if (rn.inventory.facts.lldpAvailable === false) return 'lldp-unavailable';
  if (!planned?.switch && !planned?.port) return 'not-planned';
  if (!neighbour) return 'no-lldp';
  if (planned.switch && !same(neighbour.chassisName, planned.switch) && !same(neighbour.chassisId, planned.switch)) return 'mismatch';
  if (planned.port && !same(neighbour.portId, planned.port) && !same(neighbour.portDescr, planned.port)) return 'mismatch';
  return vlansMissing(neighbour, vlans).length ? 'mismatch' : 'match';
}

/** Planned tagged VLANs the port does not list (only when the switch sends a tagged list). */
export function vlansMissing(neighbour: LldpNeighbor, vlans: readonly number[]): number[] {
  const pvid = neighbour.pvid ?? neighbour.vlans.find((v) => v.pvid)?.id;
  const listsTagged = neighbour.vlans.some((v) => !v.pvid && v.id !== pvid);
  if (!listsTagged) return [];
  const onPort = new Set(neighbour.vlans.map((v) => v.id));
  return vlans.filter((v) => !onPort.has(v));
}

export function lldpVlans(neighbour: LldpNeighbor): string {
  const ids = neighbour.vlans.map((v) => `${v.id}${v.pvid || v.id === neighbour.pvid ? ' (untagged)' : ''}`);
  if (neighbour.pvid !== undefined && !neighbour.vlans.some((v) => v.id === neighbour.pvid)) ids.push(`${neighbour.pvid} (untagged)`);
  return ids.join(', ');
}
