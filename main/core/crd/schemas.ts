// Loads the CRD schemas shipped in resources/crds/ (copied from ../shared/schemas, see the
// SOURCES.md there) and compiles them once per process with the ajv settings that note
// gives: strict false, allErrors, no format checks, the x-kubernetes-* keywords known.
import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { resourcePath } from '../resources';
import { schemaForShape, shapeSignature, type Json } from './schema-for-shape';

/** Group/version/kind of an object, from its apiVersion and kind. */
export interface Gvk {
  group: string;
  version: string;
  kind: string;
}

export function gvkOf(apiVersion: string, kind: string): Gvk {
  const slash = apiVersion.lastIndexOf('/');
  return slash === -1
    ? { group: '', version: apiVersion, kind }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1), kind };
}

/** `<group>/<lowercase kind>_<version>.json`, the layout of resources/crds (kubeconform's too). */
export function schemaFile(gvk: Gvk): string | undefined {
  if (gvk.group === '') return undefined; // core kinds have no CRD
  return `${gvk.group}/${gvk.kind.toLowerCase()}_${gvk.version}.json`;
}

const KUBERNETES_KEYWORDS = [
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations', // CEL: only the API server evaluates these
  'x-kubernetes-embedded-resource',
];

function newAjv(): Ajv {
  // No code optimisation: the CRD schemas are large (StorageCluster ~600 KB) and ajv's
  // optimiser doubles the compile time for no measurable gain when validating a few objects.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, code: { optimize: false } });
  for (const keyword of KUBERNETES_KEYWORDS) ajv.addKeyword(keyword);
  return ajv;
}


/**
 * Strict variant of a schema: `additionalProperties: false` wherever a node lists
 * `properties` and neither preserves unknown fields nor says otherwise, so a misspelt
 * field in our own manifests is reported (kubeconform -strict does the same).
 */
export function strictSchema(schema: Json): Json {
  return withObjectMeta(strictNode(schema));
}

/**
 * The API server validates apiVersion, kind and metadata of a resource (and of an embedded
 * resource) itself: the CRD schema often leaves them out or lists only `metadata.name`, so
 * strict mode must neither reject them nor close `metadata`.
 */
function withObjectMeta(node: Json): Json {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
  const properties = (node.properties ?? {}) as { [key: string]: Json };
  const metadata = properties.metadata;
  const openMetadata: Json =
    metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata)
      ? Object.fromEntries(Object.entries(metadata).filter(([key]) => key !== 'additionalProperties'))
      : { type: 'object' };
  return {
    ...node,
    properties: { apiVersion: { type: 'string' }, kind: { type: 'string' }, ...properties, metadata: openMetadata },
  };
}

function strictNode(schema: Json): Json {
  if (Array.isArray(schema)) return schema.map(strictNode);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(schema)) {
    // Inside `properties` the keys are field names, not keywords: recurse into each value.
    if (key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, strictNode(sub)]));
    } else {
      out[key] = strictNode(value);
    }
  }
  if (
    'properties' in schema &&
    !('additionalProperties' in schema) &&
    schema['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return schema['x-kubernetes-embedded-resource'] === true ? withObjectMeta(out) : out;
}

const ajvs = new Map<boolean, Ajv>();
const compiled = new Map<string, ValidateFunction | null>();
const loaded = new Map<string, Json | null>();

/** The schema of one file as validated (strict or open), parsed once per process; null when not shipped. */
function schemaOf(file: string, strict: boolean): Json | null {
  const key = `${strict ? 'strict' : 'open'}:${file}`;
  const cached = loaded.get(key);
  if (cached !== undefined) return cached;
  const full = resourcePath('crds', ...file.split('/'));
  const raw = existsSync(full) ? (JSON.parse(readFileSync(full, 'utf8')) as Json) : null;
  const schema = raw === null ? null : strict ? strictSchema(raw) : raw;
  loaded.set(key, schema);
  return schema;
}

function ajvFor(strict: boolean): Ajv {
  let ajv = ajvs.get(strict);
  if (!ajv) ajvs.set(strict, (ajv = newAjv()));
  return ajv;
}

/** The compiled validator of one schema file, or null when Sitekit ships no schema for it. */
export function validatorFor(file: string, strict: boolean): ValidateFunction | null {
  const key = `${strict ? 'strict' : 'open'}:${file}`;
  const cached = compiled.get(key);
  if (cached !== undefined) return cached;
  const schema = schemaOf(file, strict);
  const validate = schema === null ? null : ajvFor(strict).compile(schema as object);
  compiled.set(key, validate);
  return validate;
}

/**
 * A validator for objects shaped like `value`: the schema cut down to the fields the value
 * has (schema-for-shape.ts). Compiling a whole CRD schema costs seconds for the largest ones
 * (ArgoCD 1.4 MB, StorageCluster 600 KB) while an object uses a few dozen of its fields; the
 * cut schema gives the same verdict on that value. Cached by file and shape.
 */
export function validatorForValue(file: string, strict: boolean, value: unknown): ValidateFunction | null {
  const schema = schemaOf(file, strict);
  if (schema === null) return null;
  const key = `${strict ? 'strict' : 'open'}:${file}:${shapeSignature(value)}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const validate = ajvFor(strict).compile(schemaForShape(schema, [value]) as object);
  compiled.set(key, validate);
  return validate;
}
