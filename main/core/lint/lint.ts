// The installer linter: checks a hand-written (or generated) install-config.yaml and
// agent-config.yaml with the rules openshift-install applies (installer.md §4.1–4.4), in its
// wording where it has one, plus the checks it leaves to install time. Never throws.
import type { Step } from '../validation/finding';
import { agentConfigSchemaReports } from './agent-schema';
import { normalizeInput, type Normalized } from './normalize';
import { isObj, type Obj } from './access';
import { positionIn, readInput, type InputDocument } from './document';
import type { InputKind, LintFinding, RuleReport } from './finding';
import { installConfigSchemaReports } from './install-crd';
import { agentHostRules } from './rules/agent-hosts';
import { agentNetworkRules } from './rules/agent-network';
import type { LintContext, LintRule } from './rules/context';
import { installIdentityRules } from './rules/install-identity';
import { installMirrorRules } from './rules/install-mirrors';
import { installNetworkRules } from './rules/install-networks';
import { installPlatformRules } from './rules/install-platforms';
import { installVipRules } from './rules/install-vips';

export interface LintInputs {
  installConfigText: string;
  agentConfigText?: string;
  /** Names used in findings; default install-config.yaml / agent-config.yaml. */
  installConfigFile?: string;
  agentConfigFile?: string;
}

export const LINT_RULES: readonly LintRule[] = [
  ...installIdentityRules,
  ...installNetworkRules,
  ...installVipRules,
  ...installPlatformRules,
  ...installMirrorRules,
  ...agentHostRules,
  ...agentNetworkRules,
];

const STEP: Step = 'export'; // installer inputs belong to Generate & export

export function lintInstallerInputs(inputs: LintInputs): LintFinding[] {
  const files: Record<InputKind, string> = {
    'install-config': inputs.installConfigFile ?? 'install-config.yaml',
    'agent-config': inputs.agentConfigFile ?? 'agent-config.yaml',
  };
  const findings: LintFinding[] = [];
  const docs: Partial<Record<InputKind, InputDocument>> = {};
  const normalized: Partial<Record<InputKind, Normalized>> = {};
  const context: LintContext = {};

  const load = (kind: InputKind, text: string) => {
    const read = readInput(text);
    if (!read.ok) {
      findings.push({ id: 'lint.not-yaml', severity: 'error', path: '', message: read.error, step: STEP, file: files[kind], ...(read.position ? { position: read.position } : {}) });
      return;
    }
    const problem = identityProblem(kind, read.input.data);
    if (problem) {
      findings.push({ id: kind === 'install-config' ? 'lint.not-install-config' : 'lint.not-agent-config', severity: 'error', path: '', message: problem, step: STEP, file: files[kind] });
      return;
    }
    docs[kind] = read.input;
    // Judge what the installer judges: case-insensitive names, deprecated fields converted, defaults set.
    const n = normalizeInput(kind, read.input.data as Obj);
    normalized[kind] = n;
    if (kind === 'install-config') context.installConfig = n.data;
    else context.agentConfig = n.data;
  };
  load('install-config', inputs.installConfigText);
  if (inputs.agentConfigText !== undefined) load('agent-config', inputs.agentConfigText);

  const reports: RuleReport[] = [...(normalized['install-config']?.reports ?? []), ...(normalized['agent-config']?.reports ?? [])];
  if (context.installConfig) reports.push(...installConfigSchemaReports(context.installConfig));
  if (context.agentConfig) reports.push(...agentConfigSchemaReports(context.agentConfig));
  for (const rule of LINT_RULES) {
    try {
      reports.push(...rule(context));
    } catch (error) {
      reports.push({ id: 'internal.rule-failed', severity: 'error', input: 'install-config', path: '', message: `a linter rule failed: ${(error as Error).message}` });
    }
  }
  for (const r of reports) {
    const doc = docs[r.input];
    const path = normalized[r.input]?.toWritten(r.path) ?? r.path;
    const position = doc ? positionIn(doc, path, r.at) : undefined;
    findings.push({ id: r.id, severity: r.severity, path, message: r.message, ...(r.hint ? { hint: r.hint } : {}), step: STEP, ...(position ? { position } : {}), file: files[r.input] });
  }
  return findings.sort(byFileAndPosition(files['install-config']));
}

function identityProblem(kind: InputKind, data: unknown): string | undefined {
  if (!isObj(data)) return `this file is not ${kind === 'install-config' ? 'an install-config' : 'an agent-config'}: it holds ${Array.isArray(data) ? 'a list' : data == null ? 'nothing' : 'a single value'}`;
  if (kind === 'agent-config') {
    // The installer does not require `kind` (its own test files leave it out).
    if (data.kind !== undefined) {
      return data.kind === 'AgentConfig' ? undefined : `this file is not an agent-config: kind is ${JSON.stringify(data.kind)}, expected "AgentConfig"`;
    }
    if ('baseDomain' in data || 'platform' in data) return 'this file is not an agent-config: it looks like an install-config';
    const markers = ['rendezvousIP', 'hosts', 'additionalNTPSources', 'apiVersion'];
    return markers.some((m) => m in data) ? undefined : `this file is not an agent-config: it has none of kind, ${markers.join(', ')}`;
  }
  if (data.kind !== undefined && data.kind !== 'InstallConfig') return `this file is not an install-config: kind is ${JSON.stringify(data.kind)}`;
  const markers = ['baseDomain', 'platform', 'networking', 'controlPlane'];
  return markers.some((m) => m in data) ? undefined : `this file is not an install-config: it has none of ${markers.join(', ')}`;
}

function byFileAndPosition(firstFile: string) {
  return (a: LintFinding, b: LintFinding): number => {
    if (a.file !== b.file) return a.file === firstFile ? -1 : 1;
    const x = a.position ?? { line: Number.MAX_SAFE_INTEGER, col: 0 };
    const y = b.position ?? { line: Number.MAX_SAFE_INTEGER, col: 0 };
    return x.line - y.line || x.col - y.col;
  };
}
