// VM networks and the node's own uplink. OVN-Kubernetes holds the node's cluster address and
// default route on br-ex, built at first boot on the NIC or bond that carries the cluster
// network (machine-config-operator templates/common/_base/files/configure-ovs-network.yaml;
// openshift-docs "Configuration for a localnet switched topology": br-ex and its interface
// must not be altered by an NNCP). So a VM network on that device cannot have a Linux bridge;
// it reaches the VMs as an OVN localnet on br-ex. On a NIC or bond of its own it gets a
// Linux bridge. model.ts vmAttachment() decides which one when the plan does not say.
import { clusterDevice, clusterNetwork, deviceCarrying, effectiveLayout, vmAttachment, type VmAttachment } from '../../site/model';
import type { Network, Site } from '../../site/schema';
import type { Rule } from '../engine';
import { bondNames, clusterNetworkInfo, defineRule, listWords, networksByName, nodeLayouts, pointer, scope, type NodeLayout } from './common';

const deviceOf = (view: NodeLayout, name: string) => deviceCarrying(view, name);

/** Localnet names OVN-Kubernetes maps itself. */
const OVN_RESERVED_LOCALNETS = ['physnet', 'locnet'];

function vmNetworks(site: Site): { network: Network; index: number }[] {
  return site.networks.map((network, index) => ({ network, index })).filter(({ network }) => network.role === 'vm');
}

/** Where a VM network's attachment is decided: its own field when set, else the network. */
function attachmentPath(network: Network, index: number): string {
  return network.attachment === undefined ? pointer('networks', index) : pointer('networks', index, 'attachment');
}

export const vmNetworkRules: Rule[] = [
  defineRule('vmnet.bridge-on-cluster-link', 'No Linux bridge on the cluster network uplink', function* (site) {
    const cluster = clusterNetwork(site);
    if (!cluster) return;
    for (const view of nodeLayouts(site)) {
      for (const [u, uplink] of view.uplinks.entries()) {
        if (uplink.bridge === undefined || clusterDevice(site, view) !== uplink.device) continue;
        yield {
          severity: 'error',
          path: `${view.base.uplinks}/${u}/bridge`,
          message: `Uplink ${uplink.device} ${scope(view, 'uplinks')} carries the cluster network ${cluster.name} and has bridge ${uplink.bridge}. OpenShift puts ${uplink.device} into br-ex at the install, where OVN-Kubernetes holds the node's address and default route; a Linux bridge taking ${uplink.device} as its port would cut the node off.`,
          hint: `Remove bridge: ${uplink.bridge}. VM VLANs on ${uplink.device} then reach the VMs as an OVN localnet on br-ex (attachment: localnet), or carry the VM networks on a NIC or bond of their own and put the bridge there.`,
        };
      }
    }
  }),

  defineRule('vmnet.linux-bridge-on-cluster-link', 'A linux-bridge VM network has a device of its own', function* (site) {
    const cluster = clusterNetwork(site);
    if (!cluster) return;
    for (const { network, index } of vmNetworks(site)) {
      if (network.attachment !== 'linux-bridge') continue;
      const shared = nodeLayouts(site).filter((view) => {
        const device = deviceOf(view, network.name);
        return device !== undefined && device === clusterDevice(site, view);
      });
      const first = shared[0];
      if (!first) continue;
      const device = deviceOf(first, network.name)!;
      yield {
        severity: 'error',
        path: pointer('networks', index, 'attachment'),
        message: `VM network ${network.name} asks for a Linux bridge, but ${device} also carries the cluster network ${cluster.name} on ${listWords(shared.map((v) => v.name))}; OVN-Kubernetes owns that link through br-ex, a Linux bridge there would cut the node off.`,
        hint: `Set attachment: localnet (OVN localnet on br-ex, same cables), or carry ${network.name} on a NIC or bond of its own.`,
      };
    }
  }),

  // OVN-Kubernetes maps its own physical networks by name: "physnet" → br-ex (the node's
  // external traffic) and "locnet" (ovn-org/ovn-kubernetes go-controller/pkg/types/const.go,
  // PhysicalNetworkName, LocalNetworkName). A localnet's name is its mapping name, so a VM
  // network called so would take over or break that mapping.
  defineRule('vmnet.localnet-reserved-name', "A localnet's name is not one OVN-Kubernetes uses itself", function* (site) {
    const layout = site.nodes[0] ? effectiveLayout(site, site.nodes[0]) : site.layout;
    for (const { network, index } of vmNetworks(site)) {
      if (!OVN_RESERVED_LOCALNETS.includes(network.name) || vmAttachment(site, network, layout) !== 'localnet') continue;
      yield {
        severity: 'error',
        path: pointer('networks', index, 'name'),
        message: `VM network ${network.name} would be an OVN localnet named ${network.name}, the name OVN-Kubernetes already uses for its own mapping to ${network.name === 'physnet' ? 'br-ex' : 'its local bridge'}: the VMs' network and the node's own traffic would be mixed up.`,
        hint: `Rename the network (e.g. vm-${network.name}) here and where it is used.`,
      };
    }
  }),

  defineRule('vmnet.localnet-needs-cluster-link', 'A localnet VM network rides on the cluster network uplink', function* (site) {
    const cluster = clusterNetwork(site);
    for (const { network, index } of vmNetworks(site)) {
      if (network.attachment !== 'localnet') continue;
      const apart = nodeLayouts(site).filter((view) => {
        const device = deviceOf(view, network.name);
        return device !== undefined && device !== clusterDevice(site, view);
      });
      if (apart.length === 0) continue;
      yield {
        severity: 'error',
        path: pointer('networks', index, 'attachment'),
        message: `VM network ${network.name} is an OVN localnet, which Sitekit maps to br-ex, but on ${listWords(apart.map((v) => v.name))} it is carried on ${deviceOf(apart[0]!, network.name)}, not on the device of the cluster network${cluster ? ` ${cluster.name}` : ''}.`,
        hint: `Use attachment: linux-bridge with a bridge on that uplink, or carry ${network.name} on the NIC or bond of the cluster network.`,
      };
    }
  }),

  defineRule('vmnet.localnet-tagged-cluster', 'A localnet on br-ex needs the cluster network untagged', function* (site) {
    const cluster = clusterNetworkInfo(site);
    if (!cluster || cluster.network.vlan === 'untagged') return;
    const clusterVlan = cluster.network.vlan;
    for (const { network, index } of vmNetworks(site)) {
      const onBrEx = nodeLayouts(site).some((view) => {
        const device = deviceOf(view, network.name);
        return device !== undefined && device === clusterDevice(site, view) && vmAttachment(site, network, effectiveLayout(site, view.node)) === 'localnet';
      });
      if (!onBrEx) continue;
      yield {
        severity: 'error',
        path: attachmentPath(network, index),
        message: `VM network ${network.name} would be an OVN localnet on br-ex, but the cluster network ${cluster.network.name} is tagged (VLAN ${clusterVlan}): OpenShift then puts the VLAN interface into br-ex, so the VM VLAN would leave inside VLAN ${clusterVlan} (double tagged) and never reach the plant network.`,
        hint: `Make ${cluster.network.name} untagged on this bond (native VLAN ${clusterVlan} on the switch ports, vlan: untagged in site.yaml) so br-ex sees the whole trunk; or carry the VM networks on a NIC or bond of their own with a Linux bridge.`,
      };
    }
  }),

  defineRule('vmnet.attachment-differs', 'A VM network reaches the VMs the same way on every node', function* (site) {
    for (const { network, index } of vmNetworks(site)) {
      const byAttachment = new Map<VmAttachment, string[]>();
      for (const view of nodeLayouts(site)) {
        if (deviceOf(view, network.name) === undefined) continue;
        const attachment = vmAttachment(site, network, effectiveLayout(site, view.node));
        byAttachment.set(attachment, [...(byAttachment.get(attachment) ?? []), view.name]);
      }
      if (byAttachment.size < 2) continue;
      const parts = [...byAttachment].map(([attachment, nodes]) => `${attachment} on ${listWords(nodes)}`);
      yield {
        severity: 'error',
        path: pointer('networks', index),
        message: `VM network ${network.name} would be ${listWords(parts)}; its NetworkAttachmentDefinition is one for the whole cluster.`,
        hint: `Carry ${network.name} the same way on every node: on the cluster network's device everywhere (localnet) or on a NIC or bond of its own everywhere (linux-bridge).`,
      };
    }
  }),

  defineRule('vmnet.no-redundancy', 'VM networks survive one NIC or switch failure', function* (site) {
    if (!site.virtualization.enabled) return;
    const networks = networksByName(site);
    for (const view of nodeLayouts(site)) {
      const bonds = bondNames(view);
      for (const [u, uplink] of view.uplinks.entries()) {
        if (uplink.bridge === undefined || bonds.has(uplink.device)) continue;
        const layout = effectiveLayout(site, view.node);
        const vm = uplink.networks.filter((name) => {
          const network = networks.get(name)?.network;
          return network?.role === 'vm' && vmAttachment(site, network, layout) === 'linux-bridge';
        });
        if (vm.length === 0) continue;
        yield {
          severity: 'warning',
          path: `${view.base.uplinks}/${u}/device`,
          message: `VM network${vm.length > 1 ? 's' : ''} ${listWords(vm)} ${vm.length > 1 ? 'reach' : 'reaches'} the VMs through the single NIC ${uplink.device} ${scope(view, 'uplinks')}: one cable, one switch port. When the NIC, the cable or that switch fails the VMs lose their network, although the cluster is built to survive one failure.`,
          hint: `Bond ${uplink.device} with a second NIC cabled to the other switch and move the bridge to the bond (active-backup needs nothing on the switches; 802.3ad needs the two switches paired with MLAG/vPC).`,
        };
      }
    }
  }),
];
