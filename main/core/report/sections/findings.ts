// Section 6: every finding, plan and hardware, grouped by wizard step, with its evidence:
// for hardware findings the node and the inventory it came from, and that inventory's time.
import { STEP_TITLES, STEPS, type Finding, type Severity } from '../../validation/finding';
import { pointerSegments } from '../../validation/step';
import { plural, time, type ReportContext, type ReportNode } from '../context';
import { esc } from '../escape';
import { section, table } from './frame';

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const LABEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

export function isHardware(f: Finding): boolean {
  // plant.*: the plant's services as the nodes saw them, also from the inventories.
  return f.id.startsWith('hw.') || f.id.startsWith('probe.') || f.id.startsWith('plant.');
}

/** The node a hardware finding is about: its path under /nodes/N, else its message's `host:` prefix. */
export function findingNode(ctx: ReportContext, f: Finding): ReportNode | undefined {
  const [top, index] = pointerSegments(f.path);
  if (top === 'nodes' && index !== undefined && /^\d+$/.test(index)) return ctx.nodes[Number(index)];
  return ctx.nodes.find((rn) => f.message.startsWith(`${rn.node.hostname}:`));
}

function evidence(ctx: ReportContext, f: Finding): { text: string; when: string } {
  if (!isHardware(f)) return { text: 'plan (site.yaml)', when: ctx.generatedAt };
  const rn = findingNode(ctx, f);
  const inv = rn?.inventory;
  if (inv) {
    const how = inv.source === 'ssh' ? 'probed over SSH' : 'imported capture';
    return { text: `hardware: ${rn!.node.hostname}, inventory ${how}${inv.scriptVersion ? `, script ${inv.scriptVersion}` : ''} (inventory/${rn!.node.hostname}.json)`, when: inv.collectedAt };
  }
  const times = ctx.nodes.map((n) => n.inventory?.collectedAt).filter((t): t is string => t !== undefined).sort();
  return { text: `hardware${rn ? `: ${rn.node.hostname}` : ' (all probed nodes)'}`, when: times[times.length - 1] ?? ctx.generatedAt };
}

export function findingsSection(ctx: ReportContext): string {
  const findings = ctx.input.findings;
  if (findings.length === 0) {
    return section(6, 'findings', 'Validation findings', '<p class="note">No findings: the plan follows every rule' + (ctx.probed ? ' and the hardware matches it.' : '. The hardware has not been probed yet.') + '</p>');
  }
  const parts: string[] = [
    `<p>${plural(findings.length, 'finding')}: plan findings were checked at ${esc(time(ctx.generatedAt))}; hardware findings carry the time their inventory was collected.${ctx.probed ? '' : ' <strong>Hardware not probed yet</strong>: only plan findings are listed.'}</p>`,
  ];
  for (const step of STEPS) {
    const inStep = findings
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => f.step === step)
      .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
      .map(({ f }) => f);
    if (!inStep.length) continue;
    const rows = inStep.map((f) => {
      const ev = evidence(ctx, f);
      const where = `<code class="wrap-any">${esc(f.path || '/')}</code>${f.position ? `<br><span class="muted">site.yaml:${esc(f.position.line)}:${esc(f.position.col)}</span>` : ''}`;
      return [
        `<span class="badge ${f.severity}">${LABEL[f.severity]}</span>`,
        `<div class="finding"><div>${esc(f.message)}</div>${f.hint ? `<div class="hint">→ ${esc(f.hint)}</div>` : ''}<div class="evidence">${esc(f.id)} · ${esc(ev.text)}</div></div>`,
        where,
        esc(time(ev.when)),
      ];
    });
    parts.push(`<h3>${esc(STEP_TITLES[step])}</h3>` + table(['Severity', 'Finding', 'Where', 'Time'], rows, 'findings fixed', ['19mm', '', '34mm', '24mm']));
  }
  return section(6, 'findings', 'Validation findings', parts.join(''));
}
