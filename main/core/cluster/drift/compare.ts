// Drift: every object the bundle puts on the cluster, read back and compared field by field
// (diff.ts) with what the bundle sets. Reads are LISTs, which tell a missing object (not in
// the list) from a kind the cluster does not serve yet (404 on the collection):
//   - a kind the bundle has several objects of: one LIST of that kind, all namespaces — the
//     site's operator kinds (Subscriptions, policies, Applications…) are few on any cluster;
//   - kinds whose collections are large on OpenShift (RBAC, ConfigMaps, ServiceAccounts…): one
//     LIST per namespace when several are in it, else a LIST narrowed to the name;
//   - Secrets always one by one: a LIST would bring every Secret of the namespace to the laptop.
import type { ClusterClient, KubeObject } from '../client';
import { ClusterError, describe } from '../client';
import { cancelledFailure } from '../failure';
import type { ClusterFailureKind, DriftObject, DriftResult } from '../types';
import { applicationForFile, refKey, type BundleObject } from './bundle-objects';
import { diffObject } from './diff';
import { managedBy, NOBODY } from './managed-by';

export interface DriftOptions {
  signal?: AbortSignal;
  /** Requests in flight at once (default 6). */
  concurrency?: number;
  now?: () => Date;
}

/** Failures about the connection, not one object: the check stops and says so. */
const CONNECTION_FAILURES: readonly ClusterFailureKind[] = [
  'cancelled',
  'dns',
  'refused',
  'unreachable',
  'timeout',
  'tls-untrusted',
  'tls-name',
  'pin-unknown',
  'pin-changed',
  'unauthorized',
  'no-kubeconfig',
  'bad-kubeconfig',
];

/**
 * Kinds with hundreds of objects (or very large ones) on an OpenShift cluster: never listed
 * across namespaces. CRDs are a few hundred objects of up to a MiB each; OLM copies every
 * AllNamespaces operator's CSV into each namespace.
 */
const LARGE_COLLECTIONS = new Set([
  'v1|ConfigMap',
  'v1|ServiceAccount',
  'v1|Service',
  'v1|Endpoints',
  'v1|Pod',
  'v1|Event',
  'v1|PersistentVolumeClaim',
  'discovery.k8s.io/v1|EndpointSlice',
  'rbac.authorization.k8s.io/v1|ClusterRole',
  'rbac.authorization.k8s.io/v1|ClusterRoleBinding',
  'rbac.authorization.k8s.io/v1|Role',
  'rbac.authorization.k8s.io/v1|RoleBinding',
  'apps/v1|Deployment',
  'apps/v1|ReplicaSet',
  'apps/v1|DaemonSet',
  'apps/v1|StatefulSet',
  'batch/v1|Job',
  'apiextensions.k8s.io/v1|CustomResourceDefinition',
  'operators.coreos.com/v1alpha1|ClusterServiceVersion',
  'monitoring.coreos.com/v1|PrometheusRule',
  'monitoring.coreos.com/v1|ServiceMonitor',
]);

/** An Argo CD resource hook (a Sync Job): Argo CD runs it on each sync and does not track it. */
function isHook(member: BundleObject): boolean {
  return member.object.metadata.annotations?.['argocd.argoproj.io/hook'] !== undefined;
}

interface Group {
  apiVersion: string;
  kind: string;
  /** undefined: all namespaces (or a cluster-scoped kind). */
  namespace?: string;
  members: BundleObject[];
}

/** namespace/name, the key of a live object within its kind. */
const nameKey = (metadata: { name: string; namespace?: string }) => `${metadata.namespace ?? ''}/${metadata.name}`;

function groupsOf(objects: readonly BundleObject[]): Group[] {
  const perKind = new Map<string, BundleObject[]>();
  for (const member of objects) {
    const key = `${member.object.apiVersion}|${member.object.kind}`;
    perKind.set(key, [...(perKind.get(key) ?? []), member]);
  }
  const groups: Group[] = [];
  for (const [key, members] of perKind) {
    const { apiVersion, kind } = members[0]!.object;
    if (kind === 'Secret') {
      groups.push(...members.map((m) => ({ apiVersion, kind, namespace: m.object.metadata.namespace, members: [m] })));
    } else if (!LARGE_COLLECTIONS.has(key)) {
      groups.push({ apiVersion, kind, members });
    } else {
      const perNamespace = new Map<string, BundleObject[]>();
      for (const m of members) perNamespace.set(m.object.metadata.namespace ?? '', [...(perNamespace.get(m.object.metadata.namespace ?? '') ?? []), m]);
      for (const [namespace, inNamespace] of perNamespace) {
        if (inNamespace.length > 1) groups.push({ apiVersion, kind, namespace, members: inNamespace });
        else groups.push(...inNamespace.map((m) => ({ apiVersion, kind, namespace: namespace || undefined, members: [m] })));
      }
    }
  }
  return groups;
}

/** Several live objects could be the one the bundle means (written without a namespace): none is compared. */
const AMBIGUOUS = Symbol('ambiguous');

/** The live copy of each member: one LIST, narrowed to the name for a single member. */
async function readGroup(client: ClusterClient, group: Group, signal?: AbortSignal): Promise<(member: BundleObject) => KubeObject | undefined | typeof AMBIGUOUS> {
  const single = group.members.length === 1 ? group.members[0]!.object.metadata : undefined;
  const { items } = await client.list(group.apiVersion, group.kind, {
    namespace: single?.namespace ?? group.namespace,
    fieldSelector: single ? `metadata.name=${single.name}` : undefined,
    signal,
  });
  const byKey = new Map(items.map((item) => [nameKey(item.metadata), item]));
  return ({ object: { metadata } }) => {
    const exact = byKey.get(nameKey(metadata));
    if (exact || metadata.namespace) return exact;
    // Written without a namespace (the Application's destination namespace applies): the one of that name.
    const named = items.filter((item) => item.metadata.name === metadata.name);
    return named.length > 1 ? AMBIGUOUS : named[0];
  };
}

function judge(member: BundleObject, live: KubeObject | undefined | typeof AMBIGUOUS, all: readonly BundleObject[]): DriftObject {
  const { apiVersion, kind, metadata } = member.object;
  const ref = { apiVersion, kind, name: metadata.name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) };
  const app = applicationForFile(all, member.file);
  if (live === AMBIGUOUS) {
    return {
      ...ref,
      file: member.file,
      state: 'unknown',
      managedBy: NOBODY,
      differences: [],
      message: `${describe(ref)} is written without a namespace and the cluster has a ${kind} of that name in several namespaces: give it its namespace in the bundle so Sitekit knows which one to compare.`,
    };
  }
  const madeBy = member.effect ? `${member.effect.madeBy}${app ? ` of ${app}` : ''}` : undefined;
  if (!live && isHook(member)) {
    // A hook whose delete policy removed it (HookSucceeded) or that was cleaned up: what it sets is compared on its own.
    return {
      ...ref,
      file: member.file,
      state: 'same',
      managedBy: NOBODY,
      differences: [],
      message: `${describe(ref)} is an Argo CD Sync hook and is not on the cluster now: Argo CD creates it again on the next sync${app ? ` of ${app}` : ''}; what it sets is compared on its own.`,
    };
  }
  if (!live) {
    return {
      ...ref,
      file: member.file,
      state: 'missing',
      managedBy: app && !madeBy ? app : NOBODY,
      differences: [],
      message: madeBy
        ? `${describe(ref)} is not on the cluster, so ${madeBy} has nothing to set: check the name in site.yaml against the cluster.`
        : app
          ? `${describe(ref)} is not on the cluster. The Application ${app} should create it: check its sync status and message in Argo CD.`
          : `${describe(ref)} is not on the cluster. Nothing re-creates it by itself: run the GitOps bootstrap again (Bootstrap GitOps in the Cluster step, or sitekit cluster bootstrap <site.yaml>).`,
    };
  }
  const differences = diffObject(member.object as unknown as Record<string, unknown>, live as unknown as Record<string, unknown>, {
    listsContain: member.effect?.listsContain,
  });
  const owner = managedBy(live);
  const message = madeBy
    ? `${describe(ref)} differs from what ${madeBy} sets: sync ${app ?? 'its Application'} again (the hook runs on every sync).`
    : owner !== NOBODY
      ? `${describe(ref)} differs from the bundle. ${owner} should put it back (selfHeal): check its sync status in Argo CD; if it stays different, something else changes it.`
      : isHook(member)
        ? `${describe(ref)} differs from the bundle: it is an Argo CD Sync hook, made again on the next sync${app ? ` of ${app}` : ''}; sync it in Argo CD.`
        : app
          ? `${describe(ref)} differs from the bundle and Argo CD does not track it (no argocd.argoproj.io tracking mark on it): sync ${app} in Argo CD so it takes the object over, or change site.yaml if the cluster is right.`
          : `${describe(ref)} differs from the bundle and nothing puts it back by itself: run the GitOps bootstrap again (Bootstrap GitOps in the Cluster step, or sitekit cluster bootstrap <site.yaml>), or change site.yaml if the cluster is right.`;
  return {
    ...ref,
    file: member.file,
    state: differences.length === 0 ? 'same' : 'different',
    managedBy: owner,
    differences,
    ...(differences.length > 0 ? { message } : {}),
  };
}

function unknownAll(group: Group, error: ClusterError): DriftObject[] {
  return group.members.map((member) => {
    const { apiVersion, kind, metadata } = member.object;
    return {
      apiVersion,
      kind,
      name: metadata.name,
      ...(metadata.namespace ? { namespace: metadata.namespace } : {}),
      file: member.file,
      state: 'unknown' as const,
      managedBy: NOBODY,
      differences: [],
      message: error.kindMissing
        ? `The cluster does not serve ${kind} (${apiVersion}) yet: its operator is not installed or its CRD not created, so ${metadata.name} cannot be compared.`
        : error.failure.message,
    };
  });
}

/** Runs `work` over `items` with at most `limit` at a time; the first failure stops the others. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      try {
        await work(items[next++]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

export async function driftCheck(client: ClusterClient, bundleObjects: readonly BundleObject[], options: DriftOptions = {}): Promise<DriftResult> {
  const byKey = new Map<string, DriftObject>();
  await eachLimited(groupsOf(bundleObjects), options.concurrency ?? 6, async (group) => {
    if (options.signal?.aborted) throw new ClusterError(cancelledFailure());
    try {
      const liveOf = await readGroup(client, group, options.signal);
      for (const member of group.members) byKey.set(refKey(member.object), judge(member, liveOf(member), bundleObjects));
    } catch (error) {
      if (!(error instanceof ClusterError) || CONNECTION_FAILURES.includes(error.failure.kind)) throw error;
      for (const [i, result] of unknownAll(group, error).entries()) byKey.set(refKey(group.members[i]!.object), result);
    }
  });
  // Bundle order, so the list reads like the bundle's files.
  const objects = bundleObjects.map((member) => byKey.get(refKey(member.object))!);
  const count = (state: DriftObject['state']) => objects.filter((o) => o.state === state).length;
  return {
    at: (options.now?.() ?? new Date()).toISOString(),
    objects,
    summary: { same: count('same'), different: count('different'), missing: count('missing'), unknown: count('unknown') },
  };
}
