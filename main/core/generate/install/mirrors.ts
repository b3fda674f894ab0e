// Release-image mirrors of a disconnected site for install-config.yaml `imageDigestSources`.
// With an import (cluster.mirror.ocMirror, `sitekit import-mirror`): every digest mirror
// oc-mirror wrote into its IDMS, as written (oc-mirror puts the release image in the IDMS
// too, although it is pulled by tag, "to allow for the installer to have the correct mirror"
// — openshift/oc-mirror internal/pkg/clusterresources/clusterresources.go, CLID-205). The
// install-config has no tag-mirror field (imageDigestSources and the deprecated
// imageContentSources only, InstallConfig CRD), so tag mirrors reach the cluster through the
// ImageTagMirrorSet of gitops/operators/mirror only.
// Without an import, oc-mirror v2's default layout is assumed: the release payload
// `quay.io/openshift-release-dev/ocp-release` at `<registry>/openshift/release-images`, its
// component images `quay.io/openshift-release-dev/ocp-v4.0-art-dev` at
// `<registry>/openshift/release`.
import type { Site } from '../../site/schema';

export const RELEASE_SOURCES = [
  { source: 'quay.io/openshift-release-dev/ocp-release', path: 'openshift/release-images' },
  { source: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev', path: 'openshift/release' },
] as const;

export interface ImageDigestSource {
  source: string;
  mirrors: string[];
}

export function imageDigestSources(site: Site): ImageDigestSource[] | undefined {
  const mirror = site.cluster.mirror;
  const registry = mirror?.registry.replace(/\/+$/, '');
  if (!mirror || !registry) return undefined;
  const imported = mirror.ocMirror?.digestMirrors;
  if (imported && imported.length > 0) return imported.map((m) => ({ source: m.source, mirrors: [...m.mirrors] }));
  return RELEASE_SOURCES.map((s) => ({ source: s.source, mirrors: [`${registry}/${s.path}`] }));
}

/** Red Hat's operator catalog image (without its tag v4.N). */
export const RED_HAT_CATALOG = 'registry.redhat.io/redhat/redhat-operator-index';
