// The common start of every command that works from a plan: read and check site.yaml, and
// stop with the right exit code when there is no schema-valid plan to work from.
import path from 'node:path';
import { checkSiteFile } from '../core/site/check';
import type { Site } from '../core/site/schema';
import type { Finding } from '../core/validation/finding';
import { formatFindings, formatUnusable } from './format';
import type { CliIo } from './io';
import { EXIT_FINDINGS, EXIT_UNUSABLE } from './validate';

export type PlanInput = { ok: true; site: Site; text: string; findings: Finding[] } | { ok: false; code: number };

/** `refusal` completes "<file>: <refusal>: the file does not match the site schema", e.g. "not exported". */
export async function readPlan(file: string, io: CliIo, refusal: string): Promise<PlanInput> {
  const check = await checkSiteFile(file);
  if (check.status === 'unusable' || check.text === undefined) {
    io.err(formatUnusable(file, check));
    return { ok: false, code: EXIT_UNUSABLE };
  }
  if (check.status === 'invalid' || !check.site) {
    io.out(formatFindings(file, check.findings, io.color));
    io.out(`${path.basename(file)}: ${refusal}: the file does not match the site schema\n`);
    return { ok: false, code: EXIT_FINDINGS };
  }
  return { ok: true, site: check.site, text: check.text, findings: check.findings };
}
