// Reads the manifests of the sites repository (multi-document YAML) into objects that know
// the file and line of each of their fields, so a finding says sites/plant-a/apps/x.yaml:12.
// Bounded like every YAML Sitekit reads (scanYaml); a file or document that is not plain
// Kubernetes YAML (a Helm template, a broken file) is skipped and named in `skipped`.
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { scanYaml } from '../../site/yaml-parse';
import type { FieldPath, SourcedObject } from './workload';

export interface ManifestFile {
  /** Path as the finding should show it (relative to the repository). */
  path: string;
  text: string;
}

export interface ManifestRead {
  objects: SourcedObject[];
  skipped: { path: string; line?: number; reason: string }[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** kind and metadata.name are text: anything else is not an object the API would take. */
function isKubernetesObject(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && typeof value.kind === 'string' && isRecord(value.metadata) && typeof value.metadata.name === 'string';
}

export function readManifests(files: readonly ManifestFile[]): ManifestRead {
  const read: ManifestRead = { objects: [], skipped: [] };
  for (const file of files) {
    const refusal = scanYaml(file.text);
    if (refusal) {
      read.skipped.push({ path: file.path, reason: refusal.message });
      continue;
    }
    // `{{ .Values.x }}` often parses as YAML (a flow map) but means nothing until rendered.
    if (file.text.includes('{{')) {
      read.skipped.push({ path: file.path, reason: 'a template (Helm or similar): render it first' });
      continue;
    }
    const lineCounter = new LineCounter();
    const parsed = parseAllDocuments(file.text, { lineCounter, prettyErrors: false, logLevel: 'error' });
    const documents = (Array.isArray(parsed) ? parsed : []) as Document.Parsed[];
    for (const document of documents) {
      const error = document.errors[0];
      if (error) {
        read.skipped.push({ path: file.path, line: lineCounter.linePos(error.pos[0]).line, reason: 'not readable as YAML (a template?)' });
        continue;
      }
      if (!isMap(document.contents)) continue;
      let value: unknown;
      try {
        value = document.toJS({ maxAliasCount: 100 });
      } catch {
        read.skipped.push({ path: file.path, reason: 'too many YAML aliases' });
        continue;
      }
      const lineOf = (path: FieldPath): number => lineCounter.linePos(offsetOf(document.contents, path)).line;
      const add = (object: Record<string, unknown>, prefix: FieldPath) => {
        read.objects.push({ object, locate: (path) => `${file.path}:${lineOf([...prefix, ...path])}` });
      };
      if (!isRecord(value) || typeof value.kind !== 'string') continue;
      if (value.kind === 'List' && Array.isArray(value.items)) {
        value.items.forEach((item, i) => isKubernetesObject(item) && add(item, ['items', i]));
      } else if (isKubernetesObject(value)) {
        add(value, []);
      }
    }
  }
  return read;
}

type Ranged = { range?: [number, number, number] | null };

/**
 * Where the field at `path` is written: the line of its key (`replicas: 4`, `affinity:`),
 * or of the item for a list index; the nearest written parent when the field is left out.
 */
function offsetOf(root: unknown, path: FieldPath): number {
  let node: unknown = root;
  let offset = (root as Ranged | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      offset = (pair.key as Ranged | null)?.range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
      offset = (node as Ranged | null)?.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}
