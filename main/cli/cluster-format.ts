// Human output of `sitekit cluster`: the connection, install progress, plan checks, bootstrap
// stages and waves, drift and the verification, as plain lines (coloured on a terminal). Never
// a secret: these types hold none, and the kubeconfig is never passed here.
import type {
  BootstrapProgress,
  ConnectResult,
  DriftResult,
  InstallProgress,
  LiveCheck,
  LiveVerification,
  ProgressState,
} from '../core/cluster/types';
import { verificationProblems } from '../core/cluster/verification-verdict';
import { paint, type Style } from './io';

const STATE_STYLE: Record<ProgressState, Style> = { waiting: 'dim', running: 'cyan', done: 'cyan', failed: 'red', unknown: 'yellow' };
const STATE_WORD: Record<ProgressState, string> = { waiting: 'waiting', running: 'running', done: 'done', failed: 'FAILED', unknown: 'unknown' };
const CHECK_STYLE: Record<LiveCheck['state'], Style> = { ok: 'cyan', mismatch: 'red', unknown: 'yellow' };
const CHECK_WORD: Record<LiveCheck['state'], string> = { ok: 'ok', mismatch: 'DIFFERS', unknown: 'unknown' };

const lines = (list: readonly string[]) => list.map((l) => `${l}\n`).join('');
const pct = (p: number | undefined) => (p === undefined ? '' : ` ${Math.round(p)}%`);
const state = (color: boolean, s: ProgressState) => paint(color, STATE_STYLE[s], STATE_WORD[s]);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatConnect(result: ConnectResult, color: boolean): string {
  const via = result.route.viaAddress ? ` via ${result.route.viaAddress}` : '';
  switch (result.state) {
    case 'connected': {
      const versions = [result.openshiftVersion && `OpenShift ${result.openshiftVersion}`, result.kubernetesVersion && `Kubernetes ${result.kubernetesVersion}`].filter(Boolean).join(', ');
      return lines([`${paint(color, 'cyan', 'connected')} to ${result.route.server}${via}${versions ? ` (${versions})` : ''}${result.user ? ` as ${result.user}` : ''}`]);
    }
    case 'needs-acceptance':
      return lines([
        `${paint(color, 'yellow', 'first contact')} with ${result.route.server}${via}: its ${leafOnly(result) ? 'certificate' : 'certificate authority'} is not accepted yet.`,
        ...identityLines(result),
        ...firstContactAdvice(result),
      ]);
    case 'pin-changed':
      return lines([
        `${paint(color, 'red', 'STOPPED')}: the certificate authority of ${result.route.server}${via} is not the one accepted before.`,
        `  accepted   ${result.pinned?.caSha256 ?? '?'}${result.pinned?.acceptedAt ? ` (${result.pinned.acceptedAt})` : ''}`,
        `  now shown  ${result.identity?.ca.sha256 ?? '?'}`,
        'This happens when the cluster was reinstalled, or when something else answers at this address. If the cluster was',
        'really reinstalled, remove .sitekit/cluster/api-pin.json next to the site file and accept the new CA.',
      ]);
    default:
      return lines([`${paint(color, 'red', 'cannot connect')} to ${result.route.server}${via}: ${result.failure?.message ?? 'unknown failure'}`, ...(result.failure?.detail ? [paint(color, 'dim', `  (${result.failure.detail})`)] : [])]);
  }
}

/** No chain above the server's own certificate: that certificate is what would be pinned. */
const leafOnly = (result: ConnectResult) =>
  result.identity !== undefined && !result.identity.caFromKubeconfig && result.identity.ca.sha256 === result.identity.leaf.sha256;

/**
 * What to check before --accept-ca, by where the CA came from (the app's CaPrompt says the same):
 * the kubeconfig's own CA signed the server's chain (nothing to compare), or the kubeconfig has
 * none and only the top certificate the server showed is known (compare it elsewhere first).
 */
function firstContactAdvice(result: ConnectResult): string[] {
  if (result.identity?.caFromKubeconfig) {
    return [
      'This is the CA in the kubeconfig openshift-install wrote for this cluster, so the server is the cluster that install',
      'made. Accept it with --accept-ca to remember it: from then on Sitekit connects only to a server this CA vouches for.',
    ];
  }
  const leaf = leafOnly(result);
  const what = leaf ? 'certificate' : 'CA';
  return [
    `The kubeconfig has no CA for this server${leaf ? ', and the server showed only its own certificate' : ''}, so Sitekit cannot tell by itself`,
    `that it is your cluster. Check the ${what}'s fingerprint first on a machine that has the cluster's ${leaf ? 'API certificate' : 'CA certificate'}:`,
    `  openssl x509 -noout -fingerprint -sha256 -in ${leaf ? '<server.crt>' : '<ca.crt>'}`,
    `Accept it with --accept-ca only when the two fingerprints are the same. Do not accept it on a network you do not trust:`,
    `a device in between would show its own ${what} here.`,
  ];
}

function identityLines(result: ConnectResult): string[] {
  if (!result.identity) return [];
  const { ca, leaf } = result.identity;
  if (leafOnly(result)) return [`  server     ${leaf.sha256}`, `             ${leaf.subject} (valid to ${leaf.notAfter})`];
  return [`  CA         ${ca.sha256}`, `             ${ca.subject} (valid to ${ca.notAfter})`, `  server     ${leaf.sha256}`, `             ${leaf.subject}`];
}

/** One line: where the install is overall. */
export function installLine(progress: InstallProgress, color: boolean): string {
  const ready = progress.nodes.filter((n) => n.state === 'done').length;
  return `install: ${state(color, progress.overall.state)}${pct(progress.overall.percent)} — ${progress.overall.message} (${ready}/${progress.nodes.length} nodes, from ${progress.source === 'agent-api' ? 'the agent API' : progress.source === 'cluster' ? 'the cluster' : 'nowhere yet'})`;
}

export function formatInstall(progress: InstallProgress, color: boolean): string {
  const out = [installLine(progress, color)];
  if (progress.version?.desired || progress.version?.current) {
    out.push(`  version    ${progress.version.current ?? '?'}${progress.version.desired && progress.version.desired !== progress.version.current ? ` → ${progress.version.desired}` : ''}`);
  }
  for (const n of progress.nodes) {
    out.push(`  ${n.name.padEnd(10)} ${state(color, n.state)}${pct(n.percent)}  ${n.stage}${n.role ? ` [${n.role}]` : ''}${n.message ? ` — ${n.message}` : ''}`);
  }
  const bad = (progress.operators ?? []).filter((o) => o.degraded || o.available === false);
  if (progress.operators?.length) {
    const ok = progress.operators.length - bad.length;
    out.push(`  operators  ${ok}/${progress.operators.length} available and not degraded`);
    for (const o of bad) out.push(`    ${paint(color, o.degraded ? 'red' : 'yellow', o.name)}: ${o.degraded ? 'degraded' : 'not available'}${o.message ? ` — ${o.message}` : ''}`);
  }
  if (progress.failure) out.push(`  ${paint(color, 'red', 'failure')}: ${progress.failure.message}`);
  return lines(out);
}

export function formatChecks(checks: readonly LiveCheck[], color: boolean): string {
  if (checks.length === 0) return '';
  const out = ['checks against the plan:'];
  for (const c of checks) {
    const where = c.node ? ` (${c.node})` : '';
    out.push(`  ${paint(color, CHECK_STYLE[c.state], CHECK_WORD[c.state].padEnd(8))} ${c.title}${where}: planned ${c.expected}, live ${c.actual}`);
    if (c.note) out.push(paint(color, 'dim', `           ${c.note}`));
  }
  return lines(out);
}

/** One line per stage, and the items of the stage that is not done. */
export function formatBootstrap(progress: BootstrapProgress, color: boolean): string {
  const out = [`bootstrap: ${state(color, progress.state)} (${plural(progress.requests, 'request')})`];
  for (const stage of progress.stages) {
    out.push(`  ${state(color, stage.state).padEnd(color ? 16 : 8)} ${stage.title}${stage.message ? ` — ${stage.message}` : ''}`);
    for (const a of stage.applied ?? []) {
      if (a.outcome === 'unchanged' && progress.state === 'done') continue;
      out.push(`      ${a.outcome.padEnd(9)} ${a.kind} ${a.namespace ? `${a.namespace}/` : ''}${a.name}${a.message ? ` — ${a.message}` : ''}`);
      for (const c of a.conflicts ?? []) out.push(paint(color, 'red', `        ${c.field} is owned by ${c.manager}`));
    }
    if (stage.state === 'done') continue;
    for (const item of stage.items ?? []) {
      out.push(`      ${STATE_WORD[item.state].padEnd(9)} ${item.kind} ${item.namespace ? `${item.namespace}/` : ''}${item.name}: ${item.message}`);
      if (item.fix) out.push(`        → ${item.fix}`);
    }
  }
  if (progress.failure) out.push(`${paint(color, 'red', 'failure')}: ${progress.failure.message}`);
  return lines(out);
}

export function formatDrift(drift: DriftResult, color: boolean): string {
  const s = drift.summary;
  const out: string[] = [];
  for (const o of drift.objects) {
    if (o.state === 'same') continue;
    const style: Style = o.state === 'unknown' ? 'yellow' : 'red';
    out.push(`${paint(color, style, o.state)}  ${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}  (${o.file}; kept in line by ${o.managedBy})`);
    for (const d of o.differences) out.push(`    ${d.path}: bundle ${d.expected}, live ${d.actual}`);
    if (o.message) out.push(paint(color, 'dim', `    ${o.message}`));
  }
  out.push(`drift: ${s.same} as in the bundle, ${s.different} different, ${s.missing} missing, ${s.unknown} not known`);
  return lines(out);
}

export function formatVerification(v: LiveVerification, color: boolean): string {
  const out: string[] = [];
  out.push(`verified ${v.server} at ${v.verifiedAt}${v.openshiftVersion ? ` (OpenShift ${v.openshiftVersion})` : ''}`);
  for (const n of v.nodes) {
    out.push(`  ${n.name.padEnd(10)} ${n.ready ? paint(color, 'cyan', 'Ready') : paint(color, 'red', 'NotReady')}  ${n.roles.join(',')}  ${n.addresses.join(' ')}${n.schedulable ? '' : '  (not schedulable)'}`);
  }
  const text = [formatChecks(v.checks, color)];
  const bad = v.operators.filter((o) => o.degraded || o.available === false);
  text.push(lines([`operators: ${v.operators.length - bad.length}/${v.operators.length} available and not degraded`, ...bad.map((o) => `  ${paint(color, 'red', o.name)}: ${o.message ?? (o.degraded ? 'degraded' : 'not available')}`)]));
  if (v.odf) text.push(lines([`ODF: ${v.odf.phase ?? '?'}, Ceph ${v.odf.cephHealth ?? '?'}${v.odf.message ? ` — ${v.odf.message}` : ''}`]));
  if (v.applications.length) {
    text.push(lines(['Argo CD applications:', ...v.applications.map((a) => `  ${a.name}: ${a.sync ?? '?'} / ${a.health ?? '?'}${a.message ? ` — ${a.message}` : ''}`)]));
  }
  text.push(formatDrift(v.drift, color));
  if (v.ha.length) {
    text.push(lines(['HA readiness:', ...v.ha.map((f) => `  ${paint(color, f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'yellow' : 'cyan', f.severity)} ${f.rule} ${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name} (${f.where}): ${f.message}\n    → ${f.fix}`)]));
  }
  return lines(out) + text.join('') + lines([verdictLine(v, color)]);
}

/** The last line of a verification: all fine, or each reason it is not (the app's headline gives the same). */
export function verdictLine(v: LiveVerification, color: boolean): string {
  if (v.state === 'ok') return paint(color, 'cyan', 'the live cluster matches the plan');
  const problems = verificationProblems(v);
  return `${paint(color, 'red', 'the live cluster has problems')}: ${problems.length ? problems.join(' · ') : 'see above'}`;
}
