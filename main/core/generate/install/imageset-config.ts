// install/imageset-config.yaml of a disconnected site: the oc-mirror v2 ImageSetConfiguration
// that fills the mirror registry with exactly what this bundle pulls (apiVersion
// mirror.openshift.io/v2alpha1, openshift/oc-mirror internal/pkg/api/v2alpha1/type_config.go
// and docs/image-set-examples/image-set-config.yaml):
// - the release of the plan (platform channel stable-4.N; with a full version, only it);
// - every package a Subscription of the bundle names, on its channel, plus the packages ODF
//   installs by itself. oc-mirror v2 resolves no dependencies ("the client will need to
//   explicitly add dependant packages", docs/dev-investigations/operator-filtering-investigation.md);
// - every container image of the GitOps tree (gitops/images.ts), found in the objects, so an
//   image a generator adds is listed without touching this file.
import { RED_HAT_CATALOG } from './mirrors';
import type { Site } from '../../site/schema';
import { toYaml, type GeneratedFile } from '../files';
import { ocpMinor, type GitopsDocument } from '../gitops/common';
import { containerImages } from '../gitops/images';

export const IMAGESET_CONFIG_PATH = 'install/imageset-config.yaml';

export interface OperatorPackage {
  name: string;
  /** The channel a Subscription follows; none for a dependency (oc-mirror takes the head of its default channel). */
  channel?: string;
}

/**
 * Packages odf-operator subscribes to itself, by ODF minor (= OpenShift minor), under the
 * names of the Red Hat catalog. Upstream lists them in odf-operator
 * bundle/metadata/dependencies.yaml (release-4.16/4.17) and
 * bundle/odf-dependencies/metadata/dependencies.yaml (release-4.18 and later, where
 * odf-operator subscribes to the odf-dependencies package that carries them); the product
 * renames noobaa-operator to mcg-operator and csi-addons to odf-csi-addons-operator
 * (controllers/subscriptions.go on release-4.20 handles both names).
 */
export function odfDependencies(site: Site): string[] {
  const minor = Number(ocpMinor(site).split('.')[1]);
  const packages = ['ocs-operator', 'ocs-client-operator', 'mcg-operator', 'odf-csi-addons-operator', 'odf-prometheus-operator', 'recipe'];
  if (minor >= 17) packages.push('rook-ceph-operator', 'cephcsi-operator'); // release-4.17
  if (minor >= 18) packages.push('odf-dependencies'); // release-4.18: the dependencies moved into their own package
  if (minor >= 20) packages.push('odf-external-snapshotter-operator'); // release-4.20
  if (minor >= 22) packages.push('ocs-tls-profiles'); // release-4.22
  return packages;
}

interface SubscriptionSpec {
  name?: unknown;
  channel?: unknown;
}

/** The packages of the bundle's Subscriptions, in the order they appear, then their dependencies. */
export function operatorPackages(site: Site, documents: readonly GitopsDocument[]): OperatorPackage[] {
  const packages: OperatorPackage[] = [];
  const seen = new Set<string>();
  for (const doc of documents) {
    for (const object of doc.objects) {
      if (object.kind !== 'Subscription') continue;
      const spec = object.spec as SubscriptionSpec;
      if (typeof spec.name !== 'string' || seen.has(spec.name)) continue;
      seen.add(spec.name);
      packages.push({ name: spec.name, ...(typeof spec.channel === 'string' ? { channel: spec.channel } : {}) });
    }
  }
  if (seen.has('odf-operator')) {
    for (const name of odfDependencies(site)) {
      if (!seen.has(name)) packages.push({ name });
      seen.add(name);
    }
  }
  return packages;
}

/** Container images of the tree, each once, in the order first used. */
export function additionalImages(documents: readonly GitopsDocument[]): string[] {
  return [...new Set(containerImages(documents).map((use) => use.image))];
}

export function imageSetConfiguration(site: Site, documents: readonly GitopsDocument[]): Record<string, unknown> {
  const minor = ocpMinor(site);
  const full = /^\d+\.\d+\.\d+$/.test(site.cluster.openshiftVersion) ? site.cluster.openshiftVersion : undefined;
  const images = additionalImages(documents);
  return {
    kind: 'ImageSetConfiguration',
    apiVersion: 'mirror.openshift.io/v2alpha1',
    mirror: {
      platform: {
        // A full version pins the release; a minor alone mirrors the head of the channel.
        channels: [{ name: `stable-${minor}`, type: 'ocp', ...(full ? { minVersion: full, maxVersion: full } : {}) }],
      },
      operators: [
        {
          catalog: `${RED_HAT_CATALOG}:v${minor}`,
          packages: operatorPackages(site, documents).map((p) => ({
            name: p.name,
            // A channel filter must keep the default channel or name the one kept as
            // defaultChannel, or the filtered catalog is invalid
            // (operator-filtering-investigation.md, "defaultChannel should be used ...").
            ...(p.channel ? { defaultChannel: p.channel, channels: [{ name: p.channel }] } : {}),
          })),
        },
      ],
      ...(images.length > 0 ? { additionalImages: images.map((name) => ({ name })) } : {}),
    },
  };
}

export function imagesetConfigHeader(site: Site): string {
  const registry = site.cluster.mirror?.registry.replace(/\/+$/, '') ?? '<registry>';
  return [
    '# oc-mirror v2 ImageSetConfiguration: everything this bundle pulls (release, operators and',
    '# their dependencies, the images of the GitOps tree). Generated by Sitekit from site.yaml.',
    '#',
    '# Mirror it (openshift/oc-mirror docs/features/mirroring-workflows.md):',
    '#   with internet on the mirror host:',
    `#     oc-mirror --v2 -c imageset-config.yaml --workspace file://<dir> docker://${registry}`,
    '#   air-gapped, in two steps:',
    '#     oc-mirror --v2 -c imageset-config.yaml file://<dir>',
    `#     oc-mirror --v2 -c imageset-config.yaml --from file://<dir> docker://${registry}`,
    '# Then bring what oc-mirror wrote into the plan and generate again:',
    '#   sitekit import-mirror site.yaml <dir>/working-dir/cluster-resources',
    '',
  ].join('\n');
}

/** The file for a disconnected site; none for a connected one. */
export function imagesetConfigFiles(site: Site, documents: readonly GitopsDocument[]): GeneratedFile[] {
  if (!site.cluster.mirror) return [];
  return [{ path: IMAGESET_CONFIG_PATH, content: imagesetConfigHeader(site) + toYaml(imageSetConfiguration(site, documents)) }];
}
