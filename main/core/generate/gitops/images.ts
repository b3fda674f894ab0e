// Container images the GitOps tree runs, for the mirror set of a disconnected site.
// Two independent readings of the same objects: `containerImages` is the structural one
// (every container, init container and ephemeral container of any pod spec, wherever the
// kind nests it, and every CDI registry source `registry: {url: docker://...}` of a
// DataVolume, DataImportCron or HyperConverged dataImportCronTemplates — the container disks
// VMs boot from), and the mirror set is built from it; `imageReferences` reads every string
// that looks like an image reference, whatever field holds it, so the mirror-set check
// (mirror-check.ts) notices an image the structural reading does not know about.
import type { GitopsDocument, K8sObject } from './common';

export interface ImageUse {
  image: string;
  /** `gitops/<path>: <Kind> <name>` of the object that uses it. */
  where: string;
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

function describe(doc: GitopsDocument, object: K8sObject): string {
  return `gitops/${doc.path}: ${object.kind} ${object.metadata.name}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Every `image` of a container list and every CDI registry source, at any depth. */
export function containerImages(documents: readonly GitopsDocument[]): ImageUse[] {
  const uses: ImageUse[] = [];
  const walk = (value: unknown, where: string): void => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, where));
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (CONTAINER_LISTS.has(key) && Array.isArray(child)) {
        for (const container of child) {
          if (isRecord(container) && typeof container.image === 'string') uses.push({ image: container.image, where });
        }
      }
      // CDI DataVolumeSourceRegistry: url is docker://<image> (cdi.kubevirt.io v1beta1).
      if (key === 'registry' && isRecord(child) && typeof child.url === 'string' && child.url.startsWith('docker://')) {
        uses.push({ image: normalizeImage(child.url), where });
      }
      walk(child, where);
    }
  };
  for (const doc of documents) for (const object of doc.objects) walk(object, describe(doc, object));
  return uses;
}

// host[:port]/path[:tag][@sha256:digest]: the host has a dot, a port or is localhost (the
// rule container tools use to tell a registry from a Docker Hub namespace), and a tag or a
// digest is required, so a repository prefix (an IDMS source) is not an image.
const IMAGE_REFERENCE =
  /^(?:docker:\/\/)?((?:[a-z0-9-]+\.)+[a-z0-9-]+(?::\d+)?|[a-z0-9-]+:\d+|localhost(?::\d+)?)\/[a-z0-9._/-]+(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

function isImageReference(text: string): boolean {
  if (!IMAGE_REFERENCE.test(text)) return false;
  const name = text.replace(/^docker:\/\//, '').replace(/@sha256:[a-f0-9]{64}$/, '');
  return text.includes('@sha256:') || /:[\w][\w.-]*$/.test(name.slice(name.indexOf('/')));
}

/** `docker://` removed: the form the mirror set lists images in. */
export function normalizeImage(text: string): string {
  return text.replace(/^docker:\/\//, '');
}

/**
 * Every string value of every object that reads as a pullable image reference, except
 * CatalogSource `spec.image` (the catalog is mirrored as a catalog, not as an image).
 */
export function imageReferences(documents: readonly GitopsDocument[]): ImageUse[] {
  const uses: ImageUse[] = [];
  const walk = (value: unknown, where: string): void => {
    if (typeof value === 'string') {
      if (isImageReference(value)) uses.push({ image: normalizeImage(value), where });
      return;
    }
    if (Array.isArray(value)) return value.forEach((v) => walk(v, where));
    if (isRecord(value)) for (const child of Object.values(value)) walk(child, where);
  };
  for (const doc of documents) {
    for (const object of doc.objects) {
      if (object.kind === 'CatalogSource') continue;
      walk(object, describe(doc, object));
    }
  }
  return uses;
}
