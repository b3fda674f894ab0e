// gitops/virtualization: the HyperConverged instance (manifests.md §6: v1beta1, named
// kubevirt-hyperconverged in openshift-cnv, `spec: {}` not null) and one
// NetworkAttachmentDefinition per VM network on the NMState linux-bridge (§5).
import { effectiveLayout, findNetwork } from '../../site/model';
import type { Site } from '../../site/schema';
import { WAVES, waveAnnotations, type GenerateIssue, type GitopsDocument, type K8sObject } from './common';

/**
 * VM NADs live in `default`: a NAD must be in the VM's namespace (§5) except in the
 * namespaces OpenShift's Multus lists as global (namespaceIsolation with globalNamespaces
 * "default,openshift-multus,..."), so VMs in any namespace reference `default/<network>`.
 */
export const VM_NAD_NAMESPACE = 'default';

export function hyperConverged(): K8sObject {
  return {
    apiVersion: 'hco.kubevirt.io/v1beta1',
    kind: 'HyperConverged',
    metadata: {
      name: 'kubevirt-hyperconverged',
      namespace: 'openshift-cnv',
      annotations: waveAnnotations(WAVES.hyperConverged, { customResource: true }),
    },
    spec: {},
  };
}

/** The linux-bridge that carries a VM network (the uplink's `bridge`, same on every node). */
export function vmBridge(site: Site, network: string): string | undefined {
  const node = site.nodes[0];
  const uplinks = node ? effectiveLayout(site, node).uplinks : site.layout.uplinks;
  return uplinks.find((u) => u.networks.includes(network))?.bridge;
}

export function vmNad(site: Site, networkName: string, bridge: string): K8sObject {
  const network = findNetwork(site, networkName);
  const config: Record<string, unknown> = {
    cniVersion: '0.3.1',
    name: networkName,
    type: 'bridge', // current docs; older docs use cnv-bridge with the same fields (§5)
    bridge,
    ...(network && network.vlan !== 'untagged' ? { vlan: network.vlan } : {}),
    macspoofchk: true,
    disableContainerInterface: true,
    preserveDefaultVlan: false,
  };
  return {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: {
      name: networkName,
      namespace: VM_NAD_NAMESPACE,
      annotations: {
        ...waveAnnotations(WAVES.vmNad),
        // Schedules VMs only on nodes that have the bridge (§5).
        'k8s.v1.cni.cncf.io/resourceName': `bridge.network.kubevirt.io/${bridge}`,
        ...(network?.description ? { description: network.description } : {}),
      },
    },
    spec: { config: JSON.stringify(config, null, 2) + '\n' },
  };
}

export function virtualizationDocuments(site: Site, issues: GenerateIssue[]): GitopsDocument[] {
  const docs: GitopsDocument[] = [{ path: 'virtualization/hyperconverged.yaml', objects: [hyperConverged()] }];
  for (const [i, name] of (site.virtualization.vmNetworks ?? []).entries()) {
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
