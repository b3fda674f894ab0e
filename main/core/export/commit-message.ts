// The commit message is the first thing a reviewer of the merge request reads: one line of
// verdict (ready or not, by the readiness checklist — not by the error count alone), then the
// site, the checklist, the validation state per wizard step, when the hardware was probed
// and, when the plan was exported with errors, that it was overridden.
import { readinessLines, type Readiness } from '../readiness';
import { clusterNetwork } from '../site/model';
import type { Site } from '../site/schema';
import { STEPS, STEP_TITLES, type Finding } from '../validation/finding';

export interface ProbedNode {
  node: string;
  collectedAt: string;
  source?: string;
}

export interface CommitMessageInput {
  site: Site;
  findings: readonly Finding[];
  toolVersion: string;
  probed: readonly ProbedNode[];
  /** Exported although the plan has errors. */
  forced: boolean;
  /** The checklist recorded in the commit's validation.json. */
  readiness: Readiness;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function count(findings: readonly Finding[], severity: Finding['severity']): number {
  return findings.filter((f) => f.severity === severity).length;
}

export function commitMessage(input: CommitMessageInput): string {
  const { site, findings } = input;
  const errors = count(findings, 'error');
  const warnings = count(findings, 'warning');
  const verdict = input.readiness.ready ? 'ready' : 'not ready';
  const lines = [`${site.metadata.name}: ${verdict}, ${plural(errors, 'error')}, ${plural(warnings, 'warning')} — Sitekit ${input.toolVersion}`, ''];

  const cluster = site.cluster;
  lines.push(`Site ${site.metadata.name}${site.metadata.location ? ` (${site.metadata.location})` : ''}`);
  lines.push(`Cluster ${cluster.name}.${cluster.baseDomain}, OpenShift ${cluster.openshiftVersion}`);
  const network = clusterNetwork(site)?.name;
  const nodes = site.nodes.map((n) => {
    const address = network ? n.addresses[network] : undefined;
    return address ? `${n.hostname} (${address})` : n.hostname;
  });
  lines.push(`Nodes: ${nodes.join(', ')}`);
  lines.push('');

  lines.push(`Readiness — ${input.readiness.summary}`);
  lines.push(...readinessLines(input.readiness));
  lines.push('');

  lines.push('Validation by step:');
  for (const step of STEPS) {
    const inStep = findings.filter((f) => f.step === step);
    lines.push(`  ${STEP_TITLES[step]}: ${plural(count(inStep, 'error'), 'error')}, ${plural(count(inStep, 'warning'), 'warning')}`);
  }
  lines.push('');

  const probed = [...input.probed].sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  lines.push(probed.length > 0 ? `Hardware probed: ${probed.map((p) => `${p.node} at ${p.collectedAt}`).join(', ')}` : 'Hardware not probed');
  if (input.forced) {
    lines.push('');
    lines.push(`Override: exported with ${plural(errors, 'error')} in the plan (forced; recorded in validation.json)`);
  }
  return `${lines.join('\n')}\n`;
}
