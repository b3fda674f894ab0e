// Field sets of server-side apply, without schemas. A path is a list of serialized path
// elements exactly as in `metadata.managedFields[].fieldsV1` (sigs.k8s.io/structured-merge-diff
// fieldpath/serialize-pe.go): `f:<field>`, `k:<json of the key fields>`, `v:<json value>`,
// `i:<index>`. Which fields a value contains follows typed/tofieldset.go: scalars and atomic lists
// are leaves; every item of an associative list is itself a member (the `.` entry) besides its
// fields. Without a schema: lists whose items are all maps with a scalar `name` are associative
// (keyed by name), every other list is atomic; maps are granular (like structs).

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
export type FieldPath = readonly string[];

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isKeyedList(value: JsonValue[]): boolean {
  return (
    value.length > 0 &&
    value.every((item) => isObject(item) && (typeof item.name === 'string' || typeof item.name === 'number'))
  );
}

export function keyElement(item: JsonObject): string {
  return `k:${JSON.stringify({ name: item.name })}`;
}

/** A set of field paths (ordered by insertion; serialization sorts). */
export class FieldSet {
  private readonly members = new Map<string, FieldPath>();

  static of(paths: Iterable<FieldPath>): FieldSet {
    const set = new FieldSet();
    for (const path of paths) set.add(path);
    return set;
  }

  add(path: FieldPath): void {
    this.members.set(JSON.stringify(path), path);
  }
  has(path: FieldPath): boolean {
    return this.members.has(JSON.stringify(path));
  }
  delete(path: FieldPath): void {
    this.members.delete(JSON.stringify(path));
  }
  get size(): number {
    return this.members.size;
  }
  paths(): FieldPath[] {
    return [...this.members.values()];
  }
  clone(): FieldSet {
    return FieldSet.of(this.paths());
  }
  equals(other: FieldSet): boolean {
    return this.size === other.size && this.paths().every((p) => other.has(p));
  }
  /** Paths in this set and not in `other`. */
  minus(other: FieldSet): FieldSet {
    return FieldSet.of(this.paths().filter((p) => !other.has(p)));
  }
}

/** The fields a value mentions, under `prefix` (typed/tofieldset.go, schema-less as above). */
export function fieldSetOf(value: JsonValue, prefix: FieldPath = []): FieldSet {
  const set = new FieldSet();
  const walk = (v: JsonValue, path: FieldPath): void => {
    if (isObject(v)) {
      for (const [key, child] of Object.entries(v)) {
        if (child === null) continue;
        walk(child, [...path, `f:${key}`]);
      }
      return;
    }
    if (Array.isArray(v) && isKeyedList(v)) {
      for (const item of v as JsonObject[]) {
        const itemPath = [...path, keyElement(item)];
        set.add(itemPath);
        walk(item, itemPath);
      }
      return;
    }
    if (path.length > 0) set.add(path);
  };
  walk(value, prefix);
  return set;
}

interface TrieNode {
  member: boolean;
  children: Map<string, TrieNode>;
}

// structured-merge-diff orders path elements: field names, then keys, then values, then indexes.
const ELEMENT_ORDER: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

function compareElements(a: string, b: string): number {
  const byType = (ELEMENT_ORDER[a[0]!] ?? 9) - (ELEMENT_ORDER[b[0]!] ?? 9);
  if (byType !== 0) return byType;
  if (a[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** FieldsV1 JSON (fieldpath/serialize.go emitContentsV1: children in order, then `.`). */
export function toFieldsV1(set: FieldSet): JsonObject {
  const root: TrieNode = { member: false, children: new Map() };
  for (const path of set.paths()) {
    let node = root;
    for (const element of path) {
      let child = node.children.get(element);
      if (!child) {
        child = { member: false, children: new Map() };
        node.children.set(element, child);
      }
      node = child;
    }
    node.member = true;
  }
  const emit = (node: TrieNode): JsonObject => {
    const out: JsonObject = {};
    for (const element of [...node.children.keys()].sort(compareElements)) {
      out[element] = emit(node.children.get(element)!);
    }
    if (node.member && node.children.size > 0) out['.'] = {};
    return out;
  };
  return emit(root);
}

/** The set a FieldsV1 trie holds (fieldpath/serialize.go readIterV1). */
export function fromFieldsV1(fields: JsonValue | undefined): FieldSet {
  const set = new FieldSet();
  const read = (node: JsonValue | undefined, path: string[]): void => {
    if (!isObject(node)) return;
    const keys = Object.keys(node);
    if (path.length > 0 && (keys.length === 0 || keys.includes('.'))) set.add(path);
    for (const key of keys) if (key !== '.') read(node[key], [...path, key]);
  };
  read(fields, []);
  return set;
}

/** `.spec.containers[name="nginx"].image`, as kube-apiserver names a field in a conflict (fieldpath/element.go String). */
export function pathString(path: FieldPath): string {
  return path
    .map((element) => {
      const body = element.slice(2);
      switch (element[0]) {
        case 'f':
          return `.${body}`;
        case 'k': {
          const keys = JSON.parse(body) as Record<string, JsonValue>;
          return `[${Object.keys(keys)
            .sort()
            .map((k) => `${k}=${JSON.stringify(keys[k])}`)
            .join(',')}]`;
        }
        case 'v':
          return `[=${body}]`;
        default:
          return `[${body}]`;
      }
    })
    .join('');
}

function matchesKey(item: JsonValue, element: string): boolean {
  if (!isObject(item)) return false;
  const keys = JSON.parse(element.slice(2)) as Record<string, JsonValue>;
  return Object.entries(keys).every(([k, v]) => item[k] === v);
}

/** The value at `path`, or undefined when absent. */
export function valueAt(root: JsonValue | undefined, path: FieldPath): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  for (const element of path) {
    if (node === undefined || node === null) return undefined;
    const body = element.slice(2);
    if (element[0] === 'f') {
      node = isObject(node) ? node[body] : undefined;
    } else if (element[0] === 'k') {
      node = Array.isArray(node) ? node.find((item) => matchesKey(item, element)) : undefined;
    } else if (element[0] === 'i') {
      node = Array.isArray(node) ? node[Number(body)] : undefined;
    } else {
      node = Array.isArray(node) ? node.find((item) => JSON.stringify(item) === body) : undefined;
    }
  }
  return node;
}

/** Removes the field or list item at `path` (no-op when absent); returns whether something went. */
export function removeAt(root: JsonValue, path: FieldPath): boolean {
  if (path.length === 0) return false;
  const parent = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1]!;
  const body = last.slice(2);
  if (last[0] === 'f' && isObject(parent) && body in parent) {
    delete parent[body];
    return true;
  }
  if (Array.isArray(parent)) {
    const index =
      last[0] === 'k'
        ? parent.findIndex((item) => matchesKey(item, last))
        : last[0] === 'i'
          ? Number(body)
          : parent.findIndex((item) => JSON.stringify(item) === body);
    if (index >= 0 && index < parent.length) {
      parent.splice(index, 1);
      return true;
    }
  }
  return false;
}

export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

export function clone<T extends JsonValue>(value: T): T {
  return structuredClone(value);
}
