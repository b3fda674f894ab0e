// Server-side apply of the bootstrap's objects, one at a time in the bundle's order (a
// Namespace before what lives in it), as field manager "sitekit". The outcome compares the
// object before and after: absent before → created; same resourceVersion → unchanged (the API
// server writes nothing when an apply changes nothing); a new resourceVersion is a change of
// Sitekit's only when a field it sets has another value or it owns other fields now (an
// operator writing the object's status between the read and the apply is not). A field another
// manager owns with another value makes the API server answer 409 Conflict: that is reported
// with the fields and their managers and never forced; the message says how to force by hand.
import { isDeepStrictEqual } from 'node:util';
import { ClusterError, describe, FIELD_MANAGER, refOf, type ClusterClient, type KubeObject } from '../client';
import { withRetry } from '../retry';
import type { AppliedObject, ClusterFailure } from '../types';
import type { PlannedObject } from './plan';

/** The file name shown for objects that come from the secret store, not from the bundle. */
export const FROM_SECRET_STORE = 'secret store';

/** `conflict with "kube-controller-manager" using apps/v1` → kube-controller-manager (kube-apiserver's cause message). */
export function managerOf(message: string): string {
  const match = /conflict with "([^"]*)"/.exec(message);
  return match ? match[1]! : 'another field manager';
}

function forceHint(planned: PlannedObject): string {
  const source = planned.file === FROM_SECRET_STORE ? '<the folder written by sitekit generate --argocd-secrets>' : planned.file;
  return `Nothing was forced. If Sitekit's value must win, apply it by hand: oc apply --server-side --field-manager=sitekit --force-conflicts -f ${source}`;
}

/** What the API server said, without a Secret's Status message (it could echo a value). */
function failureMessage(object: KubeObject, error: ClusterError): string {
  if (object.kind !== 'Secret') return error.failure.message;
  const status = error.status ? ` (HTTP ${error.status}${error.reason ? ` ${error.reason}` : ''})` : '';
  return `The API server refused the ${object.kind} ${object.metadata.name}${status}: check the repository credentials in the secret store and try again.`;
}

/** The fields Sitekit's apply owns on an object (its managedFields entry), or undefined. */
function ownedBySitekit(object: KubeObject): unknown {
  return object.metadata.managedFields?.find((m) => m.manager === FIELD_MANAGER && m.operation === 'Apply' && !m.subresource)?.fieldsV1;
}

/** The live value at every place the applied object sets one (maps followed key by key, lists and scalars whole). */
function sameAtAppliedFields(applied: unknown, before: unknown, after: unknown): boolean {
  if (applied && typeof applied === 'object' && !Array.isArray(applied)) {
    const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
    const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
    return Object.entries(applied).every(([key, value]) => sameAtAppliedFields(value, b[key], a[key]));
  }
  return isDeepStrictEqual(before, after);
}

function changedByApply(applied: KubeObject, before: KubeObject, after: KubeObject): boolean {
  if (before.metadata.resourceVersion !== undefined && before.metadata.resourceVersion === after.metadata.resourceVersion) return false;
  const { status: _status, ...appliedFields } = applied;
  return !sameAtAppliedFields(appliedFields, before, after) || !isDeepStrictEqual(ownedBySitekit(before), ownedBySitekit(after));
}

export interface ApplyRunOptions {
  signal?: AbortSignal;
  /** Told when the API is not ready (or asks to slow down) and Sitekit tries again. */
  onRetry?: (failure: ClusterFailure) => void;
}

/**
 * Applies one object; never throws for what the server answers (only for cancel). Answers
 * worth waiting out (API not ready, 429) are tried again with backoff first.
 */
export async function applyObject(client: ClusterClient, planned: PlannedObject, options: ApplyRunOptions = {}): Promise<AppliedObject> {
  const { signal } = options;
  const ref = refOf(planned.object);
  const base: AppliedObject = { ...ref, outcome: 'failed', file: planned.file };
  const retry = { signal, onRetry: (failure: ClusterFailure) => options.onRetry?.(failure) };
  try {
    const before = await withRetry(() => client.get(ref, { signal }), retry);
    const after = await withRetry(() => client.apply(planned.object, { signal }), retry);
    if (!before) return { ...base, outcome: 'created' };
    return { ...base, outcome: changedByApply(planned.object, before, after) ? 'changed' : 'unchanged' };
  } catch (error) {
    if (!(error instanceof ClusterError)) throw error;
    if (error.failure.kind === 'cancelled') throw error;
    const conflicts = (error.causes ?? []).filter((c) => c.reason === 'FieldManagerConflict');
    if (error.status === 409 && conflicts.length > 0) {
      const list = conflicts.map((c) => ({ field: c.field, manager: managerOf(c.message) }));
      return {
        ...base,
        outcome: 'conflict',
        conflicts: list,
        message: `${describe(ref)}: ${list.map((c) => `${c.field} is owned by ${c.manager} with another value`).join('; ')}. ${forceHint(planned)}`,
      };
    }
    return { ...base, message: failureMessage(planned.object, error) };
  }
}

/** Applies the objects in order; stops at nothing (each outcome is reported), except cancel. */
export async function applyObjects(
  client: ClusterClient,
  objects: readonly PlannedObject[],
  options: ApplyRunOptions & { onApplied?: (applied: AppliedObject[]) => void } = {},
): Promise<AppliedObject[]> {
  const { onApplied } = options;
  const applied: AppliedObject[] = [];
  for (const planned of objects) {
    applied.push(await applyObject(client, planned, options));
    onApplied?.([...applied]);
  }
  return applied;
}

/** One sentence for a stage's applies: counts per outcome. */
export function summarizeApplied(applied: readonly AppliedObject[]): string {
  const count = (outcome: AppliedObject['outcome']) => applied.filter((a) => a.outcome === outcome).length;
  const parts = (['created', 'changed', 'unchanged', 'skipped', 'conflict', 'failed'] as const)
    .map((outcome) => [outcome, count(outcome)] as const)
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${n} ${outcome === 'conflict' ? (n === 1 ? 'conflict' : 'conflicts') : outcome}`);
  return parts.length > 0 ? `${applied.length} ${applied.length === 1 ? 'object' : 'objects'}: ${parts.join(', ')}.` : 'Nothing to apply.';
}
