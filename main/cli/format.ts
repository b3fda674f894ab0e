// Human output of `sitekit validate`: findings grouped by wizard step in wizard order,
// each as `file:line:col  severity  message`, the JSON pointer and the hint below it,
// then one summary line per file.
import path from 'node:path';
import type { SiteCheck } from '../core/site/check';
import { STEP_TITLES, STEPS, type Finding, type Severity } from '../core/validation/finding';
import { paint, type Style } from './io';

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'cyan' };

export function formatFindings(file: string, findings: readonly Finding[], color: boolean): string {
  const lines: string[] = [];
  for (const step of STEPS) {
    const inStep = findings.filter((f) => f.step === step).sort(byLine);
    if (inStep.length === 0) continue;
    lines.push(paint(color, 'bold', STEP_TITLES[step]));
    for (const finding of inStep) {
      const where = finding.position ? `${file}:${finding.position.line}:${finding.position.col}` : file;
      const severity = paint(color, SEVERITY_STYLE[finding.severity], finding.severity);
      lines.push(`  ${where}  ${severity}  ${finding.message}`);
      if (finding.path) lines.push(paint(color, 'dim', `    at ${finding.path}`));
      if (finding.hint) lines.push(`    → ${finding.hint}`);
    }
  }
  return lines.map((line) => line + '\n').join('');
}

/**
 * `plant-a: 0 errors, 1 warning` — named after the site when the file could be read as one;
 * a second line when the rules could run only on part of an invalid plan.
 */
export function formatSummary(file: string, check: SiteCheck): string {
  const name = check.site?.metadata.name ?? path.basename(file);
  const count = (severity: Severity) => check.findings.filter((f) => f.severity === severity).length;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  const notes = count('info');
  if (notes > 0) parts.push(plural(notes, 'note'));
  const partial = check.partial
    ? `${name}: the other checks ran only on the parts of the plan in the site format; fix the format errors and validate again, the findings may change\n`
    : '';
  return `${name}: ${parts.join(', ')}\n${partial}`;
}

/** One line for a file that could not be checked at all. */
export function formatUnusable(file: string, check: SiteCheck): string {
  const error = check.error ?? 'cannot be read';
  if (error.includes(file)) return error + '\n';
  if (/^\d+:\d+: /.test(error)) return `${file}:${error}\n`;
  if (check.position) return `${file}:${check.position.line}:${check.position.col}: ${error}\n`;
  return `${file}: ${error}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function byLine(a: Finding, b: Finding): number {
  return (a.position?.line ?? Number.MAX_SAFE_INTEGER) - (b.position?.line ?? Number.MAX_SAFE_INTEGER);
}
