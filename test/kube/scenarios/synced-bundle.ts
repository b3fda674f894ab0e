// A bundle's objects on the test API server as a synced cluster holds them: each object as the
// bundle writes it, with what Argo CD adds (the tracking-id annotation on what an Application
// syncs, argo-cd docs user-guide/resource_tracking.md) and a few fields the API server and
// operators add (Namespace label and phase, Subscription and policy status), which drift must
// not report. Bootstrap objects and Sync hooks carry no tracking mark, as Sitekit applies them
// (or Argo CD runs them) outside any Application's tracked resources; what the hooks set
// (Node labels, the console plugin) is on the Nodes and the Console as the hooks left it.
import { applicationForFile, type BundleObject } from '../../../main/core/cluster/drift/bundle-objects';
import type { JsonObject, TestApiServer } from '../api-server/index';

const ARGO_MANAGER = 'argocd-controller';

/** What the live copy of `object` carries beyond the bundle (never something the bundle sets). */
function addedByCluster(object: JsonObject): JsonObject {
  const metadata = object.metadata as { name: string; labels?: Record<string, string> };
  switch (object.kind) {
    case 'Namespace':
      return { metadata: { labels: { ...metadata.labels, 'kubernetes.io/metadata.name': metadata.name } }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } };
    case 'Subscription':
      return { status: { state: 'AtLatestKnown', catalogHealth: [] } };
    case 'NodeNetworkConfigurationPolicy':
      return {
        status: {
          conditions: [
            { type: 'Available', status: 'True', reason: 'SuccessfullyConfigured', message: '1/1 nodes successfully configured', lastTransitionTime: '2026-11-24T08:02:11Z', lastHeartbeatTime: '2026-11-24T08:02:11Z' },
            { type: 'Degraded', status: 'False', reason: 'SuccessfullyConfigured', message: '', lastTransitionTime: '2026-11-24T08:02:11Z', lastHeartbeatTime: '2026-11-24T08:02:11Z' },
          ],
        },
      };
    default:
      return {};
  }
}

function merged(base: JsonObject, extra: JsonObject): JsonObject {
  const out: JsonObject = structuredClone(base);
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = current && typeof current === 'object' && !Array.isArray(current) && value && typeof value === 'object' && !Array.isArray(value) ? merged(current as JsonObject, value as JsonObject) : value;
  }
  return out;
}

/** The group of an apiVersion, as the tracking id writes it ("" for core). */
function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/**
 * What the Sync hooks set lives on objects of the cluster's own: a Node with its role and
 * hostname labels, the Console with the plugins other operators enabled.
 */
function hostObject(object: JsonObject): JsonObject {
  const metadata = object.metadata as { name: string; labels?: Record<string, string> };
  if (object.kind === 'Node') {
    const labels = {
      'kubernetes.io/hostname': metadata.name,
      'kubernetes.io/os': 'linux',
      'node-role.kubernetes.io/control-plane': '',
      'node-role.kubernetes.io/master': '',
      'node-role.kubernetes.io/worker': '',
      ...metadata.labels,
    };
    return { ...object, metadata: { ...metadata, labels }, spec: {}, status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] } };
  }
  if (object.kind === 'Console') {
    const plugins = ((object.spec as { plugins?: string[] } | undefined)?.plugins ?? []).filter((p) => p !== 'monitoring-plugin');
    return { ...object, spec: { managementState: 'Managed', plugins: ['monitoring-plugin', ...plugins] } };
  }
  return object;
}

/** Puts every bundle object on the server as a synced cluster has it. */
export function seedSyncedBundle(server: TestApiServer, objects: readonly BundleObject[]): void {
  for (const { file, object, effect } of objects) {
    if (effect) {
      server.store.put(hostObject(object as unknown as JsonObject), { manager: 'kubectl-label' });
      continue;
    }
    const live = merged(object as unknown as JsonObject, addedByCluster(object as unknown as JsonObject));
    const app = applicationForFile(objects, file);
    const metadata = live.metadata as { name: string; namespace?: string; annotations?: Record<string, string> };
    const hook = metadata.annotations?.['argocd.argoproj.io/hook'] !== undefined;
    if (app && !hook) {
      metadata.annotations = {
        ...metadata.annotations,
        'argocd.argoproj.io/tracking-id': `${app}:${groupOf(object.apiVersion)}/${object.kind}:${metadata.namespace ?? ''}/${metadata.name}`,
      };
    }
    server.store.put(live, { manager: ARGO_MANAGER });
  }
}
