// The app-of-apps (manifests.md §7.2): the root Application syncs gitops/apps, which holds
// one child Application per component; the children carry the sync waves (§7.3).
import type { Site } from '../../site/schema';
import {
  APP_WAVES,
  FINALIZER,
  GITOPS_NAMESPACE,
  IN_CLUSTER,
  PROJECT,
  repoOf,
  SKIP_DRY_RUN,
  type Component,
  type GitopsDocument,
  type K8sObject,
} from './common';

/** Namespace each component's Application deploys to by default (objects name their own). */
const DESTINATION: Record<Component, string> = {
  operators: 'openshift-operators',
  nmstate: 'openshift-nmstate',
  'local-storage': 'openshift-local-storage',
  odf: 'openshift-storage',
  virtualization: 'openshift-cnv',
  'hosted-control-planes': 'multicluster-engine',
};

export function appName(component: Component | 'root'): string {
  return `site-${component}`;
}

/**
 * Retries of a failed sync. Without limit (`limit: -1`, argo-cd docs/user-guide/auto_sync.md
 * "Automatic Retry with a limit"; controller/appcontroller.go retries while `Limit < 0`):
 * automated sync never tries a revision again once a sync of it failed ("Automatic sync will
 * not reattempt a sync if the previous sync attempt against the same commit-SHA and
 * parameters had failed", auto_sync.md "Automated Sync Semantics"; selfHeal does not change
 * that), so with a limit a site whose operator took longer than the retries would stay
 * failed until someone pushed a new commit. The backoff is capped at 5 minutes.
 * Not `refresh: true` (retry with the newest revision, Argo CD ≥ 3.2): `oc apply` validates
 * fields strictly, so on a cluster whose Application CRD predates it the bootstrap itself would
 * fail with "unknown field"; a new commit starts a new sync anyway.
 */
export const RETRY = { limit: -1, backoff: { duration: '30s', factor: 2, maxDuration: '5m' } } as const;

/**
 * Automated sync that never prunes (a removed file must not delete a StorageCluster or an
 * operator by itself; a person prunes on purpose) but heals drift, and retries, because a
 * CRD appears only after its operator's CSV has succeeded (§7.3).
 */
function syncPolicy(customResources: boolean): Record<string, unknown> {
  return {
    automated: { prune: false, selfHeal: true },
    syncOptions: customResources ? [SKIP_DRY_RUN] : [],
    retry: structuredClone(RETRY) as unknown as Record<string, unknown>,
  };
}

export function applicationObject(site: Site, name: string, folder: string, options: { wave?: number; namespace: string; customResources: boolean }): K8sObject {
  const repo = repoOf(site);
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name,
      namespace: GITOPS_NAMESPACE,
      ...(options.wave !== undefined ? { annotations: { 'argocd.argoproj.io/sync-wave': String(options.wave) } } : {}),
      finalizers: [FINALIZER],
    },
    spec: {
      project: PROJECT,
      source: {
        repoURL: repo.repoURL,
        targetRevision: repo.targetRevision,
        path: `${repo.sitePath}/gitops/${folder}`,
        directory: { recurse: true },
      },
      destination: { server: IN_CLUSTER, namespace: options.namespace },
      syncPolicy: syncPolicy(options.customResources),
    },
  };
}

export function rootApplication(site: Site): K8sObject {
  return applicationObject(site, appName('root'), 'apps', { namespace: GITOPS_NAMESPACE, customResources: false });
}

export function appDocuments(site: Site, components: readonly Component[]): GitopsDocument[] {
  return components.map((component) => ({
    path: `apps/${component}.yaml`,
    objects: [
      applicationObject(site, appName(component), component, {
        wave: APP_WAVES[component],
        namespace: DESTINATION[component],
        customResources: component !== 'operators',
      }),
    ],
  }));
}
