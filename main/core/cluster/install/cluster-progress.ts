// The install as the cluster itself reports it once its API answers: the ClusterVersion (desired
// version, history, conditions Available/Progressing/Failing, the percentage in the Progressing
// message), the ClusterOperators and the Nodes joining and getting Ready. Followed with watches
// (watch-until: LIST then WATCH, never a poll) on the three kinds at once.
//
// The Progressing message formats are the cluster-version-operator's (openshift/
// cluster-version-operator pkg/cvo/status.go, commit 90e9881bd5cdfe4e15fc6e69d9ddab3c18868966):
// "Working towards 4.18.12: 512 of 890 done (57% complete)", "Working towards 4.18.12",
// "Unable to apply 4.18.12: …", "Cluster version is 4.18.12".
import type { ClusterClient, KubeObject } from '../client';
import { ClusterError, cancelledFailure } from '../failure';
import { condition } from '../conditions';
import { nodeRoles, readyCondition } from '../node-facts';
import { oneLine } from '../one-line';
import type { BackoffOptions } from '../retry';
import type { InstallProgress, NodeInstallProgress, OperatorCondition, ProgressState } from '../types';
import { watchUntil, type Judgement } from '../watch-until';
import { duration } from './duration';

export interface ClusterInstallInput {
  /** config.openshift.io/v1 ClusterVersion "version" (absent until the CVO creates it). */
  clusterVersion?: KubeObject;
  /** config.openshift.io/v1 ClusterOperator, all of them. */
  operators: readonly KubeObject[];
  /** v1 Node, all of them. */
  nodes: readonly KubeObject[];
}

/** InstallProgress from the cluster's own objects; done when the cluster is installed and healthy. */
export function clusterInstallProgress(input: ClusterInstallInput, plannedHostnames: readonly string[], at: Date = new Date()): InstallProgress {
  const version = versionOf(input.clusterVersion);
  const operators = input.operators.map(operatorCondition).sort((a, b) => a.name.localeCompare(b.name));
  const nodes = nodeProgress(input.nodes, plannedHostnames);
  const readyNodes = nodes.filter((n) => n.state === 'done').length;
  const healthy = operators.filter((o) => o.available === true && o.degraded !== true).length;
  const installed =
    version.available && version.progressing !== true && operators.length > 0 && healthy === operators.length && readyNodes === nodes.length;

  let state: ProgressState;
  const parts: string[] = [];
  if (!input.clusterVersion) {
    state = 'waiting';
    parts.push('The cluster API answers; the cluster version operator has not reported yet');
  } else if (installed) {
    state = 'done';
    parts.push(`OpenShift ${version.current ?? version.desired ?? ''} is installed`.replace(/ +is/, ' is'));
  } else {
    state = 'running';
    parts.push(version.progressingMessage ?? `Working towards ${version.desired ?? 'the release'}`);
    if (version.failingMessage) parts.push(`Failing: ${version.failingMessage}`);
  }
  if (input.clusterVersion) {
    if (operators.length) parts.push(`${healthy} of ${operators.length} operators available`);
    parts.push(`${readyNodes} of ${nodes.length} nodes Ready`);
  }
  const percent = state === 'done' ? 100 : version.percent;
  return {
    source: 'cluster',
    at: at.toISOString(),
    overall: { state, ...(percent !== undefined ? { percent } : {}), message: `${parts.join('; ')}.` },
    nodes,
    version: {
      ...(version.desired ? { desired: version.desired } : {}),
      ...(version.current ? { current: version.current } : {}),
      ...(version.message ? { message: version.message } : {}),
    },
    operators,
  };
}

export interface WatchClusterInstallOptions {
  signal?: AbortSignal;
  /** Give up after this long: the result is the last progress with a timeout failure. */
  timeoutMs?: number;
  onProgress?: (progress: InstallProgress) => void;
  backoff?: BackoffOptions;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  watchTimeoutSeconds?: number;
}

/** Follows ClusterVersion, ClusterOperators and Nodes until installed (done) or the time is up. */
export async function watchClusterInstall(
  client: ClusterClient,
  plannedHostnames: readonly string[],
  options: WatchClusterInstallOptions = {},
): Promise<InstallProgress> {
  const input: { clusterVersion?: KubeObject; operators: KubeObject[]; nodes: KubeObject[] } = { operators: [], nodes: [] };
  const finished = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, finished.signal]) : finished.signal;
  let last: InstallProgress | undefined;
  let lastShown = '';
  let failure: InstallProgress['failure'];

  const update = (): Judgement => {
    const progress = clusterInstallProgress(input, plannedHostnames);
    if (failure) progress.failure = failure;
    last = progress;
    const shown = JSON.stringify({ ...progress, at: '' });
    if (shown !== lastShown) {
      lastShown = shown;
      options.onProgress?.(progress);
    }
    if (progress.overall.state === 'done') finished.abort();
    // Each watch keeps going until all three together say installed (then `finished` stops them).
    return { state: 'running', message: progress.overall.message };
  };
  const common = {
    signal,
    timeoutMs: options.timeoutMs,
    backoff: options.backoff,
    sleep: options.sleep,
    watchTimeoutSeconds: options.watchTimeoutSeconds,
    onRetry: (retry: NonNullable<InstallProgress['failure']>) => {
      failure = retry;
      update();
    },
  };
  const recovered = () => {
    failure = undefined;
  };

  const watches = [
    watchUntil(client, { apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', name: 'version' }, (objects) => {
      recovered();
      input.clusterVersion = objects.get('version');
      return update();
    }, common),
    watchUntil(client, { apiVersion: 'config.openshift.io/v1', kind: 'ClusterOperator' }, (objects) => {
      recovered();
      input.operators = [...objects.values()];
      return update();
    }, common),
    watchUntil(client, { apiVersion: 'v1', kind: 'Node' }, (objects) => {
      recovered();
      input.nodes = [...objects.values()];
      return update();
    }, common),
  ];
  // A failure that retrying cannot fix (401, 403) in one watch stops the others too.
  let firstError: unknown;
  await Promise.allSettled(
    watches.map((watch) =>
      watch.catch((error: unknown) => {
        if (!finished.signal.aborted) {
          firstError = error;
          finished.abort();
        }
      }),
    ),
  );
  if (last?.overall.state === 'done') return last;
  if (options.signal?.aborted) throw new ClusterError(cancelledFailure());
  if (firstError !== undefined) throw firstError;
  // Every watch ran out of time.
  const progress = last ?? clusterInstallProgress(input, plannedHostnames);
  return {
    ...progress,
    at: new Date().toISOString(),
    failure: {
      kind: 'timeout',
      message: `The cluster did not finish installing within ${duration(options.timeoutMs ?? 0)}: ${progress.overall.message} Look at the operators that are not available and at the nodes that are not Ready.`,
      retryable: true,
    },
  };
}

// ---------------------------------------------------------------------------------------

interface VersionView {
  desired?: string;
  current?: string;
  available: boolean;
  progressing?: boolean;
  percent?: number;
  progressingMessage?: string;
  failingMessage?: string;
  message?: string;
}

function versionOf(clusterVersion: KubeObject | undefined): VersionView {
  if (!clusterVersion) return { available: false };
  const status = (clusterVersion.status ?? {}) as {
    desired?: { version?: string };
    history?: { version?: string; state?: string }[];
  };
  const available = condition(clusterVersion, 'Available');
  const progressing = condition(clusterVersion, 'Progressing');
  const failing = condition(clusterVersion, 'Failing');
  const completed = status.history?.find((h) => h.state === 'Completed')?.version;
  const percentMatch = /\((\d{1,3})% complete\)/.exec(progressing?.message ?? '');
  const failingMessage = failing?.status === 'True' && failing.message ? oneLine(failing.message) : undefined;
  const progressingMessage = progressing?.message ? oneLine(progressing.message) : undefined;
  return {
    desired: status.desired?.version,
    current: completed,
    available: available?.status === 'True',
    progressing: progressing ? progressing.status === 'True' : undefined,
    percent: percentMatch ? Math.min(100, Number(percentMatch[1])) : undefined,
    progressingMessage,
    failingMessage,
    message: failingMessage ?? progressingMessage,
  };
}

function operatorCondition(operator: KubeObject): OperatorCondition {
  const status = (operator.status ?? {}) as { versions?: { name: string; version: string }[] };
  const flag = (type: string) => {
    const c = condition(operator, type);
    return c ? c.status === 'True' : undefined;
  };
  const available = flag('Available');
  const progressing = flag('Progressing');
  const degraded = flag('Degraded');
  const message =
    degraded === true
      ? condition(operator, 'Degraded')?.message
      : progressing === true
        ? condition(operator, 'Progressing')?.message
        : available !== true
          ? condition(operator, 'Available')?.message
          : undefined;
  const version = status.versions?.find((v) => v.name === 'operator')?.version;
  return {
    name: operator.metadata.name,
    available,
    progressing,
    degraded,
    ...(message ? { message: oneLine(message) } : {}),
    ...(version ? { version } : {}),
  };
}

function nodeProgress(nodes: readonly KubeObject[], plannedHostnames: readonly string[]): NodeInstallProgress[] {
  const byName = (name: string) => nodes.find((n) => n.metadata.name === name) ?? nodes.find((n) => n.metadata.name.split('.')[0] === name);
  const used = new Set<string>();
  const result: NodeInstallProgress[] = [];
  for (const name of plannedHostnames) {
    const node = byName(name);
    if (node) used.add(node.metadata.name);
    result.push(node ? nodeState(node, name) : { name, state: 'waiting', stage: 'Not joined yet' });
  }
  for (const node of nodes) if (!used.has(node.metadata.name)) result.push(nodeState(node, node.metadata.name));
  return result;
}

function nodeState(node: KubeObject, name: string): NodeInstallProgress {
  const ready = readyCondition(node);
  const roles = nodeRoles(node);
  const base = { name, ...(roles.length ? { role: roles.join(',') } : {}) };
  if (ready?.status === 'True') return { ...base, state: 'done', stage: 'Joined, Ready', percent: 100 };
  return {
    ...base,
    state: 'running',
    stage: 'Joined, not Ready',
    ...(ready?.message ? { message: oneLine(ready.message) } : {}),
  };
}
