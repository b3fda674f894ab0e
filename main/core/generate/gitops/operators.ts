// Operators as Namespace + OperatorGroup + Subscription (OLM v0), manifests.md §1.2 for
// package, channel and namespace; for disconnected sites the mirror CatalogSource, the
// ImageDigestMirrorSet / ImageTagMirrorSet and OperatorHub with the default sources off
// (§1.3). When the plan carries what oc-mirror produced (cluster.mirror.ocMirror, written by
// `sitekit import-mirror`), its catalog name and image and its mirrors are used as they are;
// only without it does Sitekit guess oc-mirror's default layout (see mirrorGuesses).
import type { ImageMirror, OcMirrorResult, Site } from '../../site/schema';
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

/** Repository of the Red Hat operator catalog, whatever registry or prefix the mirror puts before it. */
const RED_HAT_INDEX = /(^|\/)redhat-operator-index(:[^/@]+)?(@sha256:[a-f0-9]+)?$/;

/**
 * The imported catalog that carries the Red Hat operators the site subscribes to: the one
 * whose image is a mirror of redhat/redhat-operator-index (oc-mirror names its
 * CatalogSource cs-redhat-operator-index-v4-N, clusterresources.go generateCatalogSource).
 */
export function importedCatalog(site: Site): { name: string; image: string } | undefined {
  return site.cluster.mirror?.ocMirror?.catalogs?.find((c) => RED_HAT_INDEX.test(c.image));
}

/** Whether the plan carries imported digest or tag mirrors. */
function mirrorsImported(site: Site): boolean {
  const imported = site.cluster.mirror?.ocMirror;
  return Boolean(imported?.digestMirrors?.length || imported?.tagMirrors?.length);
}

/** What of the mirror objects is Sitekit's guess of oc-mirror's layout, not what oc-mirror wrote. */
export function mirrorGuesses(site: Site): { catalog: boolean; mirrors: boolean } {
  if (!isDisconnected(site)) return { catalog: false, mirrors: false };
  return { catalog: importedCatalog(site) === undefined, mirrors: !mirrorsImported(site) };
}

export function catalogSourceOf(site: Site): { source: string; sourceNamespace: string } {
  if (!isDisconnected(site)) return { source: DEFAULT_CATALOG, sourceNamespace: MARKETPLACE };
  return { source: importedCatalog(site)?.name ?? MIRROR_CATALOG, sourceNamespace: MARKETPLACE };
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

/** Where the mirror registry holds images, when nothing was imported: oc-mirror's default layout. */
function guessedMirrors(site: Site): { catalog: { name: string; image: string }; digest: ImageMirror[]; tag: ImageMirror[] } {
  const registry = site.cluster.mirror!.registry.replace(/\/+$/, '');
  // oc-mirror v2 keeps the source path under the destination (registry.redhat.io/odf4/x →
  // <registry>/odf4/x); its IDMS/ITMS name each namespace, this guess maps the whole host.
  const redHat = [{ source: 'registry.redhat.io', mirrors: [registry] }];
  return {
    catalog: { name: MIRROR_CATALOG, image: `${registry}/redhat/redhat-operator-index:v${ocpMinor(site)}` },
    digest: redHat,
    tag: redHat,
  };
}

function mirrorSet(kind: 'ImageDigestMirrorSet' | 'ImageTagMirrorSet', name: string, mirrors: ImageMirror[], policy: boolean, annotations: Record<string, string>): K8sObject {
  const field = kind === 'ImageDigestMirrorSet' ? 'imageDigestMirrors' : 'imageTagMirrors';
  return {
    apiVersion: 'config.openshift.io/v1',
    kind,
    metadata: { name, annotations },
    spec: {
      [field]: mirrors.map((m) => ({ source: m.source, mirrors: [...m.mirrors], ...(policy ? { mirrorSourcePolicy: 'NeverContactSource' } : {}) })),
    },
  };
}

/**
 * Mirror registry objects for a disconnected site (§1.3); empty when connected. With an
 * import: every imported CatalogSource (name and image as oc-mirror wrote them) and its
 * digest and tag mirrors, without a mirrorSourcePolicy, as oc-mirror writes them. Without:
 * the guess, which never contacts the source.
 */
export function mirrorObjects(site: Site): K8sObject[] {
  const mirror = site.cluster.mirror;
  if (!mirror) return [];
  const annotations = waveAnnotations(WAVES.mirror);
  const guesses = mirrorGuesses(site);
  const guess = guessedMirrors(site);
  const imported: OcMirrorResult = mirror.ocMirror ?? {};
  // Catalog and mirrors are taken from the import each on their own: a folder with only
  // CatalogSources (the r00ri corpus case) still names the catalog.
  const catalogs = guesses.catalog ? [guess.catalog] : (imported.catalogs ?? []);
  const digest = guesses.mirrors ? guess.digest : (imported.digestMirrors ?? []);
  const tag = guesses.mirrors ? guess.tag : (imported.tagMirrors ?? []);
  return [
    {
      apiVersion: 'config.openshift.io/v1',
      kind: 'OperatorHub',
      metadata: { name: 'cluster', annotations },
      spec: { disableAllDefaultSources: true },
    },
    ...catalogs.map((catalog) => ({
      apiVersion: 'operators.coreos.com/v1alpha1',
      kind: 'CatalogSource',
      metadata: { name: catalog.name, namespace: MARKETPLACE, annotations },
      spec: {
        sourceType: 'grpc',
        image: catalog.image,
        displayName: catalog.name === MIRROR_CATALOG ? 'Red Hat Operators (mirror)' : `${catalog.name} (mirror)`,
        publisher: 'Red Hat',
        updateStrategy: { registryPoll: { interval: '1h' } },
      },
    })),
    ...(digest.length > 0 ? [mirrorSet('ImageDigestMirrorSet', 'sitekit-operator-mirror', digest, guesses.mirrors, annotations)] : []),
    ...(tag.length > 0 ? [mirrorSet('ImageTagMirrorSet', 'sitekit-tag-mirror', tag, guesses.mirrors, annotations)] : []),
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
