// What the switches must do for the plan, under the cabling table: LACP bonds cabled to two
// switches need those switches paired (MLAG/vPC), and VM VLANs that ride on the cluster
// network's bond as an OVN localnet need the cluster network as the ports' native VLAN
// (configure-ovs.sh puts that bond into br-ex; OVN tags the VM VLANs itself).
import { clusterDevice, clusterNetwork, effectiveLayout, vmAttachment } from '../../site/model';
import type { Site } from '../../site/schema';
import { esc } from '../escape';

function listWords(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** One line per requirement, grouped over the nodes that share it; HTML. */
export function switchRequirements(site: Site): string[] {
  const lacp = new Map<string, { bond: string; switches: string[]; ports: string[] }>();
  const localnet = new Map<string, { device: string; vlans: string[]; nodes: string[] }>();
  const cluster = clusterNetwork(site);
  for (const node of site.nodes) {
    const layout = effectiveLayout(site, node);
    for (const bond of layout.bonds ?? []) {
      if (bond.mode !== '802.3ad') continue;
      const cabled = bond.members.map((m) => node.interfaces.find((i) => i.name === m)).filter((i) => i?.switch);
      const switches = [...new Set(cabled.map((i) => i!.switch!))].sort();
      if (switches.length < 2) continue;
      const key = `${bond.name} ${switches.join(' ')}`;
      const entry = lacp.get(key) ?? { bond: bond.name, switches, ports: [] };
      entry.ports.push(`${node.hostname}: ${cabled.map((i) => `${i!.switch} ${i!.port ?? '?'}`).join(' + ')}`);
      lacp.set(key, entry);
    }
    const shared = clusterDevice(site, layout);
    if (!cluster || shared === undefined) continue;
    const vms = site.networks.filter(
      (n) => n.role === 'vm' && layout.uplinks.some((u) => u.device === shared && u.networks.includes(n.name)) && vmAttachment(site, n, layout) === 'localnet',
    );
    if (vms.length === 0) continue;
    const vlans = vms.map((n) => (n.vlan === 'untagged' ? `${n.name} (untagged)` : `${n.vlan} (${n.name})`));
    const key = `${shared} ${vlans.join(' ')}`;
    const entry = localnet.get(key) ?? { device: shared, vlans, nodes: [] };
    entry.nodes.push(node.hostname);
    localnet.set(key, entry);
  }
  const lines: string[] = [];
  for (const { bond, switches, ports } of lacp.values()) {
    lines.push(
      `<strong>${esc(bond)}</strong> is an 802.3ad (LACP) bond cabled to ${esc(listWords(switches))}: the two switches must be one MLAG/vPC pair, with the two ports of each node in one port-channel (LACP active) — ${esc(ports.join('; '))}. Without MLAG/vPC LACP keeps only the links to one switch.`,
    );
  }
  for (const { device, vlans, nodes } of localnet.values()) {
    const native = cluster!.vlan === 'untagged' ? 'untagged (native VLAN)' : `untagged (native VLAN ${cluster!.vlan}; the plan still tags it, see the findings)`;
    lines.push(
      `<strong>${esc(device)}</strong> of ${esc(listWords(nodes))} also carries VM VLAN${vlans.length > 1 ? 's' : ''} ${esc(listWords(vlans))} as OVN localnet on br-ex: its switch ports trunk ${vlans.length > 1 ? 'these VLANs' : 'this VLAN'} tagged and send the cluster network ${esc(cluster!.name)} ${esc(native)}.`,
    );
  }
  return lines;
}
