// Operators as Namespace + OperatorGroup + Subscription (OLM v0), manifests.md §1.2 for
// package, channel and namespace; for disconnected sites the mirror CatalogSource, the
// ImageDigestMirrorSet and OperatorHub with the default sources off (§1.3).
import type { Site } from '../../site/schema';
import { hasAddon, isDisconnected, ocpMinor, WAVES, waveAnnotations, type GitopsDocument, type K8sObject } from './common';

export interface OperatorSpec {
  /** Folder under operators/. */
  folder: string;
  namespace: string;
  operatorGroup: string;
  /** OwnNamespace mode; undefined = AllNamespaces (no targetNamespaces). */
  targetOwnNamespace: boolean;
  subscription: string;
  packageName: string;
  channel: string;
}

export const MIRROR_CATALOG = 'redhat-operators-disconnected'; // ZTP's name (§1.3)
export const DEFAULT_CATALOG = 'redhat-operators';
export const MARKETPLACE = 'openshift-marketplace';

/** The operators a site needs, in install order. */
export function operatorsOf(site: Site): OperatorSpec[] {
  const minor = ocpMinor(site);
  const list: OperatorSpec[] = [];
  // §1.2: NMState is always installed (storage VLAN, VM bridges); channel `stable`.
  list.push({
    folder: 'nmstate',
    namespace: 'openshift-nmstate',
    operatorGroup: 'openshift-nmstate',
    targetOwnNamespace: true,
    subscription: 'kubernetes-nmstate-operator',
    packageName: 'kubernetes-nmstate-operator',
    channel: 'stable',
  });
  if (site.odf.enabled) {
    // §1.2: LSO channel `stable`; ODF channel follows the OpenShift minor (`stable-4.N`).
    list.push({
      folder: 'local-storage',
      namespace: 'openshift-local-storage',
      operatorGroup: 'openshift-local-storage',
      targetOwnNamespace: true,
      subscription: 'local-storage-operator',
      packageName: 'local-storage-operator',
      channel: 'stable',
    });
    list.push({
      folder: 'odf',
      namespace: 'openshift-storage',
      operatorGroup: 'openshift-storage',
      targetOwnNamespace: true,
      subscription: 'odf-operator',
      packageName: 'odf-operator',
      channel: `stable-${minor}`,
    });
  }
  if (site.virtualization.enabled) {
    // §1.2 / openshift-docs virt-subscribing-cli: OG kubevirt-hyperconverged-group, Subscription hco-operatorhub.
    list.push({
      folder: 'virtualization',
      namespace: 'openshift-cnv',
      operatorGroup: 'kubevirt-hyperconverged-group',
      targetOwnNamespace: true,
      subscription: 'hco-operatorhub',
      packageName: 'kubevirt-hyperconverged',
      channel: 'stable',
    });
  }
  if (hasAddon(site, 'hosted-control-planes')) {
    // Not in manifests.md [assembled]: MCE 2.x pairs with OpenShift 4.(x+10) (MCE 2.8 ↔ 4.18).
    const [, minorNumber] = minor.split('.');
    list.push({
      folder: 'multicluster-engine',
      namespace: 'multicluster-engine',
      operatorGroup: 'multicluster-engine',
      targetOwnNamespace: true,
      subscription: 'multicluster-engine',
      packageName: 'multicluster-engine',
      channel: `stable-2.${Math.max(Number(minorNumber) - 10, 0)}`,
    });
  }
  return list;
}

export function catalogSourceOf(site: Site): { source: string; sourceNamespace: string } {
  return { source: isDisconnected(site) ? MIRROR_CATALOG : DEFAULT_CATALOG, sourceNamespace: MARKETPLACE };
}

export function namespaceObject(name: string, wave: number): K8sObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name,
      labels: { 'openshift.io/cluster-monitoring': 'true' },
      annotations: waveAnnotations(wave),
    },
  };
}

export function operatorObjects(site: Site, spec: OperatorSpec): K8sObject[] {
  const { source, sourceNamespace } = catalogSourceOf(site);
  return [
    namespaceObject(spec.namespace, WAVES.namespace),
    {
      apiVersion: 'operators.coreos.com/v1',
      kind: 'OperatorGroup',
      metadata: { name: spec.operatorGroup, namespace: spec.namespace, annotations: waveAnnotations(WAVES.namespace) },
      spec: {
        ...(spec.targetOwnNamespace ? { targetNamespaces: [spec.namespace] } : {}),
        upgradeStrategy: 'Default',
      },
    },
    {
      apiVersion: 'operators.coreos.com/v1alpha1',
      kind: 'Subscription',
      metadata: { name: spec.subscription, namespace: spec.namespace, annotations: waveAnnotations(WAVES.subscription) },
      spec: {
        channel: spec.channel,
        installPlanApproval: 'Automatic',
        name: spec.packageName,
        source,
        sourceNamespace,
      },
    },
  ];
}

/** Mirror registry objects for a disconnected site (§1.3); empty when connected. */
export function mirrorObjects(site: Site): K8sObject[] {
  const mirror = site.cluster.mirror;
  if (!mirror) return [];
  const registry = mirror.registry.replace(/\/+$/, '');
  const annotations = waveAnnotations(WAVES.mirror);
  return [
    {
      apiVersion: 'config.openshift.io/v1',
      kind: 'OperatorHub',
      metadata: { name: 'cluster', annotations },
      spec: { disableAllDefaultSources: true },
    },
    {
      apiVersion: 'operators.coreos.com/v1alpha1',
      kind: 'CatalogSource',
      metadata: { name: MIRROR_CATALOG, namespace: MARKETPLACE, annotations },
      spec: {
        sourceType: 'grpc',
        image: `${registry}/redhat/redhat-operator-index:v${ocpMinor(site)}`,
        displayName: 'Red Hat Operators (mirror)',
        publisher: 'Red Hat',
        updateStrategy: { registryPoll: { interval: '1h' } },
      },
    },
    {
      apiVersion: 'config.openshift.io/v1',
      kind: 'ImageDigestMirrorSet',
      metadata: { name: 'sitekit-operator-mirror', annotations },
      spec: {
        // Operator bundles and images come from registry.redhat.io; the mirror keeps the
        // repository paths (the same convention as the catalog image above).
        imageDigestMirrors: [{ source: 'registry.redhat.io', mirrors: [registry], mirrorSourcePolicy: 'NeverContactSource' }],
      },
    },
  ];
}

export function operatorDocuments(site: Site): GitopsDocument[] {
  const docs: GitopsDocument[] = [];
  const mirror = mirrorObjects(site);
  if (mirror.length > 0) {
    docs.push({
      path: 'operators/mirror/mirror.yaml',
      comment: 'Disconnected site: operators come from the mirror registry (manifests.md §1.3).',
      objects: mirror,
    });
  }
  for (const spec of operatorsOf(site)) {
    docs.push({ path: `operators/${spec.folder}/operator.yaml`, objects: operatorObjects(site, spec) });
  }
  return docs;
}
