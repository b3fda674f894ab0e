// What the layout of one node means for host networking: which NICs and bonds are in use,
// which uplink carries a network, and the MTU of each link. One place, so the install-time
// networkConfig, the day-2 policies and the importer agree on names and MTUs.
import { DEFAULT_MTU, effectiveLayout, findNetwork, networkMtu } from '../../site/model';
import type { Bond, Layout, Network, Site, SiteNode, Uplink } from '../../site/schema';
import { parseCidr } from '../../net/ip';
import type { NmIp } from './types';

export interface NodeLinks {
  layout: Layout;
  /** Bonds that some uplink uses, in layout order. */
  bonds: Bond[];
  /** NICs that an uplink uses directly or as a bond member, in layout order. */
  nics: string[];
}

export function nodeLinks(site: Site, node: SiteNode): NodeLinks {
  const layout = effectiveLayout(site, node);
  const devices = new Set(layout.uplinks.map((u) => u.device));
  const bonds = (layout.bonds ?? []).filter((b) => devices.has(b.name));
  const used = new Set([...devices, ...bonds.flatMap((b) => b.members)]);
  const nics = layout.interfaces.filter((nic) => used.has(nic));
  return { layout, bonds, nics };
}

export function uplinkCarrying(layout: Layout, networkName: string): Uplink | undefined {
  return layout.uplinks.find((u) => u.networks.includes(networkName));
}

/** Networks an uplink device carries (all uplinks on that device). */
export function networksOn(site: Site, layout: Layout, device: string): Network[] {
  return layout.uplinks
    .filter((u) => u.device === device)
    .flatMap((u) => u.networks)
    .map((name) => findNetwork(site, name))
    .filter((n): n is Network => n !== undefined);
}

/**
 * MTU of a NIC or bond: the largest MTU of the networks it carries, so a jumbo-frame VLAN
 * (storage) works on top of it later; a bond member follows its bond.
 */
export function linkMtu(site: Site, links: NodeLinks, device: string): number {
  const bond = links.bonds.find((b) => b.members.includes(device));
  const carrier = bond ? bond.name : device;
  const mtus = networksOn(site, links.layout, carrier).map(networkMtu);
  return Math.max(DEFAULT_MTU, ...mtus);
}

/** `<base>.<id>`: the only VLAN naming OpenShift supports on bare metal (manifests.md §4). */
export function vlanInterfaceName(device: string, vlan: number): string {
  return `${device}.${vlan}`;
}

export function isBond(links: NodeLinks, device: string): boolean {
  return links.bonds.some((b) => b.name === device);
}

/** Static address settings for one network: the family of its subnet decides ipv4/ipv6. */
export function staticIp(network: Network, address: string | undefined): { ipv4: NmIp; ipv6: NmIp } {
  const subnet = parseCidr(network.subnet);
  if (!subnet || address === undefined) return { ipv4: { enabled: false }, ipv6: { enabled: false } };
  const addresses = [{ ip: address, 'prefix-length': subnet.prefix }];
  return subnet.family === 4
    ? { ipv4: { enabled: true, dhcp: false, address: addresses }, ipv6: { enabled: false } }
    : { ipv4: { enabled: false }, ipv6: { enabled: true, dhcp: false, autoconf: false, address: addresses } };
}

export function familyOf(network: Network): 4 | 6 | undefined {
  return parseCidr(network.subnet)?.family;
}
