// Section 10: the live cluster as Sitekit last verified it (sitekit cluster verify, or the
// Cluster step's Verify): when, the nodes, the checks against the plan, operators, storage,
// Argo CD applications, drift from the bundle and HA readiness. Read from
// .sitekit/cluster/verification.json by the caller; without it the section says the site was
// not verified on a live cluster yet. It never holds a secret (LiveVerification has none).
import type { DriftObject, HaFinding, HaSources, LiveCheck, LiveVerification, OperatorCondition } from '../../cluster/types';
import { verificationProblems } from '../../cluster/verification-verdict';
import { plural, time, type ReportContext } from '../context';
import { esc } from '../escape';
import { dash, kv, section, table } from './frame';

export const NOT_VERIFIED = 'Not verified on a live cluster yet';

const NUM = 10;
const ID = 'live-cluster';
const TITLE = 'Live cluster';

const mark = (ok: boolean | undefined, yes = '✓', no = '✗'): string =>
  ok === undefined ? `<span class="mark unknown">?</span>` : ok ? `<span class="mark ok">${yes}</span>` : `<span class="mark bad">${no}</span>`;
const code = (v: string | undefined) => (v ? `<code>${esc(v)}</code>` : dash);
const words = (v: string | undefined) => (v ? esc(v) : dash);

const CHECK_BADGE: Record<LiveCheck['state'], string> = {
  ok: '<span class="badge ok">✓ ok</span>',
  mismatch: '<span class="badge error">✗ differs from the plan</span>',
  unknown: '<span class="badge unknown">? not known</span>',
};

export function liveClusterSection(ctx: ReportContext): string {
  const stored = ctx.input.liveCluster;
  if (!stored || stored.state === 'absent') {
    return section(
      NUM,
      ID,
      TITLE,
      `<p class="note not-probed"><strong>${NOT_VERIFIED}.</strong> Once the cluster is installed, run ` +
        '<code>sitekit cluster verify site.yaml</code> (or Verify in the Cluster step): it compares the live cluster with the plan ' +
        'and the bundle, and this section then shows the result.</p>',
    );
  }
  if (stored.state === 'unreadable') {
    return section(
      NUM,
      ID,
      TITLE,
      `<p class="note not-probed"><strong>The stored verification cannot be read.</strong> ${esc(stored.problem)}.</p>`,
    );
  }
  return section(NUM, ID, TITLE, verifiedBody(stored.verification));
}

function verifiedBody(v: LiveVerification): string {
  // The words follow the stored data, not only its state (a file written by an older Sitekit may say 'ok' with less checked).
  const problems = verificationProblems(v);
  const status =
    v.state === 'ok' && problems.length === 0
      ? '<div class="status" data-live="ok"><div class="big">The live cluster matches the plan</div></div>'
      : `<div class="status errors" data-live="problems"><div><div class="big">The live cluster has problems</div>` +
        `<div>${esc(problems.length ? problems.join(' · ') : 'see below')}</div></div></div>`;
  return (
    status +
    kv([
      ['Verified', esc(time(v.verifiedAt))],
      ['API server', code(v.server)],
      ['Kubernetes', v.kubernetesVersion ? esc(v.kubernetesVersion) : undefined],
      ['OpenShift', v.openshiftVersion ? esc(v.openshiftVersion) : undefined],
    ]) +
    '<h3>Nodes</h3>' +
    (v.nodes.length
      ? table(
          ['Node', 'Ready', 'Roles', 'Addresses', 'Schedulable'],
          v.nodes.map((n) => [code(n.name), mark(n.ready), esc(n.roles.join(', ')), n.addresses.map((a) => code(a)).join('<br>') || dash, mark(n.schedulable)]),
        )
      : '<p class="note">The cluster reported no nodes.</p>') +
    '<h3>Checks against the plan</h3>' +
    (v.checks.length
      ? table(
          ['Check', 'Node', 'Planned', 'Live', 'State'],
          v.checks.map((c) => [esc(c.title) + (c.note ? `<br><span class="muted">${esc(c.note)}</span>` : ''), words(c.node), esc(c.expected), esc(c.actual), CHECK_BADGE[c.state]]),
        )
      : '<p class="note">No checks were made.</p>') +
    operatorsPart(v.operators) +
    storagePart(v.odf) +
    applicationsPart(v.applications) +
    driftPart(v.drift.objects, v.drift.summary) +
    haPart(v.ha, v.haSources)
  );
}

function operatorsPart(operators: readonly OperatorCondition[]): string {
  if (operators.length === 0) return '<h3>Cluster operators</h3><p class="note">No cluster operators were reported.</p>';
  // A settled operator is one line of the summary; the table lists only those to look at, so a
  // healthy cluster's thirty-odd operators do not take two pages of the handover report.
  const settled = operators.filter((o) => o.available === true && o.progressing === false && o.degraded === false);
  const versions = [...new Set(settled.map((o) => o.version).filter((v): v is string => Boolean(v)))];
  const summary =
    `<p>${settled.length} of ${operators.length} cluster operators available, not progressing and not degraded` +
    (versions.length ? ` (version ${versions.map(esc).join(', ')})` : '') +
    (settled.length === operators.length ? '.' : '; the others:') +
    '</p>';
  const open = operators.filter((o) => !settled.includes(o));
  if (open.length === 0) return '<h3>Cluster operators</h3>' + summary;
  const rows = open.map((o) => [code(o.name), words(o.version), mark(o.available), mark(o.progressing === undefined ? undefined : !o.progressing, 'no', 'yes'), mark(o.degraded === undefined ? undefined : !o.degraded, 'no', 'yes'), words(o.message)]);
  return '<h3>Cluster operators</h3>' + summary + table(['Operator', 'Version', 'Available', 'Progressing', 'Degraded', 'Message'], rows);
}

function storagePart(odf: LiveVerification['odf']): string {
  if (!odf) return '';
  const gib = (b: number | undefined) => (b === undefined ? undefined : `${(b / 1024 ** 4).toFixed(2)} TiB`);
  return (
    '<h3>Storage (ODF)</h3>' +
    kv([
      ['StorageCluster phase', odf.phase ? esc(odf.phase) : undefined],
      ['Ceph health', odf.cephHealth ? esc(odf.cephHealth) : undefined],
      ['Capacity', gib(odf.capacityBytes)],
      ['Used', gib(odf.usedBytes)],
      ['Message', odf.message ? esc(odf.message) : undefined],
    ])
  );
}

function applicationsPart(apps: LiveVerification['applications']): string {
  if (apps.length === 0) return '<h3>Argo CD applications</h3><p class="note">No Argo CD applications were found.</p>';
  return '<h3>Argo CD applications</h3>' + table(['Application', 'Sync', 'Health', 'Message'], apps.map((a) => [code(a.name), words(a.sync), words(a.health), words(a.message)]));
}

function driftPart(objects: readonly DriftObject[], summary: LiveVerification['drift']['summary']): string {
  const head =
    '<h3>Drift from the bundle</h3>' +
    `<p>${plural(summary.same, 'object')} as in the bundle, ${summary.different} different, ${summary.missing} missing, ${summary.unknown} not known.</p>`;
  const off = objects.filter((o) => o.state !== 'same');
  if (off.length === 0) return head;
  const rows = off.map((o) => {
    const diffs = o.differences.slice(0, 20).map((d) => `<code>${esc(d.path)}</code>: ${esc(d.expected)} → ${esc(d.actual)}`);
    if (o.differences.length > 20) diffs.push(`<span class="muted">and ${o.differences.length - 20} more</span>`);
    return [
      `${esc(o.kind)} <code>${esc(o.namespace ? `${o.namespace}/${o.name}` : o.name)}</code><br><span class="muted">${esc(o.file)}</span>`,
      esc(o.state),
      esc(o.managedBy),
      diffs.join('<br>') || words(o.message),
    ];
  });
  return head + table(['Object', 'State', 'Kept in line by', 'Differences'], rows);
}

/** Skipped entries shown in the report; the stored list holds at most 100 anyway. */
const SKIPPED_SHOWN = 20;

/**
 * Which sources the HA check read: the sites-repository folder and how many files, or that it
 * was not given. The stored file is read back loosely, so every field is checked before use.
 */
function haSourcesPart(sources: HaSources | undefined): string {
  const dir = typeof sources?.manifestsDir === 'string' ? sources.manifestsDir : undefined;
  const files = typeof sources?.files === 'number' && Number.isInteger(sources.files) && sources.files >= 0 ? sources.files : undefined;
  if (dir === undefined && files === undefined) {
    return (
      '<p class="note" data-ha-manifests="not-checked">Sites-repository manifests not checked: give the folder ' +
      '(<code>sitekit cluster verify site.yaml --manifests &lt;folder&gt;</code>, or the folder to check in the Cluster step\'s Verify) ' +
      'so the workloads are also checked where they are written, with file and line.</p>'
    );
  }
  const skipped = Array.isArray(sources?.skipped) ? sources.skipped.filter((s): s is string => typeof s === 'string') : [];
  const list = skipped.slice(0, SKIPPED_SHOWN).map((s) => `<li><code>${esc(s)}</code></li>`);
  if (skipped.length > SKIPPED_SHOWN) list.push(`<li class="muted">and ${skipped.length - SKIPPED_SHOWN} more</li>`);
  return (
    `<p data-ha-manifests="checked">Manifests checked: <code>${esc(dir ?? 'given files')}</code> (${plural(files ?? 0, 'file')})` +
    (skipped.length ? `; left out:</p><ul class="ha-skipped">${list.join('')}</ul>` : '.</p>')
  );
}

function haPart(findings: readonly HaFinding[], sources?: HaSources): string {
  const head = '<h3>HA readiness</h3>' + haSourcesPart(sources);
  if (findings.length === 0) {
    // Only what the rules look at (ha/rules.ts): no claim about what they do not (storage pinned to a node, capacity, …).
    return (
      head +
      '<p class="note">No HA findings: no workload checked runs a single replica, has replicas that may all land on one node, ' +
      'has a disruption budget that blocks a drain, needs more hosts than the cluster has, or elects a leader without a Lease. ' +
      "The platform's own namespaces (openshift-*, kube-*) are left out unless the site put workloads there.</p>"
    );
  }
  const rows = findings.map((f) => [
    `<span class="badge ${f.severity}">${esc(f.severity)}</span>`,
    `${esc(f.object.kind)} <code>${esc(f.object.namespace ? `${f.object.namespace}/${f.object.name}` : f.object.name)}</code><br><span class="muted">${esc(f.where)}</span>`,
    `${esc(f.message)}<br><span class="muted">${esc(f.fix)}</span>`,
    `<code>${esc(f.rule)}</code>`,
  ]);
  return head + table(['Severity', 'Object', 'Finding and fix', 'Rule'], rows);
}
