// Words and plain-data helpers of the Networks step (no React): role and bond mode labels,
// which networks need a node address, where a network is still named before it is removed,
// and the probed facts of a NIC.
import type { InventoryView } from '../../../../main/contract/api';
import { deviceCarrying, vmAttachment } from '../../../../main/core/site/model';
import type { Site } from '../../../../main/core/site/schema';
import { BOND_MODES, NETWORK_ROLES, VM_ATTACHMENTS } from '../../../../main/core/site/vocabulary';
import { pointer } from '../../wizard/pointer';
import { asList, asRecord, asText, texts } from './parts';

export const ROLE_LABELS: Record<(typeof NETWORK_ROLES)[number], string> = {
  cluster: 'Cluster (node and API traffic)',
  storage: 'Storage (ODF replication)',
  vm: 'Virtual machines',
  bmc: 'BMC (out-of-band management)',
};

export const ROLE_OPTIONS = NETWORK_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export const BOND_MODE_LABELS: Record<(typeof BOND_MODES)[number], string> = {
  '802.3ad': '802.3ad (LACP): all links active, switch ports in one port-channel (MLAG/vPC across two switches)',
  'active-backup': 'active-backup: one link at a time, works with any switch',
  'balance-xor': 'balance-xor: static link aggregation on the switch',
  'balance-alb': 'balance-alb: no switch setup, spreads send and receive',
  'balance-tlb': 'balance-tlb: no switch setup, spreads sending only',
};

export const BOND_MODE_OPTIONS = BOND_MODES.map((m) => ({ value: m, label: BOND_MODE_LABELS[m] }));

export const ATTACHMENT_LABELS: Record<(typeof VM_ATTACHMENTS)[number], string> = {
  'linux-bridge': 'Linux bridge (NIC or bond of its own)',
  localnet: 'OVN localnet on br-ex (shares the cluster bond)',
};

export const ATTACHMENT_OPTIONS = VM_ATTACHMENTS.map((a) => ({ value: a, label: ATTACHMENT_LABELS[a] }));

/**
 * What a VM network gets when its attachment is left empty, in words for the empty choice:
 * model.ts vmAttachment() on the plan as written (names and uplinks only, so a half-typed
 * plan still gives an answer).
 */
export function defaultAttachmentLabel(data: unknown, name: string): string {
  const root = asRecord(data);
  const networks = asList(root.networks).map((n) => {
    const r = asRecord(n);
    return { name: asText(r.name) ?? '', role: asText(r.role) ?? '' };
  });
  const uplinks = asList(asRecord(root.layout).uplinks).map((u) => {
    const r = asRecord(u);
    return { device: asText(r.device) ?? '', networks: texts(r.networks) };
  });
  const plan = { networks, layout: { interfaces: [], uplinks } } as unknown as Site;
  const network = { name, role: 'vm' } as unknown as Site['networks'][number];
  const device = deviceCarrying({ uplinks }, name);
  const attachment = vmAttachment(plan, network, { uplinks });
  const where = attachment === 'localnet' ? `shares ${device} with the cluster network` : device ? `on ${device}` : 'needs an uplink';
  return `Default: ${attachment === 'localnet' ? 'OVN localnet' : 'Linux bridge'} (${where})`;
}

/** Roles whose networks give every node an IP address of its own. */
export const ADDRESSED_ROLES: ReadonlySet<string> = new Set(['cluster', 'storage']);

export interface NetworkSummary {
  index: number;
  name: string;
  role?: string;
  subnet?: string;
}

/** The networks as written (name may be empty while being typed). */
export function networkSummaries(networks: unknown): NetworkSummary[] {
  return asList(networks).map((n, index) => {
    const r = asRecord(n);
    return { index, name: asText(r.name) ?? '', role: asText(r.role), subnet: asText(r.subnet) };
  });
}

/**
 * Address keys a node's form shows: one per network of a role that needs an address, then any
 * other key already written (an address on a VM network, a misspelt network name).
 */
export function addressKeys(networks: readonly NetworkSummary[], addresses: unknown): string[] {
  const keys = networks.filter((n) => n.name !== '' && n.role !== undefined && ADDRESSED_ROLES.has(n.role)).map((n) => n.name);
  for (const key of Object.keys(asRecord(addresses))) if (!keys.includes(key)) keys.push(key);
  return [...new Set(keys)];
}

/** Where a network name is still used in the plan's plain data, in words. */
export function networkReferences(data: unknown, name: string): string[] {
  if (name === '') return [];
  const root = asRecord(data);
  const found: string[] = [];
  const uplinks = (list: unknown, where: string) => {
    for (const u of asList(list)) {
      const uplink = asRecord(u);
      if (texts(uplink.networks).includes(name)) found.push(`uplink ${asText(uplink.device) ?? '?'}${where}`);
    }
  };
  uplinks(asRecord(root.layout).uplinks, ' (shared cabling)');
  const addressed: string[] = [];
  for (const [i, n] of asList(root.nodes).entries()) {
    const node = asRecord(n);
    const hostname = asText(node.hostname) || `node ${i + 1}`;
    uplinks(asRecord(node.layout).uplinks, ` on ${hostname}`);
    if (Object.hasOwn(asRecord(node.addresses), name)) addressed.push(hostname);
  }
  if (addressed.length) found.push(`the addresses of ${addressed.join(', ')}`);
  if (asText(asRecord(root.odf).storageNetwork) === name) found.push('ODF (its storage network)');
  if (texts(asRecord(root.virtualization).vmNetworks).includes(name)) found.push('virtualization (VM networks)');
  return found;
}

/** Pointer of a node's address on a network (network names may hold any character). */
export function addressPointer(node: number, network: string): string {
  return pointer('nodes', node, 'addresses', network);
}

export interface NicFacts {
  mac?: string;
  speed?: string;
  link: 'up' | 'down' | 'unknown';
  carrier?: boolean;
  /** LLDP neighbour: switch and port, when the switch said. */
  switchName?: string;
  port?: string;
}

/** The inventory of a node by its planned host name. */
export function inventoryOf(inventories: readonly InventoryView[], hostname: string | undefined): InventoryView | undefined {
  if (!hostname) return undefined;
  return inventories.find((inv) => inv.node === hostname);
}

export function speedText(mbps: number | undefined): string | undefined {
  if (mbps === undefined || mbps <= 0) return undefined;
  return mbps >= 1000 ? `${mbps / 1000} Gb/s` : `${mbps} Mb/s`;
}

/** What the probe found about a NIC by name. */
export function nicFacts(inventory: InventoryView | undefined, name: string): NicFacts | undefined {
  const nic = inventory?.facts.nics.find((n) => n.name === name);
  if (!inventory || !nic) return undefined;
  const lldp = inventory.facts.lldp.find((l) => l.interface === name);
  const facts: NicFacts = { link: nic.link };
  const mac = nic.permanentMac ?? nic.mac;
  if (mac) facts.mac = mac.toLowerCase();
  const speed = speedText(nic.speedMbps);
  if (speed) facts.speed = speed;
  if (nic.carrier !== undefined) facts.carrier = nic.carrier;
  if (lldp?.chassisName) facts.switchName = lldp.chassisName;
  const port = lldp?.portId ?? lldp?.portDescr;
  if (port) facts.port = port;
  return facts;
}

/** Physical NIC names the probes found on any node (for quick adding to the cabling). */
export function probedNicNames(inventories: readonly InventoryView[]): string[] {
  const names = new Set<string>();
  for (const inv of inventories) for (const nic of inv.facts.nics) if (nic.kind === 'physical') names.add(nic.name);
  return [...names].sort();
}

export const sameMac = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase().replaceAll('-', ':') === b.toLowerCase().replaceAll('-', ':');
