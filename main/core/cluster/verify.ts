// One verification of the live cluster for the handover: the nodes, the checks against the
// plan (install/plan-check.ts), the ClusterOperators (install/cluster-progress.ts), ODF
// (StorageCluster phase, Ceph health and capacity), the Argo CD Applications, the drift of every
// bundle object (drift/compare.ts) and HA readiness (ha/check.ts) of the live workloads and,
// when the caller hands them in (ha/manifest-folder.ts reads a folder), of the manifests of the
// sites repository, with file:line. It only reads. The result is plain data without any secret;
// the caller keeps it (verification-store.ts) for the report.
//
// Fields read: Node status.conditions[type=Ready], status.addresses, spec.unschedulable,
// spec.taints, labels node-role.kubernetes.io/<role> (Kubernetes API reference, Node v1);
// ocs-operator StorageCluster status.phase; Rook CephCluster status.ceph.health,
// status.ceph.capacity.bytesTotal/bytesUsed; Argo CD Application status.sync.status,
// status.health.status (the messages come from bootstrap/judges.ts).
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Site } from '../site/schema';
import { bundleGitopsFiles } from './bootstrap/plan';
import { judgeApplication, judgeCephCluster, judgeStorageCluster } from './bootstrap/judges';
import { ClusterError, type ClusterClient, type KubeObject } from './client';
import { bundleObjectsOf, type BundleFile } from './drift/bundle-objects';
import { driftCheck } from './drift/compare';
import { haCheckLive, haCheckManifestObjects } from './ha/check';
import type { ManifestSkip } from './ha/manifest-folder';
import { readManifests, type ManifestFile } from './ha/manifests';
import type { SourcedObject } from './ha/workload';
import { clusterInstallProgress } from './install/cluster-progress';
import { fetchLivePlanInput, type LivePlanInput } from './install/live-plan-input';
import { checkLiveAgainstPlan } from './install/plan-check';
import { nodeReady, nodeRoles } from './node-facts';
import type { HaFinding, HaSources, InstallProgress, LiveCheck, LiveVerification, ObjectRef } from './types';
import { isHealthy } from './verification-verdict';

export { driftFree, isHealthy, verificationProblems } from './verification-verdict';

export interface VerifyOptions {
  signal?: AbortSignal;
  /** The bundle's files (gitops/…); default: generated from the plan (bundleGitopsFiles). */
  bundle?: readonly BundleFile[];
  /** The server version (`/version` gitVersion) when the caller already has it. */
  kubernetesVersion?: string;
  now?: () => Date;
  /**
   * Manifests of the sites repository ({path, text}, path as the finding shows it): their HA
   * findings join the live ones, `where` = file:line.
   */
  manifests?: readonly ManifestFile[];
  /** Where `manifests` came from (readManifestFolder): the folder and what its walk left out. */
  manifestsFrom?: { dir: string; skipped?: readonly ManifestSkip[] };
}

/** Skipped files listed in the verification; the rest are counted. */
const MAX_SKIPPED_LISTED = 100;
const SEVERITY_ORDER: Record<HaFinding['severity'], number> = { error: 0, warning: 1, info: 2 };

const STORAGE_CLUSTER: ObjectRef = { apiVersion: 'ocs.openshift.io/v1', kind: 'StorageCluster', name: 'ocs-storagecluster', namespace: 'openshift-storage' };
const CEPH_CLUSTER: ObjectRef = { apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', name: 'ocs-storagecluster-cephcluster', namespace: 'openshift-storage' };

export async function verifyCluster(client: ClusterClient, site: Site, options: VerifyOptions = {}): Promise<LiveVerification> {
  const { signal } = options;
  const verifiedAt = (options.now?.() ?? new Date()).toISOString();
  const [{ live, install, checks }, kubernetesVersion] = await Promise.all([
    readSnapshot(client, site, signal),
    options.kubernetesVersion ? Promise.resolve(options.kubernetesVersion) : client.version({ signal }).then((v) => v.gitVersion),
  ]);
  const nodes = live.nodes ?? [];
  const [odf, applications, drift, liveHa, manifestHa] = await Promise.all([
    site.odf.enabled ? odfOf(client, signal) : Promise.resolve(undefined),
    applicationsOf(client, signal),
    driftCheck(client, bundleObjectsOf(options.bundle ?? bundleGitopsFiles(site)), { ...(signal ? { signal } : {}) }),
    haCheckLive(client, { nodes: site.nodes.length, ...(signal ? { signal } : {}) }),
    options.manifests ? haOfManifests(options.manifests, site.nodes.length, signal) : Promise.resolve(undefined),
  ]);
  // Live first, then the repository, each group keeping its order; errors before warnings.
  const ha = [...liveHa, ...(manifestHa?.findings ?? [])].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
  const haSources: HaSources = { live: true };
  if (options.manifests) {
    if (options.manifestsFrom) haSources.manifestsDir = options.manifestsFrom.dir;
    haSources.files = options.manifests.length;
    const skipped = [...(options.manifestsFrom?.skipped ?? []).map((s) => `${s.path}: ${s.reason}`), ...(manifestHa?.skipped ?? [])];
    if (skipped.length > MAX_SKIPPED_LISTED) {
      const more = skipped.length - MAX_SKIPPED_LISTED;
      skipped.splice(MAX_SKIPPED_LISTED, more, `and ${more} more left out`);
    }
    if (skipped.length > 0) haSources.skipped = skipped;
  }
  const openshiftVersion = openshiftVersionOf(live.clusterVersion);
  const verification: LiveVerification = {
    verifiedAt,
    server: client.server,
    ...(kubernetesVersion ? { kubernetesVersion } : {}),
    ...(openshiftVersion ? { openshiftVersion } : {}),
    nodes: nodes.map(nodeView).sort((a, b) => a.name.localeCompare(b.name)),
    checks,
    operators: install.operators ?? [],
    ...(odf ? { odf } : {}),
    applications,
    drift,
    ha,
    haSources,
    state: 'ok',
  };
  verification.state = isHealthy(verification) ? 'ok' : 'problems';
  return verification;
}

/**
 * HA readiness of the repository's manifests, read file by file with a turn of the event loop
 * between them (a large repository must not hold the app's main process), judged together
 * (a budget in one file covers a Deployment in another).
 */
async function haOfManifests(files: readonly ManifestFile[], nodes: number, signal?: AbortSignal): Promise<{ findings: HaFinding[]; skipped: string[] }> {
  const objects: SourcedObject[] = [];
  const skipped: string[] = [];
  for (const file of files) {
    signal?.throwIfAborted();
    const read = readManifests([file]);
    objects.push(...read.objects);
    for (const s of read.skipped) skipped.push(`${s.path}${s.line !== undefined ? `:${s.line}` : ''}: ${s.reason}`);
    await nextTurn();
  }
  return { findings: haCheckManifestObjects(objects, { nodes }), skipped };
}

/** Where the install is now and how the cluster compares with the plan, from one look (no watch). */
export async function clusterSnapshot(client: ClusterClient, site: Site, options: { signal?: AbortSignal } = {}): Promise<{ install: InstallProgress; checks: LiveCheck[] }> {
  const { install, checks } = await readSnapshot(client, site, options.signal);
  return { install, checks };
}

/** One read of what the plan checks need and of the ClusterOperators, judged both ways. */
async function readSnapshot(client: ClusterClient, site: Site, signal?: AbortSignal): Promise<{ live: LivePlanInput; install: InstallProgress; checks: LiveCheck[] }> {
  const [live, operators] = await Promise.all([fetchLivePlanInput(client, { signal }), listOrEmpty(client, 'config.openshift.io/v1', 'ClusterOperator', signal)]);
  const install = clusterInstallProgress(
    { ...(live.clusterVersion ? { clusterVersion: live.clusterVersion } : {}), operators, nodes: live.nodes ?? [] },
    site.nodes.map((n) => n.hostname),
  );
  return { live, install, checks: checkLiveAgainstPlan(site, live) };
}

async function listOrEmpty(client: ClusterClient, apiVersion: string, kind: string, signal?: AbortSignal): Promise<KubeObject[]> {
  try {
    return (await client.list(apiVersion, kind, { ...(signal ? { signal } : {}) })).items;
  } catch (error) {
    // Not served (no CRD yet, or not OpenShift): nothing to list.
    if (error instanceof ClusterError && error.kindMissing) return [];
    throw error;
  }
}

async function getOrUndefined(client: ClusterClient, ref: ObjectRef, signal?: AbortSignal): Promise<KubeObject | undefined> {
  try {
    return await client.get(ref, { ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof ClusterError && error.kindMissing) return undefined;
    throw error;
  }
}

function openshiftVersionOf(cv: KubeObject | undefined): string | undefined {
  const status = cv?.status as { desired?: { version?: string }; history?: { state?: string; version?: string }[] } | undefined;
  return status?.history?.find((h) => h.state === 'Completed')?.version ?? status?.desired?.version;
}

function nodeView(node: KubeObject): LiveVerification['nodes'][number] {
  const status = (node.status ?? {}) as { addresses?: { type?: string; address?: string }[] };
  const spec = (node.spec ?? {}) as { unschedulable?: boolean; taints?: { effect?: string }[] };
  const addresses = (status.addresses ?? []).filter((a) => a.type === 'InternalIP' || a.type === 'ExternalIP').map((a) => a.address ?? '').filter(Boolean);
  const tainted = (spec.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  return {
    name: node.metadata.name,
    ready: nodeReady(node),
    roles: nodeRoles(node),
    addresses,
    schedulable: spec.unschedulable !== true && !tainted,
  };
}

async function odfOf(client: ClusterClient, signal?: AbortSignal): Promise<LiveVerification['odf']> {
  const [storage, ceph] = await Promise.all([getOrUndefined(client, STORAGE_CLUSTER, signal), getOrUndefined(client, CEPH_CLUSTER, signal)]);
  const phase = (storage?.status as { phase?: string } | undefined)?.phase;
  const cephStatus = (ceph?.status as { ceph?: { health?: string; capacity?: { bytesTotal?: number; bytesUsed?: number } } } | undefined)?.ceph;
  const messages = [storage ? judgeStorageCluster(STORAGE_CLUSTER, storage) : undefined, ceph ? judgeCephCluster(CEPH_CLUSTER, ceph) : undefined]
    .filter((i) => i !== undefined && i.state !== 'done')
    .map((i) => i!.message);
  if (!storage) messages.unshift('There is no StorageCluster ocs-storagecluster in openshift-storage yet (the ODF wave has not run).');
  return {
    ...(phase ? { phase } : {}),
    ...(cephStatus?.health ? { cephHealth: cephStatus.health } : {}),
    ...(typeof cephStatus?.capacity?.bytesTotal === 'number' ? { capacityBytes: cephStatus.capacity.bytesTotal } : {}),
    ...(typeof cephStatus?.capacity?.bytesUsed === 'number' ? { usedBytes: cephStatus.capacity.bytesUsed } : {}),
    ...(messages.length ? { message: messages.join(' ') } : {}),
  };
}

async function applicationsOf(client: ClusterClient, signal?: AbortSignal): Promise<LiveVerification['applications']> {
  const apps = await listOrEmpty(client, 'argoproj.io/v1alpha1', 'Application', signal);
  return apps
    .map((app) => {
      const status = (app.status ?? {}) as { sync?: { status?: string }; health?: { status?: string } };
      const ref: ObjectRef = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', name: app.metadata.name, ...(app.metadata.namespace ? { namespace: app.metadata.namespace } : {}) };
      const judged = judgeApplication(ref, app);
      return {
        name: app.metadata.name,
        ...(status.sync?.status ? { sync: status.sync.status } : {}),
        ...(status.health?.status ? { health: status.health.status } : {}),
        ...(judged.state !== 'done' ? { message: judged.message } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
