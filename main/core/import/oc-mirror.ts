// Reads what oc-mirror v2 wrote into <workspace>/working-dir/cluster-resources after mirroring
// (openshift/oc-mirror internal/pkg/clusterresources/clusterresources.go and
// docs/features/cluster-resources.md): idms-oc-mirror.yaml and itms-oc-mirror.yaml (one or more
// ImageDigestMirrorSet / ImageTagMirrorSet documents, named idms-release-0, idms-operator-0,
// idms-generic-0 ...), cs-<catalog>-<tag>.yaml (a CatalogSource each), cc-<catalog>-<tag>.yaml
// (ClusterCatalog, OLM v1), updateService.yaml, and signature-configmap.json/.yaml (the
// release signatures). The result is what the plan keeps in cluster.mirror.ocMirror: catalog
// names and images, digest and tag mirrors, exactly as oc-mirror wrote them, so no path of the
// mirror registry is guessed. Bounded: at most MAX_FILES files of at most the YAML limit each.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { isMap, LineCounter, parseAllDocuments, type Document } from 'yaml';
import { readTextBounded } from '../fs/read-bounded';
import type { ImageMirror, OcMirrorResult } from '../site/schema';
import { scanYaml, YAML_LIMITS } from '../site/yaml-parse';

export const MAX_FILES = 200;
const READABLE = /\.(ya?ml|json)$/i;
/** oc-mirror's docs put the signature ConfigMaps in a signatures/ folder; its code writes them next to the others. */
const SUBFOLDERS = ['signatures'];
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface ClusterResourcesFile {
  /** Path relative to the cluster-resources folder, e.g. `idms-oc-mirror.yaml`. */
  name: string;
  text: string;
}

export interface SignatureConfigMap {
  file: string;
  name: string;
  /** Signatures in it (binaryData entries). */
  count: number;
}

export interface OcMirrorImport {
  result: OcMirrorResult;
  /** Files read and the kinds found in each. */
  read: { file: string; kinds: string[] }[];
  /** What is not used, and why, one plain sentence each. */
  ignored: string[];
  signatures: SignatureConfigMap[];
}

/** A file that cannot be used; the message starts with `file:line:col:` when a place is known. */
export class OcMirrorImportError extends Error {
  constructor(
    message: string,
    readonly file?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'OcMirrorImportError';
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Reads the folder (and its signatures/ subfolder) within the limits, then parses it. */
export async function readClusterResources(dir: string): Promise<OcMirrorImport> {
  const files: ClusterResourcesFile[] = [];
  const skipped: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new OcMirrorImportError(
      code === 'ENOTDIR'
        ? `${dir} is a file; give the folder oc-mirror wrote, <workspace>/working-dir/cluster-resources`
        : code === 'ENOENT'
          ? `${dir} does not exist; give the folder oc-mirror wrote, <workspace>/working-dir/cluster-resources`
          : `cannot read the folder ${dir}: ${(error as Error).message}`,
    );
  }
  const names: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.isDirectory() && SUBFOLDERS.includes(entry.name)) {
      const inner = await readdir(path.join(dir, entry.name), { withFileTypes: true });
      for (const child of inner.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (child.isFile() && READABLE.test(child.name)) names.push(`${entry.name}/${child.name}`);
        else skipped.push(`${entry.name}/${child.name}: not a YAML or JSON file`);
      }
    } else if (entry.isFile() && READABLE.test(entry.name)) {
      names.push(entry.name);
    } else {
      skipped.push(`${entry.name}: not a YAML or JSON file${entry.isDirectory() ? ' (a folder)' : ''}`);
    }
    if (names.length > MAX_FILES) {
      throw new OcMirrorImportError(`${dir} holds more than ${MAX_FILES} YAML/JSON files; oc-mirror writes a handful. Is it working-dir/cluster-resources?`);
    }
  }
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      files.push({ name, text: await readTextBounded(file, { maxBytes: YAML_LIMITS.maxBytes, what: 'an oc-mirror cluster resource' }) });
    } catch (error) {
      throw new OcMirrorImportError((error as Error).message, name);
    }
  }
  const parsed = parseClusterResources(files, dir);
  return { ...parsed, ignored: [...skipped.map((s) => `${s}, not read`), ...parsed.ignored] };
}

/** The import from file texts (pure; the files in the order given). */
export function parseClusterResources(files: readonly ClusterResourcesFile[], where = 'the folder'): OcMirrorImport {
  const catalogs: { name: string; image: string; file: string }[] = [];
  const digest = new Map<string, string[]>();
  const tag = new Map<string, string[]>();
  const read: OcMirrorImport['read'] = [];
  const ignored: string[] = [];
  const signatures: SignatureConfigMap[] = [];

  for (const file of files) {
    const kinds: string[] = [];
    for (const { value, at } of documentsOf(file)) {
      const kind = value.kind;
      if (typeof kind !== 'string') throw at([], 'this document has no kind; oc-mirror writes Kubernetes objects only');
      kinds.push(kind);
      const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : undefined;
      const expectVersion = (wanted: string) => {
        // oc-mirror always writes apiVersion; a copy without it (openshift/appliance's test data) is read by kind.
        if (apiVersion !== undefined && apiVersion !== wanted) throw at(['apiVersion'], `${kind} must have apiVersion ${wanted}, not ${apiVersion}`);
      };
      if (kind === 'ImageDigestMirrorSet' || kind === 'ImageTagMirrorSet') {
        expectVersion('config.openshift.io/v1');
        const field = kind === 'ImageDigestMirrorSet' ? 'imageDigestMirrors' : 'imageTagMirrors';
        const list = isObj(value.spec) ? value.spec[field] : undefined;
        if (!Array.isArray(list)) throw at(['spec', field], `spec.${field} must be a list of {source, mirrors}`);
        list.forEach((entry, i) => {
          if (!isObj(entry) || typeof entry.source !== 'string' || entry.source.trim() === '') {
            throw at(['spec', field, i], `spec.${field}[${i}] needs a source (the registry or repository images are named by)`);
          }
          const mirrors = entry.mirrors ?? [];
          if (!Array.isArray(mirrors) || mirrors.some((m) => typeof m !== 'string' || m.trim() === '')) {
            throw at(['spec', field, i, 'mirrors'], `spec.${field}[${i}].mirrors must be a list of registry paths`);
          }
          if (mirrors.length === 0) return; // an entry without mirrors redirects nothing
          const into = kind === 'ImageDigestMirrorSet' ? digest : tag;
          const known = into.get(entry.source) ?? [];
          for (const m of mirrors as string[]) if (!known.includes(m)) known.push(m);
          into.set(entry.source, known);
        });
      } else if (kind === 'CatalogSource') {
        expectVersion('operators.coreos.com/v1alpha1');
        const name = isObj(value.metadata) ? value.metadata.name : undefined;
        const image = isObj(value.spec) ? value.spec.image : undefined;
        if (typeof name !== 'string' || !DNS_LABEL.test(name) || name.length > 63) {
          throw at(['metadata', 'name'], 'a CatalogSource needs metadata.name, a DNS label such as cs-redhat-operator-index-v4-18');
        }
        if (typeof image !== 'string' || image.trim() === '') throw at(['spec', 'image'], `CatalogSource ${name} has no spec.image (the catalog image in the mirror)`);
        const same = catalogs.find((c) => c.name === name);
        if (same && same.image !== image) {
          throw at(['metadata', 'name'], `CatalogSource ${name} is also in ${same.file} with another image (${same.image}); keep the files of one oc-mirror run only`);
        }
        if (!same) catalogs.push({ name, image, file: file.name });
      } else if (kind === 'ConfigMap' && isSignatureConfigMap(value)) {
        const data = isObj(value.binaryData) ? Object.keys(value.binaryData).length : 0;
        signatures.push({ file: file.name, name: String((value.metadata as Obj).name ?? ''), count: data });
      } else if (kind === 'ClusterCatalog') {
        ignored.push(`${file.name}: ClusterCatalog is for OLM v1; the bundle installs operators with OLM v0 Subscriptions and uses the CatalogSource`);
      } else if (kind === 'UpdateService') {
        ignored.push(`${file.name}: UpdateService needs the OpenShift Update Service operator, which the bundle does not install; apply it by hand for disconnected updates`);
      } else {
        ignored.push(`${file.name}: ${kind} is not one of the resources oc-mirror writes for the cluster`);
      }
    }
    read.push({ file: file.name, kinds });
  }

  const result: OcMirrorResult = {};
  if (catalogs.length > 0) result.catalogs = catalogs.map(({ name, image }) => ({ name, image }));
  const asList = (map: Map<string, string[]>): ImageMirror[] => [...map].map(([source, mirrors]) => ({ source, mirrors }));
  if (digest.size > 0) result.digestMirrors = asList(digest);
  if (tag.size > 0) result.tagMirrors = asList(tag);
  if (!result.catalogs && !result.digestMirrors && !result.tagMirrors) {
    throw new OcMirrorImportError(
      `${where} has no ImageDigestMirrorSet, ImageTagMirrorSet or CatalogSource. Give <workspace>/working-dir/cluster-resources of a finished oc-mirror run (mirror-to-mirror or disk-to-mirror).`,
    );
  }
  return { result, read, ignored, signatures };
}

function isSignatureConfigMap(value: Obj): boolean {
  const labels = isObj(value.metadata) && isObj(value.metadata.labels) ? value.metadata.labels : {};
  return 'release.openshift.io/verification-signatures' in labels;
}

interface ParsedDocument {
  value: Obj;
  /** An error pointing at the node at `keys` (or the closest existing parent). */
  at: (keys: (string | number)[], message: string) => OcMirrorImportError;
}

/** The non-empty documents of a file; a YAML or limit error names the file, line and column. */
function documentsOf(file: ClusterResourcesFile): ParsedDocument[] {
  const lineCounter = new LineCounter();
  const place = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const refusal = scanYaml(file.text);
  if (refusal) {
    const before = refusal.located === false ? '' : file.text.slice(0, refusal.offset);
    const line = before.split('\n').length;
    const col = before.length - before.lastIndexOf('\n');
    throw new OcMirrorImportError(`${file.name}:${line}:${col}: ${refusal.message}`, file.name, line);
  }
  const parsed = parseAllDocuments(file.text, { lineCounter, prettyErrors: false, logLevel: 'error', uniqueKeys: true });
  const documents = Array.isArray(parsed) ? parsed : [];
  const out: ParsedDocument[] = [];
  for (const document of documents as Document.Parsed[]) {
    const error = document.errors[0];
    if (error) {
      const { line, col } = place(error.pos[0]);
      throw new OcMirrorImportError(`${file.name}:${line}:${col}: not readable as YAML or JSON: ${error.message.split('\n')[0]}`, file.name, line);
    }
    if (document.contents === null) continue; // `---` before the first object, as oc-mirror writes
    const at = (keys: (string | number)[], message: string): OcMirrorImportError => {
      let node: unknown;
      for (let n = keys.length; n >= 0 && node === undefined; n--) {
        const candidate = n === 0 ? document.contents : document.getIn(keys.slice(0, n), true);
        if (candidate && typeof candidate === 'object' && 'range' in candidate) node = candidate;
      }
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      const { line, col } = place(range ? range[0] : 0);
      return new OcMirrorImportError(`${file.name}:${line}:${col}: ${message}`, file.name, line);
    };
    if (!isMap(document.contents)) throw at([], 'this document is not an object (a mapping with apiVersion, kind, metadata)');
    out.push({ value: document.toJS({ maxAliasCount: 100 }) as Obj, at });
  }
  return out;
}
