// What the Networks step's topology picture and cabling table show, as plain data: per node
// its NICs grouped by the uplink (bond, bridge) that uses them, the networks each uplink
// carries with the node's IP on them, the switch ports planned in site.yaml and what LLDP saw,
// and the findings that point at any of these. No React and no geometry here (TopologyView
// lays it out); the wiring rules are the report's (main/core/report/plan.ts), reused as is.
import type { InventoryView } from '../../../main/contract/api';
import { layoutPath, nodeContexts } from '../../../main/core/probe/checks/context';
import type { LldpNeighbor, NodeInventory } from '../../../main/core/probe/inventory';
import { speed, type ReportNode } from '../../../main/core/report/context';
import { cableState, lldpVlans, mainRole, nicFacts, nicGroups, tagged, vlanLabel, vlansMissing } from '../../../main/core/report/plan';
import { bmcHost } from '../../../main/core/report/topology-svg';
import { effectiveLayout, networkMtu } from '../../../main/core/site/model';
import type { Network, NetworkRole, Site } from '../../../main/core/site/schema';
import type { Finding, Severity } from '../../../main/core/validation/finding';
import { pointer } from '../../../main/core/validation/step';

/** Where a cable stands: planned against LLDP. */
export type CableStatus = 'confirmed' | 'contradicted' | 'not-seen' | 'not-probed' | 'not-planned';

export const CABLE_STATUS_TEXT: Record<CableStatus, string> = {
  confirmed: 'confirmed',
  contradicted: 'contradicted',
  'not-seen': 'not seen',
  'not-probed': 'not probed',
  'not-planned': 'not planned',
};

/** Findings that point at one drawn thing (its pointer or anything below it). */
export interface Mark {
  severity: Severity;
  findings: Finding[];
}

export interface SwitchPortRef {
  switch: string;
  port: string;
}

export interface NicModel {
  name: string;
  /** Pointer the wizard jumps to: the node's interface entry, else the layout's NIC. */
  path: string;
  mac?: string;
  /** Last three octets, as technicians read them off a label. */
  macShort?: string;
  /** `25 Gb/s` from the inventory. */
  speed?: string;
  /** up / down (no carrier) / unknown; undefined when not probed or the NIC was not found. */
  link?: 'up' | 'down' | 'unknown';
  /** Probed, but the inventory has no such NIC. */
  missing: boolean;
  planned?: SwitchPortRef;
  seen?: SwitchPortRef & { vlans: string };
  /** Undefined for a NIC with no cable planned, none seen and no network (drawn, not cabled). */
  status?: CableStatus;
  /** One line on the state: what LLDP said, which VLANs are missing. */
  statusText: string;
  /** LLDP says another switch or port than planned (VLAN-only problems leave this false). */
  elsewhere: boolean;
  missingVlans: number[];
  /** Networks the cable must carry (the uplink's). */
  networks: Network[];
  role?: NetworkRole;
  mark?: Mark;
}

export interface ChipModel {
  network: Network;
  networkPath: string;
  label: string;
  vlan: string;
  mtu?: number;
  ip?: string;
  ipPath?: string;
  mark?: Mark;
}

export interface GroupModel {
  /** Uplink index in the node's effective layout; undefined for the unused NICs. */
  uplinkIndex?: number;
  uplinkPath?: string;
  device?: string;
  bond?: { name: string; mode: string; path: string; mark?: Mark };
  bridge?: { name: string; path: string; mark?: Mark };
  nics: NicModel[];
  chips: ChipModel[];
  role?: NetworkRole;
  /** Findings on the uplink entry itself (drawn on the bond, bridge or single NIC). */
  mark?: Mark;
}

export interface NodeModel {
  index: number;
  hostname: string;
  path: string;
  probed: boolean;
  hardware?: string;
  bmc?: { host: string; path: string; mark?: Mark };
  rack?: string;
  zone?: string;
  groups: GroupModel[];
  /** Addresses on networks none of the node's uplinks carries. */
  strayAddresses: ChipModel[];
  /** Network-related findings under /nodes/<i> that no drawn part of the node claims. */
  mark?: Mark;
}

/**
 * confirmed: LLDP sees the planned NIC here; contradicted: planned, but the cable is elsewhere;
 * unexpected: LLDP sees a NIC here that the plan puts elsewhere; vlans-missing: right cable,
 * the port lacks planned VLANs; conflict: the plan puts two NICs here; unknown: not verified.
 */
export type PortStatus = 'confirmed' | 'contradicted' | 'unexpected' | 'vlans-missing' | 'conflict' | 'unknown';

export interface PortModel {
  key: string;
  switch: string;
  port: string;
  /** The NIC's pointer (…/port when planned), for the wizard. */
  path: string;
  status: PortStatus;
  /** Who is (planned or seen) on it. */
  ends: { node: number; nic: string; kind: 'planned' | 'seen' }[];
}

export interface SwitchModel {
  name: string;
  ports: PortModel[];
}

export interface CableModel {
  node: number;
  nic: string;
  portKey: string;
  /** planned: the plan's cable; seen: where LLDP says it goes instead. */
  kind: 'planned' | 'seen';
  status: CableStatus;
  role?: NetworkRole;
}

export interface CablingRow {
  node: number;
  hostname: string;
  nic: NicModel;
}

export interface TopologyModel {
  siteName: string;
  probed: boolean;
  nodes: NodeModel[];
  switches: SwitchModel[];
  cables: CableModel[];
  rows: CablingRow[];
  counts: Record<CableStatus, number>;
  summary: string;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Findings whose path is one of `paths` or below it; worst severity first. */
export function markFor(findings: readonly Finding[], ...paths: (string | undefined)[]): Mark | undefined {
  const ps = paths.filter((p): p is string => p !== undefined && p !== '');
  const hits = findings.filter((f) => ps.some((p) => f.path === p || f.path.startsWith(`${p}/`)));
  if (hits.length === 0) return undefined;
  const sorted = [...hits].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  return { severity: sorted[0]!.severity, findings: sorted };
}

export function macShort(mac: string | undefined): string | undefined {
  if (!mac) return undefined;
  const parts = mac.toLowerCase().replaceAll('-', ':').split(':');
  return parts.length === 6 ? `…${parts.slice(3).join(':')}` : mac;
}

const eq = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
export const portKey = (sw: string, port: string) => `${sw.trim().toLowerCase()}\u0000${port.trim().toLowerCase()}`;

/** Ethernet1/2 before Ethernet1/11: compares the digit runs as numbers. */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
}

function seenRef(n: LldpNeighbor | undefined): (SwitchPortRef & { vlans: string }) | undefined {
  if (!n) return undefined;
  const sw = n.chassisName ?? n.chassisId;
  const port = n.portId ?? n.portDescr;
  if (!sw && !port) return undefined;
  return { switch: sw ?? '?', port: port ?? '?', vlans: lldpVlans(n) };
}

/** The inventories as the report's node contexts take them (the raw sections are not needed). */
function reportNodes(site: Site, inventories: readonly InventoryView[]): ReportNode[] {
  const full: NodeInventory[] = inventories.map((inv) => ({ ...inv, sections: {} }));
  const contexts = nodeContexts(site, full);
  return site.nodes.map((node, index) => {
    const ctx = contexts.find((c) => c.index === index);
    return { node, index, ...(ctx ? { inventory: ctx.inventory, ctx } : {}) };
  });
}

function nicModel(site: Site, rn: ReportNode, name: string, networks: Network[], inUplink: boolean, findings: readonly Finding[]): NicModel {
  const { node, index } = rn;
  const layout = effectiveLayout(site, node);
  const facts = nicFacts(rn, name);
  const j = node.interfaces.findIndex((i) => i.name === name);
  const k = layout.interfaces.indexOf(name);
  const entryPath = j >= 0 ? pointer('nodes', index, 'interfaces', j) : undefined;
  const layoutNicPath = k >= 0 ? layoutPath(rn, 'interfaces', k) : undefined;
  const path = entryPath ?? layoutNicPath ?? pointer('nodes', index, 'interfaces');
  const mac = facts.planned?.mac ?? facts.nic?.permanentMac ?? facts.nic?.mac;
  const p = facts.planned;
  const planned = p?.switch || p?.port ? { switch: p.switch ?? '?', port: p.port ?? '?' } : undefined;
  const seen = seenRef(facts.neighbour);
  const vlans = tagged(networks);
  const state = cableState(rn, facts, vlans);
  const missingVlans = facts.neighbour ? vlansMissing(facts.neighbour, vlans) : [];
  const n = facts.neighbour;
  const elsewhere =
    !!planned && !!n && ((!!p?.switch && !eq(n.chassisName, p.switch) && !eq(n.chassisId, p.switch)) || (!!p?.port && !eq(n.portId, p.port) && !eq(n.portDescr, p.port)));

  let status: CableStatus | undefined;
  let statusText = '';
  switch (state) {
    case 'match':
      status = 'confirmed';
      statusText = 'LLDP confirms the planned port';
      break;
    case 'mismatch':
      status = 'contradicted';
      statusText = elsewhere
        ? `LLDP: on ${seen?.switch ?? '?'} ${seen?.port ?? '?'}, planned ${planned?.switch ?? '?'} ${planned?.port ?? '?'}`
        : `port lacks VLAN ${missingVlans.join(', ')}`;
      break;
    case 'no-lldp':
      status = 'not-seen';
      statusText = 'no LLDP neighbour heard';
      break;
    case 'lldp-unavailable':
      status = 'not-seen';
      statusText = 'LLDP not running on the node';
      break;
    case 'not-planned':
      if (seen || inUplink) {
        status = 'not-planned';
        statusText = seen ? `LLDP: on ${seen.switch} ${seen.port}; no port planned` : 'no switch port planned';
      }
      break;
    case 'not-probed':
      if (planned || inUplink) {
        status = 'not-probed';
        statusText = 'hardware not probed yet';
      }
      break;
  }
  const nic = facts.nic;
  const link = nic ? (nic.carrier === false || nic.link === 'down' ? 'down' : nic.link === 'up' || nic.carrier ? 'up' : 'unknown') : undefined;
  const role = mainRole(networks);
  const mark = markFor(findings, entryPath, layoutNicPath);
  const spd = speed(nic?.speedMbps);
  return {
    name,
    path,
    ...(mac ? { mac, macShort: macShort(mac)! } : {}),
    ...(spd ? { speed: spd } : {}),
    ...(link ? { link } : {}),
    missing: !!rn.inventory && !nic,
    ...(planned ? { planned } : {}),
    ...(seen ? { seen } : {}),
    ...(status ? { status } : {}),
    statusText,
    elsewhere,
    missingVlans,
    networks,
    ...(role ? { role } : {}),
    ...(mark ? { mark } : {}),
  };
}

function chipModel(site: Site, rn: ReportNode, net: Network, findings: readonly Finding[]): ChipModel {
  const networkPath = pointer('networks', site.networks.indexOf(net));
  const ip = rn.node.addresses[net.name];
  const ipPath = ip ? pointer('nodes', rn.index, 'addresses', net.name) : undefined;
  const mtu = networkMtu(net);
  const mark = markFor(findings, networkPath, pointer('nodes', rn.index, 'addresses', net.name));
  return {
    network: net,
    networkPath,
    label: net.name,
    vlan: vlanLabel(net),
    ...(mtu !== 1500 ? { mtu } : {}),
    ...(ip ? { ip, ipPath: ipPath! } : {}),
    ...(mark ? { mark } : {}),
  };
}

/** Pointers a node's drawn parts claim; what is left over (network-related) marks the node. */
function claimed(m: Mark | undefined, into: Set<Finding>) {
  m?.findings.forEach((f) => into.add(f));
}

function nodeModel(site: Site, rn: ReportNode, findings: readonly Finding[]): NodeModel {
  const { node, index } = rn;
  const layout = effectiveLayout(site, node);
  const used = new Set<Finding>();
  const groups: GroupModel[] = nicGroups(site, rn).map((g) => {
    const u = g.uplink ? layout.uplinks.indexOf(g.uplink) : -1;
    const uplinkPath = u >= 0 ? layoutPath(rn, 'uplinks', u) : undefined;
    const b = g.bond ? (layout.bonds ?? []).indexOf(g.bond) : -1;
    const bondPath = b >= 0 ? layoutPath(rn, 'bonds', b) : undefined;
    const bridgePath = uplinkPath && g.uplink?.bridge ? `${uplinkPath}/bridge` : undefined;
    const bridgeMark = markFor(findings, bridgePath);
    const bondMark = markFor(findings, bondPath);
    const uplinkMark = markFor(findings, uplinkPath);
    const nics = g.nics.map((name) => nicModel(site, rn, name, g.networks, !!g.uplink, findings));
    const chips = g.networks.map((net) => chipModel(site, rn, net, findings));
    [bridgeMark, bondMark, uplinkMark, ...nics.map((n) => n.mark), ...chips.map((c) => c.mark)].forEach((m) => claimed(m, used));
    const role = mainRole(g.networks);
    return {
      ...(u >= 0 ? { uplinkIndex: u, uplinkPath: uplinkPath! } : {}),
      ...(g.uplink ? { device: g.uplink.device } : {}),
      ...(g.bond && bondPath ? { bond: { name: g.bond.name, mode: g.bond.mode, path: bondPath, ...(bondMark ? { mark: bondMark } : {}) } } : {}),
      ...(bridgePath && g.uplink?.bridge ? { bridge: { name: g.uplink.bridge, path: bridgePath, ...(bridgeMark ? { mark: bridgeMark } : {}) } } : {}),
      nics,
      chips,
      ...(role ? { role } : {}),
      ...(uplinkMark ? { mark: uplinkMark } : {}),
    };
  });
  const carried = new Set(layout.uplinks.flatMap((u) => u.networks));
  const strayAddresses = site.networks
    .filter((n) => node.addresses[n.name] !== undefined && !carried.has(n.name))
    .map((n) => chipModel(site, rn, n, findings));
  strayAddresses.forEach((c) => claimed(c.mark, used));
  const bmcPath = pointer('nodes', index, 'bmc');
  const bmcMark = markFor(findings, bmcPath);
  claimed(bmcMark, used);
  const nodePath = pointer('nodes', index);
  const rest = findings.filter(
    (f) => !used.has(f) && (f.path === nodePath || f.path.startsWith(`${nodePath}/`)) && (f.step === 'networks' || f.step === 'discover' || f.step === 'nodes'),
  );
  const mark = markFor(rest, nodePath);
  const hw = rn.inventory?.facts.system;
  const hardware = [hw?.vendor, hw?.model].filter(Boolean).join(' ');
  return {
    index,
    hostname: node.hostname,
    path: nodePath,
    probed: !!rn.inventory,
    ...(hardware ? { hardware } : {}),
    ...(node.bmc ? { bmc: { host: bmcHost(node.bmc.address), path: `${bmcPath}/address`, ...(bmcMark ? { mark: bmcMark } : {}) } } : {}),
    ...(node.rack ? { rack: node.rack } : {}),
    ...(node.zone ? { zone: node.zone } : {}),
    groups,
    strayAddresses,
    ...(mark ? { mark } : {}),
  };
}

export function topologyModel(site: Site, inventories: readonly InventoryView[], findings: readonly Finding[]): TopologyModel {
  const rns = reportNodes(site, inventories);
  const nodes = rns.map((rn) => nodeModel(site, rn, findings));

  // Switch ports: every planned one, and where LLDP puts a NIC that is elsewhere or unplanned.
  const ports = new Map<string, PortModel>();
  const cables: CableModel[] = [];
  const addEnd = (ref: SwitchPortRef, node: number, nic: NicModel, kind: 'planned' | 'seen') => {
    const key = portKey(ref.switch, ref.port);
    const port = ports.get(key) ?? { key, switch: ref.switch, port: ref.port, path: kind === 'planned' ? `${nic.path}/port` : nic.path, status: 'unknown' as PortStatus, ends: [] };
    port.ends.push({ node, nic: nic.name, kind });
    ports.set(key, port);
    cables.push({ node, nic: nic.name, portKey: key, kind, status: nic.status ?? 'not-planned', ...(nic.role ? { role: nic.role } : {}) });
  };
  const rows: CablingRow[] = [];
  for (const nm of nodes) {
    for (const g of nm.groups) {
      for (const nic of g.nics) {
        if (nic.planned) addEnd(nic.planned, nm.index, nic, 'planned');
        if (nic.seen && (nic.elsewhere || !nic.planned)) addEnd(nic.seen, nm.index, nic, 'seen');
        if (nic.status) rows.push({ node: nm.index, hostname: nm.hostname, nic });
      }
    }
  }
  // Port state from what ends on it.
  for (const port of ports.values()) {
    const statuses = port.ends.map((e): PortStatus => {
      const nic = nodes[e.node]!.groups.flatMap((g) => g.nics).find((n) => n.name === e.nic)!;
      if (e.kind === 'seen') return nic.planned ? 'unexpected' : 'unknown';
      if (nic.status === 'confirmed') return 'confirmed';
      if (nic.status === 'contradicted') return nic.elsewhere ? 'contradicted' : 'vlans-missing';
      return 'unknown';
    });
    const order: PortStatus[] = ['unexpected', 'vlans-missing', 'contradicted', 'confirmed'];
    port.status = order.find((s) => statuses.includes(s)) ?? 'unknown';
    if (port.ends.filter((e) => e.kind === 'planned').length > 1) port.status = 'conflict';
  }
  const bySwitch = new Map<string, SwitchModel>();
  for (const port of ports.values()) {
    const k = port.switch.trim().toLowerCase();
    const sw = bySwitch.get(k) ?? { name: port.switch, ports: [] };
    sw.ports.push(port);
    bySwitch.set(k, sw);
  }
  const switches = [...bySwitch.values()].sort((a, b) => naturalCompare(a.name, b.name));
  switches.forEach((sw) => sw.ports.sort((a, b) => naturalCompare(a.port, b.port)));

  const counts: Record<CableStatus, number> = { confirmed: 0, contradicted: 0, 'not-seen': 0, 'not-probed': 0, 'not-planned': 0 };
  rows.forEach((r) => counts[r.nic.status!]++);
  const probed = nodes.some((n) => n.probed);
  const flagged = findings.filter((f) => /^\/(nodes|layout|networks)(\/|$)/.test(f.path)).length;
  const state = (Object.keys(counts) as CableStatus[])
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${CABLE_STATUS_TEXT[k]}`)
    .join(', ');
  const summary =
    `Network topology of ${site.metadata.name}: ${nodes.length} nodes, ${switches.length} switch${switches.length === 1 ? '' : 'es'}, ` +
    `${rows.length} cable${rows.length === 1 ? '' : 's'}${state ? ` (${state})` : ''}` +
    `${flagged ? `, ${flagged} finding${flagged === 1 ? '' : 's'} on networks, NICs or nodes` : ''}.`;
  return { siteName: site.metadata.name, probed, nodes, switches, cables, rows, counts, summary };
}

/** `cluster VLAN 10, storage VLAN 30` for a NIC's networks. */
export function networksText(networks: readonly Network[]): string {
  return networks.map((n) => `${n.name} ${vlanLabel(n)}`).join(', ');
}
