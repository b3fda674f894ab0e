// What one live object says about the bootstrap, as a ProgressItem: state, the object's own
// words (condition message, phase, Ceph health, sync/health) and, when it failed, what to do.
// Pure functions of the objects the watches hold; the field names are the ones each operator
// writes:
//   Argo CD Application: status.sync.status, status.health.status (+ message before Argo CD 3),
//     status.operationState.{phase,message,retryCount}, status.conditions[] {type, message},
//     status.operationState.syncResult.resources[] {group, version, kind, namespace, name,
//     status, message, hookType, hookPhase, syncPhase} (argo-cd pkg/apis/application/v1alpha1/
//     types.go OperationState, SyncOperationResult, ResourceResult; a hook's hookPhase is Failed
//     with its health message, for a Job the Failed condition's "Job has reached the specified
//     backoff limit": gitops-engine pkg/sync/sync_context.go getOperationPhase, pkg/health/health_job.go).
//   OLM: Subscription status.installedCSV / currentCSV / conditions; ClusterServiceVersion
//     status.phase (Pending, InstallReady, Installing, Succeeded, Failed…), reason, message
//     (operator-lifecycle-manager pkg/controller/operators/olm/operator.go: Failed with
//     InstallCheckFailed "install failed: …").
//   kubernetes-nmstate NodeNetworkConfigurationEnactment `<node>.<policy>`: conditions
//     Available / Failing / Progressing / Pending / Aborted with reasons SuccessfullyConfigured,
//     FailedToConfigure, Retrying, ConfigurationProgressing, MaxUnavailableLimitReached
//     (pkg/enactmentstatus/conditions/conditions.go).
//   Local Storage Operator PVs: labels storage.openshift.com/owner-kind, owner-name,
//     kubernetes.io/hostname, spec.storageClassName (pkg/common/provisioner_utils.go labels).
//   ocs-operator StorageCluster status.phase (Progressing, Ready, Error…) and conditions; Rook
//     CephCluster status.ceph.health HEALTH_OK / HEALTH_WARN / HEALTH_ERR and status.ceph.details.
//   HyperConverged conditions Available / Progressing / Degraded (hco docs/conditions.md).
//   argocd-operator ArgoCD status.phase Pending / Available.
import type { KubeObject } from '../client';
import type { ObjectRef, ProgressItem, ProgressState } from '../types';
import { condition, conditionsOf, type Condition } from '../conditions';
import { oneLine } from '../one-line';


function item(ref: ObjectRef, state: ProgressState, message: string, fix?: string): ProgressItem {
  return { ...ref, state, message, ...(fix ? { fix } : {}) };
}

function statusOf<T>(object: KubeObject | undefined): Partial<T> {
  return ((object?.status as T | undefined) ?? {}) as Partial<T>;
}

// ---------------------------------------------------------------------------------------
// Argo CD
// ---------------------------------------------------------------------------------------

/** One entry of status.operationState.syncResult.resources (argo-cd ResourceResult). */
interface SyncResourceResult {
  group?: string;
  version?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  /** Synced, SyncFailed, Pruned, PruneSkipped. */
  status?: string;
  message?: string;
  /** PreSync, Sync, PostSync, SyncFail, Skip; empty for a resource that is not a hook. */
  hookType?: string;
  /** Running, Succeeded, Failed, Error, Terminating. */
  hookPhase?: string;
}

interface ApplicationStatus {
  sync: { status?: string };
  health: { status?: string; message?: string };
  operationState: { phase?: string; message?: string; retryCount?: number; syncResult?: { resources?: SyncResourceResult[] } };
  conditions: Condition[];
}

/** Why the root Application has not created a child yet, from its conditions and sync operation. */
function rootSays(root: KubeObject | undefined): string {
  if (!root) return 'the root Application does not exist yet';
  const status = statusOf<ApplicationStatus>(root);
  const errors = (status.conditions ?? []).filter((c) => c.type && /Error|Warning/.test(c.type));
  if (errors.length > 0) return `${root.metadata.name} reports ${errors.map((c) => `${c.type}: ${oneLine(c.message ?? '', 200)}`).join('; ')}`;
  const operation = status.operationState;
  if (operation?.phase === 'Running') return `${root.metadata.name} is syncing${operation.message ? ` (${oneLine(operation.message, 200)})` : ''}`;
  return `${root.metadata.name} creates it when the waves before it are healthy`;
}

/** The hooks of the last sync attempt that failed (a Job past its backoff limit, a hook Pod that failed…). */
function failedHooks(status: Partial<ApplicationStatus>): SyncResourceResult[] {
  const resources = status.operationState?.syncResult?.resources;
  if (!Array.isArray(resources)) return [];
  return resources.filter((r) => r && r.hookType && r.name && (r.hookPhase === 'Failed' || r.hookPhase === 'Error'));
}

/** How to read why a hook failed: its log for a Job or Pod, else its description. */
function hookLogCommand(hook: SyncResourceResult): string {
  const ns = hook.namespace ? ` -n ${hook.namespace}` : '';
  if (hook.kind === 'Job' || hook.kind === 'Pod') return `oc logs ${hook.kind.toLowerCase()}/${hook.name}${ns}`;
  return `oc describe ${(hook.kind ?? 'object').toLowerCase()} ${hook.name}${ns}`;
}

/**
 * A failed hook is not final: the bundle's Applications retry a failed sync without limit
 * (retry.limit -1), each attempt running the hook again (BeforeHookCreation). So the item runs
 * on, naming the hook, what it said and where to read why; the wave's time limit ends it.
 */
function judgeFailedHooks(ref: ObjectRef, hooks: SyncResourceResult[], retryCount: number | undefined): ProgressItem {
  const said = hooks.map((h) => {
    const name = `${h.kind ?? 'Hook'} ${h.namespace ? `${h.namespace}/` : ''}${h.name}`;
    const why = h.message ? `: ${oneLine(h.message, 200).replace(/\.$/, '')}` : '';
    return `${name} (${h.hookType} hook of ${ref.name}) failed${why}.`;
  });
  const first = hooks[0]!;
  const retried = retryCount && retryCount > 0 ? ` (${retryCount === 1 ? 'once' : `${retryCount} times`} so far)` : '';
  return item(
    ref,
    'running',
    `${said.join(' ')} Argo CD retries the sync${retried}; see why with \`${hookLogCommand(first)}\`.`,
    `Fix what the log says (often an object the hook changes is not there yet, or its ServiceAccount may not change it); Argo CD's next retry runs the hook again and the wave goes on.`,
  );
}

export function judgeApplication(ref: ObjectRef, app: KubeObject | undefined, root?: KubeObject): ProgressItem {
  if (!app) return item(ref, 'waiting', `Not created yet: ${rootSays(root)}.`);
  const status = statusOf<ApplicationStatus>(app);
  const hooks = failedHooks(status);
  if (hooks.length > 0 && status.health?.status !== 'Degraded') return judgeFailedHooks(ref, hooks, status.operationState?.retryCount);
  const sync = status.sync?.status ?? 'Unknown';
  const health = status.health?.status ?? 'Unknown';
  const details: string[] = [];
  if (status.health?.message) details.push(oneLine(status.health.message, 200));
  const operation = status.operationState;
  if (operation?.message && operation.phase !== 'Succeeded') details.push(`sync ${operation.phase ?? 'operation'}: ${oneLine(operation.message, 200)}`);
  for (const c of status.conditions ?? []) if (c.message) details.push(`${c.type ?? 'Condition'}: ${oneLine(c.message, 200)}`);
  const message = `Sync ${sync}, health ${health}${details.length > 0 ? `: ${details.join('; ')}` : ''}.`;
  if (sync === 'Synced' && health === 'Healthy') return item(ref, 'done', message);
  if (health === 'Degraded') {
    return item(
      ref,
      'failed',
      message,
      `Look at what ${ref.name} deploys that is not healthy (the other items of this wave, or \`oc get application ${ref.name} -n ${ref.namespace ?? 'openshift-gitops'} -o yaml\`). Argo CD retries the sync by itself once the cause is fixed; then run the bootstrap again to follow the waves.`,
    );
  }
  return item(ref, health === 'Unknown' && sync === 'Unknown' ? 'waiting' : 'running', message);
}

export function judgeArgoCd(ref: ObjectRef, instance: KubeObject | undefined): ProgressItem {
  if (!instance) return item(ref, 'waiting', 'The GitOps operator has not created its Argo CD instance yet.');
  const phase = statusOf<{ phase: string }>(instance).phase;
  if (phase === 'Available') return item(ref, 'done', 'Argo CD is Available.');
  return item(ref, 'running', `Argo CD is ${phase ?? 'starting'}: waiting for Available.`);
}

// ---------------------------------------------------------------------------------------
// OLM
// ---------------------------------------------------------------------------------------

interface SubscriptionStatus {
  installedCSV: string;
  currentCSV: string;
  state: string;
  conditions: Condition[];
}

/** The CSV a Subscription installs (installedCSV once OLM installed it, currentCSV while it does). */
export function csvNameOf(subscription: KubeObject | undefined): string | undefined {
  const status = statusOf<SubscriptionStatus>(subscription);
  return status.installedCSV || status.currentCSV || undefined;
}

export function csvRef(subscription: ObjectRef, csvName: string): ObjectRef {
  return { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'ClusterServiceVersion', name: csvName, ...(subscription.namespace ? { namespace: subscription.namespace } : {}) };
}

export function judgeSubscription(ref: ObjectRef, subscription: KubeObject | undefined): ProgressItem {
  if (!subscription) return item(ref, 'waiting', 'Not created yet.');
  const csv = csvNameOf(subscription);
  if (csv) return item(ref, 'done', `OLM resolved it to ${csv}.`);
  const troubles = conditionsOf(subscription).filter((c) => c.status === 'True' && c.message);
  const said = troubles.map((c) => `${c.type}: ${oneLine(c.message!, 200)}`).join('; ');
  return item(ref, 'running', `Waiting for OLM to resolve the operator from its catalog${said ? ` (${said})` : ''}.`);
}

/**
 * Failed is not final for OLM: on every sync of a Failed CSV it checks the install again and
 * goes back to Pending (NeedsReinstall) or on to Succeeded once the deployments are healthy
 * (operator-lifecycle-manager pkg/controller/operators/olm/operator.go, case CSVPhaseFailed;
 * an Installing CSV even turns Failed "install timeout" after 5 minutes, e.g. while a
 * disconnected mirror is slow). So it is followed on, with what to look at; the stage's time
 * limit says when it has been Failed too long.
 */
export function judgeCsv(ref: ObjectRef, csv: KubeObject | undefined): ProgressItem {
  if (!csv) return item(ref, 'running', 'OLM is preparing the install (InstallPlan).');
  const { phase, reason, message } = statusOf<{ phase: string; reason: string; message: string }>(csv);
  const said = `${phase ?? 'Pending'}${reason ? ` (${reason})` : ''}${message ? `: ${oneLine(message)}` : ''}`;
  if (phase === 'Succeeded') return item(ref, 'done', said);
  if (phase === 'Failed') {
    return item(
      ref,
      'running',
      `${said}${/[.!]$/.test(said) ? '' : '.'} OLM checks the install again by itself.`,
      `If it stays Failed, look at the operator's pods and events (\`oc get pods -n ${ref.namespace}\`, \`oc describe csv ${ref.name} -n ${ref.namespace}\`); on a disconnected site check that the mirror holds the operator's images. OLM completes the install once the cause is fixed; run the bootstrap again to keep following.`,
    );
  }
  return item(ref, 'running', said);
}

// ---------------------------------------------------------------------------------------
// kubernetes-nmstate
// ---------------------------------------------------------------------------------------

/**
 * The line of an nmstate failure that says why. kubernetes-nmstate puts nmstatectl's whole
 * output into the condition (docs/content/user-guide/103-troubleshooting.md): with nmstate 2
 * the reason is its `NmstateError: <kind>: <text>` line; with the Python nmstate of older
 * releases the `ERROR` log line (the docs call it "the interesting message"), else the final
 * `libnmstate.error…` exception; failing all that, the first line.
 */
export function nmstateReason(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l !== '' && l !== "'");
  const nmstate2 = [...lines].reverse().find((l) => /NmstateError:/.test(l));
  if (nmstate2) return oneLine(nmstate2.slice(nmstate2.indexOf('NmstateError:')), 300);
  const logged = lines.find((l) => /\sERROR\s/.test(l));
  if (logged) return oneLine(logged.replace(/^.*?\sERROR\s+/, '').replace(/\s{2,}\d{4}-\d{2}-\d{2} .*$/, ''), 300);
  const python = [...lines].reverse().find((l) => /libnmstate\.error\./.test(l));
  return oneLine(python ?? lines[0] ?? message, 300);
}

/** kubernetes-nmstate names an enactment `<node>.<policy>` (api/shared EnactmentKey). */
export function enactmentName(node: string, policy: string): string {
  return `${node}.${policy}`;
}

export function judgeEnactment(ref: ObjectRef, node: string, policy: string, nnce: KubeObject | undefined): ProgressItem {
  if (!nnce) return item(ref, 'waiting', `No enactment of ${policy} on ${node} yet.`);
  const available = condition(nnce, 'Available');
  if (available?.status === 'True') return item(ref, 'done', `${available.reason ?? 'Available'}${available.message ? `: ${oneLine(available.message, 200)}` : ''}.`);
  const failing = condition(nnce, 'Failing');
  if (failing?.status === 'True' && failing.reason !== 'Retrying') {
    return item(
      ref,
      'failed',
      `${failing.reason ?? 'Failing'} on ${node}: ${nmstateReason(failing.message ?? '')}`,
      `nmstate could not apply ${policy} on ${node} and rolled the node back to its previous network configuration. Compare the NIC, bond and VLAN names of ${node} in site.yaml (nodes[].interfaces, layout) with the node (\`oc get nns ${node} -o yaml\`), fix site.yaml, generate and push again; Argo CD and nmstate then apply it again.`,
    );
  }
  const aborted = condition(nnce, 'Aborted');
  if (aborted?.status === 'True') {
    return item(
      ref,
      'failed',
      `${aborted.reason ?? 'Aborted'} on ${node}${aborted.message ? `: ${nmstateReason(aborted.message)}` : ''}`,
      `nmstate stopped applying ${policy} because it failed on another node first: fix that node's failure; this node is configured when the policy is applied again.`,
    );
  }
  for (const type of ['Progressing', 'Pending', 'Failing']) {
    const c = condition(nnce, type);
    if (c?.status === 'True') return item(ref, 'running', `${c.reason ?? type} on ${node}${c.message ? `: ${nmstateReason(c.message)}` : ''}`);
  }
  return item(ref, 'running', `Waiting for nmstate on ${node}.`);
}

// ---------------------------------------------------------------------------------------
// Local Storage Operator, ODF, OpenShift Virtualization, NADs
// ---------------------------------------------------------------------------------------

export const PV_OWNER_KIND = 'storage.openshift.com/owner-kind';
export const PV_OWNER_NAME = 'storage.openshift.com/owner-name';
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/** What one LocalVolume of the bundle should give: a PV per device on each of its nodes. */
export interface PlannedLocalVolume {
  /** The nodes its nodeSelector names (kubernetes.io/hostname In …); empty = any node. */
  nodes: string[];
  storageClass: string;
  /** Devices it lists (storageClassDevices[].devicePaths) = PVs expected per node. */
  devices: number;
}

/** The PVs a LocalVolume made: its owner labels, on its nodes, of its storage class; exactly the planned count. */
export function judgeLocalPvs(ref: ObjectRef, planned: PlannedLocalVolume, pvs: Iterable<KubeObject>): ProgressItem {
  let count = 0;
  for (const pv of pvs) {
    const labels = pv.metadata.labels ?? {};
    const storageClass = (pv.spec as { storageClassName?: string } | undefined)?.storageClassName;
    if (labels[PV_OWNER_KIND] !== 'LocalVolume' || labels[PV_OWNER_NAME] !== ref.name) continue;
    if (planned.nodes.length > 0 && !planned.nodes.includes(labels[HOSTNAME_LABEL] ?? '')) continue;
    if (storageClass !== planned.storageClass) continue;
    count += 1;
  }
  const expected = planned.devices * Math.max(1, planned.nodes.length);
  const where = planned.nodes.length > 0 ? ` on ${planned.nodes.join(', ')}` : '';
  const message = `${count} of ${expected} local ${planned.storageClass} PVs${where}.`;
  if (count === expected) return item(ref, 'done', message);
  if (count > expected) {
    return item(
      ref,
      'failed',
      message,
      `There are more local PVs than site.yaml plans for ${ref.name}: check them (\`oc get pv -l ${PV_OWNER_NAME}=${ref.name}\`) and the LocalVolume's devicePaths against nodes[].disks in site.yaml.`,
    );
  }
  return item(ref, count === 0 ? 'waiting' : 'running', message);
}

/**
 * Phase Error is not final either: ocs-operator sets it on any failed reconcile step (an update
 * conflict, a component not created yet) and tries again (internal/controller/storagecluster/
 * reconcile.go), while Argo CD's own StorageCluster health stays Progressing. Followed on.
 */
export function judgeStorageCluster(ref: ObjectRef, cluster: KubeObject | undefined): ProgressItem {
  if (!cluster) return item(ref, 'waiting', 'Not created yet.');
  const phase = statusOf<{ phase: string }>(cluster).phase;
  const troubles = conditionsOf(cluster).filter((c) => (c.type === 'Degraded' && c.status === 'True') || (c.type === 'ReconcileComplete' && c.status === 'False'));
  const said = troubles.map((c) => oneLine(c.message ?? c.reason ?? '', 200)).filter(Boolean).join('; ');
  const message = `Phase ${phase ?? 'not reported yet'}${said ? `: ${said}` : ''}.`;
  if (phase === 'Ready') return item(ref, 'done', message);
  if (phase === 'Error') {
    return item(
      ref,
      'running',
      `${message} ocs-operator tries again by itself.`,
      `If it stays in Error, read \`oc describe storagecluster ${ref.name} -n ${ref.namespace}\` and the ocs-operator log; most often the disks are not clean or not the planned ones (\`oc get pv -l ${PV_OWNER_NAME}\`).`,
    );
  }
  return item(ref, 'running', message);
}

interface CephStatus {
  phase: string;
  ceph: { health?: string; details?: Record<string, { message?: string; severity?: string }> };
}

export function judgeCephCluster(ref: ObjectRef, ceph: KubeObject | undefined): ProgressItem {
  if (!ceph) return item(ref, 'waiting', 'ODF has not created the Ceph cluster yet.');
  const status = statusOf<CephStatus>(ceph);
  const health = status.ceph?.health;
  const details = Object.entries(status.ceph?.details ?? {}).map(([key, d]) => `${key}: ${oneLine(d.message ?? '', 160)}`);
  const message = `${health ?? `Phase ${status.phase ?? 'not reported yet'}`}${details.length > 0 ? `: ${details.join('; ')}` : ''}.`;
  return item(ref, health === 'HEALTH_OK' ? 'done' : 'running', message);
}

export function judgeHyperConverged(ref: ObjectRef, hco: KubeObject | undefined): ProgressItem {
  if (!hco) return item(ref, 'waiting', 'Not created yet.');
  const available = condition(hco, 'Available');
  const degraded = condition(hco, 'Degraded');
  const progressing = condition(hco, 'Progressing');
  const said = [available, progressing, degraded]
    .filter((c): c is Condition => c !== undefined)
    .map((c) => `${c.type} ${c.status}${c.message && c.status === (c.type === 'Available' ? 'False' : 'True') ? ` (${oneLine(c.message, 160)})` : ''}`)
    .join(', ');
  const message = said ? `${said}.` : 'No conditions reported yet.';
  if (available?.status === 'True' && degraded?.status !== 'True') return item(ref, 'done', message);
  return item(ref, 'running', message);
}

export function judgePresent(ref: ObjectRef, object: KubeObject | undefined): ProgressItem {
  return object ? item(ref, 'done', 'Present.') : item(ref, 'waiting', 'Not created yet.');
}
