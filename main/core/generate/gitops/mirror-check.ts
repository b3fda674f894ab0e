// Checks of a disconnected site's mirror set against the GitOps tree: every image the tree
// names must be in install/imageset-config.yaml (else oc-mirror never copies it and the pull
// fails on the plant floor), every image must have a mirror rule in what oc-mirror wrote, and
// a bundle built on Sitekit's guess of the mirror layout says so.
import type { Site } from '../../site/schema';
import { additionalImages, IMAGESET_CONFIG_PATH } from '../install/imageset-config';
import { isDisconnected, type GenerateIssue, type GitopsDocument } from './common';
import { containerImages, imageReferences } from './images';
import { mirrorGuesses, MIRROR_CATALOG } from './operators';
import type { ImageMirror } from '../../site/schema';

/** Repository of an image reference (tag and digest removed). */
function repositoryOf(image: string): string {
  const name = image.replace(/@sha256:[a-f0-9]+$/, '');
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? name.slice(0, colon) : name;
}

/** Whether a mirror rule covers the repository: same repository, or a namespace above it. */
function covered(repository: string, mirrors: readonly ImageMirror[]): boolean {
  return mirrors.some((m) => repository === m.source || repository.startsWith(`${m.source.replace(/\/+$/, '')}/`));
}

export function mirrorSetIssues(site: Site, documents: readonly GitopsDocument[]): GenerateIssue[] {
  if (!isDisconnected(site)) return [];
  const issues: GenerateIssue[] = [];
  const listed = new Set(additionalImages(documents));
  const reported = new Set<string>();
  for (const use of imageReferences(documents)) {
    if (listed.has(use.image) || reported.has(use.image)) continue;
    reported.add(use.image);
    issues.push({
      id: 'generate.image-not-mirrored',
      severity: 'error',
      path: '',
      message: `${use.where} uses the image ${use.image}, which ${IMAGESET_CONFIG_PATH} does not list: oc-mirror would not copy it and the cluster could not pull it.`,
      hint: 'This is a Sitekit defect (the image sits in a field the mirror set does not read, gitops/images.ts). Report it; until fixed, add the image under mirror.additionalImages of the image set by hand before mirroring.',
    });
  }

  const imported = site.cluster.mirror?.ocMirror;
  const guesses = mirrorGuesses(site);
  if (guesses.catalog || guesses.mirrors) {
    const registry = site.cluster.mirror!.registry.replace(/\/+$/, '');
    const noCatalog = guesses.catalog && (imported?.catalogs?.length ?? 0) > 0;
    const guessed = [
      ...(guesses.catalog ? [`CatalogSource ${MIRROR_CATALOG} with ${registry}/redhat/redhat-operator-index`] : []),
      ...(guesses.mirrors ? [`everything from registry.redhat.io under ${registry} (IDMS and ITMS)`] : []),
    ];
    issues.push({
      id: 'generate.mirror-guessed',
      severity: noCatalog ? 'warning' : 'info',
      path: '/cluster/mirror',
      message:
        (noCatalog ? 'The imported oc-mirror results have no CatalogSource of redhat-operator-index. ' : '') +
        `Part of the mirror setup is a guess of oc-mirror's default layout: ${guessed.join('; ')}.`,
      hint: `Mirror with ${IMAGESET_CONFIG_PATH}, then run "sitekit import-mirror site.yaml <dir>/working-dir/cluster-resources" and generate again: the bundle then uses the names and paths oc-mirror wrote.`,
    });
  }
  if (guesses.mirrors) return issues;

  for (const use of containerImages(documents)) {
    const byDigest = use.image.includes('@sha256:');
    const rules = byDigest ? (imported?.digestMirrors ?? []) : (imported?.tagMirrors ?? []);
    if (covered(repositoryOf(use.image), rules) || reported.has(use.image)) continue;
    reported.add(use.image);
    issues.push({
      id: 'generate.image-no-mirror-rule',
      severity: 'warning',
      path: byDigest ? '/cluster/mirror/ocMirror/digestMirrors' : '/cluster/mirror/ocMirror/tagMirrors',
      message: `${use.where} pulls ${use.image} by ${byDigest ? 'digest' : 'tag'}, and the imported oc-mirror results have no ${byDigest ? 'digest' : 'tag'} mirror for ${repositoryOf(use.image)}: the cluster would try the internet.`,
      hint: `Mirror again with the current ${IMAGESET_CONFIG_PATH} (it lists the image) and run sitekit import-mirror again.`,
    });
  }
  return issues;
}
