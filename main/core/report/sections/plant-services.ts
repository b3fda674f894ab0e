// Section 8: the plant's services as each node saw them (issue 18): per node what Sitekit asked
// (DNS names of each server, the registry, NTP, the gateway and the VIPs, the install disk when
// measured) and what came back, then the plant findings with what to fix. From the inventories'
// plant facts; no secret is in them (the registry login never leaves the node's memory).
import { describePlant, plantFactsOf, type PlantCell, type PlantTable } from '../../plant/describe';
import type { Finding, Severity } from '../../validation/finding';
import { notProbed, plural, time, type ReportContext } from '../context';
import { esc } from '../escape';
import { section, table } from './frame';

const NUM = 8;
const ID = 'plant-services';
const TITLE = 'Plant services';

const MARK: Record<PlantCell['mark'], string> = { ok: '✓', bad: '✗', warn: '!', unknown: '?' };
const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };
const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function isPlantFinding(f: Finding): boolean {
  return f.id.startsWith('plant.');
}

function cell(c: PlantCell): string {
  return `<span class="mark ${c.mark}">${MARK[c.mark]}</span> ${esc(c.text)}`;
}

function plantTable(t: PlantTable): string {
  const rows = t.rows.map((r) => [
    `${esc(r.asked)}${r.expect ? `<br><span class="muted">expect ${esc(r.expect)}</span>` : ''}`,
    ...r.cells.map(cell),
  ]);
  return `<h4>${esc(t.title)}</h4>${table(['Asked', ...t.columns], rows, 'plant')}${t.note ? `<p class="muted">${esc(t.note)}</p>` : ''}`;
}

function findingsTable(findings: readonly Finding[]): string {
  const rows = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => [
      `<span class="badge ${f.severity}">${LABEL[f.severity]}</span>`,
      `<div class="finding"><div>${esc(f.message)}</div>${f.hint ? `<div class="hint">→ ${esc(f.hint)}</div>` : ''}<div class="evidence">${esc(f.id)}</div></div>`,
      `<code class="wrap-any">${esc(f.path || '/')}</code>`,
    ]);
  return table(['Severity', 'Finding', 'Plan field'], rows, 'findings fixed', ['19mm', '', '40mm']);
}

export function plantServicesSection(ctx: ReportContext): string {
  if (!ctx.probed) return section(NUM, ID, TITLE, notProbed("The plant's DNS, registry, time servers and gateway have not been checked from the nodes."));
  const parts: string[] = [
    "<p>What Sitekit asked the plant's services from each node during the probe, and what came back. " +
      '✓ as planned · ✗ a problem · ! worth a look · ? not checked. The findings below say what to fix.</p>',
  ];
  let any = false;
  for (const rn of ctx.nodes) {
    const facts = rn.inventory ? plantFactsOf(rn.inventory) : undefined;
    const head = `<h3>${esc(rn.node.hostname)}</h3>`;
    if (!rn.inventory) {
      parts.push(`${head}<p class="note not-probed">Not probed yet.</p>`);
      continue;
    }
    if (!facts) {
      parts.push(`${head}<p class="note">The inventory of ${esc(time(rn.inventory.collectedAt))} was collected before Sitekit checked the plant's services: probe again.</p>`);
      continue;
    }
    any = true;
    const view = describePlant(ctx.site, facts, rn.inventory.collectedAt);
    const lacks = view.missingTools.length ? `<p class="note">The node lacks ${esc(view.missingTools.join(', '))}: the checks that need ${view.missingTools.length === 1 ? 'it' : 'them'} were not made.</p>` : '';
    parts.push(`${head}<p class="muted">Asked ${esc(time(rn.inventory.collectedAt))}.</p>${view.tables.map(plantTable).join('')}${lacks}`);
  }
  const findings = ctx.input.findings.filter(isPlantFinding);
  parts.push('<h3>Plant findings</h3>');
  parts.push(
    findings.length
      ? `<p>${plural(findings.length, 'finding')}, also listed under Validation findings.</p>${findingsTable(findings)}`
      : `<p class="note">${any ? "No plant findings: the plant's services answered as planned." : 'No plant findings: the plant has not been checked from the nodes yet.'}</p>`,
  );
  return section(NUM, ID, TITLE, parts.join(''));
}
