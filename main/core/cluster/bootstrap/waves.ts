// Following what the bootstrap started until it is done, with watches (watchUntil: LIST, then
// WATCH from its resourceVersion), never a poll. A stage is a set of trackers run side by side;
// each follows one kind and turns what it sees into ProgressItems (judges.ts). The stage is
// done when every item is done, and failed as soon as one item failed (the others are stopped,
// so no watch is left open) or when its time is up.
//
// What a wave's child Application deploys is followed object by object, from the bundle's
// folder of that Application: Subscriptions → their CSVs Succeeded; NNCPs → one enactment per
// selected node, Available or Failing with nmstate's message; LocalVolumes → exactly the planned
// PVs; StorageCluster phase and its CephCluster's health; HyperConverged Available; NADs present.
import { ClusterError, refOf, type ClusterClient, type KubeObject } from '../client';
import { cancelledFailure } from '../failure';
import type { ClusterFailure, ObjectRef, ProgressItem, ProgressState } from '../types';
import { watchUntil, type WatchTarget } from '../watch-until';
import {
  csvNameOf,
  csvRef,
  enactmentName,
  judgeApplication,
  judgeArgoCd,
  judgeCephCluster,
  judgeCsv,
  judgeEnactment,
  judgeHyperConverged,
  judgeLocalPvs,
  judgePresent,
  judgeStorageCluster,
  judgeSubscription,
  PV_OWNER_KIND,
  type PlannedLocalVolume,
} from './judges';
import type { PlannedApplication, PlannedWave } from './plan';

export interface TrackContext {
  client: ClusterClient;
  signal: AbortSignal;
  /** Epoch ms when the stage gives up. */
  deadline: number;
  report(items: ProgressItem[]): void;
  onRetry(failure: ClusterFailure): void;
}

/** Follows some objects; resolves with its final state ('waiting' = time ran out first). */
export interface Tracker {
  initial: ProgressItem[];
  run(context: TrackContext): Promise<ProgressState>;
  /** One fresh LIST and judgement (no watch): the last look before a stage reports its failure. */
  look(context: TrackContext): Promise<ProgressItem[]>;
}

/** How watchUntil keys its map: namespace/name, or name for cluster-scoped objects. */
const keyOf = (ref: { name: string; namespace?: string }) => (ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name);

function overall(items: readonly ProgressItem[]): ProgressState {
  if (items.some((i) => i.state === 'failed')) return 'failed';
  if (items.every((i) => i.state === 'done')) return 'done';
  return 'running';
}

/** Follows one watch target until the judged items are all done or one failed. */
async function follow(context: TrackContext, target: WatchTarget, judge: (objects: ReadonlyMap<string, KubeObject>) => ProgressItem[]): Promise<ProgressState> {
  const timeoutMs = Math.max(0, context.deadline - Date.now());
  const result = await watchUntil<KubeObject, ProgressItem>(
    context.client,
    target,
    (objects) => {
      const items = judge(objects);
      return { state: overall(items), message: '', items };
    },
    {
      signal: context.signal,
      timeoutMs,
      onProgress: (judgement) => context.report(judgement.items ?? []),
      onRetry: (failure) => context.onRetry(failure),
    },
  );
  context.report(result.items ?? []);
  return result.timedOut ? 'waiting' : result.state;
}

/** One LIST of the target, judged (what follow would judge first). */
async function look(context: TrackContext, target: WatchTarget, judge: (objects: ReadonlyMap<string, KubeObject>) => ProgressItem[]): Promise<ProgressItem[]> {
  const { items } = await context.client.list(target.apiVersion, target.kind, {
    namespace: target.namespace,
    labelSelector: target.labelSelector,
    fieldSelector: target.name ? `metadata.name=${target.name}` : undefined,
    signal: context.signal,
  });
  return judge(new Map(items.map((item) => [keyOf(item.metadata), item])));
}

/** A tracker that follows one target with one judge. */
function simpleTracker(initial: ProgressItem[], target: WatchTarget, judge: (objects: ReadonlyMap<string, KubeObject>) => ProgressItem[]): Tracker {
  return { initial, run: (context) => follow(context, target, judge), look: (context) => look(context, target, judge) };
}

// ---------------------------------------------------------------------------------------
// Trackers
// ---------------------------------------------------------------------------------------

/** Child Applications of a wave (one watch of the Applications in their namespace, the root's state explains a missing child). */
export function applicationsTracker(applications: readonly ObjectRef[], root: ObjectRef): Tracker {
  const namespace = applications[0]?.namespace ?? root.namespace;
  return simpleTracker(
    applications.map((ref) => judgeApplication(ref, undefined)),
    { apiVersion: root.apiVersion, kind: root.kind, namespace },
    (objects) => applications.map((ref) => judgeApplication(ref, objects.get(keyOf(ref)), objects.get(keyOf(root)))),
  );
}

/** A Subscription until OLM resolved it, then its CSV until Succeeded (reported at the CSV). */
export function subscriptionTracker(subscription: ObjectRef): Tracker {
  let csvName: string | undefined;
  const subscriptionTarget: WatchTarget = { apiVersion: subscription.apiVersion, kind: subscription.kind, namespace: subscription.namespace, name: subscription.name };
  const judgeSub = (objects: ReadonlyMap<string, KubeObject>) => {
    const found = objects.get(keyOf(subscription));
    csvName = csvNameOf(found);
    return [judgeSubscription(subscription, found)];
  };
  const csvStep = (name: string) => {
    const csv = csvRef(subscription, name);
    const target: WatchTarget = { apiVersion: csv.apiVersion, kind: csv.kind, namespace: csv.namespace, name: csv.name };
    return { target, judge: (objects: ReadonlyMap<string, KubeObject>) => [judgeCsv(csv, objects.get(keyOf(csv)))] };
  };
  return {
    initial: [judgeSubscription(subscription, undefined)],
    async run(context) {
      const resolved = await follow(context, subscriptionTarget, judgeSub);
      if (resolved !== 'done' || !csvName) return resolved;
      const { target, judge } = csvStep(csvName);
      return follow(context, target, judge);
    },
    async look(context) {
      const items = await look(context, subscriptionTarget, judgeSub);
      if (!csvName) return items;
      const { target, judge } = csvStep(csvName);
      return look(context, target, judge);
    },
  };
}

export function argocdTracker(instance: ObjectRef): Tracker {
  return objectTracker(instance, judgeArgoCd);
}

/** Enactments of the policies on their nodes (one watch of all enactments; they are few). */
export function enactmentsTracker(policies: readonly { policy: string; nodes: string[] }[]): Tracker {
  const expected = policies.flatMap(({ policy, nodes }) =>
    nodes.map((node) => ({ policy, node, ref: { apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkConfigurationEnactment', name: enactmentName(node, policy) } as ObjectRef })),
  );
  return simpleTracker(
    expected.map(({ ref, node, policy }) => judgeEnactment(ref, node, policy, undefined)),
    { apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkConfigurationEnactment' },
    (objects) => expected.map(({ ref, node, policy }) => judgeEnactment(ref, node, policy, objects.get(ref.name))),
  );
}

/** The PVs of the LocalVolumes (one watch of the PVs the Local Storage Operator labels as LocalVolume's). */
export function localVolumesTracker(volumes: readonly { ref: ObjectRef; planned: PlannedLocalVolume }[]): Tracker {
  return simpleTracker(
    volumes.map(({ ref, planned }) => judgeLocalPvs(ref, planned, [])),
    { apiVersion: 'v1', kind: 'PersistentVolume', labelSelector: `${PV_OWNER_KIND}=LocalVolume` },
    (objects) => volumes.map(({ ref, planned }) => judgeLocalPvs(ref, planned, objects.values())),
  );
}

/** One object judged by `judge` (StorageCluster, CephCluster, HyperConverged). */
export function objectTracker(ref: ObjectRef, judge: (ref: ObjectRef, object: KubeObject | undefined) => ProgressItem): Tracker {
  return simpleTracker([judge(ref, undefined)], { apiVersion: ref.apiVersion, kind: ref.kind, namespace: ref.namespace, name: ref.name }, (objects) => [
    judge(ref, objects.get(keyOf(ref))),
  ]);
}

/** Objects that only need to exist (NADs), one watch per namespace. */
export function presenceTracker(refs: readonly ObjectRef[]): Tracker {
  const first = refs[0]!;
  return simpleTracker(refs.map((ref) => judgePresent(ref, undefined)), { apiVersion: first.apiVersion, kind: first.kind, namespace: first.namespace }, (objects) =>
    refs.map((ref) => judgePresent(ref, objects.get(keyOf(ref)))),
  );
}

/** Trackers one after the other (the ArgoCD kind exists only once the operator's CSV succeeded). */
export function sequenceTracker(trackers: readonly Tracker[]): Tracker {
  return {
    initial: trackers.flatMap((t) => t.initial),
    async run(context) {
      const current = trackers.map((t) => t.initial);
      for (const [index, tracker] of trackers.entries()) {
        const state = await tracker.run({
          ...context,
          report: (items) => {
            current[index] = items;
            context.report(current.flat());
          },
        });
        if (state !== 'done') return state;
      }
      return 'done';
    },
    async look(context) {
      const items: ProgressItem[] = [];
      for (const tracker of trackers) items.push(...(await tracker.look(context)));
      return items;
    },
  };
}

// ---------------------------------------------------------------------------------------
// From the bundle's objects to trackers
// ---------------------------------------------------------------------------------------

/** The nodes an NNCP selects: its kubernetes.io/hostname, else (any other selector or none) every planned node. */
function policyNodes(policy: KubeObject, nodes: readonly string[]): string[] {
  const selector = (policy.spec as { nodeSelector?: Record<string, string> } | undefined)?.nodeSelector ?? {};
  const hostname = selector['kubernetes.io/hostname'];
  return hostname !== undefined ? [hostname] : [...nodes];
}

function plannedLocalVolume(volume: KubeObject): PlannedLocalVolume {
  const spec = volume.spec as {
    nodeSelector?: { nodeSelectorTerms?: { matchExpressions?: { key?: string; operator?: string; values?: string[] }[] }[] };
    storageClassDevices?: { storageClassName?: string; devicePaths?: string[] }[];
  };
  const nodes = (spec?.nodeSelector?.nodeSelectorTerms ?? [])
    .flatMap((t) => t.matchExpressions ?? [])
    .filter((e) => e.key === 'kubernetes.io/hostname' && e.operator === 'In')
    .flatMap((e) => e.values ?? []);
  const devices = spec?.storageClassDevices ?? [];
  return {
    nodes: [...new Set(nodes)],
    storageClass: devices[0]?.storageClassName ?? '',
    devices: devices.reduce((n, d) => n + (d.devicePaths?.length ?? 0), 0),
  };
}

/** The CephCluster ocs-operator makes for a StorageCluster: `<name>-cephcluster` in its namespace. */
export function cephClusterOf(storageCluster: ObjectRef): ObjectRef {
  return { apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', name: `${storageCluster.name}-cephcluster`, ...(storageCluster.namespace ? { namespace: storageCluster.namespace } : {}) };
}

/** What to follow of one child Application's objects. */
export function objectTrackers(applications: readonly PlannedApplication[], nodes: readonly string[]): Tracker[] {
  const objects = applications.flatMap((a) => a.objects.map((o) => o.object));
  const trackers: Tracker[] = [];
  for (const sub of objects.filter((o) => o.kind === 'Subscription')) trackers.push(subscriptionTracker(refOf(sub)));
  const policies = objects.filter((o) => o.kind === 'NodeNetworkConfigurationPolicy').map((p) => ({ policy: p.metadata.name, nodes: policyNodes(p, nodes) }));
  if (policies.length > 0) trackers.push(enactmentsTracker(policies));
  const volumes = objects.filter((o) => o.kind === 'LocalVolume').map((v) => ({ ref: refOf(v), planned: plannedLocalVolume(v) }));
  if (volumes.length > 0) trackers.push(localVolumesTracker(volumes));
  for (const cluster of objects.filter((o) => o.kind === 'StorageCluster')) {
    trackers.push(objectTracker(refOf(cluster), judgeStorageCluster), objectTracker(cephClusterOf(refOf(cluster)), judgeCephCluster));
  }
  for (const hco of objects.filter((o) => o.kind === 'HyperConverged')) trackers.push(objectTracker(refOf(hco), judgeHyperConverged));
  const nads = objects.filter((o) => o.kind === 'NetworkAttachmentDefinition').map(refOf);
  for (const namespace of [...new Set(nads.map((n) => n.namespace))]) trackers.push(presenceTracker(nads.filter((n) => n.namespace === namespace)));
  return trackers;
}

export function waveTrackers(wave: PlannedWave, root: ObjectRef, nodes: readonly string[]): Tracker[] {
  return [applicationsTracker(wave.applications.map((a) => a.ref), root), ...objectTrackers(wave.applications, nodes)];
}

// ---------------------------------------------------------------------------------------
// Running a stage's trackers
// ---------------------------------------------------------------------------------------

export interface FollowResult {
  /** done; failed (an item failed); waiting (time ran out). */
  state: ProgressState;
  items: ProgressItem[];
}

export interface FollowOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  onItems?: (items: ProgressItem[]) => void;
  onRetry?: (failure: ClusterFailure) => void;
}

/**
 * Runs the trackers side by side until all are done, one failed, or time is up. Throws
 * ClusterError when cancelled or when the API refuses in a way waiting does not fix (403…).
 */
export async function followTrackers(client: ClusterClient, trackers: readonly Tracker[], options: FollowOptions): Promise<FollowResult> {
  const current = trackers.map((t) => t.initial);
  const items = () => current.flat();
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const deadline = Date.now() + options.timeoutMs;
  let lastShown = '';
  const show = () => {
    const all = items();
    const text = JSON.stringify(all);
    if (text === lastShown) return;
    lastShown = text;
    options.onItems?.(all);
  };
  show();
  let firstError: unknown;
  const results = await Promise.all(
    trackers.map(async (tracker, index): Promise<ProgressState> => {
      try {
        const state = await tracker.run({
          client,
          signal,
          deadline,
          report: (reported) => {
            if (reported.length > 0) current[index] = reported;
            show();
          },
          onRetry: (failure) => options.onRetry?.(failure),
        });
        if (state !== 'done') stop.abort();
        return state;
      } catch (error) {
        // A tracker stopped because another one ended the stage is not an error of its own.
        if (stop.signal.aborted && !options.signal?.aborted && error instanceof ClusterError && error.failure.kind === 'cancelled') return 'running';
        firstError ??= error;
        stop.abort();
        return 'failed';
      }
    }),
  );
  if (options.signal?.aborted) throw new ClusterError(cancelledFailure());
  if (firstError !== undefined) throw firstError;
  if (results.every((r) => r === 'done')) return { state: 'done', items: items() };
  const failed = results.includes('failed') || items().some((i) => i.state === 'failed');
  if (failed && !items().some((i) => i.state === 'failed' && i.kind !== 'Application')) {
    // An Application reports Degraded because of something it deployed, and that object's own
    // watch may simply not have told us yet: one last LIST of what was stopped, so the failure
    // is reported at the object that broke.
    await Promise.all(
      trackers.map(async (tracker, index) => {
        if (results[index] === 'done') return;
        try {
          current[index] = await tracker.look({ client, signal: options.signal ?? new AbortController().signal, deadline, report: () => undefined, onRetry: () => undefined });
        } catch {
          // keep what the watch last saw
        }
      }),
    );
    if (options.signal?.aborted) throw new ClusterError(cancelledFailure());
    show();
  }
  return { state: failed ? 'failed' : 'waiting', items: items() };
}
