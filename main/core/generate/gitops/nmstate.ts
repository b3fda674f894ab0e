// gitops/nmstate: the NMState operator instance (named `nmstate`, manifests.md §4) and one
// NodeNetworkConfigurationPolicy per node — per node because the storage VLAN carries a
// static IP per node (§4: "one NNCP per node"); the desiredState comes from the NMState
// generator (storage VLAN interface, VM linux-bridge(s) with trunk VLANs).
import type { Site, SiteNode } from '../../site/schema';
import { day2NetworkState } from '../nmstate';
import { WAVES, waveAnnotations, type GitopsDocument, type K8sObject } from './common';

export function nncpName(node: SiteNode): string {
  return `${node.hostname}-day2`;
}

function hasInterfaces(state: object): boolean {
  const interfaces = (state as { interfaces?: unknown }).interfaces;
  return Array.isArray(interfaces) && interfaces.length > 0;
}

export function nmstateDocuments(site: Site): GitopsDocument[] {
  const docs: GitopsDocument[] = [
    {
      path: 'nmstate/nmstate.yaml',
      objects: [
        {
          apiVersion: 'nmstate.io/v1',
          kind: 'NMState',
          metadata: { name: 'nmstate', annotations: waveAnnotations(WAVES.instance, { customResource: true }) },
          spec: {},
        },
      ],
    },
  ];
  for (const node of site.nodes) {
    const desiredState = day2NetworkState(site, node);
    if (!hasInterfaces(desiredState)) continue;
    const policy: K8sObject = {
      apiVersion: 'nmstate.io/v1',
      kind: 'NodeNetworkConfigurationPolicy',
      metadata: { name: nncpName(node), annotations: waveAnnotations(WAVES.policy, { customResource: true }) },
      spec: {
        nodeSelector: { 'kubernetes.io/hostname': node.hostname },
        desiredState,
      },
    };
    docs.push({ path: `nmstate/${nncpName(node)}.yaml`, objects: [policy] });
  }
  return docs;
}
