// Reading the plan's plain data by JSON pointer (the same pointers findings carry).
import { pointer, pointerSegments } from '../../../main/core/validation/step';
import type { FieldEdit } from '../../../main/contract/api';
import type { Finding } from '../../../main/core/validation/finding';

export { pointer };

/** The value at `path` in plain YAML data, or undefined. */
export function valueAt(data: unknown, path: string): unknown {
  let current: unknown = data;
  for (const segment of pointerSegments(path)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (current !== null && typeof current === 'object') current = (current as Record<string, unknown>)[segment];
    else return undefined;
  }
  return current;
}

/** True when `path` is `base` or lies inside it (`/nodes/1` contains `/nodes/1/ssh/host`). */
export function isWithin(path: string, base: string): boolean {
  return path === base || path.startsWith(base + '/');
}

/** Findings about exactly this field, or (with `within`) about it and anything inside it. */
export function findingsAt(findings: readonly Finding[] | undefined, path: string, within = false): Finding[] {
  if (!findings) return [];
  return findings.filter((f) => (within ? isWithin(f.path, path) : f.path === path));
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** The most severe of some findings (undefined for none). */
export function worst(findings: readonly Finding[]): Finding['severity'] | undefined {
  let best: Finding['severity'] | undefined;
  for (const f of findings) if (best === undefined || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[best]) best = f.severity;
  return best;
}

/** The edit that appends `value` to the list at `path`, or starts the list when there is none (`current`: what is there now). */
export function appendEdit(path: string, current: unknown, value: Exclude<FieldEdit['value'], undefined>): FieldEdit {
  return Array.isArray(current) ? { path: `${path}/-`, value } : { path, value: [value] };
}

/** The edit that writes `value` at `path` (undefined removes the key). */
export function editOf(path: string, value: unknown): FieldEdit {
  return value === undefined ? { path } : { path, value: value as FieldEdit['value'] };
}
