// The NMState networkConfig of one host in agent-config.yaml: what the node needs while it
// installs. Only the cluster network gets an address, DNS and the default route; every NIC
// and bond of the layout is declared (up, MTU) so the interface table matches, and the
// storage VLAN and VM bridges follow day-2 through NodeNetworkConfigurationPolicies.
import { clusterNetwork, networkMtu } from '../../site/model';
import type { Site, SiteNode } from '../../site/schema';
import { familyOf, linkMtu, nodeLinks, staticIp, uplinkCarrying, vlanInterfaceName } from './devices';
import type { NmInterface, NmIp, NmState } from './types';

/** Fresh objects each time: callers (and the YAML writer) must never see shared nodes. */
const noIp = (): { ipv4: NmIp; ipv6: NmIp } => ({ ipv4: { enabled: false }, ipv6: { enabled: false } });

/** Link monitoring every 100 ms, as the Assisted Installer UI writes for every bond (installer.md §6.1). */
const BOND_OPTIONS = { miimon: '100' };

export function installNetworkState(site: Site, node: SiteNode): NmState {
  const links = nodeLinks(site, node);
  const cluster = clusterNetwork(site);
  const clusterDevice = cluster ? uplinkCarrying(links.layout, cluster.name)?.device : undefined;
  const tagged = cluster !== undefined && cluster.vlan !== 'untagged';
  const clusterIp = cluster ? staticIp(cluster, node.addresses[cluster.name]) : noIp();
  const ipOf = (device: string) => (device === clusterDevice && !tagged ? structuredClone(clusterIp) : noIp());

  const interfaces: NmInterface[] = [];
  for (const nic of links.nics) {
    interfaces.push({ name: nic, type: 'ethernet', state: 'up', mtu: linkMtu(site, links, nic), ...ipOf(nic) });
  }
  for (const bond of links.bonds) {
    interfaces.push({
      name: bond.name,
      type: 'bond',
      state: 'up',
      mtu: linkMtu(site, links, bond.name),
      'link-aggregation': { mode: bond.mode, options: { ...BOND_OPTIONS }, port: [...bond.members] },
      ...ipOf(bond.name),
    });
  }
  let routeInterface = clusterDevice;
  if (cluster && clusterDevice && cluster.vlan !== 'untagged') {
    routeInterface = vlanInterfaceName(clusterDevice, cluster.vlan);
    interfaces.push({
      name: routeInterface,
      type: 'vlan',
      state: 'up',
      mtu: networkMtu(cluster),
      vlan: { 'base-iface': clusterDevice, id: cluster.vlan },
      ...structuredClone(clusterIp),
    });
  }

  const state: NmState = { interfaces };
  if (site.cluster.dnsServers.length > 0) state['dns-resolver'] = { config: { server: [...site.cluster.dnsServers] } };
  if (cluster?.gateway && routeInterface) {
    state.routes = {
      config: [
        {
          destination: familyOf(cluster) === 6 ? '::/0' : '0.0.0.0/0',
          'next-hop-address': cluster.gateway,
          'next-hop-interface': routeInterface,
          'table-id': 254,
        },
      ],
    };
  }
  return state;
}
