// Readiness (issue 11 §2): whether a site is ready to go to the plant, as a checklist with
// its own state instead of "no errors". Five items — plan valid, hardware discovered and
// matching, secrets present, bundle written, exported — each done, not done, a problem, or
// not known to the caller (the CLI has no secret store; a bundle knows nothing of a later
// export). Ready only when every item is done: an unknown item is never counted as done.
// Pure: the caller gathers the facts, this only judges them.
import type { RequiredSecret } from '../site/required-secrets';
import type { Finding } from '../validation/finding';

export type ReadinessState = 'done' | 'not-done' | 'problem' | 'unknown';
export type ReadinessItemId = 'plan' | 'hardware' | 'secrets' | 'bundle' | 'export';

export const READINESS_ITEMS: readonly ReadinessItemId[] = ['plan', 'hardware', 'secrets', 'bundle', 'export'];

export const READINESS_TITLES: Record<ReadinessItemId, string> = {
  plan: 'Plan valid',
  hardware: 'Hardware discovered and matching',
  secrets: 'Secrets present',
  bundle: 'Bundle written',
  export: 'Exported',
};

export interface ReadinessItem {
  id: ReadinessItemId;
  title: string;
  state: ReadinessState;
  /** One plain sentence: what is done, what is missing, or why it is not known here. */
  text: string;
}

export interface Readiness {
  /** Every item is done. */
  ready: boolean;
  /** One line: "Ready: …" only when ready. */
  summary: string;
  items: ReadinessItem[];
}

/** What is known about the bundle; `note` says more precisely what "not written" means here. */
export type BundleFact = { written: false; note?: string } | { written: true; forced: boolean };

/** What is known about the export to the sites repository. */
export type ExportFact =
  | { state: 'none'; note?: string }
  /** The readiness is written into the export commit itself (validation.json, report, message). */
  | { state: 'this-commit' }
  | { state: 'committed'; oid: string; branch: string };

export interface ReadinessFacts {
  /** Plan findings and, when known, hardware findings (told apart by id: hw.*, probe.*, plant.*). */
  findings: readonly Finding[];
  /** Host names of the planned nodes. */
  nodes: readonly string[];
  /** Nodes that have a discovery inventory; undefined: not known here. */
  discovered?: readonly string[];
  /** The secrets the plan names (requiredSecrets(site)). */
  requiredSecrets: readonly RequiredSecret[];
  /** Names in the secret store (never values); undefined: no secret store here. */
  storedSecrets?: readonly string[];
  /** undefined: not known here. */
  bundle?: BundleFact;
  /** undefined: not known here. */
  exported?: ExportFact;
  /** Why a fact is not known here, per item, in plain words (replaces the general sentence). */
  unknown?: Partial<Record<ReadinessItemId, string>>;
}

/** Findings of the hardware and the plant's services (the probe's checks), as opposed to findings of the plan. */
export function isHardwareFinding(f: Pick<Finding, 'id'>): boolean {
  return f.id.startsWith('hw.') || f.id.startsWith('probe.') || f.id.startsWith('plant.');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const count = (findings: readonly Finding[], severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
const names = (list: readonly string[]) => list.join(', ');

const UNKNOWN: Record<ReadinessItemId, string> = {
  plan: 'The plan was not checked here.',
  hardware: 'Whether the nodes were discovered is not known here.',
  secrets: 'Whether the secrets are stored is not known here.',
  bundle: 'Whether a bundle was written is not known here.',
  export: 'Whether the site was exported is not known here.',
};

function planItem(facts: ReadinessFacts): Omit<ReadinessItem, 'id' | 'title'> {
  const plan = facts.findings.filter((f) => !isHardwareFinding(f));
  const errors = count(plan, 'error');
  const warnings = count(plan, 'warning');
  if (errors > 0) return { state: 'problem', text: `The plan has ${plural(errors, 'error')} to fix.` };
  return { state: 'done', text: `No errors in the plan${warnings ? `; ${plural(warnings, 'warning')} to read` : ''}.` };
}

function hardwareItem(facts: ReadinessFacts): Omit<ReadinessItem, 'id' | 'title'> {
  if (facts.nodes.length === 0) return { state: 'not-done', text: 'The plan has no nodes yet.' };
  if (facts.discovered === undefined) return { state: 'unknown', text: facts.unknown?.hardware ?? UNKNOWN.hardware };
  const discovered = new Set(facts.discovered);
  const missing = facts.nodes.filter((n) => !discovered.has(n));
  const hardware = facts.findings.filter(isHardwareFinding);
  const warnings = count(hardware, 'warning');
  // The plant's services (DNS, registry, NTP, routing as the nodes saw them) are told apart from the hardware.
  const plantErrors = count(hardware.filter((f) => f.id.startsWith('plant.')), 'error');
  const hardwareErrors = count(hardware, 'error') - plantErrors;
  const notYet = missing.length ? ` Not discovered yet: ${names(missing)}.` : '';
  if (hardwareErrors + plantErrors > 0) {
    const parts = [
      hardwareErrors ? `the discovered hardware does not match the plan: ${plural(hardwareErrors, 'error')}` : '',
      plantErrors ? `the plant's services do not answer the nodes as planned: ${plural(plantErrors, 'error')}` : '',
    ].filter(Boolean);
    const text = parts.join('; ');
    return { state: 'problem', text: `${text.charAt(0).toUpperCase()}${text.slice(1)}.${notYet}` };
  }
  if (missing.length === facts.nodes.length) return { state: 'not-done', text: `No node has been discovered yet (${names(missing)}).` };
  if (missing.length) return { state: 'not-done', text: `Not discovered yet: ${names(missing)}.` };
  const all = facts.nodes.length === 1 ? 'The node was discovered' : `All ${facts.nodes.length} nodes were discovered`;
  return { state: 'done', text: `${all} and the hardware matches the plan${warnings ? `; ${plural(warnings, 'warning')} to read` : ''}.` };
}

function secretsItem(facts: ReadinessFacts): Omit<ReadinessItem, 'id' | 'title'> {
  // One line per name: two fields may name the same secret.
  const required = [...new Map(facts.requiredSecrets.map((s) => [s.name, s])).values()];
  if (required.length === 0) return { state: 'done', text: 'The plan names no secret.' };
  const described = (list: readonly RequiredSecret[]) => list.map((s) => `${s.name} (${s.what})`).join(', ');
  if (facts.storedSecrets === undefined) {
    return { state: 'unknown', text: `The plan needs ${described(required)}. ${facts.unknown?.secrets ?? UNKNOWN.secrets}` };
  }
  const stored = new Set(facts.storedSecrets);
  const missing = required.filter((s) => !stored.has(s.name));
  if (missing.length) return { state: 'not-done', text: `Not in the secret store yet: ${described(missing)}.` };
  return { state: 'done', text: `Stored: ${names(required.map((s) => s.name))}.` };
}

function bundleItem(facts: ReadinessFacts, planErrors: number): Omit<ReadinessItem, 'id' | 'title'> {
  const bundle = facts.bundle;
  if (bundle === undefined) return { state: 'unknown', text: facts.unknown?.bundle ?? UNKNOWN.bundle };
  if (!bundle.written) return { state: 'not-done', text: bundle.note ?? 'No bundle has been written yet.' };
  if (bundle.forced) {
    const what = planErrors ? plural(planErrors, 'error') : 'errors';
    return { state: 'problem', text: `Written with ${what} overridden ("Generate anyway" / --force, recorded in validation.json): fix them and write it again.` };
  }
  return { state: 'done', text: 'Written with no finding overridden.' };
}

function exportItem(facts: ReadinessFacts): Omit<ReadinessItem, 'id' | 'title'> {
  const exported = facts.exported;
  if (exported === undefined) return { state: 'unknown', text: facts.unknown?.export ?? UNKNOWN.export };
  switch (exported.state) {
    case 'none':
      return { state: 'not-done', text: exported.note ?? 'Not exported to the sites repository yet.' };
    case 'this-commit':
      return { state: 'done', text: 'This bundle is the content of the export commit on the site branch.' };
    case 'committed':
      return { state: 'done', text: `Committed ${exported.oid.slice(0, 7)} on ${exported.branch}.` };
  }
}

export function readiness(facts: ReadinessFacts): Readiness {
  const plan = planItem(facts);
  const planErrors = count(facts.findings.filter((f) => !isHardwareFinding(f)), 'error');
  const parts: Record<ReadinessItemId, Omit<ReadinessItem, 'id' | 'title'>> = {
    plan,
    hardware: hardwareItem(facts),
    secrets: secretsItem(facts),
    bundle: bundleItem(facts, planErrors),
    export: exportItem(facts),
  };
  const items = READINESS_ITEMS.map((id) => ({ id, title: READINESS_TITLES[id], ...parts[id] }));
  const ready = items.every((i) => i.state === 'done');
  return { ready, summary: readinessSummary(items), items };
}

function readinessSummary(items: readonly ReadinessItem[]): string {
  if (items.every((i) => i.state === 'done')) return 'Ready: every item of the checklist is done.';
  const n = (state: ReadinessState) => items.filter((i) => i.state === state).length;
  const parts = [
    n('problem') && plural(n('problem'), 'problem'),
    n('not-done') && `${n('not-done')} not done`,
    n('unknown') && `${n('unknown')} not known here`,
  ].filter(Boolean);
  return `Not ready: ${parts.join(', ')}.`;
}
