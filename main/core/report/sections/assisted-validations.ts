// The Assisted Installer's host validations next to what Sitekit found for this site: a check
// that fails during the install stops it on site, so the technician sees here which ones were
// already checked, which only the installer can check, and which do not apply.
import {
  ASSISTED_HOST_VALIDATIONS,
  ASSISTED_SERVICE_COMMIT,
  ASSISTED_SERVICE_REPO,
  COVERAGE_TITLES,
  SITEKIT_ONLY_CHECKS,
  type AssistedValidation,
} from '../../plant/assisted-validations';
import type { Finding } from '../../validation/finding';
import { plural, type ReportContext } from '../context';
import { esc } from '../escape';
import { section, table } from './frame';

/** Findings from the probe (hardware and plant services) need a probed node to exist at all. */
const isProbeId = (id: string) => /^(hw|plant|probe)\./.test(id);
/** Info findings saying a check could not run (old capture, tool missing, not asked for). */
const isNotChecked = (f: Finding) => /not-checked$|not-measured$/.test(f.id);

function badge(cls: string, text: string): string {
  return `<span class="badge ${cls}">${esc(text)}</span>`;
}

/** What Sitekit's findings say about these ids for this site, as a badge. */
function result(ctx: ReportContext, ids: readonly string[]): string {
  const found = ctx.input.findings.filter((f) => ids.includes(f.id));
  const errors = found.filter((f) => f.severity === 'error').length;
  const warnings = found.filter((f) => f.severity === 'warning').length;
  if (errors) return badge('error', plural(errors, 'error'));
  if (warnings) return badge('warning', plural(warnings, 'warning'));
  if (found.some(isNotChecked)) return badge('unknown', 'not checked');
  if (!ctx.probed && ids.some(isProbeId)) return badge('todo', ids.every(isProbeId) ? 'not probed yet' : 'plan fine; not probed yet');
  return badge('ok', 'no problem found');
}

const codes = (ids: readonly string[]) => ids.map((id) => `<code>${esc(id)}</code>`).join(' ');
/** Escaped text with its `backticked` parts (names, commands) set as code, as in the README. */
const text = (value: string) => esc(value).replace(/`([^`]+)`/g, '<code>$1</code>');

function checkedRow(ctx: ReportContext, v: AssistedValidation): string[] {
  const sitekit = [`<strong>${esc(COVERAGE_TITLES[v.coverage])}</strong>`, v.sitekit.length ? codes(v.sitekit) : '', v.note ? `<span class="muted">${text(v.note)}</span>` : '']
    .filter(Boolean)
    .join('<br>');
  const outcome = v.coverage === 'install-time' ? badge('unknown', 'installer only') : result(ctx, v.sitekit);
  return [`<code class="wrap-any">${esc(v.id)}</code>`, text(v.checks), text(v.threshold ?? '—'), sitekit, outcome];
}

export function assistedValidationsSection(ctx: ReportContext, num = 11): string {
  const applies = ASSISTED_HOST_VALIDATIONS.filter((v) => v.coverage !== 'not-applicable');
  const notApplicable = new Map<string, string[]>();
  for (const v of ASSISTED_HOST_VALIDATIONS.filter((x) => x.coverage === 'not-applicable')) {
    const why = v.note ?? '';
    notApplicable.set(why, [...(notApplicable.get(why) ?? []), v.id]);
  }
  const body =
    `<p>During the install the Assisted Installer on the rendezvous node runs ${ASSISTED_HOST_VALIDATIONS.length} host validations on every node; one that fails stops the install. ` +
    `These are the validations of ${esc(ASSISTED_SERVICE_REPO)} at <code>${esc(ASSISTED_SERVICE_COMMIT.slice(0, 12))}</code> with the thresholds of a three-node compact cluster, and what Sitekit found for them before the install.</p>` +
    table(['Installer validation', 'What it checks', 'Threshold', 'Sitekit', 'This site'], applies.map((v) => checkedRow(ctx, v)), 'fixed', ['34mm', '', '26mm', '', '22mm']) +
    '<h3>Checks Sitekit makes that the installer does not</h3>' +
    table(['Check', 'Sitekit findings', 'This site'], SITEKIT_ONLY_CHECKS.map((c) => [text(c.what), codes(c.sitekit), result(ctx, c.sitekit)]), 'fixed', ['', '', '22mm']) +
    '<h3>Installer validations that do not apply to this site</h3>' +
    table(['Installer validations', 'Why not'], [...notApplicable].map(([why, ids]) => [codes(ids), text(why)]), 'fixed', ['60mm', '']);
  return section(num, 'assisted-validations', 'Assisted Installer validations', body);
}
