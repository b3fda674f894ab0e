// HA readiness, on the live cluster (haCheckLive) or on the manifests of the sites repo
// (haCheckManifests, with file:line): the objects become one inventory (workload.ts), the
// rules judge it (rules.ts), and each finding names the peer tools that flag the same object
// for the same reason (peer-rules.ts).
import type { ClusterClient, KubeObject } from '../client';
import { ClusterError } from '../client';
import type { HaFinding } from '../types';
import { readManifests, type ManifestFile } from './manifests';
import { alsoFlaggedBy } from './peer-rules';
import { runHaRules, type RuleHit } from './rules';
import { inventoryOf, type LeaseInfo, type SourcedObject } from './workload';

export interface HaCheckOptions {
  /** Nodes of the site (a compact cluster has 3, each its own failure domain). */
  nodes?: number;
}

export const COMPACT_NODES = 3;

const SEVERITY_ORDER: Record<HaFinding['severity'], number> = { error: 0, warning: 1, info: 2 };

function findingsOf(hits: readonly RuleHit[], where: (hit: RuleHit) => string): HaFinding[] {
  return hits
    .map((hit) => {
      const peers = alsoFlaggedBy(hit);
      const finding: HaFinding = { severity: hit.severity, rule: hit.rule, object: hit.object, where: where(hit), message: hit.message, fix: hit.fix };
      if (peers.length > 0) finding.alsoFlaggedBy = peers;
      return finding;
    })
    .sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.rule.localeCompare(b.rule) ||
        (a.object.namespace ?? '').localeCompare(b.object.namespace ?? '') ||
        a.object.name.localeCompare(b.object.name),
    );
}

/** The manifests of the sites repository; a file that is not plain Kubernetes YAML is skipped. */
export function haCheckManifests(files: readonly ManifestFile[], options: HaCheckOptions = {}): HaFinding[] {
  return haCheckManifestObjects(readManifests(files).objects, options);
}

/** Objects already read from manifests (readManifests, e.g. file by file), judged together. */
export function haCheckManifestObjects(objects: readonly SourcedObject[], options: HaCheckOptions = {}): HaFinding[] {
  const hits = runHaRules(inventoryOf(objects, { nodes: options.nodes ?? COMPACT_NODES }));
  return findingsOf(hits, (hit) => hit.locate?.(hit.field) ?? 'manifests');
}

/** The platform's own namespaces: OpenShift and its operators keep their workloads HA themselves. */
export function isPlatformNamespace(namespace: string | undefined): boolean {
  return namespace !== undefined && (namespace === 'openshift' || namespace.startsWith('openshift-') || namespace.startsWith('kube-'));
}

/** What haCheckLive reads: workloads, their budgets, autoscalers, Services and Leases. */
const LIVE_KINDS: readonly { apiVersion: string; kind: string; optional?: boolean }[] = [
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' },
  // Served only where OpenShift's apps API or KEDA are there; their absence is not a failure.
  { apiVersion: 'apps.openshift.io/v1', kind: 'DeploymentConfig', optional: true },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', optional: true },
  { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', optional: true },
];

/**
 * The live cluster: one LIST per kind, all namespaces (in pages: client.list). Workloads and budgets in the platform's
 * namespaces (openshift-*, kube-*) are left out unless an Argo CD Application of the site
 * tracks them (the site put them there).
 */
export async function haCheckLive(client: ClusterClient, options: HaCheckOptions & { signal?: AbortSignal } = {}): Promise<HaFinding[]> {
  const lists = await Promise.all(
    LIVE_KINDS.map(async ({ apiVersion, kind, optional }) => {
      try {
        // managedFields are often half of an object and never judged: not kept while the other kinds arrive.
        return (await client.list(apiVersion, kind, { signal: options.signal })).items.map(({ metadata: { managedFields: _m, ...metadata }, ...item }) => ({
          ...item,
          metadata,
          apiVersion,
          kind,
        }));
      } catch (error) {
        if (optional && error instanceof ClusterError && error.kindMissing) return [];
        throw error;
      }
    }),
  );
  const all: KubeObject[] = lists.flat();
  const leases: LeaseInfo[] = all
    .filter((o) => o.kind === 'Lease')
    .map((o) => ({
      namespace: o.metadata.namespace ?? '',
      name: o.metadata.name,
      holder: (o.spec as { holderIdentity?: string } | undefined)?.holderIdentity,
    }));
  const objects: SourcedObject[] = all.map((object) => ({ object: object as unknown as Record<string, unknown> }));
  const inventory = inventoryOf(objects, { nodes: options.nodes ?? COMPACT_NODES, leases });
  inventory.workloads = inventory.workloads.filter((w) => w.trackedBy !== undefined || !isPlatformNamespace(w.ref.namespace));
  inventory.budgets = inventory.budgets.filter((b) => b.trackedBy !== undefined || !isPlatformNamespace(b.ref.namespace));
  return findingsOf(runHaRules(inventory), () => 'live');
}
