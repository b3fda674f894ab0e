// runBootstrap: from "the cluster answers" to "every wave synced", the manual order of
// gitops/bootstrap/04-root-application.yaml done by Sitekit (plan.ts), with progress after
// every change. Server-side apply as field manager "sitekit" (apply.ts); waits are watches
// (waves.ts). Running it again changes nothing on the cluster: every apply is unchanged and
// every wait is already satisfied by its first LIST.
//
// The repository password is handed in by the caller (from the secret store) and goes only
// into the Secret sent to the API server: never into the progress, a message or an error.
import { Buffer } from 'node:buffer';
import { REPOSITORY_SECRET_NAME, repositorySecret, repositorySecretProblem } from '../../generate/bundle/argocd-secrets';
import type { GeneratedFile } from '../../generate/files';
import { GITOPS_NAMESPACE, type K8sObject } from '../../generate/gitops/common';
import type { Site } from '../../site/schema';
import { describe, type ClusterClient, type KubeObject } from '../client';
import { toClusterError } from '../failure';
import { withRetry } from '../retry';
import type { AppliedObject, BootstrapProgress, BootstrapStage, ClusterFailure, ProgressItem } from '../types';
import { applyObjects, FROM_SECRET_STORE, summarizeApplied } from './apply';
import { BootstrapPlanError, planBootstrap, type BootstrapPlan, type PlannedObject } from './plan';
import { argocdTracker, followTrackers, sequenceTracker, subscriptionTracker, waveTrackers, type Tracker } from './waves';

export interface BootstrapOptions {
  signal?: AbortSignal;
  /** A copy of the progress after every change. */
  onProgress?: (progress: BootstrapProgress) => void;
  /** The Git password Argo CD reads the repository with (gitops.credentials), from the secret store. */
  repoPassword?: string;
  /** How long each waiting stage may take before it is reported as stuck. */
  timeouts?: { operatorMs?: number; waveMs?: number };
}

const OPERATOR_TIMEOUT_MS = 30 * 60_000;
const WAVE_TIMEOUT_MS = 60 * 60_000;

/** The stages in order, all waiting (what the UI shows before anything ran). */
export function initialStages(plan: BootstrapPlan): BootstrapStage[] {
  const stage = (id: string, title: string, message: string): BootstrapStage => ({ id, title, state: 'waiting', message });
  return [
    stage('apply-operator', 'Install the GitOps operator', 'Mirror catalog (disconnected site), OpenShift GitOps operator Subscription, permissions of the Argo CD controller.'),
    stage('wait-csv', 'Wait for the GitOps operator', 'Its CSV Succeeded and its Argo CD instance openshift-gitops Available.'),
    stage('apply-credentials', 'Repository credentials', "The repository Secret (password from Sitekit's secret store) and the Git server's CA."),
    stage('apply-argocd', 'Argo CD settings', 'Health checks that make each wave wait for the one before it, merged into the operator\'s instance.'),
    stage('apply-root', 'AppProject and root Application', 'Argo CD takes over from here: the root Application creates the child Applications wave by wave.'),
    ...plan.waves.map((wave) =>
      stage(`wave-${wave.wave}`, `Wave ${wave.wave}: ${wave.applications.map((a) => a.ref.name).join(', ')}`, `Argo CD syncs ${wave.applications.map((a) => a.folder).join(', ')}.`),
    ),
  ];
}

/** The repository Secret with its values as `data` (base64), so applying it again compares equal. */
function secretObject(site: Site, password: string): KubeObject {
  const { stringData, ...rest } = repositorySecret(site, password) as K8sObject & { stringData: Record<string, string> };
  const data = Object.fromEntries(Object.entries(stringData).map(([key, value]) => [key, Buffer.from(value, 'utf8').toString('base64')]));
  return { ...(rest as KubeObject), data };
}

function failedItemFirst(items: readonly ProgressItem[]): ProgressItem | undefined {
  const failed = items.filter((i) => i.state === 'failed');
  // The object that broke says more than the Application that reports it.
  return failed.find((i) => i.kind !== 'Application') ?? failed[0];
}

function waitingSummary(items: readonly ProgressItem[]): string {
  const open = items.filter((i) => i.state !== 'done');
  return open.map((i) => `${describe(i)}: ${i.message}${i.fix ? ` ${i.fix}` : ''}`).join(' ');
}

/** 90 s, 30 min, 1 h 30 min: how long a stage waited, in words. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
}

class StageFailed extends Error {}

/**
 * Bootstraps GitOps on the cluster from the bundle's files (gitops/…, as generateBundle returns
 * them or as written to disk) and follows every wave until done. Never throws for what the
 * cluster answers: the result says which stage and object failed, why, and what to do.
 */
export async function runBootstrap(client: ClusterClient, bundle: readonly GeneratedFile[], site: Site, options: BootstrapOptions = {}): Promise<BootstrapProgress> {
  const { signal } = options;
  const progress: BootstrapProgress = { at: new Date().toISOString(), state: 'running', stages: [], requests: client.requests() };
  let lastShown = '';
  const emit = () => {
    progress.at = new Date().toISOString();
    progress.requests = client.requests();
    const { at: _at, ...rest } = progress;
    const shown = JSON.stringify(rest);
    if (shown === lastShown) return;
    lastShown = shown;
    options.onProgress?.(structuredClone(progress));
  };

  let plan: BootstrapPlan;
  try {
    plan = planBootstrap(bundle);
  } catch (error) {
    if (!(error instanceof BootstrapPlanError)) throw error;
    progress.state = 'failed';
    progress.stages = [{ id: 'plan', title: 'Read the bundle', state: 'failed', message: error.message }];
    emit();
    return progress;
  }
  progress.stages = initialStages(plan);
  emit();
  const stageOf = (id: string) => progress.stages.find((s) => s.id === id)!;
  const nodes = site.nodes.map((n) => n.hostname);
  const onRetry = (stage: BootstrapStage) => (failure: ClusterFailure) => {
    stage.message = failure.message;
    emit();
  };

  const applyStage = async (id: string, objects: readonly PlannedObject[], extra: AppliedObject[] = [], note?: string) => {
    const stage = stageOf(id);
    stage.state = 'running';
    stage.applied = [...extra];
    emit();
    const applied = await applyObjects(client, objects, {
      signal,
      onRetry: onRetry(stage),
      onApplied: (done) => {
        stage.applied = [...extra, ...done];
        stage.message = summarizeApplied(stage.applied);
        emit();
      },
    });
    stage.applied = [...extra, ...applied];
    const problems = stage.applied.filter((a) => a.outcome === 'conflict' || a.outcome === 'failed');
    stage.message = `${summarizeApplied(stage.applied)}${note ? ` ${note}` : ''}`;
    if (problems.length > 0) {
      stage.state = 'failed';
      stage.message = `${stage.message} ${problems.map((p) => p.message ?? `${describe(p)} ${p.outcome}`).join(' ')}`;
      emit();
      throw new StageFailed();
    }
    stage.state = 'done';
    emit();
  };

  const followStage = async (id: string, trackers: Tracker[], timeoutMs: number, done: string) => {
    const stage = stageOf(id);
    stage.state = 'running';
    stage.items = trackers.flatMap((t) => t.initial);
    emit();
    const result = await followTrackers(client, trackers, {
      signal,
      timeoutMs,
      onItems: (items) => {
        stage.items = items;
        stage.message = `${items.filter((i) => i.state === 'done').length} of ${items.length} done.`;
        emit();
      },
      onRetry: onRetry(stage),
    });
    stage.items = result.items;
    if (result.state === 'done') {
      stage.state = 'done';
      stage.message = done;
      emit();
      return;
    }
    stage.state = 'failed';
    const failed = failedItemFirst(result.items);
    stage.message = failed
      ? `${describe(failed)}: ${failed.message}${failed.fix ? ` ${failed.fix}` : ''}`
      : `Still not done after ${formatDuration(timeoutMs)}: ${waitingSummary(result.items)} Look at these objects on the cluster; run the bootstrap again to keep following.`;
    emit();
    throw new StageFailed();
  };

  let current: BootstrapStage | undefined;
  const enter = (id: string) => (current = stageOf(id));
  try {
    enter('apply-operator');
    await applyStage('apply-operator', plan.operator);

    enter('wait-csv');
    await followStage(
      'wait-csv',
      [sequenceTracker([subscriptionTracker(plan.gitopsSubscription), argocdTracker(plan.argocdInstance)])],
      options.timeouts?.operatorMs ?? OPERATOR_TIMEOUT_MS,
      'The GitOps operator is installed and Argo CD is Available.',
    );

    enter('apply-credentials');
    await credentialsStage();

    enter('apply-argocd');
    await applyStage('apply-argocd', plan.argocdSettings);

    enter('apply-root');
    await applyStage('apply-root', plan.root);

    for (const wave of plan.waves) {
      enter(`wave-${wave.wave}`);
      await followStage(
        `wave-${wave.wave}`,
        waveTrackers(wave, plan.rootApplication, nodes),
        options.timeouts?.waveMs ?? WAVE_TIMEOUT_MS,
        `Synced and healthy: ${wave.applications.map((a) => a.ref.name).join(', ')}.`,
      );
    }
    progress.state = 'done';
    current = undefined;
  } catch (error) {
    progress.state = 'failed';
    if (!(error instanceof StageFailed)) {
      const failure = toClusterError(error, { signal }).failure;
      progress.failure = failure;
      if (current) {
        current.state = 'failed';
        current.message = failure.kind === 'cancelled' ? 'Cancelled: nothing more was applied or followed; run the bootstrap again to go on from here.' : failure.message;
      }
    }
  }
  emit();
  return progress;

  async function credentialsStage(): Promise<void> {
    const stage = stageOf('apply-credentials');
    const secretRef = { apiVersion: 'v1', kind: 'Secret', name: REPOSITORY_SECRET_NAME, namespace: GITOPS_NAMESPACE };
    if (!site.gitops?.credentials) {
      await applyStage('apply-credentials', plan.gitServerCa, [], 'The plan has no Git credentials (gitops.credentials): Argo CD reads the repository without a password.');
      return;
    }
    const problem = repositorySecretProblem(site);
    if (problem) {
      stage.state = 'failed';
      stage.message = `The repository Secret cannot be made: ${problem}.`;
      emit();
      throw new StageFailed();
    }
    if (options.repoPassword) {
      await applyStage('apply-credentials', [{ object: secretObject(site, options.repoPassword), file: FROM_SECRET_STORE }, ...plan.gitServerCa]);
      return;
    }
    // No password handed in: a Secret applied before (by hand or an earlier run) is left as it is.
    const existing = await withRetry(() => client.get(secretRef, { signal }), { signal, onRetry: onRetry(stage) });
    if (!existing) {
      stage.state = 'failed';
      stage.message = `The plan says Argo CD reads ${site.gitops.repoURL} as ${site.gitops.credentials.username}, but no password was handed in and the cluster has no repository Secret ${GITOPS_NAMESPACE}/${REPOSITORY_SECRET_NAME}: store the password (${site.gitops.credentials.password.secretRef}) in Sitekit's secret store and run the bootstrap again.`;
      emit();
      throw new StageFailed();
    }
    const kept: AppliedObject = { ...secretRef, outcome: 'skipped', file: FROM_SECRET_STORE, message: 'Already on the cluster; not changed (no password was handed in).' };
    await applyStage('apply-credentials', plan.gitServerCa, [kept]);
  }
}

