// What the plan check reads from the live cluster, as plain objects (the JSON the API server
// sends), so the verify step and the tests can hand it in directly; fetchLivePlanInput reads it
// with one request per source. A source that is not there yet (no NMState CRD before the GitOps
// waves install the operator, a GET that failed) is left out with the reason why.
import { toClusterError } from '../failure';
import type { ClusterClient, KubeObject } from '../client';

export type LivePlanSource = 'clusterVersion' | 'nodes' | 'nodeNetworkStates' | 'infrastructure' | 'scheduler';

export interface LivePlanInput {
  /** config.openshift.io/v1 ClusterVersion "version". */
  clusterVersion?: KubeObject;
  /** v1 Node, all of them. */
  nodes?: KubeObject[];
  /** nmstate.io/v1beta1 NodeNetworkState, one per node (named after it). */
  nodeNetworkStates?: KubeObject[];
  /** config.openshift.io/v1 Infrastructure "cluster". */
  infrastructure?: KubeObject;
  /** config.openshift.io/v1 Scheduler "cluster". */
  scheduler?: KubeObject;
  /** Why a source is missing, in one sentence. */
  unavailable?: Partial<Record<LivePlanSource, string>>;
}

export const LIVE_PLAN_REFS = {
  clusterVersion: { apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', name: 'version' },
  infrastructure: { apiVersion: 'config.openshift.io/v1', kind: 'Infrastructure', name: 'cluster' },
  scheduler: { apiVersion: 'config.openshift.io/v1', kind: 'Scheduler', name: 'cluster' },
  nodes: { apiVersion: 'v1', kind: 'Node' },
  nodeNetworkStates: { apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkState' },
} as const;

/** Reads every source in parallel (five requests); only a cancel is thrown, other failures become `unavailable`. */
export async function fetchLivePlanInput(client: ClusterClient, options: { signal?: AbortSignal } = {}): Promise<LivePlanInput> {
  const { signal } = options;
  const input: LivePlanInput = {};
  const unavailable: Partial<Record<LivePlanSource, string>> = {};
  const attempt = async <T>(source: LivePlanSource, read: () => Promise<T | undefined>, absent: string, missingKind?: string) => {
    try {
      const value = await read();
      if (value === undefined) unavailable[source] = absent;
      return value;
    } catch (thrown) {
      const error = toClusterError(thrown, { signal });
      if (error.failure.kind === 'cancelled') throw error;
      unavailable[source] = error.kindMissing && missingKind ? missingKind : error.failure.message;
      return undefined;
    }
  };
  const [clusterVersion, nodes, nodeNetworkStates, infrastructure, scheduler] = await Promise.all([
    attempt('clusterVersion', () => client.get(LIVE_PLAN_REFS.clusterVersion, { signal }), 'The cluster has no ClusterVersion yet: the cluster version operator has not started.'),
    attempt('nodes', async () => (await client.list('v1', 'Node', { signal })).items, 'The cluster lists no nodes yet.'),
    attempt(
      'nodeNetworkStates',
      async () => (await client.list(LIVE_PLAN_REFS.nodeNetworkStates.apiVersion, 'NodeNetworkState', { signal })).items,
      'NMState has not reported any node yet.',
      'The NMState operator is not installed yet (a GitOps wave installs it): the MACs can be checked after that wave.',
    ),
    attempt('infrastructure', () => client.get(LIVE_PLAN_REFS.infrastructure, { signal }), 'The cluster has no Infrastructure "cluster" object yet.'),
    attempt('scheduler', () => client.get(LIVE_PLAN_REFS.scheduler, { signal }), 'The cluster has no Scheduler "cluster" object yet.'),
  ]);
  if (clusterVersion) input.clusterVersion = clusterVersion;
  if (nodes) input.nodes = nodes;
  if (nodeNetworkStates) {
    input.nodeNetworkStates = nodeNetworkStates;
    if (nodeNetworkStates.length === 0) unavailable.nodeNetworkStates = 'NMState has not reported any node yet.';
  }
  if (infrastructure) input.infrastructure = infrastructure;
  if (scheduler) input.scheduler = scheduler;
  if (Object.keys(unavailable).length > 0) input.unavailable = unavailable;
  return input;
}
