// Release-image mirrors of a disconnected site. Convention (oc-mirror v2's default layout):
// the release payload `quay.io/openshift-release-dev/ocp-release` is mirrored to
// `<registry>/openshift/release-images`, its component images
// `quay.io/openshift-release-dev/ocp-v4.0-art-dev` to `<registry>/openshift/release`.
// A mirror filled differently needs these two paths changed in install-config.yaml.
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
  const registry = site.cluster.mirror?.registry.replace(/\/+$/, '');
  if (!registry) return undefined;
  return RELEASE_SOURCES.map((s) => ({ source: s.source, mirrors: [`${registry}/${s.path}`] }));
}
