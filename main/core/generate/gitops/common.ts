// Shared pieces of the GitOps tree: the object type, sync waves, annotations, and the
// repository coordinates every Application points at. Conventions cite
// ../shared/reference/manifests.md (§7 GitOps bootstrap, app-of-apps, sync waves).
import { siteBranch, sitePath } from '../../site/model';
import type { Site } from '../../site/schema';

/** A Kubernetes object as the generator builds it; key order is the order written. */
export type K8sObject = { apiVersion: string; kind: string; metadata: Metadata } & Record<string, unknown>;

export interface Metadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
}

/** One file of the tree: a path relative to `gitops/`, an optional header comment, its objects. */
export interface GitopsDocument {
  path: string;
  comment?: string;
  objects: K8sObject[];
}

/** A finding of the generator itself (same shape as a plan finding, step `export`). */
export interface GenerateIssue {
  id: string;
  severity: 'error' | 'warning' | 'info';
  path: string;
  message: string;
  hint?: string;
}

export const GITOPS_NAMESPACE = 'openshift-gitops';
export const ODF_NAMESPACE = 'openshift-storage';
export const PROJECT = 'acp-site';
export const IN_CLUSTER = 'https://kubernetes.default.svc';
export const FINALIZER = 'resources-finalizer.argocd.argoproj.io';
/** Placeholder written only under --force when the plan has no gitops section. */
export const MISSING_REPO_URL = 'https://gitops-repo-url-missing.invalid/set-gitops.repoURL-in-site.yaml.git';

/**
 * Sync waves of the child Applications (manifests.md §7.3: operators before their custom
 * resources; each wave waits for the previous one to be healthy).
 */
export const APP_WAVES = {
  operators: 0,
  nmstate: 1,
  'local-storage': 2,
  odf: 3,
  virtualization: 4,
  'hosted-control-planes': 5,
} as const;
export type Component = keyof typeof APP_WAVES;

/**
 * Waves of the objects inside the components (the §7.3 wave table): mirror catalog, then
 * namespaces and OperatorGroups, Subscriptions, operator instances, policies, storage.
 */
export const WAVES = {
  mirror: -10,
  namespace: -5,
  subscription: 0,
  instance: 1,
  policy: 2,
  localVolume: 3,
  storageNad: 4,
  storageCluster: 5,
  hyperConverged: 6,
  vmNad: 7,
  addon: 8,
} as const;

export const SKIP_DRY_RUN = 'SkipDryRunOnMissingResource=true';

/** Annotations of an object in a wave; CRs of operator CRDs skip the dry run (§7.3). */
export function waveAnnotations(wave: number, options: { customResource?: boolean; syncOptions?: string[] } = {}): Record<string, string> {
  const syncOptions = [...(options.customResource ? [SKIP_DRY_RUN] : []), ...(options.syncOptions ?? [])];
  return {
    'argocd.argoproj.io/sync-wave': String(wave),
    ...(syncOptions.length > 0 ? { 'argocd.argoproj.io/sync-options': syncOptions.join(',') } : {}),
  };
}

export interface RepoCoordinates {
  repoURL: string;
  targetRevision: string;
  /** Folder of the site in the repository (sitePath). */
  sitePath: string;
}

export function repoOf(site: Site): RepoCoordinates {
  return {
    repoURL: site.gitops?.repoURL.trim() || MISSING_REPO_URL,
    targetRevision: siteBranch(site),
    sitePath: sitePath(site).replace(/\/+$/, ''),
  };
}

/** `major.minor` of the site's OpenShift version (4.18.12 → 4.18). */
export function ocpMinor(site: Site): string {
  const [major, minor] = site.cluster.openshiftVersion.split('.');
  return `${major}.${minor}`;
}

/** Whether the site pulls operators from its mirror registry (manifests.md §1.3). */
export function isDisconnected(site: Site): boolean {
  return site.cluster.mirror !== undefined;
}

export function hasAddon(site: Site, addon: 'hosted-control-planes'): boolean {
  return site.gitops?.addons?.includes(addon) ?? false;
}
