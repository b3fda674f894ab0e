// gitops/nmstate: the NMState operator instance (named `nmstate`, manifests.md §4) and one
// NodeNetworkConfigurationPolicy per node — per node because the storage VLAN carries a
// static IP per node (§4: "one NNCP per node"); the desiredState comes from the NMState
// generator (storage VLAN interface, VM linux-bridge(s) with trunk VLANs, OVN localnet
// bridge mappings). Every policy passes the machine-network guard before it is written.
import type { Site, SiteNode } from '../../site/schema';
import { day2NetworkState, machineNetworkIssues } from '../nmstate';
import { WAVES, waveAnnotations, type GenerateIssue, type GitopsDocument, type K8sObject } from './common';

export function nncpName(node: SiteNode): string {
  return `${node.hostname}-day2`;
}

function hasContent(state: object): boolean {
  const { interfaces, ovn } = state as { interfaces?: unknown; ovn?: { 'bridge-mappings'?: unknown } };
  const mappings = ovn?.['bridge-mappings'];
  return (Array.isArray(interfaces) && interfaces.length > 0) || (Array.isArray(mappings) && mappings.length > 0);
}

/** The nodes a policy may reach: the one its hostname selector names, else (any other selector) all of them. */
function selectedNodes(site: Site, policy: K8sObject): SiteNode[] {
  const selector = (policy.spec as { nodeSelector?: Record<string, string> } | undefined)?.nodeSelector;
  const hostname = selector?.['kubernetes.io/hostname'];
  return hostname === undefined ? site.nodes : site.nodes.filter((n) => n.hostname === hostname);
}

/**
 * The last safety net: a policy that would touch the links holding a node's machine network
 * (cluster NIC or bond, its VLAN interface, bond members, br-ex) is not written, whatever
 * the plan says; each reason becomes an error of the generator.
 */
export function safePolicies(site: Site, policies: readonly K8sObject[], issues: GenerateIssue[]): K8sObject[] {
  return policies.filter((policy) => {
    const state = (policy.spec as { desiredState?: unknown } | undefined)?.desiredState;
    const found = selectedNodes(site, policy).flatMap((node) => machineNetworkIssues(state, site, node));
    for (const issue of found) {
      issues.push({
        id: 'generate.nncp-refused',
        severity: 'error',
        path: '',
        message: `NodeNetworkConfigurationPolicy ${policy.metadata.name} was not written: /spec/desiredState${issue.path}: ${issue.message}.`,
        hint: 'Keep VM bridges off the NIC or bond that carries the cluster network: put VM networks on a NIC or bond of their own (linux-bridge), or use attachment: localnet for VM VLANs on the cluster bond.',
      });
    }
    return found.length === 0;
  });
}

export function nmstateDocuments(site: Site, issues: GenerateIssue[]): GitopsDocument[] {
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
  const policies: K8sObject[] = [];
  for (const node of site.nodes) {
    const desiredState = day2NetworkState(site, node);
    if (!hasContent(desiredState)) continue;
    policies.push({
      apiVersion: 'nmstate.io/v1',
      kind: 'NodeNetworkConfigurationPolicy',
      metadata: { name: nncpName(node), annotations: waveAnnotations(WAVES.policy, { customResource: true }) },
      spec: {
        nodeSelector: { 'kubernetes.io/hostname': node.hostname },
        desiredState,
      },
    });
  }
  for (const policy of safePolicies(site, policies, issues)) docs.push({ path: `nmstate/${policy.metadata.name}.yaml`, objects: [policy] });
  return docs;
}
