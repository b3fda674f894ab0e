// `sitekit validate`: checks one or more site files. Exit 0 = no errors, 1 = errors in a
// plan (schema or rules), 2 = a file could not be used at all; with several files the
// worst one decides. Many files in one process is also how the benchmark measures speed.
// After the findings, the readiness checklist as far as the command line can know it (the
// plan, the stored inventories); what it cannot know is said, and does not change the exit code.
import { checkSiteFile, type SiteCheck } from '../core/site/check';
import type { Finding } from '../core/validation/finding';
import { formatFindings, formatSummary, formatUnusable } from './format';
import type { CliIo } from './io';
import { cliReadiness, formatReadiness, storedInventories } from './readiness';
import { tooManyWarnings, type WarningLimitOptions } from './warning-limit';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNUSABLE = 2;

export interface ValidateOptions extends WarningLimitOptions {
  json?: boolean;
}

export async function validateCommand(files: string[], options: ValidateOptions, io: CliIo): Promise<number> {
  let worst = EXIT_OK;
  let warnings = 0;
  const json: (Finding & { file?: string })[] = [];
  for (const file of files) {
    const check = await checkSiteFile(file);
    worst = Math.max(worst, exitCodeOf(check));
    warnings += check.findings.filter((f) => f.severity === 'warning').length;
    if (check.status === 'unusable') {
      io.err(formatUnusable(file, check));
      continue;
    }
    if (options.json) {
      json.push(...(files.length > 1 ? check.findings.map((f) => ({ file, ...f })) : check.findings));
    } else {
      io.out(formatFindings(file, check.findings, io.color));
      io.out(formatSummary(file, check));
      if (check.site) {
        const readiness = cliReadiness(check.site, check.findings, await storedInventories(check.site, file));
        io.out(formatReadiness(check.site.metadata.name, readiness, io.color));
      }
    }
  }
  if (options.json) io.out(JSON.stringify(json, null, 2) + '\n');
  if (worst === EXIT_OK && tooManyWarnings(warnings, options, io)) return EXIT_FINDINGS;
  return worst;
}

export function exitCodeOf(check: SiteCheck): number {
  if (check.status === 'unusable') return EXIT_UNUSABLE;
  if (check.status === 'invalid' || check.findings.some((f) => f.severity === 'error')) return EXIT_FINDINGS;
  return EXIT_OK;
}
