// The checklist as plain text lines, for the commit message and the command line.
import type { Readiness, ReadinessState } from './readiness';

export const STATE_WORDS: Record<ReadinessState, string> = {
  done: 'done',
  'not-done': 'not done',
  problem: 'problem',
  unknown: 'not known',
};

/** `  [done]      Plan valid: No errors in the plan.` — the state first, so a reader scans the column. */
export function readinessLines(r: Readiness, indent = '  '): string[] {
  const width = Math.max(...Object.values(STATE_WORDS).map((w) => w.length)) + 2;
  return r.items.map((i) => `${indent}${`[${STATE_WORDS[i.state]}]`.padEnd(width + 1)}${i.title}: ${i.text}`);
}
