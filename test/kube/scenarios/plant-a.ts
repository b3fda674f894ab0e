// The plant-a cluster's operators, played on the test API server: what OLM, the OpenShift GitOps
// operator, Argo CD, kubernetes-nmstate, the Local Storage Operator, ocs-operator/Rook and HCO
// write after Sitekit's bootstrap applies, step by step, so runBootstrap can be tested end to end
// with the real client. It reacts to client writes (server.onApplied) and to what its own "Argo
// CD" creates; every step waits `stepMs` so watches see the objects move. Switches make one
// enactment fail (nmstate's real message) or one CSV fail, or hold before a wave (cancel tests).
// Argo CD syncs each Application wave by wave (argocd.argoproj.io/sync-wave of its objects) and
// runs its Sync hook Jobs in their wave (sync-hooks.ts: the node labels, the console plugin);
// nmstate's handler reports a NodeNetworkState per node once the NMState CR exists
// (node-network-state.ts). The cluster starts as the installer left it: the Nodes, the Console
// and the Scheduler (installed-config.ts).
// Object shapes and messages: SOURCES.md next to this file.
//
//   const server = await startTestApiServer();
//   const scenario = playPlantA(server, { stepMs: 5 });
//   … runBootstrap(client, scenario.files, scenario.site, …) …
//   await scenario.idle();  // every started step finished (nothing moves any more)
//   scenario.stop();
import { basename } from 'node:path';
import YAML from 'yaml';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GeneratedFile } from '../../../main/core/generate/files';
import { gitopsFiles } from '../../../main/core/generate/gitops';
import { planBootstrap, type BootstrapPlan, type PlannedApplication } from '../../../main/core/cluster/bootstrap/plan';
import { siteSchema, type Site } from '../../../main/core/site/schema';
import type { JsonObject, TestApiServer, WriteInfo } from '../api-server/index';
import { consoleAtInstall, CONSOLE_REF, SCHEDULER_REF, schedulerAtInstall } from './installed-config';
import { dayTwoInterfaces, nodeNetworkState, stateAfterPolicy } from './node-network-state';
import { runHookJob } from './sync-hooks';

export interface PlantAFailures {
  /** The enactment of this node's policy goes Failing (FailedToConfigure, nmstate's message). */
  nnceFailing?: { node: string; interface?: string };
  /**
   * The CSV of this Subscription (by name) goes Failed (InstallCheckFailed) and stays so, as when
   * OLM's every new check finds the operator's deployment still not ready (e.g. its image cannot
   * be pulled from the mirror).
   */
  csvFailed?: { subscription: string };
}

export interface PlantAScenarioOptions {
  site?: Site;
  /** The bundle's GitOps files (default: generated from the site). */
  files?: GeneratedFile[];
  /** Pause between two controller steps (default 5 ms). */
  stepMs?: number;
  failures?: PlantAFailures;
  /** Argo CD stops before syncing this wave (nothing moves after that): for cancel tests. */
  holdBeforeWave?: number;
  /**
   * false: Argo CD applies every folder but runs none of its Sync hook Jobs, so what they set
   * (the ODF node labels, the console plugin) is missing: for drift tests. Default true.
   */
  syncHooks?: boolean;
}

export interface PlantAScenario {
  readonly site: Site;
  readonly files: GeneratedFile[];
  readonly plan: BootstrapPlan;
  /** Resolves when every step started so far has finished; rejects with the first error a step threw. */
  idle(): Promise<void>;
  /** Errors the played controllers ran into (a bug of the scenario, not of Sitekit). */
  readonly errors: Error[];
  stop(): void;
}

const EXAMPLE = fileURLToPath(new URL('../../../resources/examples/plant-a.site.yaml', import.meta.url));

export function plantASite(): Site {
  return siteSchema.parse(YAML.parse(readFileSync(EXAMPLE, 'utf8')));
}

const ARGO_MANAGER = 'argocd-controller';
const ARGO_NAMESPACE = 'openshift-gitops';
const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
const HOOK = 'argocd.argoproj.io/hook';

type Health = 'healthy' | 'degraded' | 'progressing';

/** The objects of a folder by sync wave (no annotation: wave 0), lowest first, as Argo CD syncs them. */
function syncWaves(objects: readonly { object: { metadata: { annotations?: Record<string, string> } } }[]): JsonObject[][] {
  const byWave = new Map<number, JsonObject[]>();
  for (const { object } of objects) {
    const wave = Number(object.metadata.annotations?.[SYNC_WAVE] ?? 0) || 0;
    byWave.set(wave, [...(byWave.get(wave) ?? []), object as unknown as JsonObject]);
  }
  return [...byWave.entries()].sort(([a], [b]) => a - b).map(([, list]) => list);
}

function isHook(object: JsonObject): boolean {
  return (object.metadata as { annotations?: Record<string, string> }).annotations?.[HOOK] !== undefined;
}

/** One entry of an Application's status.operationState.syncResult.resources (argo-cd ResourceResult). */
function syncResultOf(object: JsonObject, result: { status: string; hookPhase: string; message: string; hookType?: string }): JsonObject {
  const apiVersion = String(object.apiVersion);
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const metadata = object.metadata as { name: string; namespace?: string };
  return {
    group: group!,
    version: version!,
    kind: String(object.kind),
    namespace: metadata.namespace ?? '',
    name: metadata.name,
    status: result.status,
    message: result.message,
    ...(result.hookType ? { hookType: result.hookType } : {}),
    hookPhase: result.hookPhase,
    syncPhase: 'Sync',
  };
}

/** gitops-engine's running message (pkg/sync/sync_context.go setRunningPhase). */
function waitingMessage(tasks: readonly JsonObject[], hooks: boolean): string {
  const [first] = tasks;
  if (!first) return 'one or more tasks are running';
  const apiVersion = String(first.apiVersion);
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const name = (first.metadata as { name: string }).name;
  const more = tasks.length - 1;
  return `waiting for ${hooks ? 'completion of hook' : 'healthy state of'} ${group}/${String(first.kind)}/${name}${more > 0 ? ` and ${more} more ${hooks ? 'hooks' : 'resources'}` : ''}`;
}

/** CSV names and operator Deployments as the Red Hat catalog ships them (4.18 era). */
const OPERATORS: Record<string, { csv: string; deployment: string }> = {
  'openshift-gitops-operator': { csv: 'openshift-gitops-operator.v1.15.1', deployment: 'openshift-gitops-operator-controller-manager' },
  'kubernetes-nmstate-operator': { csv: 'kubernetes-nmstate-operator.4.18.0-202502260503', deployment: 'nmstate-operator' },
  'local-storage-operator': { csv: 'local-storage-operator.v4.18.0-202502260503', deployment: 'local-storage-operator' },
  'odf-operator': { csv: 'odf-operator.v4.18.0-rhodf', deployment: 'odf-operator-controller-manager' },
  'kubevirt-hyperconverged': { csv: 'kubevirt-hyperconverged-operator.v4.18.0', deployment: 'hco-operator' },
  'multicluster-engine': { csv: 'multicluster-engine.v2.8.0', deployment: 'multicluster-engine-operator' },
};

/**
 * nmstate's failure as kubernetes-nmstate reports it (docs/content/user-guide/103-troubleshooting.md:
 * first and last line of the ReconcileFailed message; pkg/enactmentstatus/message_test.go: the
 * `failed to execute nmstatectl set` line), with plant-a's node and NIC names.
 */
export function nmstateFailureMessage(node: string, iface: string): string {
  return [
    `error reconciling NodeNetworkConfigurationPolicy on node ${node} at desired state apply: "",`,
    " failed to execute nmstatectl set --no-commit --timeout 480: 'exit status 1' ''",
    `NmstateError: InvalidArgument: Ethernet interface ${iface} does not exists`,
    "'",
  ].join('\n');
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/** FNV-1a 32 bit, as local-storage-operator names PVs (pkg/common/provisioner_utils.go GeneratePVName). */
function pvName(file: string, node: string, storageClass: string): string {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(file + node + storageClass, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `local-pv-${hash.toString(16)}`;
}

class Stopped extends Error {}

export function playPlantA(server: TestApiServer, options: PlantAScenarioOptions = {}): PlantAScenario {
  const site = options.site ?? plantASite();
  const files = options.files ?? gitopsFiles(site).files;
  const plan = planBootstrap(files);
  const stepMs = options.stepMs ?? 5;
  const failures = options.failures ?? {};
  const store = server.store;
  const timers = new Set<{ timer: NodeJS.Timeout; reject: (e: Error) => void }>();
  const running = new Set<Promise<void>>();
  const started = new Set<string>();
  const errors: Error[] = [];
  let stopped = false;
  let argoAvailable = false;
  let argoStarted = false;

  const step = (ms = stepMs) =>
    new Promise<void>((resolve, reject) => {
      if (stopped) return reject(new Stopped());
      const entry = {
        timer: setTimeout(() => {
          timers.delete(entry);
          resolve();
        }, ms),
        reject,
      };
      timers.add(entry);
    });
  const never = () => new Promise<void>((_resolve, reject) => timers.add({ timer: setTimeout(() => undefined, 0), reject }));

  /** Runs a controller flow once per key; its end (or stop) is tracked for idle(). */
  const once = (key: string, flow: () => Promise<void>) => {
    if (started.has(key) || stopped) return;
    started.add(key);
    const promise: Promise<void> = flow()
      .catch((error: unknown) => {
        if (!(error instanceof Stopped)) errors.push(error instanceof Error ? error : new Error(String(error)));
      })
      .finally(() => running.delete(promise));
    running.add(promise);
  };

  /**
   * A controller flow started inside another (an object's controller, a hook Job): tracked for
   * idle() even when its caller stops waiting for it; an error is recorded, and the caller gets
   * `fallback` instead.
   */
  const follow = <T>(flow: Promise<T>, fallback: T): Promise<T> => {
    const settled = flow.catch((error: unknown) => {
      if (!(error instanceof Stopped)) errors.push(error instanceof Error ? error : new Error(String(error)));
      return fallback;
    });
    const done: Promise<void> = settled.then(() => undefined).finally(() => running.delete(done));
    running.add(done);
    return settled;
  };

  const put = (object: JsonObject, manager?: string) => (stopped ? undefined : store.put(object, manager ? { manager } : {}));
  const setStatus = (ref: { apiVersion: string; kind: string; name: string; namespace?: string }, status: JsonObject, manager: string) => {
    if (!stopped) store.setStatus(ref, status, { manager });
  };
  const refOf = (o: JsonObject) => {
    const m = o.metadata as { name: string; namespace?: string };
    return { apiVersion: String(o.apiVersion), kind: String(o.kind), name: m.name, ...(m.namespace ? { namespace: m.namespace } : {}) };
  };

  // ---------------------------------------------------------------------------------------
  // The cluster as the installer left it
  // ---------------------------------------------------------------------------------------
  for (const node of site.nodes) {
    if (store.get({ apiVersion: 'v1', kind: 'Node', name: node.hostname })) continue;
    store.put({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: node.hostname,
        labels: {
          'kubernetes.io/hostname': node.hostname,
          'kubernetes.io/os': 'linux',
          'node-role.kubernetes.io/control-plane': '',
          'node-role.kubernetes.io/master': '',
          'node-role.kubernetes.io/worker': '',
        },
      },
    });
  }
  if (!store.get(CONSOLE_REF)) store.put(consoleAtInstall(), { manager: 'cluster-version-operator' });
  if (!store.get(SCHEDULER_REF)) store.put(schedulerAtInstall(), { manager: 'cluster-bootstrap' });

  // ---------------------------------------------------------------------------------------
  // OLM: Subscription → CSV Pending, InstallReady, Installing, Succeeded (or Failed)
  // ---------------------------------------------------------------------------------------
  const csvCondition = (phase: string, reason: string, message: string) => ({ lastTransitionTime: now(), lastUpdateTime: now(), message, phase, reason });

  async function installOperator(subscription: JsonObject): Promise<'Succeeded' | 'Failed'> {
    const ref = refOf(subscription);
    const spec = subscription.spec as { name: string; channel: string; source: string; sourceNamespace: string };
    const known = OPERATORS[spec.name] ?? { csv: `${spec.name}.v1.0.0`, deployment: spec.name };
    const csvRef = { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'ClusterServiceVersion', name: known.csv, namespace: ref.namespace };
    await step();
    setStatus(
      ref,
      {
        catalogHealth: [{ catalogSourceRef: { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'CatalogSource', name: spec.source, namespace: spec.sourceNamespace }, healthy: true, lastUpdated: now() }],
        conditions: [{ lastTransitionTime: now(), message: 'all available catalogsources are healthy', reason: 'AllCatalogSourcesHealthy', status: 'False', type: 'CatalogSourcesUnhealthy' }],
        currentCSV: known.csv,
        lastUpdated: now(),
        state: 'UpgradePending',
      },
      'catalog',
    );
    await step();
    const phases: [string, string, string][] = [
      ['Pending', 'RequirementsUnknown', 'requirements not yet checked'],
      ['InstallReady', 'AllRequirementsMet', 'all requirements found, attempting install'],
      ['Installing', 'InstallWaiting', `installing: waiting for deployment ${known.deployment} to become ready: deployment "${known.deployment}" not available: Deployment does not have minimum availability.`],
    ];
    const conditions: JsonObject[] = [];
    for (const [index, [phase, reason, message]] of phases.entries()) {
      conditions.push(csvCondition(phase, reason, message));
      const status = { phase, reason, message, lastTransitionTime: now(), lastUpdateTime: now(), conditions: structuredClone(conditions) };
      if (index === 0) {
        put(
          {
            apiVersion: csvRef.apiVersion,
            kind: csvRef.kind,
            metadata: { name: known.csv, namespace: ref.namespace ?? '', labels: { [`operators.coreos.com/${spec.name}.${ref.namespace}`]: '' } },
            spec: { displayName: spec.name, version: known.csv.replace(/^[^.]*\.v?/, ''), install: { strategy: 'deployment' } },
          },
          'olm',
        );
      }
      setStatus(csvRef, status, 'olm');
      await step();
    }
    const failed = failures.csvFailed?.subscription === ref.name;
    const [phase, reason, message] = failed
      ? ['Failed', 'InstallCheckFailed', `install failed: deployment ${known.deployment} not ready before timeout: deployment "${known.deployment}" exceeded its progress deadline`]
      : ['Succeeded', 'InstallSucceeded', 'install strategy completed with no errors'];
    conditions.push(csvCondition(phase, reason, message));
    setStatus(csvRef, { phase, reason, message, lastTransitionTime: now(), lastUpdateTime: now(), conditions }, 'olm');
    if (failed) return 'Failed';
    const subStatus = store.get(ref)?.status as JsonObject;
    setStatus(ref, { ...subStatus, installedCSV: known.csv, state: 'AtLatestKnown', lastUpdated: now() }, 'catalog');
    return 'Succeeded';
  }

  // ---------------------------------------------------------------------------------------
  // OpenShift GitOps: its namespace, argocd-tls-certs-cm and the ArgoCD instance openshift-gitops
  // ---------------------------------------------------------------------------------------
  async function startGitops(): Promise<void> {
    put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ARGO_NAMESPACE, labels: { 'kubernetes.io/metadata.name': ARGO_NAMESPACE } } }, 'gitops-operator');
    const instance = { apiVersion: 'argoproj.io/v1beta1', kind: 'ArgoCD', name: 'openshift-gitops', namespace: ARGO_NAMESPACE };
    if (!store.get(instance)) {
      put(
        {
          apiVersion: instance.apiVersion,
          kind: instance.kind,
          metadata: { name: instance.name, namespace: ARGO_NAMESPACE },
          spec: {
            applicationSet: { resources: { limits: { cpu: '2', memory: '1Gi' } } },
            controller: { processors: {}, resources: { limits: { cpu: '2', memory: '3Gi' } } },
            rbac: { defaultPolicy: '', policy: 'g, system:cluster-admins, role:admin\ng, cluster-admins, role:admin\n', scopes: '[groups]' },
            server: { route: { enabled: true }, resources: { limits: { cpu: '500m', memory: '256Mi' } } },
            sso: { dex: { openShiftOAuth: true }, provider: 'dex' },
          },
        },
        'gitops-operator',
      );
    }
    const certs = { apiVersion: 'v1', kind: 'ConfigMap', name: 'argocd-tls-certs-cm', namespace: ARGO_NAMESPACE };
    if (!store.get(certs)) {
      put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: certs.name, namespace: ARGO_NAMESPACE, labels: { 'app.kubernetes.io/name': certs.name, 'app.kubernetes.io/part-of': 'argocd' } } }, 'argocd-operator');
    }
    await step();
    setStatus(instance, { phase: 'Pending', applicationController: 'Pending', repo: 'Pending', server: 'Pending', redis: 'Pending' }, 'argocd-operator');
    await step();
    setStatus(instance, { phase: 'Available', applicationController: 'Running', applicationSetController: 'Running', repo: 'Running', server: 'Running', redis: 'Running', sso: 'Running' }, 'argocd-operator');
    argoAvailable = true;
    maybeStartArgo();
  }

  // ---------------------------------------------------------------------------------------
  // Argo CD: the root Application creates the children wave by wave; each child syncs its folder
  // ---------------------------------------------------------------------------------------
  const appStatus = (sync: string, health: string, phase: string, message: string): JsonObject => ({
    sync: { status: sync, revision: '4f6c0e2a9d1b7c3e5f8a0b2d4c6e8f1a3b5d7c9e', comparedTo: { source: {}, destination: {} } },
    health: { status: health, lastTransitionTime: now() },
    operationState: { phase, message, startedAt: now(), ...(phase === 'Running' ? {} : { finishedAt: now() }), operation: { sync: { revision: '4f6c0e2a9d1b7c3e5f8a0b2d4c6e8f1a3b5d7c9e' }, initiatedBy: { automated: true } } },
    reconciledAt: now(),
    sourceType: 'Directory',
  });

  function maybeStartArgo(): void {
    if (!argoAvailable || argoStarted) return;
    if (!store.get(plan.rootApplication)) return;
    argoStarted = true;
    once('argo', syncRoot);
  }

  async function syncRoot(): Promise<void> {
    const root = plan.rootApplication;
    await step();
    for (const wave of plan.waves) {
      if (options.holdBeforeWave === wave.wave) await never();
      const first = wave.applications[0]!.ref;
      setStatus(root, appStatus('OutOfSync', 'Progressing', 'Running', `waiting for healthy state of argoproj.io/Application/${first.name}`), 'argocd-application-controller');
      const results = await Promise.all(wave.applications.map((app) => syncChild(app)));
      if (results.some((healthy) => !healthy)) return; // Argo CD keeps retrying; the wave never gets healthy
    }
    setStatus(root, appStatus('Synced', 'Healthy', 'Succeeded', 'successfully synced (all tasks run)'), 'argocd-application-controller');
  }

  /**
   * Creates the child Application and syncs its folder wave by wave: each wave's objects are
   * applied and its hooks run; the next wave waits until they are healthy and the hooks done
   * (gitops-engine), the last one only for its hooks. Resolves true once everything is healthy.
   */
  async function syncChild(app: PlannedApplication): Promise<boolean> {
    const source = files.find((f) => f.path === `gitops/apps/${app.folder}.yaml`);
    const manifest = (source ? YAML.parse(source.content) : { apiVersion: app.ref.apiVersion, kind: app.ref.kind, metadata: { name: app.ref.name, namespace: app.ref.namespace } }) as JsonObject;
    put(manifest, ARGO_MANAGER);
    await step();
    setStatus(app.ref, appStatus('OutOfSync', 'Missing', 'Running', 'one or more tasks are running'), 'argocd-application-controller');
    await step();
    const waves = syncWaves(app.objects);
    const resources: Promise<Health>[] = [];
    for (const [index, objects] of waves.entries()) {
      const last = index === waves.length - 1;
      const applied: JsonObject[] = [];
      const hooks: JsonObject[] = [];
      const health: Promise<Health>[] = [];
      const hookRuns: Promise<{ ok: boolean; message: string }>[] = [];
      for (const object of objects) {
        const hook = isHook(object);
        if (hook && options.syncHooks === false) continue;
        const copy = structuredClone(object);
        const metadata = copy.metadata as { namespace?: string; annotations?: Record<string, string> };
        const group = String(copy.apiVersion).includes('/') ? String(copy.apiVersion).split('/')[0] : '';
        metadata.annotations = { ...metadata.annotations, 'argocd.argoproj.io/tracking-id': `${app.ref.name}:${group}/${String(copy.kind)}:${metadata.namespace ?? ''}/${refOf(copy).name}` };
        try {
          put(copy, ARGO_MANAGER);
        } catch {
          continue; // a kind the test API server does not serve (no controller to play for it)
        }
        if (hook) {
          hooks.push(copy);
          hookRuns.push(follow(runHookJob(server, copy, { step: () => step(), now, running: () => !stopped }), { ok: false, message: 'the scenario could not run the hook' }));
        } else {
          applied.push(copy);
          health.push(follow(controllerFor(copy), 'progressing'));
        }
      }
      resources.push(...health);
      if (hooks.length > 0) {
        setStatus(app.ref, appStatus('OutOfSync', 'Progressing', 'Running', waitingMessage(hooks, true)), 'argocd-application-controller');
        const runs = await Promise.all(hookRuns);
        if (runs.some((run) => !run.ok)) {
          // The sync operation fails; Argo CD retries it by itself (a new hook Job each time).
          // A hook that ran and failed is not a SyncFailed task, so the operation's message has
          // no "reason:" (gitops-engine executeSyncFailPhase); the hook's own words are in its
          // syncResult entry (hookPhase Failed, the Job's Failed condition message).
          const status = appStatus('OutOfSync', 'Missing', 'Failed', 'one or more synchronization tasks completed unsuccessfully');
          (status.operationState as JsonObject).syncResult = {
            revision: '4f6c0e2a9d1b7c3e5f8a0b2d4c6e8f1a3b5d7c9e',
            resources: [
              ...applied.map((o) => syncResultOf(o, { status: 'Synced', hookPhase: 'Running', message: `${String(o.kind).toLowerCase()}/${refOf(o).name} created` })),
              ...hooks.map((o, i) => syncResultOf(o, { status: 'Synced', hookType: 'Sync', hookPhase: runs[i]!.ok ? 'Succeeded' : 'Failed', message: runs[i]!.message })),
            ],
          };
          setStatus(app.ref, status, 'argocd-application-controller');
          return false;
        }
      }
      if (last) break;
      setStatus(app.ref, appStatus('OutOfSync', 'Progressing', 'Running', waitingMessage(applied, false)), 'argocd-application-controller');
      const states = await Promise.all(health);
      if (states.some((h) => h !== 'healthy')) {
        // Argo CD keeps waiting for this wave: the later waves are never applied.
        if (states.includes('degraded')) setStatus(app.ref, appStatus('OutOfSync', 'Degraded', 'Running', waitingMessage(applied, false)), 'argocd-application-controller');
        return false;
      }
    }
    setStatus(app.ref, appStatus('Synced', 'Progressing', 'Succeeded', 'successfully synced (all tasks run)'), 'argocd-application-controller');
    const health = await Promise.all(resources);
    // A failed CSV is not an object of the Application: Argo CD's Subscription health stays
    // Progressing. A failed NNCP is, and makes the Application Degraded.
    if (health.includes('progressing')) return false;
    const healthy = health.every((h) => h === 'healthy');
    await step(); // Argo CD assesses health after the objects changed, not at the same instant
    setStatus(app.ref, appStatus('Synced', healthy ? 'Healthy' : 'Degraded', 'Succeeded', 'successfully synced (all tasks run)'), 'argocd-application-controller');
    return healthy;
  }

  /** Plays the controller of one object Argo CD created; resolves with the health Argo CD then sees. */
  async function controllerFor(object: JsonObject): Promise<Health> {
    const healthy = (ok: boolean) => (ok ? 'healthy' : 'degraded');
    switch (object.kind) {
      case 'Subscription':
        return (await installOperator(object)) === 'Succeeded' ? 'healthy' : 'progressing';
      case 'NMState':
        await reportNetworkStates();
        return 'healthy';
      case 'NodeNetworkConfigurationPolicy':
        return healthy(await enact(object));
      case 'LocalVolume':
        return healthy(await provisionLocalVolume(object));
      case 'StorageCluster':
        return healthy(await buildStorage(object));
      case 'HyperConverged':
        return healthy(await deployVirtualization(object));
      default:
        return 'healthy';
    }
  }

  // ---------------------------------------------------------------------------------------
  // kubernetes-nmstate: a NodeNetworkState per node once the handler runs, one enactment per
  // selected node of a policy, the node's state reported again after it
  // ---------------------------------------------------------------------------------------
  const nnsRef = (node: string) => ({ apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkState', name: node });
  const nodeUidOf = (node: string) => (store.get({ apiVersion: 'v1', kind: 'Node', name: node })?.metadata as { uid?: string } | undefined)?.uid ?? '';
  const policies = plan.waves
    .flatMap((w) => w.applications)
    .flatMap((a) => a.objects)
    .filter((o) => o.object.kind === 'NodeNetworkConfigurationPolicy')
    .map((o) => o.object as unknown as JsonObject);

  /** The handler on each node creates its NodeNetworkState, then writes the state it sees. */
  async function reportNetworkStates(): Promise<void> {
    await step();
    for (const node of site.nodes.map((n) => n.hostname)) {
      if (stopped || store.get(nnsRef(node))) continue;
      const state = nodeNetworkState(site, node, { nodeUid: nodeUidOf(node), now: now(), dayTwo: dayTwoInterfaces(policies, node) });
      const { status, ...created } = state;
      put(created, 'nmstate-handler');
      setStatus(nnsRef(node), status as JsonObject, 'nmstate-handler');
    }
  }

  /** After a policy was applied the handler reports the node's state again. */
  function reportAfterPolicy(node: string, desiredState: JsonObject | undefined): void {
    const current = store.get(nnsRef(node));
    if (!current || !desiredState) return;
    const status = stateAfterPolicy(site, node, current, desiredState as { interfaces?: Record<string, unknown>[] });
    setStatus(nnsRef(node), { ...status, lastSuccessfulUpdateTime: now() }, 'nmstate-handler');
  }

  const nmCondition = (type: string, status: string, reason: string, message = '') => ({ type, status, reason, message, lastHeartbeatTime: now(), lastTransitionTime: now() });

  async function enact(policy: JsonObject): Promise<boolean> {
    const ref = refOf(policy);
    const spec = policy.spec as { nodeSelector?: Record<string, string>; desiredState?: JsonObject };
    const hostname = spec.nodeSelector?.['kubernetes.io/hostname'];
    const nodes = hostname ? [hostname] : site.nodes.map((n) => n.hostname);
    const results = await Promise.all(
      nodes.map(async (node) => {
        const nnce = { apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkConfigurationEnactment', name: `${node}.${ref.name}` };
        const nodeUid = nodeUidOf(node);
        put(
          {
            apiVersion: nnce.apiVersion,
            kind: nnce.kind,
            metadata: { name: nnce.name, labels: { 'nmstate.io/node': node, 'nmstate.io/policy': ref.name }, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: nodeUid }] },
          },
          'nmstate-handler',
        );
        await step();
        const base = { desiredState: spec.desiredState ?? {}, policyGeneration: 1 };
        setStatus(
          nnce,
          {
            ...base,
            conditions: [
              nmCondition('Failing', 'Unknown', 'ConfigurationProgressing'),
              nmCondition('Available', 'Unknown', 'ConfigurationProgressing'),
              nmCondition('Progressing', 'True', 'ConfigurationProgressing', 'Applying desired state'),
              nmCondition('Pending', 'False', 'ConfigurationProgressing'),
              nmCondition('Aborted', 'False', 'ConfigurationProgressing'),
            ],
          },
          'nmstate-handler',
        );
        await step();
        if (failures.nnceFailing?.node === node) {
          const iface = failures.nnceFailing.interface ?? 'ens2f1';
          setStatus(
            nnce,
            {
              ...base,
              conditions: [
                nmCondition('Failing', 'True', 'FailedToConfigure', nmstateFailureMessage(node, iface)),
                nmCondition('Available', 'False', 'FailedToConfigure'),
                nmCondition('Progressing', 'False', 'FailedToConfigure'),
                nmCondition('Pending', 'False', 'FailedToConfigure'),
                nmCondition('Aborted', 'False', 'SuccessfullyConfigured'),
              ],
            },
            'nmstate-handler',
          );
          return false;
        }
        reportAfterPolicy(node, spec.desiredState);
        setStatus(
          nnce,
          {
            ...base,
            conditions: [
              nmCondition('Available', 'True', 'SuccessfullyConfigured', 'successfully reconciled'),
              nmCondition('Failing', 'False', 'SuccessfullyConfigured'),
              nmCondition('Progressing', 'False', 'SuccessfullyConfigured'),
              nmCondition('Pending', 'False', 'SuccessfullyConfigured'),
              nmCondition('Aborted', 'False', 'SuccessfullyConfigured'),
            ],
          },
          'nmstate-handler',
        );
        return true;
      }),
    );
    const ok = results.every(Boolean);
    setStatus(
      ref,
      {
        conditions: ok
          ? [nmCondition('Available', 'True', 'SuccessfullyConfigured', `${nodes.length}/${nodes.length} nodes successfully configured`), nmCondition('Degraded', 'False', 'SuccessfullyConfigured')]
          : [nmCondition('Degraded', 'True', 'FailedToConfigure', `1/${nodes.length} nodes failed to configure`), nmCondition('Available', 'False', 'FailedToConfigure')],
        lastUnavailableNodeCountUpdate: now(),
      },
      'nmstate-handler',
    );
    return ok;
  }

  // ---------------------------------------------------------------------------------------
  // Local Storage Operator: one PV per device of the LocalVolume on its node
  // ---------------------------------------------------------------------------------------
  async function provisionLocalVolume(volume: JsonObject): Promise<boolean> {
    const ref = refOf(volume);
    const spec = volume.spec as {
      nodeSelector: { nodeSelectorTerms: { matchExpressions: { key: string; values: string[] }[] }[] };
      storageClassDevices: { storageClassName: string; volumeMode: string; devicePaths: string[] }[];
    };
    const nodes = spec.nodeSelector.nodeSelectorTerms.flatMap((t) => t.matchExpressions).filter((e) => e.key === 'kubernetes.io/hostname').flatMap((e) => e.values);
    await step();
    for (const node of nodes) {
      for (const devices of spec.storageClassDevices) {
        for (const [index, path] of devices.devicePaths.entries()) {
          const file = basename(path);
          put(
            {
              apiVersion: 'v1',
              kind: 'PersistentVolume',
              metadata: {
                name: pvName(file, node, devices.storageClassName),
                labels: {
                  'kubernetes.io/hostname': node,
                  'storage.openshift.com/owner-kind': 'LocalVolume',
                  'storage.openshift.com/owner-name': ref.name,
                  'storage.openshift.com/owner-namespace': ref.namespace ?? '',
                },
                annotations: { 'pv.kubernetes.io/provisioned-by': `local-volume-provisioner-${node}`, 'storage.openshift.com/device-name': `nvme${index}n1` },
                finalizers: ['kubernetes.io/pv-protection'],
              },
              spec: {
                capacity: { storage: '2980Gi' },
                local: { path: `/mnt/local-storage/${devices.storageClassName}/${file}` },
                accessModes: ['ReadWriteOnce'],
                persistentVolumeReclaimPolicy: 'Delete',
                storageClassName: devices.storageClassName,
                volumeMode: devices.volumeMode,
                nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
              },
              status: { phase: 'Available' },
            },
            'diskmaker',
          );
          await step(1);
        }
      }
    }
    setStatus(
      ref,
      {
        conditions: [{ type: 'Available', status: 'True', message: 'Ready', lastTransitionTime: now() }],
        generations: [],
        managementState: 'Managed',
        observedGeneration: 1,
      },
      'local-storage-operator',
    );
    return true;
  }

  // ---------------------------------------------------------------------------------------
  // ODF: StorageCluster Progressing → Ready, its CephCluster HEALTH_WARN → HEALTH_OK
  // ---------------------------------------------------------------------------------------
  async function buildStorage(cluster: JsonObject): Promise<boolean> {
    const ref = refOf(cluster);
    const ceph = { apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', name: `${ref.name}-cephcluster`, namespace: ref.namespace };
    const condition = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message, lastHeartbeatTime: now(), lastTransitionTime: now() });
    await step();
    setStatus(ref, { phase: 'Progressing', conditions: [condition('Progressing', 'True', 'Init', 'Initializing StorageCluster')] }, 'ocs-operator');
    put({ apiVersion: ceph.apiVersion, kind: ceph.kind, metadata: { name: ceph.name, namespace: ceph.namespace ?? '', labels: { app: 'rook-ceph' } }, spec: { dataDirHostPath: '/var/lib/rook' } }, 'ocs-operator');
    await step();
    setStatus(
      ceph,
      {
        phase: 'Progressing',
        state: 'Creating',
        message: 'Configuring Ceph OSDs',
        ceph: { health: 'HEALTH_WARN', lastChecked: now(), details: { TOO_FEW_OSDS: { message: 'OSD count 0 < osd_pool_default_size 3', severity: 'HEALTH_WARN' } } },
      },
      'rook-ceph-operator',
    );
    await step();
    setStatus(
      ceph,
      {
        phase: 'Ready',
        state: 'Created',
        message: 'Cluster created successfully',
        ceph: { health: 'HEALTH_OK', lastChecked: now(), capacity: { bytesAvailable: 57_000_000_000_000, bytesTotal: 57_600_000_000_000, bytesUsed: 600_000_000_000, lastUpdated: now() } },
      },
      'rook-ceph-operator',
    );
    setStatus(
      ref,
      {
        phase: 'Ready',
        conditions: [
          condition('ReconcileComplete', 'True', 'ReconcileCompleted', 'Reconcile completed successfully'),
          condition('Available', 'True', 'ReconcileCompleted', 'Reconcile completed successfully'),
          condition('Progressing', 'False', 'ReconcileCompleted', 'Reconcile completed successfully'),
          condition('Degraded', 'False', 'ReconcileCompleted', 'Reconcile completed successfully'),
          condition('Upgradeable', 'True', 'ReconcileCompleted', 'Reconcile completed successfully'),
        ],
      },
      'ocs-operator',
    );
    return true;
  }

  // ---------------------------------------------------------------------------------------
  // HCO: HyperConverged Available
  // ---------------------------------------------------------------------------------------
  async function deployVirtualization(hco: JsonObject): Promise<boolean> {
    const ref = refOf(hco);
    const condition = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message, lastTransitionTime: now(), observedGeneration: 1 });
    await step();
    setStatus(
      ref,
      {
        conditions: [
          condition('ReconcileComplete', 'Unknown', 'Init', 'Initializing HyperConverged cluster'),
          condition('Available', 'False', 'Init', 'Initializing HyperConverged cluster'),
          condition('Progressing', 'True', 'Init', 'Initializing HyperConverged cluster'),
          condition('Degraded', 'False', 'Init', 'Initializing HyperConverged cluster'),
        ],
      },
      'hyperconverged-cluster-operator',
    );
    await step();
    setStatus(
      ref,
      {
        conditions: [
          condition('ReconcileComplete', 'True', 'ReconcileCompleted', 'Reconcile completed successfully'),
          condition('Available', 'True', 'ReconcileCompleted', 'Reconcile completed successfully'),
          condition('Progressing', 'False', 'ReconcileCompleted', 'Reconcile completed successfully'),
          condition('Degraded', 'False', 'ReconcileCompleted', 'Reconcile completed successfully'),
          condition('Upgradeable', 'True', 'ReconcileCompleted', 'Reconcile completed successfully'),
        ],
      },
      'hyperconverged-cluster-operator',
    );
    return true;
  }

  // ---------------------------------------------------------------------------------------
  // Reacting to Sitekit's writes
  // ---------------------------------------------------------------------------------------
  const unsubscribe = server.onApplied((object: JsonObject, _manager: string, info: WriteInfo) => {
    if (stopped || info.subresource) return;
    const ref = refOf(object);
    if (ref.kind === 'Subscription' && ref.name === plan.gitopsSubscription.name && ref.namespace === plan.gitopsSubscription.namespace) {
      once(`olm/${ref.namespace}/${ref.name}`, async () => {
        if ((await installOperator(object)) === 'Succeeded') await startGitops();
      });
    }
    if (ref.kind === plan.rootApplication.kind && ref.name === plan.rootApplication.name) maybeStartArgo();
  });

  return {
    site,
    files,
    plan,
    errors,
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
      if (errors.length > 0) throw errors[0];
    },
    stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      for (const entry of timers) {
        clearTimeout(entry.timer);
        entry.reject(new Stopped());
      }
      timers.clear();
    },
  };
}
