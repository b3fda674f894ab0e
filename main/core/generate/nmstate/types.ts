// The subset of the NMState YAML API (nmstate.io devel/yaml_api.md, kubernetes-nmstate
// docs/examples) that Sitekit writes: ethernet, bond, vlan and linux-bridge interfaces,
// static addresses, DNS, routes and OVN bridge mappings. Kept as plain data so it
// serialises in build order.

export interface NmAddress {
  ip: string;
  'prefix-length': number;
}

export interface NmIp {
  enabled: boolean;
  dhcp?: boolean;
  autoconf?: boolean;
  'auto-dns'?: boolean;
  'auto-gateway'?: boolean;
  'auto-routes'?: boolean;
  address?: NmAddress[];
}

export interface NmBridgePort {
  name: string;
  vlan?: { mode: 'trunk' | 'access'; 'trunk-tags'?: { id: number }[]; tag?: number; 'enable-native'?: boolean };
}

export interface NmInterface {
  name: string;
  type: 'ethernet' | 'bond' | 'vlan' | 'linux-bridge';
  state: 'up' | 'down' | 'absent';
  description?: string;
  mtu?: number;
  'link-aggregation'?: { mode: string; options?: Record<string, string>; port: string[] };
  vlan?: { 'base-iface': string; id: number };
  bridge?: { options?: { stp: { enabled: boolean } }; port: NmBridgePort[] };
  ipv4?: NmIp;
  ipv6?: NmIp;
}

export interface NmRoute {
  destination: string;
  'next-hop-address': string;
  'next-hop-interface': string;
  'table-id'?: number;
}

/**
 * One OVN bridge mapping (nmstate `ovn.bridge-mappings`): the localnet name OVN-Kubernetes
 * uses for a secondary network, and the OVS bridge its traffic leaves through (openshift-docs
 * modules/virt-creating-localnet-nad-cli.adoc).
 */
export interface NmBridgeMapping {
  localnet: string;
  bridge: string;
  state: 'present' | 'absent';
}

export interface NmState {
  interfaces: NmInterface[];
  ovn?: { 'bridge-mappings': NmBridgeMapping[] };
  'dns-resolver'?: { config: { server: string[] } };
  routes?: { config: NmRoute[] };
}
