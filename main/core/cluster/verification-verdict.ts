// The verdict of one live verification: "the live cluster matches the plan" only when everything
// it looked at is as it should be and nothing it meant to look at went unread. One place for the
// app, the CLI's exit code and the report, so they cannot disagree. Light on purpose (types
// only): the report reads stored verifications without loading the cluster client.
import type { DriftResult, LiveVerification } from './types';

export type VerdictInput = Pick<LiveVerification, 'checks' | 'operators' | 'drift' | 'ha' | 'nodes' | 'applications'> & Partial<Pick<LiveVerification, 'odf'>>;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What keeps the verification from being "ok", one short phrase each (empty: ok). Unknown counts
 * as a problem: a check that could not be made, an object that could not be read, a source that
 * reported nothing proves nothing.
 */
export function verificationProblems(v: VerdictInput): string[] {
  const problems: string[] = [];
  const mismatches = v.checks.filter((c) => c.state === 'mismatch').length;
  const unknownChecks = v.checks.filter((c) => c.state === 'unknown').length;
  if (mismatches) problems.push(`${count(mismatches, 'check differs', 'checks differ')} from the plan`);
  if (unknownChecks) problems.push(`${count(unknownChecks, 'check', 'checks')} could not be made`);
  if (v.checks.length === 0) problems.push('no check against the plan was made');

  if (v.nodes.length === 0) problems.push('the cluster reported no nodes');
  const notReady = v.nodes.filter((n) => !n.ready).map((n) => n.name);
  if (notReady.length) problems.push(`${count(notReady.length, 'node', 'nodes')} not Ready (${notReady.join(', ')})`);

  if (v.operators.length === 0) problems.push('no cluster operators were reported');
  const badOperators = v.operators.filter((o) => o.available !== true || o.degraded === true).length;
  if (badOperators) problems.push(`${count(badOperators, 'cluster operator', 'cluster operators')} not Available or Degraded`);

  // The same bar as the bootstrap's last wave (bootstrap/judges.ts): StorageCluster Ready, Ceph HEALTH_OK.
  if (v.odf && (v.odf.phase !== 'Ready' || v.odf.cephHealth !== 'HEALTH_OK')) {
    problems.push(`storage not healthy (StorageCluster ${v.odf.phase ?? 'not reported'}, Ceph ${v.odf.cephHealth ?? 'not reported'})`);
  }

  // An Application carries a message exactly when it is not Synced and Healthy (verify.ts).
  const badApps = v.applications.filter((a) => a.message !== undefined || a.sync !== 'Synced' || a.health !== 'Healthy').length;
  if (badApps) problems.push(`${count(badApps, 'Argo CD application', 'Argo CD applications')} not Synced and Healthy`);

  const { different, missing, unknown } = v.drift.summary;
  if (different + missing) problems.push(`${count(different + missing, 'object', 'objects')} drifted or missing`);
  if (unknown) problems.push(`${count(unknown, 'bundle object', 'bundle objects')} could not be compared`);

  const haErrors = v.ha.filter((f) => f.severity === 'error').length;
  if (haErrors) problems.push(count(haErrors, 'HA error', 'HA errors'));
  return problems;
}

/** Everything checked is as planned and nothing went unread (see verificationProblems). */
export function isHealthy(v: VerdictInput): boolean {
  return verificationProblems(v).length === 0;
}

/** No object of the bundle differs or is missing (objects that could not be read are not counted here). */
export function driftFree(drift: DriftResult): boolean {
  return drift.summary.different === 0 && drift.summary.missing === 0;
}
