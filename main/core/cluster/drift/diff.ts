// Field-by-field comparison of a bundle object with its live copy. Only what the bundle
// sets is compared (a field the API server or an operator adds is not drift): maps key by
// key, lists of named items by name (an extra live item is drift: it is in a list the
// bundle owns), other lists item by item in order. A Secret's data is compared but never
// shown: the difference says only that it differs.
//
// What a real API server does to an applied object is not drift either:
// - quantities come back canonical ("1Gi" for 1073741824, "500m" for 0.5: quantity.ts);
// - typed fields with omitempty drop empty maps/lists, false and 0 (a Go operator that updates
//   its custom resource drops them too: LocalVolume forceWipeDevicesAndDestroyAllData: false);
// - `null` in a manifest means "not set" (kubectl/Argo CD drop it: creationTimestamp: null);
// - metadata the server owns (uid, resourceVersion, creationTimestamp, managedFields…) and
//   `status` (apply ignores it on the main resource; Argo CD does not compare it);
// - metadata.finalizers is a set controllers add to: the bundle's must be there, others may;
// - in built-in kinds, the lists strategic merge patches merge by name (containers, env,
//   volumes, imagePullSecrets, a ServiceAccount's secrets…) keep what other managers add
//   (OpenShift adds <sa>-dockercfg-… to every ServiceAccount): Argo CD does not call that
//   OutOfSync, so neither does Sitekit. In custom resources every list is replaced whole, and
//   an extra item there is drift (an interface added to a policy).
import type { DriftDifference } from '../types';
import { sameQuantity } from './quantity';

export const ABSENT = '(absent)';
export const SECRET_VALUE = '(secret value, not shown)';
export const SECRET_DIFFERS = '(differs, not shown)';
/** Long values are cut so a result stays readable; the path says where to look. */
const MAX_SHOWN = 300;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return (Array.isArray(value) && value.length === 0) || (isRecord(value) && Object.keys(value).length === 0);
}

export function shown(value: unknown): string {
  if (value === undefined) return ABSENT;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

/** `.key`, or `["key"]` for keys that are not plain words (labels, annotations). */
function child(path: string, key: string): string {
  const step = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  return path === '' ? step : step.startsWith('[') ? `${path}${step}` : `${path}.${step}`;
}

/** Every item is a map with a string `name`, and no name repeats: the list is keyed by name. */
function isNamedList(items: unknown[]): items is (Json & { name: string })[] {
  const names = new Set<string>();
  for (const item of items) {
    if (!isRecord(item) || typeof item.name !== 'string' || names.has(item.name)) return false;
    names.add(item.name);
  }
  return items.length > 0;
}

interface CompareOptions {
  /** Lists (not named) only need to contain the expected items, in any order. */
  listsContain?: boolean;
}

interface Context extends CompareOptions {
  /** The object is of a built-in API group (strategic merge patch semantics). */
  builtIn: boolean;
}

/** Metadata the API server writes itself; a manifest exported from a cluster may carry it. */
const SERVER_METADATA = new Set(['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink']);

/** List fields of built-in kinds that strategic merge patch merges by `name`: others' items stay. */
const MERGED_BY_NAME = new Set(['containers', 'initContainers', 'ephemeralContainers', 'env', 'volumes', 'imagePullSecrets', 'secrets']);

/** Maps whose values are resource quantities (resources.requests/limits, PV capacity, quota hard, LimitRange…). */
const QUANTITY_PATH = /(?:^|\.)(?:requests|limits|capacity|allocatable|hard|overhead|default|defaultRequest|max|min|maxLimitRequestRatio)(?:\.[A-Za-z_][A-Za-z0-9_-]*|\["[^"]+"\])$|(?:^|\.)sizeLimit$/;

/** Core ("v1"), the unqualified groups (apps, batch, policy, autoscaling) and *.k8s.io are Kubernetes' own types. */
export function isBuiltInApiVersion(apiVersion: string): boolean {
  if (!apiVersion.includes('/')) return true;
  const group = apiVersion.slice(0, apiVersion.indexOf('/'));
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/** A value the server drops from a typed field with omitempty: the same as not there. */
function isZero(value: unknown): boolean {
  return value === false || value === 0 || isEmpty(value);
}

function lastKey(path: string): string {
  const match = /(?:^|\.)([A-Za-z_][A-Za-z0-9_-]*)$/.exec(path);
  return match?.[1] ?? '';
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compare(expected: unknown, live: unknown, path: string, out: DriftDifference[], context: Context): void {
  // Not set by the bundle: `null` is what a manifest writes for "leave it out".
  if (expected === undefined || expected === null) return;
  if (isZero(expected) && (live === undefined || live === null)) return;
  if (isRecord(expected)) {
    if (!isRecord(live)) {
      out.push({ path, expected: shown(expected), actual: shown(live) });
      return;
    }
    for (const [key, value] of Object.entries(expected)) compare(value, live[key], child(path, key), out, context);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(live)) {
      out.push({ path, expected: shown(expected), actual: shown(live) });
      return;
    }
    if (isNamedList(expected) && live.every((item) => isRecord(item))) {
      const liveByName = new Map(live.map((item) => [String((item as Json).name), item]));
      for (const item of expected) {
        const at = `${path}[name=${item.name}]`;
        const match = liveByName.get(item.name);
        if (match === undefined) out.push({ path: at, expected: shown(item), actual: ABSENT });
        else compare(item, match, at, out, context);
      }
      if (context.builtIn && MERGED_BY_NAME.has(lastKey(path))) return;
      const names = new Set(expected.map((item) => item.name));
      for (const item of live) {
        const name = String((item as Json).name);
        if (!names.has(name)) out.push({ path: `${path}[name=${name}]`, expected: ABSENT, actual: shown(item) });
      }
      return;
    }
    if (context.listsContain || path === 'metadata.finalizers') {
      const missing = expected.filter((item) => !live.some((candidate) => sameJson(item, candidate)));
      if (missing.length > 0) out.push({ path, expected: `${shown(missing)} among the items`, actual: shown(live) });
      return;
    }
    if (expected.length !== live.length) {
      out.push({ path, expected: shown(expected), actual: shown(live) });
      return;
    }
    expected.forEach((item, i) => compare(item, live[i], `${path}[${i}]`, out, context));
    return;
  }
  if (expected === live) return;
  if (QUANTITY_PATH.test(path) && sameQuantity(expected, live)) return;
  out.push({ path, expected: shown(expected), actual: shown(live) });
}

/** The text of a Secret value as the API holds it in `data` (base64), decoded. */
function decoded(value: unknown): string | undefined {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('utf8') : undefined;
}

/** Secret data and stringData: which keys differ, never what they hold. */
function compareSecretData(expected: Json, live: Json, out: DriftDifference[]): void {
  const liveData = isRecord(live.data) ? live.data : {};
  const check = (field: 'data' | 'stringData', key: string, same: boolean, present: boolean) => {
    if (!same) out.push({ path: child(field, key), expected: SECRET_VALUE, actual: present ? SECRET_DIFFERS : ABSENT });
  };
  // The API server never returns stringData: it is written into data (base64) on write.
  for (const [key, value] of Object.entries(isRecord(expected.stringData) ? expected.stringData : {})) {
    check('stringData', key, decoded(liveData[key]) === String(value), key in liveData);
  }
  // data is base64: the same bytes may be written with or without line breaks or padding.
  const bytes = (value: unknown) => (typeof value === 'string' ? Buffer.from(value, 'base64').toString('hex') : undefined);
  for (const [key, value] of Object.entries(isRecord(expected.data) ? expected.data : {})) {
    check('data', key, liveData[key] !== undefined && bytes(liveData[key]) === bytes(value), key in liveData);
  }
}

/** The differences between what the bundle sets and the live object (identity fields left out). */
export function diffObject(expected: Json, live: Json, options: CompareOptions = {}): DriftDifference[] {
  const out: DriftDifference[] = [];
  const { apiVersion, kind, metadata, data, stringData, status: _status, ...rest } = expected;
  const context: Context = { ...options, builtIn: isBuiltInApiVersion(String(apiVersion ?? '')) };
  const meta = Object.fromEntries(
    Object.entries(isRecord(metadata) ? metadata : {}).filter(([key]) => key !== 'name' && key !== 'namespace' && !SERVER_METADATA.has(key)),
  );
  compare(meta, live.metadata, 'metadata', out, context);
  if (kind === 'Secret') compareSecretData({ data, stringData }, live, out);
  else {
    compare(data, live.data, 'data', out, context);
    compare(stringData, live.stringData, 'stringData', out, context);
  }
  for (const [key, value] of Object.entries(rest)) compare(value, live[key], key, out, context);
  return out;
}
