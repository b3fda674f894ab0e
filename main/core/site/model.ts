// Effective values of a plan: what the shared layout and the optional fields mean for one
// node once per-node overrides and the documented defaults are applied. Rules, generators
// and the UI read the plan through these helpers so a default lives in exactly one place.
import type { DiskSelection, Layout, Network, Site, SiteNode } from './schema';
import type { VM_ATTACHMENTS } from './vocabulary';

export type VmAttachment = (typeof VM_ATTACHMENTS)[number];

export const DEFAULT_MTU = 1500;

export function networkMtu(network: Network): number {
  return network.mtu ?? DEFAULT_MTU;
}

/** The layout of one node: the shared layout with the node's overrides replacing whole parts. */
export function effectiveLayout(site: Site, node: SiteNode): Layout {
  const override = node.layout ?? {};
  return {
    interfaces: override.interfaces ?? site.layout.interfaces,
    bonds: override.bonds ?? site.layout.bonds ?? [],
    uplinks: override.uplinks ?? site.layout.uplinks,
    disks: site.layout.disks,
  };
}

/** Boot disk hint and ODF devices of one node: node values win over the shared layout. */
export function effectiveDisks(site: Site, node: SiteNode): Required<DiskSelection> {
  return {
    boot: node.disks?.boot ?? site.layout.disks?.boot ?? {},
    odf: node.disks?.odf ?? site.layout.disks?.odf ?? [],
  };
}

export function siteBranch(site: Site): string {
  return site.gitops?.branch ?? `site/${site.metadata.name}`;
}

export function sitePath(site: Site): string {
  return site.gitops?.path ?? `sites/${site.metadata.name}`;
}

export function findNetwork(site: Site, name: string): Network | undefined {
  return site.networks.find((n) => n.name === name);
}

/** The cluster (machine) network: the first network with role `cluster`. */
export function clusterNetwork(site: Site): Network | undefined {
  return site.networks.find((n) => n.role === 'cluster');
}

/** ODF devices of one node the technician agreed to wipe (`nodes[].disks.wipe`). */
export function wipeDevices(node: SiteNode): string[] {
  return node.disks?.wipe ?? [];
}

/** The NIC or bond that carries a network in a layout (its first uplink), if any. */
export function deviceCarrying(layout: Pick<Layout, 'uplinks'>, networkName: string): string | undefined {
  return layout.uplinks.find((u) => u.networks.includes(networkName))?.device;
}

/** The NIC or bond that carries the cluster (machine) network in a layout: br-ex is built on it. */
export function clusterDevice(site: Site, layout: Pick<Layout, 'uplinks'>): string | undefined {
  const cluster = clusterNetwork(site);
  return cluster ? deviceCarrying(layout, cluster.name) : undefined;
}

/**
 * How a VM network reaches the VMs. Explicit `attachment` wins; otherwise a network whose
 * device also carries the cluster network gets an OVN localnet on br-ex (a Linux bridge there
 * would take the node's own uplink away from OVN-Kubernetes), any other a Linux bridge.
 */
export function vmAttachment(site: Site, network: Network, layout: Pick<Layout, 'uplinks'> = site.layout): VmAttachment {
  if (network.attachment) return network.attachment;
  const device = deviceCarrying(layout, network.name);
  return device !== undefined && device === clusterDevice(site, layout) ? 'localnet' : 'linux-bridge';
}
