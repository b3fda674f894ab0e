// Field-by-field comparison of a bundle object with its live copy. Only what the bundle
// sets is compared (a field the API server or an operator adds is not drift): maps key by
// key, lists of named items by name (an extra live item is drift: it is in a list the
// bundle owns), other lists item by item in order. A Secret's data is compared but never
// shown: the difference says only that it differs.
import type { DriftDifference } from '../types';

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

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compare(expected: unknown, live: unknown, path: string, out: DriftDifference[], options: CompareOptions): void {
  if (expected === undefined) return;
  // Typed API fields with omitempty drop empty maps and lists: `{}` / `[]` against nothing is the same.
  if (isEmpty(expected) && (live === undefined || live === null)) return;
  if (isRecord(expected)) {
    if (!isRecord(live)) {
      out.push({ path, expected: shown(expected), actual: shown(live) });
      return;
    }
    for (const [key, value] of Object.entries(expected)) compare(value, live[key], child(path, key), out, options);
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
        else compare(item, match, at, out, options);
      }
      const names = new Set(expected.map((item) => item.name));
      for (const item of live) {
        const name = String((item as Json).name);
        if (!names.has(name)) out.push({ path: `${path}[name=${name}]`, expected: ABSENT, actual: shown(item) });
      }
      return;
    }
    if (options.listsContain) {
      const missing = expected.filter((item) => !live.some((candidate) => sameJson(item, candidate)));
      if (missing.length > 0) out.push({ path, expected: `${shown(missing)} among the items`, actual: shown(live) });
      return;
    }
    if (expected.length !== live.length) {
      out.push({ path, expected: shown(expected), actual: shown(live) });
      return;
    }
    expected.forEach((item, i) => compare(item, live[i], `${path}[${i}]`, out, options));
    return;
  }
  if (expected !== live) out.push({ path, expected: shown(expected), actual: shown(live) });
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
  for (const [key, value] of Object.entries(isRecord(expected.data) ? expected.data : {})) {
    check('data', key, liveData[key] === value, key in liveData);
  }
}

/** The differences between what the bundle sets and the live object (identity fields left out). */
export function diffObject(expected: Json, live: Json, options: CompareOptions = {}): DriftDifference[] {
  const out: DriftDifference[] = [];
  const { apiVersion: _a, kind, metadata, data, stringData, ...rest } = expected;
  const { name: _n, namespace: _ns, ...meta } = isRecord(metadata) ? metadata : {};
  compare(meta, live.metadata, 'metadata', out, options);
  if (kind === 'Secret') compareSecretData({ data, stringData }, live, out);
  else {
    compare(data, live.data, 'data', out, options);
    compare(stringData, live.stringData, 'stringData', out, options);
  }
  for (const [key, value] of Object.entries(rest)) compare(value, live[key], key, out, options);
  return out;
}
