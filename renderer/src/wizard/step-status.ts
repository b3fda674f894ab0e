// Whether each wizard step is complete, from the findings and what discovery stored.
import type { InventoryView } from '../../../main/contract/api';
import { STEPS, type Finding, type Step } from '../../../main/core/validation/finding';

export type StepState = 'error' | 'warning' | 'done' | 'todo';

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
  /** A bundle was written or committed in this session. */
  generated?: boolean;
}

export function stepStatuses({ findings, nodes, inventories, unreadable, generated = false }: StepStatusInput): Record<Step, StepStatus> {
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
    if (step === 'export') state = generated && !unreadable ? 'done' : 'todo';
    result[step] = { state, errors, warnings, label: describe(step, state, step === 'export' ? totalErrors : errors, warnings) };
  }
  return result;
}

function describe(step: Step, state: StepState, errors: number, warnings: number): string {
  if (state === 'error') return errors ? `${errors} error${errors === 1 ? '' : 's'} to fix` : 'The plan cannot be read';
  if (state === 'warning') return `${warnings} warning${warnings === 1 ? '' : 's'} to read`;
  if (step === 'export') return state === 'done' ? 'Bundle written' : errors ? 'Fix the errors first (or generate anyway)' : 'Ready to generate';
  if (state === 'todo') return 'Not every node has been discovered yet';
  return 'Complete';
}
