// The NMState desiredState of one node's NodeNetworkConfigurationPolicy: what comes after
// the install. The storage network gets its static address (no gateway, no default route:
// ODF replication stays on its own L2), and every uplink with a `bridge` gets a Linux
// bridge whose port trunks the VM VLANs (kubernetes-nmstate docs/examples/linux-bridge-vlan.yaml).
import { findNetwork, networkMtu } from '../../site/model';
import type { Network, Site, SiteNode } from '../../site/schema';
import { isBond, linkMtu, networksOn, nodeLinks, staticIp, uplinkCarrying, vlanInterfaceName, type NodeLinks } from './devices';
import type { NmInterface, NmIp, NmState } from './types';

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
      .filter((n) => n.role === 'vm' && n.vlan !== 'untagged')
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
  return { interfaces };
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
