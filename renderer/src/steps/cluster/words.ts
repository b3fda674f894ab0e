// Plain words for the Cluster step: states, failure headlines and what to do, outcomes of an
// apply. The host's own sentence (ClusterFailure.message, a stage's or item's message) is always
// shown as well; these add a short headline and the advice in the app's terms (fields, buttons).
import type {
  ApplyOutcome,
  ClusterFailure,
  ClusterFailureKind,
  DriftObject,
  LiveCheck,
  ProgressState,
} from '../../../../main/core/cluster/types';

export const STATE_WORDS: Record<ProgressState, string> = {
  waiting: 'Waiting',
  running: 'In progress',
  done: 'Done',
  failed: 'Failed',
  unknown: 'Not known yet',
};

/** PatternFly status of a label for a state. */
export function stateStatus(state: ProgressState): 'success' | 'danger' | 'info' | 'warning' | undefined {
  switch (state) {
    case 'done':
      return 'success';
    case 'failed':
      return 'danger';
    case 'running':
      return 'info';
    case 'unknown':
      return 'warning';
    default:
      return undefined;
  }
}

export const CHECK_WORDS: Record<LiveCheck['state'], string> = { ok: 'Matches', mismatch: 'Differs', unknown: 'Not known yet' };

export const OUTCOME_WORDS: Record<ApplyOutcome, string> = {
  created: 'Created',
  changed: 'Changed',
  unchanged: 'Unchanged',
  conflict: 'Conflict',
  failed: 'Failed',
  skipped: 'Skipped',
};

export const DRIFT_WORDS: Record<DriftObject['state'], string> = {
  same: 'Same as the bundle',
  different: 'Differs',
  missing: 'Missing on the cluster',
  unknown: 'Could not be read',
};

/** A verification stopped with Stop: the host saves a verification only when it finishes. */
export const VERIFY_STOPPED = 'Stopped; nothing was saved.';
/** A drift check stopped with Stop (a drift check saves nothing anyway). */
export const DRIFT_STOPPED = 'Stopped before the drift check finished.';

/** A short headline per failure kind; the failure's own message says the rest. */
const FAILURE_TITLES: Record<ClusterFailureKind, string> = {
  'no-kubeconfig': 'No kubeconfig yet',
  'bad-kubeconfig': 'The kubeconfig cannot be used',
  dns: 'The API name does not resolve',
  refused: 'The API refused the connection',
  timeout: 'The API did not answer in time',
  unreachable: 'The API address cannot be reached',
  'tls-untrusted': 'The API server’s certificate is not trusted',
  'tls-name': 'The certificate is for another name',
  'pin-unknown': 'The API server’s CA must be accepted first',
  'pin-changed': 'The API server’s CA has changed',
  unauthorized: 'The kubeconfig was not accepted (401)',
  forbidden: 'The kubeconfig’s user may not do this (403)',
  'not-ready': 'The API is not ready yet',
  'rate-limited': 'The API asked to slow down (429)',
  http: 'The API answered with an error',
  cancelled: 'Stopped',
};

export function failureTitle(failure: Pick<ClusterFailure, 'kind'>): string {
  return FAILURE_TITLES[failure.kind] ?? 'Something went wrong';
}

/** Advice in the step's own terms, when there is something on this screen to do about it. */
export function failureAdvice(failure: Pick<ClusterFailure, 'kind'>, vips: readonly string[]): string | undefined {
  switch (failure.kind) {
    case 'dns':
      return vips.length
        ? `Choose "API VIP ${vips[0]}" under "Reach the API through" and connect again: the name is still checked in the certificate.`
        : 'Choose "Another address" under "Reach the API through" and type the API VIP, then connect again.';
    case 'refused':
    case 'unreachable':
    case 'timeout':
      return 'Check that the laptop is cabled to the cluster network and that the address is right, then try again. While the cluster installs, the API answers only after the first reboot.';
    case 'not-ready':
    case 'rate-limited':
      return 'Wait a minute and try again.';
    case 'no-kubeconfig':
    case 'bad-kubeconfig':
    case 'unauthorized':
      return 'Give the install folder of this cluster (the folder openshift-install agent create image ran in), or the auth/kubeconfig in it, and connect again.';
    case 'tls-name':
      return 'Use the kubeconfig of this cluster; when going through an address, the certificate must still carry the API name.';
    default:
      return undefined;
  }
}

/** `2026-11-21T10:02:03Z` → a local date and time; the text as given when it is not a date. */
export function formatWhen(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/** Bytes as a technician reads capacity: `1.5 TiB`, `800 GiB`. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value < 10 && unit > 0 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/** `Deployment openshift-gitops/cluster` — how an object is named in lists. */
export function objectName(o: { kind: string; name: string; namespace?: string | undefined }): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** Mean of the node percentages when the source gives no overall one. */
export function overallPercent(overall: { percent?: number | undefined; state: ProgressState }, nodes: ReadonlyArray<{ percent?: number | undefined; state: ProgressState }>): number | undefined {
  if (overall.percent !== undefined) return clampPercent(overall.percent);
  if (overall.state === 'done') return 100;
  const known = nodes.map((n) => (n.state === 'done' ? 100 : n.percent)).filter((p): p is number => p !== undefined);
  if (!known.length) return undefined;
  return clampPercent(known.reduce((a, b) => a + b, 0) / known.length);
}

export const clampPercent = (p: number) => Math.max(0, Math.min(100, Math.round(p)));
