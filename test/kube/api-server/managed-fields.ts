// `metadata.managedFields`: who owns which fields. Entries have the shape of
// k8s.io/apimachinery pkg/apis/meta/v1 ManagedFieldsEntry (manager, operation Apply|Update,
// apiVersion, time, fieldsType FieldsV1, fieldsV1, subresource). Entries are sorted like
// pkg/util/managedfields/internal/managedfields.go sortEncodedManagedFields (operation, time,
// manager, apiVersion, subresource); identity fields are not tracked (internal/stripmeta.go).
// An Update (PUT, merge patch, scripted change) takes the fields it changed from everybody else,
// without conflicts, like structured-merge-diff merge/update.go Update.

import {
  deepEqual,
  FieldSet,
  fieldSetOf,
  fromFieldsV1,
  isObject,
  toFieldsV1,
  valueAt,
  type FieldPath,
  type JsonObject,
  type JsonValue,
} from './fieldset.js';

export type Operation = 'Apply' | 'Update';

export interface Manager {
  manager: string;
  operation: Operation;
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

const UNTRACKED: FieldPath[] = [
  ['f:apiVersion'],
  ['f:kind'],
  ...['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds'].map(
    (field) => ['f:metadata', `f:${field}`],
  ),
];

function untracked(path: FieldPath): boolean {
  return UNTRACKED.some((prefix) => prefix.every((element, i) => path[i] === element));
}

/** The fields of an object a manager can own. */
export function trackedFields(object: JsonValue | undefined): FieldSet {
  if (object === undefined) return new FieldSet();
  return FieldSet.of(fieldSetOf(object).paths().filter((path) => !untracked(path)));
}

export function sameManager(a: Pick<Manager, 'manager' | 'operation' | 'subresource'>, b: Pick<Manager, 'manager' | 'operation' | 'subresource'>): boolean {
  return a.manager === b.manager && a.operation === b.operation && (a.subresource ?? '') === (b.subresource ?? '');
}

export function readManagers(object: JsonObject | undefined): Manager[] {
  const metadata = object?.metadata;
  const entries = isObject(metadata) && Array.isArray(metadata.managedFields) ? metadata.managedFields : [];
  return entries.filter(isObject).map((entry) => ({
    manager: String(entry.manager ?? ''),
    operation: entry.operation === 'Apply' ? 'Apply' : 'Update',
    apiVersion: String(entry.apiVersion ?? ''),
    ...(typeof entry.time === 'string' ? { time: entry.time } : {}),
    ...(typeof entry.subresource === 'string' && entry.subresource ? { subresource: entry.subresource } : {}),
    set: fromFieldsV1(entry.fieldsV1),
  }));
}

function compareManagers(p: Manager, q: Manager): number {
  if (p.operation !== q.operation) return p.operation < q.operation ? -1 : 1;
  const ps = p.time ? Date.parse(p.time) : 0;
  const qs = q.time ? Date.parse(q.time) : 0;
  if (ps !== qs) return ps - qs;
  for (const key of ['manager', 'apiVersion', 'subresource'] as const) {
    const a = p[key] ?? '';
    const b = q[key] ?? '';
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

/** Writes the managers into `object.metadata.managedFields` (dropping the ones that own nothing). */
export function writeManagers(object: JsonObject, managers: Manager[]): void {
  const metadata = (isObject(object.metadata) ? object.metadata : (object.metadata = {})) as JsonObject;
  const kept = managers.filter((m) => m.set.size > 0).sort(compareManagers);
  if (kept.length === 0) {
    delete metadata.managedFields;
    return;
  }
  metadata.managedFields = kept.map((m) => ({
    manager: m.manager,
    operation: m.operation,
    apiVersion: m.apiVersion,
    ...(m.time ? { time: m.time } : {}),
    fieldsType: 'FieldsV1',
    fieldsV1: toFieldsV1(m.set),
    ...(m.subresource ? { subresource: m.subresource } : {}),
  }));
}

export function managersEqual(a: Manager[], b: Manager[]): boolean {
  return a.length === b.length && a.every((m) => b.some((n) => sameManager(m, n) && m.set.equals(n.set)));
}

/** Without managedFields: for "did the object change" comparisons. */
export function withoutManagedFields(object: JsonObject): JsonObject {
  const copy = structuredClone(object);
  if (isObject(copy.metadata)) delete copy.metadata.managedFields;
  return copy;
}

/**
 * Records an Update by `manager` that turned `before` into `after`: the changed fields move to
 * it, removed fields leave every manager. Returns `after` with managedFields set.
 */
export function recordUpdate(
  before: JsonObject | undefined,
  after: JsonObject,
  who: { manager: string; apiVersion: string; subresource?: string; now: string },
): JsonObject {
  const managers = readManagers(before);
  const oldFields = trackedFields(before);
  const newFields = trackedFields(after);
  const changed = FieldSet.of(
    newFields.paths().filter((path) =>
      path[path.length - 1]!.startsWith('k:') ? !oldFields.has(path) : !deepEqual(valueAt(before, path), valueAt(after, path)),
    ),
  );
  const removed = oldFields.minus(newFields);
  const result = structuredClone(after);
  if (changed.size === 0 && removed.size === 0) {
    writeManagers(result, managers);
    return result;
  }
  for (const m of managers) {
    for (const path of [...changed.paths(), ...removed.paths()]) m.set.delete(path);
  }
  const key = { manager: who.manager, operation: 'Update' as const, ...(who.subresource ? { subresource: who.subresource } : {}) };
  let mine = managers.find((m) => sameManager(m, key));
  if (!mine) {
    mine = { ...key, apiVersion: who.apiVersion, set: new FieldSet() };
    managers.push(mine);
  }
  for (const path of changed.paths()) mine.set.add(path);
  mine.time = who.now;
  mine.apiVersion = who.apiVersion;
  writeManagers(result, managers);
  return result;
}
