// The links that hold a node's machine network: its cluster address and default route. At
// first boot configure-ovs.sh moves the default-route interface into the OVS bridge br-ex
// (openshift/machine-config-operator templates/common/_base/files/configure-ovs-network.yaml
// @ 7ff337a4ffac: the connection of the default-route interface becomes ovs-if-phys0, type
// vlan with `dev <parent> id <vlan>` when that interface is a VLAN). So br-ex's port is
// `<device>.<vlan>` when the cluster network is tagged, else the NIC or bond itself.
import { clusterDevice, clusterNetwork, effectiveLayout } from '../../site/model';
import type { Site, SiteNode } from '../../site/schema';
import { vlanInterfaceName } from './devices';

/** The OVS bridge OVN-Kubernetes owns for the node's external traffic. */
export const OVN_EXTERNAL_BRIDGE = 'br-ex';

export interface MachineLink {
  /** The NIC or bond that carries the cluster network. */
  device: string;
  /** The cluster network's VLAN id when it is tagged on `device`. */
  vlan?: number;
  /** The interface configure-ovs.sh puts into br-ex: `<device>.<vlan>`, or `device`. */
  brExPort: string;
  /** Bond members when `device` is a bond. */
  members: string[];
  /** Every interface name that holds the machine network, br-ex included. */
  names: Set<string>;
}

export function machineLink(site: Site, node: SiteNode): MachineLink | undefined {
  const cluster = clusterNetwork(site);
  if (!cluster) return undefined;
  const layout = effectiveLayout(site, node);
  const device = clusterDevice(site, layout);
  if (device === undefined) return undefined;
  const members = (layout.bonds ?? []).find((b) => b.name === device)?.members ?? [];
  const vlan = cluster.vlan === 'untagged' ? undefined : cluster.vlan;
  const brExPort = vlan === undefined ? device : vlanInterfaceName(device, vlan);
  return {
    device,
    ...(vlan === undefined ? {} : { vlan }),
    brExPort,
    members: [...members],
    names: new Set([device, brExPort, ...members, OVN_EXTERNAL_BRIDGE]),
  };
}
