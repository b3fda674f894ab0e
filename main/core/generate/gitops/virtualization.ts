// gitops/virtualization: the HyperConverged instance (manifests.md §6: v1beta1, named
// kubevirt-hyperconverged in openshift-cnv, `spec: {}` not null) and one
// NetworkAttachmentDefinition per VM network: a Linux bridge NAD on the NMState linux-bridge
// (§5), or an OVN-Kubernetes localnet NAD on the br-ex bridge mapping.
import { effectiveLayout, findNetwork, networkMtu, vmAttachment } from '../../site/model';
import type { Network, Site } from '../../site/schema';
import { localnetMappings, localnetName } from '../nmstate';
import { isDisconnected, WAVES, waveAnnotations, type GenerateIssue, type GitopsDocument, type K8sObject } from './common';

/**
 * VM NADs live in `default`: a NAD must be in the VM's namespace (§5) except in the
 * namespaces OpenShift's Multus lists as global (namespaceIsolation with globalNamespaces
 * "default,openshift-multus,..."), so VMs in any namespace reference `default/<network>`.
 * The localnet NAD of openshift-docs modules/virt-creating-localnet-nad-cli.adoc is in `default` too.
 */
export const VM_NAD_NAMESPACE = 'default';

/**
 * What the technician does instead of the automatic boot-source import on a disconnected
 * site; written at the top of hyperconverged.yaml.
 */
export const DISCONNECTED_BOOT_SOURCES = [
  'Disconnected site: spec.enableCommonBootImageImport is false, so OpenShift Virtualization does not',
  'try to pull the Red Hat golden images (RHEL, Fedora, CentOS Stream) from the internet; on a site',
  'without that route the DataImportCrons would only fail and raise CDIDataImportCronOutdated alerts.',
  'Provide boot sources yourself after the install:',
  '  - mirror the guest images (container disks) into the mirror registry and import them with a',
  '    DataVolume whose source is registry: { url: "docker://<mirror>/<repo>:<tag>" }, or',
  '  - upload a disk image: virtctl image-upload dv <name> --size=<size> --image-path=<file>;',
  'then point the DataSource in openshift-virtualization-os-images (e.g. rhel9) at the PVC or',
  'VolumeSnapshot, or create VMs from the DataVolume directly.',
  '(openshift-docs modules/virt-about-auto-bootsource-updates.adoc; HCO docs/api.md: the field',
  'under featureGates is deprecated and ignored, spec.enableCommonBootImageImport is the one.)',
].join('\n');

export function hyperConverged(site: Site): K8sObject {
  return {
    apiVersion: 'hco.kubevirt.io/v1beta1',
    kind: 'HyperConverged',
    metadata: {
      name: 'kubevirt-hyperconverged',
      namespace: 'openshift-cnv',
      annotations: waveAnnotations(WAVES.hyperConverged, { customResource: true }),
    },
    spec: isDisconnected(site) ? { enableCommonBootImageImport: false } : {},
  };
}

/** The linux-bridge that carries a VM network (the uplink's `bridge`, same on every node). */
export function vmBridge(site: Site, network: string): string | undefined {
  const node = site.nodes[0];
  const uplinks = node ? effectiveLayout(site, node).uplinks : site.layout.uplinks;
  return uplinks.find((u) => u.networks.includes(network))?.bridge;
}

function nadObject(site: Site, network: Network, config: Record<string, unknown>, annotations: Record<string, string>): K8sObject {
  return {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: {
      name: network.name,
      namespace: VM_NAD_NAMESPACE,
      annotations: {
        ...waveAnnotations(WAVES.vmNad),
        ...annotations,
        ...(network.description ? { description: network.description } : {}),
      },
    },
    spec: { config: JSON.stringify(config, null, 2) + '\n' },
  };
}

export function vmNad(site: Site, networkName: string, bridge: string): K8sObject {
  const network = findNetwork(site, networkName) ?? { name: networkName, role: 'vm', vlan: 'untagged', subnet: '' };
  const config: Record<string, unknown> = {
    cniVersion: '0.3.1',
    name: networkName,
    type: 'bridge', // current docs; older docs use cnv-bridge with the same fields (§5)
    bridge,
    ...(network.vlan !== 'untagged' ? { vlan: network.vlan } : {}),
    macspoofchk: true,
    disableContainerInterface: true,
    preserveDefaultVlan: false,
  };
  // Schedules VMs only on nodes that have the bridge (§5).
  return nadObject(site, network, config, { 'k8s.v1.cni.cncf.io/resourceName': `bridge.network.kubevirt.io/${bridge}` });
}

/**
 * An OVN-Kubernetes localnet NAD (openshift-docs modules/virt-creating-localnet-nad-cli.adoc and
 * "Configuration for a localnet switched topology"): `name` is the localnet of the br-ex bridge
 * mapping, OVN tags the VM traffic with `vlanID` on br-ex's trunk, `netAttachDefName` is
 * `<namespace>/<name>`. No subnets: VM addresses come from the plant network, not from OVN.
 */
export function localnetNad(site: Site, network: Network): K8sObject {
  const config: Record<string, unknown> = {
    cniVersion: '0.3.1',
    name: localnetName(network),
    type: 'ovn-k8s-cni-overlay',
    topology: 'localnet',
    ...(network.vlan !== 'untagged' ? { vlanID: network.vlan } : {}),
    mtu: networkMtu(network),
    netAttachDefName: `${VM_NAD_NAMESPACE}/${network.name}`,
  };
  return nadObject(site, network, config, {});
}

export function virtualizationDocuments(site: Site, issues: GenerateIssue[]): GitopsDocument[] {
  const hco: GitopsDocument = { path: 'virtualization/hyperconverged.yaml', objects: [hyperConverged(site)] };
  if (isDisconnected(site)) hco.comment = DISCONNECTED_BOOT_SOURCES;
  const docs: GitopsDocument[] = [hco];
  for (const [i, name] of (site.virtualization.vmNetworks ?? []).entries()) {
    const network = findNetwork(site, name);
    // The nodes' own layout (all alike: vmnet.attachment-differs), as day2-state.ts reads it.
    const layout = site.nodes[0] ? effectiveLayout(site, site.nodes[0]) : site.layout;
    if (network && vmAttachment(site, network, layout) === 'localnet') {
      const unmapped = site.nodes.filter((node) => !localnetMappings(site, node).some((m) => m.localnet === localnetName(network))).map((n) => n.hostname);
      if (unmapped.length > 0) {
        issues.push({
          id: 'generate.vm-localnet-unmapped',
          severity: 'error',
          path: `/virtualization/vmNetworks/${i}`,
          message: `VM network ${name} is an OVN localnet, but ${unmapped.join(', ')} get no br-ex bridge mapping for it, so it gets no NetworkAttachmentDefinition.`,
          hint: `Carry ${name} on the NIC or bond that carries the cluster network on every node, or give it attachment: linux-bridge on a NIC or bond of its own.`,
        });
        continue;
      }
      docs.push({ path: `virtualization/nad-${name}.yaml`, objects: [localnetNad(site, network)] });
      continue;
    }
    const bridge = vmBridge(site, name);
    if (!bridge) {
      issues.push({
        id: 'generate.vm-bridge-missing',
        severity: 'error',
        path: `/virtualization/vmNetworks/${i}`,
        message: `VM network ${name} is not carried on an uplink with a bridge, so it gets no NetworkAttachmentDefinition.`,
        hint: 'Add `bridge: br-vm` to the uplink that carries the VM networks.',
      });
      continue;
    }
    docs.push({ path: `virtualization/nad-${name}.yaml`, objects: [vmNad(site, name, bridge)] });
  }
  return docs;
}
