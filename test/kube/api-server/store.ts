// The objects of the test API server: one global, increasing resourceVersion (like etcd's
// revision), a bounded history of watch events (older versions answer 410 Expired, like a
// compacted etcd), and the scripting API tests and scenarios use to play the cluster's
// controllers (`put`, `patch`, `setStatus`, `get`, `list`, `delete`).

import { randomUUID } from 'node:crypto';
import { deepEqual, isObject, type JsonObject, type JsonValue } from './fieldset.js';
import { apiVersionOf, findKind, type KindDef } from './kinds.js';
import { recordUpdate } from './managed-fields.js';
import { normalizeForStorage } from './strategy.js';

export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEvent {
  type: WatchEventType;
  def: KindDef;
  object: JsonObject;
  /** The object before a MODIFIED event: a watch with a selector turns "stopped matching" into DELETED. */
  previous?: JsonObject;
  resourceVersion: number;
}

export interface ScriptOptions {
  /**
   * Record the change in managedFields as an Update by this manager (e.g. "cluster-version-operator"),
   * so a later apply of a different value by another manager conflicts like on a real cluster.
   * Without it the change is not attributed to anybody.
   */
  manager?: string;
}

export const DEFAULT_NAMESPACE = 'default';

/** RFC 3339 in seconds, the precision of metav1.Time. */
export function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function metadataOf(object: JsonObject): JsonObject {
  if (!isObject(object.metadata)) object.metadata = {};
  return object.metadata as JsonObject;
}

/** Kinds whose registry strategy maintains metadata.generation: CRDs and the built-in workloads. */
function tracksGeneration(def: KindDef): boolean {
  return !def.builtin || ['apps', 'batch', 'policy'].includes(def.group);
}

function withoutMetaAndStatus(object: JsonObject | undefined): JsonObject {
  const { metadata: _m, status: _s, ...rest } = object ?? {};
  return rest;
}

export class ObjectStore {
  private revision = 1000;
  private readonly objects = new Map<string, JsonObject>();
  private readonly history: StoredEvent[] = [];
  /** Events after this revision are still in `history`; a watch from before it gets 410. */
  private compactedAt = 0;
  private readonly listeners = new Set<(event: StoredEvent) => void>();

  constructor(private readonly historyLimit = 5000) {}

  get resourceVersion(): number {
    return this.revision;
  }

  // ---------- scripting API (tests and scenarios) ----------

  /** Creates or replaces an object as a controller would; returns the stored copy. */
  put(object: JsonObject, options: ScriptOptions = {}): JsonObject {
    const def = this.kindOf(String(object.apiVersion), String(object.kind));
    const incoming = structuredClone(object);
    const metadata = metadataOf(incoming);
    if (def.namespaced && !metadata.namespace) metadata.namespace = DEFAULT_NAMESPACE;
    if (!def.namespaced) delete metadata.namespace;
    const before = this.lookup(def, metadata.namespace as string | undefined, String(metadata.name));
    let after = incoming;
    if (options.manager) after = recordUpdate(before, incoming, { manager: options.manager, apiVersion: apiVersionOf(def), now: nowTimestamp() });
    else if (before && !Array.isArray(metadata.managedFields) && isObject(before.metadata) && before.metadata.managedFields) {
      metadata.managedFields = structuredClone(before.metadata.managedFields);
    }
    return structuredClone(this.commit(def, before, after));
  }

  /** JSON merge patch (RFC 7386) of the stored object; throws when it does not exist. */
  patch(ref: ObjectRef, partial: JsonObject, options: ScriptOptions = {}): JsonObject {
    const def = this.kindOf(ref.apiVersion, ref.kind);
    const before = this.require(def, ref);
    const after = mergePatch(before, partial) as JsonObject;
    return this.put(after, options);
  }

  /** Replaces `.status` (the way a controller writes the status subresource). */
  setStatus(ref: ObjectRef, status: JsonObject, options: ScriptOptions = {}): JsonObject {
    const def = this.kindOf(ref.apiVersion, ref.kind);
    const before = this.require(def, ref);
    const after = { ...structuredClone(before), status: structuredClone(status) };
    if (!options.manager) return structuredClone(this.commit(def, before, after));
    const recorded = recordUpdate(before, after, { manager: options.manager, apiVersion: apiVersionOf(def), now: nowTimestamp(), ...(def.status ? { subresource: 'status' } : {}) });
    return structuredClone(this.commit(def, before, recorded));
  }

  get(ref: ObjectRef): JsonObject | undefined {
    const def = this.kindOf(ref.apiVersion, ref.kind);
    const found = this.lookup(def, this.namespaceOf(def, ref.namespace), ref.name);
    return found ? structuredClone(found) : undefined;
  }

  list(apiVersion: string, kind: string, namespace?: string): JsonObject[] {
    return this.listOf(this.kindOf(apiVersion, kind), namespace).map((o) => structuredClone(o));
  }

  delete(ref: ObjectRef): boolean {
    const def = this.kindOf(ref.apiVersion, ref.kind);
    return this.remove(def, this.namespaceOf(def, ref.namespace), ref.name) !== undefined;
  }

  /** Forgets the watch history (like an etcd compaction): watches from an older resourceVersion get 410. */
  compact(): void {
    this.history.length = 0;
    this.compactedAt = this.revision;
  }

  // ---------- used by the request handlers ----------

  kindOf(apiVersion: string, kind: string): KindDef {
    const def = findKind(apiVersion, kind);
    if (!def) throw new Error(`The test API server does not serve ${apiVersion} ${kind}; add it to test/kube/api-server/kinds.ts.`);
    return def;
  }

  lookup(def: KindDef, namespace: string | undefined, name: string): JsonObject | undefined {
    return this.objects.get(keyOf(def, namespace, name));
  }

  listOf(def: KindDef, namespace?: string): JsonObject[] {
    const prefix = `${def.group}/${def.kind}/`;
    const out: JsonObject[] = [];
    for (const [key, object] of this.objects) {
      if (!key.startsWith(prefix)) continue;
      if (namespace && (object.metadata as JsonObject).namespace !== namespace) continue;
      out.push(object);
    }
    return out.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  }

  /**
   * Stores `after` (the result of a write on `before`): keeps identity fields, bumps generation
   * when more than metadata/status changed, assigns the next resourceVersion, emits the event.
   */
  commit(def: KindDef, before: JsonObject | undefined, after: JsonObject, dryRun = false): JsonObject {
    const object = normalizeForStorage(def, structuredClone(after));
    object.apiVersion = apiVersionOf(def);
    object.kind = def.kind;
    const metadata = metadataOf(object);
    if (before) {
      const old = before.metadata as JsonObject;
      metadata.uid = old.uid!;
      metadata.creationTimestamp = old.creationTimestamp!;
      if (tracksGeneration(def)) {
        const generation = Number(old.generation ?? 1);
        metadata.generation = deepEqual(withoutMetaAndStatus(before), withoutMetaAndStatus(object)) ? generation : generation + 1;
      }
    } else {
      metadata.uid = randomUUID();
      metadata.creationTimestamp = nowTimestamp();
      if (tracksGeneration(def)) metadata.generation = 1;
    }
    if (dryRun) {
      metadata.resourceVersion = before ? (before.metadata as JsonObject).resourceVersion! : '';
      return orderMetadata(object);
    }
    this.revision += 1;
    metadata.resourceVersion = String(this.revision);
    const stored = orderMetadata(object);
    this.objects.set(keyOf(def, metadata.namespace as string | undefined, String(metadata.name)), stored);
    this.emit({ type: before ? 'MODIFIED' : 'ADDED', def, object: stored, ...(before ? { previous: before } : {}), resourceVersion: this.revision });
    return stored;
  }

  remove(def: KindDef, namespace: string | undefined, name: string, dryRun = false): JsonObject | undefined {
    const key = keyOf(def, namespace, name);
    const found = this.objects.get(key);
    if (!found || dryRun) return found;
    this.objects.delete(key);
    this.revision += 1;
    const gone = structuredClone(found);
    (gone.metadata as JsonObject).resourceVersion = String(this.revision);
    this.emit({ type: 'DELETED', def, object: gone, resourceVersion: this.revision });
    return gone;
  }

  /** The events after `resourceVersion`, or 'expired' when the history no longer reaches back. */
  eventsSince(resourceVersion: number): StoredEvent[] | 'expired' {
    if (resourceVersion < this.compactedAt) return 'expired';
    return this.history.filter((e) => e.resourceVersion > resourceVersion);
  }

  /** The oldest resourceVersion a watch can still start from (for the 410 message). */
  get oldestResourceVersion(): number {
    return this.history[0]?.resourceVersion ?? this.revision;
  }

  subscribe(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: StoredEvent): void {
    this.history.push(event);
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      this.compactedAt = dropped[dropped.length - 1]!.resourceVersion;
    }
    for (const listener of [...this.listeners]) listener(event);
  }

  private namespaceOf(def: KindDef, namespace: string | undefined): string | undefined {
    return def.namespaced ? (namespace ?? DEFAULT_NAMESPACE) : undefined;
  }

  private require(def: KindDef, ref: ObjectRef): JsonObject {
    const found = this.lookup(def, this.namespaceOf(def, ref.namespace), ref.name);
    if (!found) throw new Error(`${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name} is not in the test API server's store.`);
    return found;
  }
}

function keyOf(def: KindDef, namespace: string | undefined, name: string): string {
  return `${def.group}/${def.kind}/${def.namespaced ? (namespace ?? '') : ''}/${name}`;
}

function sortKey(object: JsonObject): string {
  const metadata = object.metadata as JsonObject;
  return `${String(metadata.namespace ?? '')}/${String(metadata.name)}`;
}

const METADATA_ORDER = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

/** apiVersion, kind, metadata (in ObjectMeta field order), then the rest, like the API's JSON. */
function orderMetadata(object: JsonObject): JsonObject {
  const metadata = object.metadata as JsonObject;
  const orderedMeta: JsonObject = {};
  for (const key of METADATA_ORDER) if (key in metadata) orderedMeta[key] = metadata[key]!;
  for (const [key, value] of Object.entries(metadata)) if (!(key in orderedMeta)) orderedMeta[key] = value;
  const { apiVersion, kind, metadata: _m, ...rest } = object;
  return { apiVersion: apiVersion!, kind: kind!, metadata: orderedMeta, ...rest };
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? structuredClone(target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}
