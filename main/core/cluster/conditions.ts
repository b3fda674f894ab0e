// The status conditions of an object (metav1.Condition and the older per-kind shapes alike:
// type, status "True"/"False"/"Unknown", reason, message), read the same way by the install
// progress, the bootstrap's judges and the node facts. A status without a conditions list has none.
import type { KubeObject } from './client';

export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

export function conditionsOf(object: KubeObject | undefined): Condition[] {
  const conditions = (object?.status as { conditions?: unknown } | undefined)?.conditions;
  return Array.isArray(conditions) ? (conditions as Condition[]) : [];
}

/** The condition of this type, if the object reports one. */
export function condition(object: KubeObject | undefined, type: string): Condition | undefined {
  return conditionsOf(object).find((c) => c.type === type);
}
