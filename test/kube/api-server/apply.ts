// Server-side apply of one applied configuration onto the live object, following
// sigs.k8s.io/structured-merge-diff merge/update.go Apply: merge the configuration into the live
// object, refuse fields another manager owns with a different value (409, unless forced: then
// they are taken over), remove fields this manager applied before and no longer applies when
// nobody else owns them, and record the applied set under the manager (operation Apply).
// Without schemas: maps merge key by key, lists of maps with a `name` merge by name, other lists
// are replaced whole (atomic).

import { deepEqual, FieldSet, isKeyedList, isObject, pathString, removeAt, valueAt, type FieldPath, type JsonObject, type JsonValue } from './fieldset.js';
import { managersEqual, readManagers, sameManager, trackedFields, withoutManagedFields, writeManagers, type Manager } from './managed-fields.js';

export interface Conflict {
  manager: Manager;
  path: FieldPath;
}

export type ApplyOutcome = { ok: true; object: JsonObject; changed: boolean } | { ok: false; conflicts: Conflict[] };

/** Merges `patch` into `base` (apply semantics; `null` in the configuration is ignored). */
export function mergeApplied(base: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (isObject(patch)) {
    const out: JsonObject = isObject(base) ? { ...base } : {};
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) continue;
      out[key] = mergeApplied(out[key], value);
    }
    return out;
  }
  if (Array.isArray(patch) && isKeyedList(patch) && Array.isArray(base) && (base.length === 0 || isKeyedList(base))) {
    const items = (base as JsonObject[]).map((item) => {
      const applied = (patch as JsonObject[]).find((p) => p.name === item.name);
      return applied ? (mergeApplied(item, applied) as JsonObject) : item;
    });
    for (const applied of patch as JsonObject[]) {
      if (!items.some((item) => item.name === applied.name)) items.push(structuredClone(applied));
    }
    return items;
  }
  return structuredClone(patch);
}

function ownsAtOrBelow(set: FieldSet, path: FieldPath): boolean {
  return set.paths().some((p) => p.length >= path.length && path.every((element, i) => p[i] === element));
}

/** `Apply failed with N conflicts: …` exactly as kube-apiserver words it (managedfields/internal/conflict.go). */
export function conflictMessage(conflicts: Conflict[]): string {
  if (conflicts.length === 1) {
    const only = conflicts[0]!;
    return `Apply failed with 1 conflict: conflict with ${describeManager(only.manager)}: ${pathString(only.path)}`;
  }
  const byManager = new Map<string, Conflict[]>();
  for (const c of conflicts) {
    const name = describeManager(c.manager);
    byManager.set(name, [...(byManager.get(name) ?? []), c]);
  }
  const lines: string[] = [];
  for (const name of [...byManager.keys()].sort()) {
    lines.push(`conflicts with ${name}:`);
    for (const c of byManager.get(name)!) lines.push(`- ${pathString(c.path)}`);
  }
  return `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
}

/** `"manager"`, with the subresource, and `using apps/v1` for an Update manager (conflict.go printManager). */
export function describeManager(m: Manager): string {
  let text = JSON.stringify(m.manager);
  if (m.subresource) text += ` with subresource ${JSON.stringify(m.subresource)}`;
  if (m.operation === 'Update') {
    text += ` using ${m.apiVersion}`;
    if (m.time) text += ` at ${m.time}`;
  }
  return text;
}

export function serverSideApply(args: {
  live: JsonObject;
  config: JsonObject;
  manager: string;
  force: boolean;
  subresource?: string;
  apiVersion: string;
  now: string;
  /** What storage does to the object (e.g. Secret stringData → data), before "did it change" is decided. */
  normalize?: (object: JsonObject) => JsonObject;
}): ApplyOutcome {
  const { live, config, force } = args;
  const managers = readManagers(live);
  const me = { manager: args.manager, operation: 'Apply' as const, ...(args.subresource ? { subresource: args.subresource } : {}) };
  const mine = managers.find((m) => sameManager(m, me));
  const others = managers.filter((m) => m !== mine);
  const previous = mine?.set ?? new FieldSet();
  const applied = trackedFields(config);

  const conflicts: Conflict[] = [];
  for (const path of applied.paths()) {
    if (path[path.length - 1]!.startsWith('k:')) continue; // a list item: its fields decide
    const current = valueAt(live, path);
    if (current === undefined || deepEqual(current, valueAt(config, path))) continue;
    for (const other of others) if (other.set.has(path)) conflicts.push({ manager: other, path });
  }
  if (conflicts.length > 0 && !force) {
    conflicts.sort((a, b) => describeManager(a.manager).localeCompare(describeManager(b.manager)) || pathString(a.path).localeCompare(pathString(b.path)));
    return { ok: false, conflicts };
  }
  const before = readManagers(live);
  for (const c of conflicts) c.manager.set.delete(c.path);

  let merged = mergeApplied(live, config) as JsonObject;
  const stale = previous.minus(applied).paths().sort((a, b) => b.length - a.length);
  for (const path of stale) {
    if (!others.some((other) => ownsAtOrBelow(other.set, path))) removeAt(merged, path);
  }

  if (args.normalize) merged = args.normalize(merged);
  const next: Manager[] = mine ? managers : [...managers, { ...me, apiVersion: args.apiVersion, set: applied }];
  if (mine) mine.set = applied;
  const changed = !deepEqual(withoutManagedFields(merged), withoutManagedFields(live)) || !managersEqual(next.filter((m) => m.set.size > 0), before);
  if (!changed) return { ok: true, object: live, changed: false };
  const entry = next.find((m) => sameManager(m, me))!;
  entry.time = args.now;
  entry.apiVersion = args.apiVersion;
  writeManagers(merged, next);
  return { ok: true, object: merged, changed: true };
}
