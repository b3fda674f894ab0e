// Watching an agent install from the laptop, like `openshift-install agent wait-for
// bootstrap-complete` then `install-complete`: the agent API on the rendezvous host while it
// answers (nodes discovered, writing the image, rebooting, joined), then the cluster's own API
// (ClusterVersion, ClusterOperators, Nodes) until the cluster is installed. The rendezvous host
// is the bootstrap node: it reboots into the cluster near the end, and its agent API is gone for
// good; that is the moment to switch. Cancellable at any point; every step is reported.
import type { Site } from '../../site/schema';
import type { ClusterClient } from '../client';
import { ClusterError, cancelledFailure, toClusterError } from '../failure';
import { abortableSleep, type BackoffOptions } from '../retry';
import type { ClusterFailure, InstallProgress, LiveCheck } from '../types';
import { AgentApiClient, type AgentApiOptions } from './agent-api';
import { agentInstallProgress } from './agent-progress';
import { watchClusterInstall } from './cluster-progress';
import { fetchLivePlanInput } from './live-plan-input';
import { checkLiveAgainstPlan } from './plan-check';
import { duration } from './duration';

export interface WatchInstallOptions {
  site: Site;
  /** The agent API on the rendezvous host; without it Sitekit goes straight to the cluster. */
  agent?: AgentApiOptions | AgentApiClient;
  /** The connected cluster; without it the watch ends when the agent API says installed or goes away. */
  cluster?: ClusterClient;
  signal?: AbortSignal;
  /** Give up after this long (default 3 h: the installer itself allows 60 min bootstrap + 90 min install). */
  timeoutMs?: number;
  onProgress?: (progress: InstallProgress) => void;
  /** The plan checks, as soon as the cluster answers and again at the end. */
  onChecks?: (checks: LiveCheck[]) => void;
  /** Time between two looks at the agent API (a REST API without watches; default 10 s). */
  agentPollMs?: number;
  backoff?: BackoffOptions;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface WatchInstallResult {
  progress: InstallProgress;
  /** The plan checks at the end (absent without a cluster connection). */
  checks?: LiveCheck[];
}

const DEFAULT_TIMEOUT_MS = 3 * 60 * 60 * 1000;
/** Failures that mean "the rendezvous host is not (or no longer) serving": wait, or move on to the cluster. */
const GONE: ReadonlySet<ClusterFailure['kind']> = new Set(['refused', 'timeout', 'unreachable', 'not-ready']);
/** Failed looks in a row after which an agent API that answered before is taken as gone for good. */
const GONE_AFTER_FAILURES = 3;

export async function watchInstall(options: WatchInstallOptions): Promise<WatchInstallResult> {
  const planned = options.site.nodes.map((n) => n.hostname);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const sleep = options.sleep ?? abortableSleep;
  const signal = options.signal;
  let last: InstallProgress | undefined;
  const report = (progress: InstallProgress): InstallProgress => {
    last = progress;
    options.onProgress?.(progress);
    return progress;
  };
  const cancelled = () => new ClusterError(cancelledFailure());

  // 1. The agent API, while it answers.
  let carry: ClusterFailure | undefined;
  if (options.agent) {
    const agent = options.agent instanceof AgentApiClient ? options.agent : new AgentApiClient({ clusterName: options.site.cluster.name, openshiftVersion: options.site.cluster.openshiftVersion, ...options.agent });
    const pollMs = options.agentPollMs ?? 10_000;
    let seen = false;
    let goneStreak = 0;
    for (;;) {
      if (signal?.aborted) throw cancelled();
      if (Date.now() >= deadline) return { progress: timedOut(last, timeoutMs) };
      try {
        const progress = report(agentInstallProgress(await agent.snapshot(signal), planned));
        seen = true;
        goneStreak = 0;
        if (progress.overall.state === 'failed') return { progress };
        if (progress.overall.state === 'done') break;
      } catch (thrown) {
        const error = toClusterError(thrown, { signal });
        if (error.failure.kind === 'cancelled' || signal?.aborted) throw cancelled();
        if (seen && GONE.has(error.failure.kind)) {
          // The rendezvous host rebooted into the cluster: its part is over (a single blip is not a reboot).
          goneStreak += 1;
          if (goneStreak >= GONE_AFTER_FAILURES) break;
        }
        if (!GONE.has(error.failure.kind) && !error.failure.retryable) {
          // A wrong or missing token: follow the cluster instead when there is one, else stop here.
          if (options.cluster) {
            carry = error.failure;
            break;
          }
          return { progress: report(withFailure(last, error.failure)) };
        }
        // Not up yet (nodes still booting the ISO), or the whole install is already past it.
        if (!seen && options.cluster && (await clusterAnswers(options.cluster, signal))) break;
        report(withFailure(last, error.failure));
      }
      try {
        await sleep(pollMs, signal);
      } catch {
        throw cancelled();
      }
    }
  }

  // 2. The cluster's own API, until installed.
  const cluster = options.cluster;
  if (!cluster) {
    const progress = last ?? report(withFailure(undefined, noWayToWatch()));
    if (progress.overall.state !== 'done') {
      return {
        progress: report({
          ...progress,
          at: new Date().toISOString(),
          overall: {
            ...progress.overall,
            state: 'unknown',
            message: 'The rendezvous host stopped answering: it reboots into the cluster at the end of its own install. Connect to the cluster (its kubeconfig) to follow the rest.',
          },
        }),
      };
    }
    return { progress };
  }

  let checked = false;
  const runChecks = async (): Promise<LiveCheck[] | undefined> => {
    try {
      const checks = checkLiveAgainstPlan(options.site, await fetchLivePlanInput(cluster, { signal }));
      options.onChecks?.(checks);
      return checks;
    } catch (error) {
      if (signal?.aborted) throw cancelled();
      throw error;
    }
  };
  let pendingChecks: Promise<LiveCheck[] | undefined> | undefined;
  const progress = await watchClusterInstall(cluster, planned, {
    signal,
    timeoutMs: Math.max(1, deadline - Date.now()),
    backoff: options.backoff,
    sleep: options.sleep,
    onProgress: (update) => {
      // The agent API's refusal stays visible until the cluster is installed (then it no longer matters).
      const shown = carry && !update.failure && update.overall.state !== 'done' ? { ...update, failure: carry } : update;
      report(shown);
      // As soon as the cluster answers with its version, compare it with the plan (once, in the background).
      if (!checked && update.version?.desired) {
        checked = true;
        pendingChecks = runChecks().catch(() => undefined);
      }
    },
  });
  await pendingChecks;
  const checks = await runChecks();
  const final = carry && !progress.failure && progress.overall.state !== 'done' ? { ...progress, failure: carry } : progress;
  if (final !== last) report(final);
  return { progress: final, ...(checks ? { checks } : {}) };
}

/** One cheap look: does the cluster API answer with a ClusterVersion already (install further along than the agent phase)? */
async function clusterAnswers(cluster: ClusterClient, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    const version = await cluster.get({ apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', name: 'version' }, { signal });
    return version !== undefined;
  } catch {
    if (signal?.aborted) throw new ClusterError(cancelledFailure());
    return false;
  }
}

function withFailure(last: InstallProgress | undefined, failure: ClusterFailure): InstallProgress {
  const base: InstallProgress = last ?? {
    source: 'none',
    at: new Date().toISOString(),
    overall: { state: 'waiting', message: failure.message },
    nodes: [],
  };
  return { ...base, at: new Date().toISOString(), failure };
}

function timedOut(last: InstallProgress | undefined, timeoutMs: number): InstallProgress {
  const failure: ClusterFailure = {
    kind: 'timeout',
    message: `The install did not finish within ${duration(timeoutMs)}${last ? `: ${last.overall.message}` : '.'} Look at the nodes' consoles for what holds them.`,
    retryable: true,
  };
  return withFailure(last, failure);
}

function noWayToWatch(): ClusterFailure {
  return {
    kind: 'no-kubeconfig',
    message: 'Neither the agent API nor the cluster can be watched: give the rendezvous host address (and its token) or import the kubeconfig.',
    retryable: false,
  };
}
