// Whether each wizard step is complete, from the findings and what discovery stored.
import type { InventoryView } from '../../../main/contract/api';
import { STEPS, type Finding, type Step } from '../../../main/core/validation/finding';

/** `forced`: the bundle was written with plan errors overridden ("Generate anyway") — never a ✓. */
export type StepState = 'error' | 'warning' | 'done' | 'todo' | 'forced';

export interface StepStatus {
  state: StepState;
  errors: number;
  warnings: number;
  /** Plain words for a tooltip and screen readers. */
  label: string;
}

export interface StepStatusInput {
  findings: readonly Finding[];
  /** Hostnames in the plan. */
  nodes: readonly string[];
  inventories: readonly InventoryView[];
  /** The text is not a readable plan: nothing can be called complete. */
  unreadable: boolean;
  /** A bundle was written or committed in this session from the plan as saved now. */
  generated?: boolean;
  /** That bundle was written with plan errors overridden (force). */
  forced?: boolean;
  /** The last verification of the live cluster in this session (Cluster step): all fine or problems. */
  verified?: 'ok' | 'problems';
}

export function stepStatuses({ findings, nodes, inventories, unreadable, generated = false, forced = false, verified }: StepStatusInput): Record<Step, StepStatus> {
  const counts = new Map<Step, { errors: number; warnings: number }>();
  for (const f of findings) {
    const c = counts.get(f.step) ?? { errors: 0, warnings: 0 };
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    counts.set(f.step, c);
  }
  const totalErrors = findings.filter((f) => f.severity === 'error').length;
  const probed = new Set(inventories.map((i) => i.node));
  const result = {} as Record<Step, StepStatus>;
  for (const step of STEPS) {
    const { errors, warnings } = step === 'validate' ? { errors: totalErrors, warnings: 0 } : (counts.get(step) ?? { errors: 0, warnings: 0 });
    let state: StepState = errors ? 'error' : warnings ? 'warning' : 'done';
    if (unreadable) state = 'error';
    if (step === 'discover' && !errors) {
      const missing = nodes.filter((n) => !probed.has(n)).length;
      if (missing > 0 || nodes.length === 0) state = 'todo';
    }
    if (step === 'export') state = generated && !unreadable ? (forced ? 'forced' : 'done') : 'todo';
    // The live cluster has no plan findings: done once verified without problems.
    if (step === 'cluster') state = verified === 'ok' ? 'done' : verified === 'problems' ? 'warning' : 'todo';
    result[step] = { state, errors, warnings, label: describe(step, state, step === 'export' ? totalErrors : errors, warnings) };
  }
  return result;
}

function describe(step: Step, state: StepState, errors: number, warnings: number): string {
  if (step === 'cluster') return state === 'done' ? 'Verified on the live cluster' : state === 'warning' ? 'The live cluster has problems to look at' : 'Not verified on a live cluster yet';
  if (state === 'error') return errors ? `${errors} error${errors === 1 ? '' : 's'} to fix` : 'The plan cannot be read';
  if (state === 'warning') return `${warnings} warning${warnings === 1 ? '' : 's'} to read`;
  if (state === 'forced') return 'Bundle written with errors overridden ("Generate anyway"): fix them and write it again';
  if (step === 'export') return state === 'done' ? 'Bundle written' : errors ? 'Fix the errors first (or generate anyway)' : 'Ready to generate';
  if (state === 'todo') return 'Not every node has been discovered yet';
  return 'Complete';
}
