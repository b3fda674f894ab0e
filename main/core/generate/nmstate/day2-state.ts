// The NMState desiredState of one node's NodeNetworkConfigurationPolicy: what comes after
// the install. The storage network gets its static address (no gateway, no default route:
// ODF replication stays on its own L2), every uplink with a `bridge` gets a Linux bridge
// whose port trunks its linux-bridge VM VLANs (kubernetes-nmstate
// docs/examples/linux-bridge-vlan.yaml), and every localnet VM network gets an OVN bridge
// mapping to br-ex (openshift-docs modules/virt-creating-localnet-nad-cli.adoc).
//
// The mappings live in each node's policy rather than in one cluster-wide policy: the mapping
// is the same on every node, but this policy is the one document that states everything
// Sitekit configures on a node, the NAD checks read it per node, and a node-selected policy
// does not reach nodes the plan does not know. Each mapping is added or removed on its own
// (state present/absent), so the mapping OpenShift keeps on br-ex (physnet) stays.
import { findNetwork, networkMtu, vmAttachment } from '../../site/model';
import type { Network, Site, SiteNode } from '../../site/schema';
import { isBond, linkMtu, networksOn, nodeLinks, staticIp, uplinkCarrying, vlanInterfaceName, type NodeLinks } from './devices';
import { OVN_EXTERNAL_BRIDGE } from './machine-link';
import type { NmBridgeMapping, NmInterface, NmIp, NmState } from './types';

export function day2NetworkState(site: Site, node: SiteNode): NmState {
  const links = nodeLinks(site, node);
  const interfaces: NmInterface[] = [];
  const storage = storageNetwork(site);
  if (storage) {
    const storageInterface = storageState(site, links, node, storage);
    if (storageInterface) interfaces.push(storageInterface);
  }
  for (const uplink of links.layout.uplinks) {
    if (!uplink.bridge) continue;
    const vlans = networksOn(site, links.layout, uplink.device)
      .filter((n) => n.role === 'vm' && n.vlan !== 'untagged' && vmAttachment(site, n, links.layout) === 'linux-bridge')
      .map((n) => ({ id: n.vlan as number }));
    interfaces.push({
      name: uplink.bridge,
      type: 'linux-bridge',
      state: 'up',
      mtu: linkMtu(site, links, uplink.device),
      ipv4: { enabled: false },
      ipv6: { enabled: false },
      bridge: {
        options: { stp: { enabled: false } },
        port: [{ name: uplink.device, ...(vlans.length > 0 ? { vlan: { mode: 'trunk' as const, 'trunk-tags': vlans } } : {}) }],
      },
    });
  }
  const mappings = localnetMappings(site, node);
  return mappings.length > 0 ? { interfaces, ovn: { 'bridge-mappings': mappings } } : { interfaces };
}

/** The localnet name of a VM network: its own name, which the NAD's CNI `name` repeats. */
export function localnetName(network: Network): string {
  return network.name;
}

/** One bridge mapping to br-ex per VM network this node carries as an OVN localnet. */
export function localnetMappings(site: Site, node: SiteNode): NmBridgeMapping[] {
  const layout = nodeLinks(site, node).layout;
  const carried = new Set(layout.uplinks.flatMap((u) => u.networks));
  return site.networks
    .filter((n) => n.role === 'vm' && carried.has(n.name) && vmAttachment(site, n, layout) === 'localnet')
    .map((n) => ({ localnet: localnetName(n), bridge: OVN_EXTERNAL_BRIDGE, state: 'present' as const }));
}

/** The ODF network: the one the plan names, else the first network with role storage. */
function storageNetwork(site: Site): Network | undefined {
  const named = site.odf.storageNetwork ? findNetwork(site, site.odf.storageNetwork) : undefined;
  return named ?? site.networks.find((n) => n.role === 'storage');
}

function storageState(site: Site, links: NodeLinks, node: SiteNode, storage: Network): NmInterface | undefined {
  const device = uplinkCarrying(links.layout, storage.name)?.device;
  const address = node.addresses[storage.name];
  if (!device || address === undefined) return undefined;
  const { ipv4, ipv6 } = staticIp(storage, address);
  // No DHCP, so and no DNS servers are taken from this network.
  const quiet = (ip: NmIp): NmIp => (ip.enabled ? { ...ip, 'auto-dns': false } : ip);
  const ips = { ipv4: quiet(ipv4), ipv6: quiet(ipv6) };
  if (storage.vlan === 'untagged') {
    const type = isBond(links, device) ? 'bond' : 'ethernet';
    return { name: device, type, state: 'up', mtu: linkMtu(site, links, device), ...ips };
  }
  return {
    name: vlanInterfaceName(device, storage.vlan),
    type: 'vlan',
    state: 'up',
    mtu: networkMtu(storage),
    vlan: { 'base-iface': device, id: storage.vlan },
    ...ips,
  };
}
