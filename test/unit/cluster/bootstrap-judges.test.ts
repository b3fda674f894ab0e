// What the bootstrap reads from each live object: state, the object's own words and what to do.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { managerOf, summarizeApplied } from '../../../main/core/cluster/bootstrap/apply';
import {
  judgeApplication,
  judgeCephCluster,
  judgeCsv,
  judgeEnactment,
  judgeHyperConverged,
  judgeLocalPvs,
  judgeStorageCluster,
  judgeSubscription,
  nmstateReason,
} from '../../../main/core/cluster/bootstrap/judges';
import { formatDuration } from '../../../main/core/cluster/bootstrap/run';
import type { KubeObject } from '../../../main/core/cluster/client';
import { nmstateFailureMessage } from '../../kube/scenarios/plant-a';

const obj = (apiVersion: string, kind: string, name: string, rest: Record<string, unknown> = {}, namespace?: string): KubeObject => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}), ...((rest.metadata as object) ?? {}) },
  ...Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'metadata')),
});

describe('nmstate failures', () => {
  const ref = { apiVersion: 'nmstate.io/v1beta1', kind: 'NodeNetworkConfigurationEnactment', name: 'acp-2.acp-2-day2' };
  const failing = (message: string, reason = 'FailedToConfigure') =>
    obj(ref.apiVersion, ref.kind, ref.name, {
      status: {
        conditions: [
          { type: 'Failing', status: 'True', reason, message },
          { type: 'Available', status: 'False', reason },
          { type: 'Progressing', status: reason === 'Retrying' ? 'True' : 'False', reason },
        ],
      },
    });

  it('the reason of nmstate 2 is its NmstateError line', () => {
    expect(nmstateReason(nmstateFailureMessage('acp-2', 'ens2f1'))).toBe('NmstateError: InvalidArgument: Ethernet interface ens2f1 does not exists');
  });

  it("the reason of the Python nmstate is its ERROR line (kubernetes-nmstate's troubleshooting guide)", () => {
    const message = readFileSync(new URL('../../kube/scenarios/fixtures/nnce-failing-message-2020.txt', import.meta.url), 'utf8');
    expect(nmstateReason(message)).toBe(
      'NM main-loop aborted: Connection activation failed on connection_id eth666: error=nm-manager-error-quark: No suitable device found for this connection (devicecni0 not available because profile is not compatible with device (mismatching interface name)). (3)',
    );
  });

  it('an enactment Failing with FailedToConfigure is failed, with what to do', () => {
    const item = judgeEnactment(ref, 'acp-2', 'acp-2-day2', failing(nmstateFailureMessage('acp-2', 'ens2f1')));
    expect(item).toMatchObject({ state: 'failed', message: 'FailedToConfigure on acp-2: NmstateError: InvalidArgument: Ethernet interface ens2f1 does not exists' });
    expect(item.fix).toContain('rolled the node back to its previous network configuration');
    expect(item.fix).toContain('nodes[].interfaces');
  });

  it('Retrying keeps going; Available is done; none yet is waiting', () => {
    expect(judgeEnactment(ref, 'acp-2', 'acp-2-day2', failing('error reconciling', 'Retrying')).state).toBe('running');
    const available = obj(ref.apiVersion, ref.kind, ref.name, { status: { conditions: [{ type: 'Available', status: 'True', reason: 'SuccessfullyConfigured', message: 'successfully reconciled' }] } });
    expect(judgeEnactment(ref, 'acp-2', 'acp-2-day2', available)).toMatchObject({ state: 'done', message: 'SuccessfullyConfigured: successfully reconciled.' });
    expect(judgeEnactment(ref, 'acp-2', 'acp-2-day2', undefined)).toMatchObject({ state: 'waiting', message: 'No enactment of acp-2-day2 on acp-2 yet.' });
    const pending = obj(ref.apiVersion, ref.kind, ref.name, { status: { conditions: [{ type: 'Pending', status: 'True', reason: 'MaxUnavailableLimitReached', message: 'Waiting for progressing nodes to finish' }] } });
    expect(judgeEnactment(ref, 'acp-2', 'acp-2-day2', pending)).toMatchObject({ state: 'running', message: 'MaxUnavailableLimitReached on acp-2: Waiting for progressing nodes to finish' });
  });
});

describe('OLM', () => {
  const sub = { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription', name: 'odf-operator', namespace: 'openshift-storage' };
  const csv = { apiVersion: 'operators.coreos.com/v1alpha1', kind: 'ClusterServiceVersion', name: 'odf-operator.v4.18.0-rhodf', namespace: 'openshift-storage' };

  it('a Subscription is done once OLM named its CSV; until then its true conditions are shown', () => {
    expect(judgeSubscription(sub, obj(sub.apiVersion, sub.kind, sub.name, { status: { currentCSV: csv.name } }))).toMatchObject({ state: 'done', message: `OLM resolved it to ${csv.name}.` });
    const unresolved = obj(sub.apiVersion, sub.kind, sub.name, {
      status: { conditions: [{ type: 'ResolutionFailed', status: 'True', reason: 'ConstraintsNotSatisfiable', message: 'no operators found in package odf-operator in the catalog referenced by subscription odf-operator' }] },
    });
    expect(judgeSubscription(sub, unresolved).message).toContain('ResolutionFailed: no operators found in package odf-operator');
  });

  it('a CSV Failed is followed on (OLM checks it again) with its reason, message and what to look at; Succeeded is done; others run', () => {
    const failed = obj(csv.apiVersion, csv.kind, csv.name, {
      status: { phase: 'Failed', reason: 'InstallCheckFailed', message: 'install failed: deployment odf-operator-controller-manager not ready before timeout: deployment "odf-operator-controller-manager" exceeded its progress deadline' },
    });
    const item = judgeCsv(csv, failed);
    expect(item.state).toBe('running');
    expect(item.message).toMatch(/^Failed \(InstallCheckFailed\): install failed: deployment odf-operator-controller-manager not ready before timeout/);
    expect(item.message).toMatch(/exceeded its progress deadline\. OLM checks the install again by itself\.$/);
    expect(item.fix).toContain('oc describe csv odf-operator.v4.18.0-rhodf -n openshift-storage');
    // Deleting the CSV is not the way: OLM goes from Failed back to Pending by itself.
    expect(item.fix).not.toContain('oc delete');
    expect(judgeCsv(csv, obj(csv.apiVersion, csv.kind, csv.name, { status: { phase: 'Succeeded', reason: 'InstallSucceeded', message: 'install strategy completed with no errors' } }))).toMatchObject({
      state: 'done',
      message: 'Succeeded (InstallSucceeded): install strategy completed with no errors',
    });
    expect(judgeCsv(csv, obj(csv.apiVersion, csv.kind, csv.name, { status: { phase: 'Installing', reason: 'InstallWaiting' } })).state).toBe('running');
  });
});

describe('Argo CD Applications', () => {
  const ref = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', name: 'site-nmstate', namespace: 'openshift-gitops' };
  const app = (status: Record<string, unknown>) => obj(ref.apiVersion, ref.kind, ref.name, { status }, ref.namespace);

  it('Synced and Healthy is done; Degraded is failed; anything else runs', () => {
    expect(judgeApplication(ref, app({ sync: { status: 'Synced' }, health: { status: 'Healthy' } }))).toMatchObject({ state: 'done', message: 'Sync Synced, health Healthy.' });
    const degraded = judgeApplication(ref, app({ sync: { status: 'Synced' }, health: { status: 'Degraded' } }));
    expect(degraded.state).toBe('failed');
    expect(degraded.fix).toContain('oc get application site-nmstate -n openshift-gitops -o yaml');
    const syncing = judgeApplication(ref, app({ sync: { status: 'OutOfSync' }, health: { status: 'Progressing' }, operationState: { phase: 'Running', message: 'waiting for healthy state of nmstate.io/NMState/nmstate' } }));
    expect(syncing).toMatchObject({ state: 'running', message: 'Sync OutOfSync, health Progressing: sync Running: waiting for healthy state of nmstate.io/NMState/nmstate.' });
  });

  // status.operationState as argo-cd writes it between two attempts of a sync whose Sync hook Job
  // failed: the operation is Running again (retry.limit -1), its message says when it retries,
  // and syncResult.resources keeps the last attempt's results (argo-cd types.go ResourceResult;
  // controller/appcontroller.go "Retrying attempt #N at …"; gitops-engine getOperationPhase).
  const odf = { ...ref, name: 'site-odf' };
  const hookFailed = (retryCount: number, health = 'Missing') =>
    obj(
      odf.apiVersion,
      odf.kind,
      odf.name,
      {
        status: {
          sync: { status: 'OutOfSync' },
          health: { status: health },
          operationState: {
            phase: 'Running',
            message: `one or more synchronization tasks completed unsuccessfully. Retrying attempt #${retryCount} at 8:14AM.`,
            retryCount,
            startedAt: '2026-11-24T08:09:02Z',
            finishedAt: '2026-11-24T08:13:32Z',
            operation: { sync: { revision: '4f6c0e2a9d1b7c3e5f8a0b2d4c6e8f1a3b5d7c9e' }, initiatedBy: { automated: true }, retry: { limit: -1 } },
            syncResult: {
              revision: '4f6c0e2a9d1b7c3e5f8a0b2d4c6e8f1a3b5d7c9e',
              resources: [
                { group: 'ocs.openshift.io', version: 'v1', kind: 'StorageCluster', namespace: 'openshift-storage', name: 'ocs-storagecluster', status: 'Synced', message: 'storagecluster.ocs.openshift.io/ocs-storagecluster created', hookPhase: 'Running', syncPhase: 'Sync' },
                { group: 'batch', version: 'v1', kind: 'Job', namespace: 'openshift-storage', name: 'sitekit-node-labels', status: 'Synced', message: 'Job has reached the specified backoff limit', hookType: 'Sync', hookPhase: 'Failed', syncPhase: 'Sync' },
              ],
            },
          },
        },
      },
      odf.namespace,
    );

  it('a failed Sync hook names the Job, what it said and where to read why; not final, Argo CD retries', () => {
    const item = judgeApplication(odf, hookFailed(2));
    expect(item).toMatchObject({
      state: 'running',
      message:
        'Job openshift-storage/sitekit-node-labels (Sync hook of site-odf) failed: Job has reached the specified backoff limit. Argo CD retries the sync (2 times so far); see why with `oc logs job/sitekit-node-labels -n openshift-storage`.',
    });
    expect(item.fix).toMatch(/^Fix what the log says .*Argo CD's next retry runs the hook again/);
    expect(judgeApplication(odf, hookFailed(1)).message).toContain('Argo CD retries the sync (once so far);');
    // A hook that succeeded, or the next attempt running it again, is the usual sync message.
    const rerun = hookFailed(2);
    const results = ((rerun.status as { operationState: { syncResult: { resources: { hookPhase: string; message: string }[] } } }).operationState.syncResult.resources)[1]!;
    Object.assign(results, { hookPhase: 'Running', message: 'job.batch/sitekit-node-labels created' });
    expect(judgeApplication(odf, rerun).message).toMatch(/^Sync OutOfSync, health Missing: sync Running: one or more synchronization tasks completed unsuccessfully\. Retrying attempt #2/);
    // Degraded stays failed with its own advice.
    expect(judgeApplication(odf, hookFailed(2, 'Degraded')).state).toBe('failed');
  });

  it('a child not created yet says what the root Application reports', () => {
    const root = obj('argoproj.io/v1alpha1', 'Application', 'site-root', {
      status: { conditions: [{ type: 'ComparisonError', message: 'Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = authentication required' }] },
    }, 'openshift-gitops');
    expect(judgeApplication(ref, undefined, root).message).toBe(
      'Not created yet: site-root reports ComparisonError: Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = authentication required.',
    );
    expect(judgeApplication(ref, undefined, undefined).message).toBe('Not created yet: the root Application does not exist yet.');
  });
});

describe('storage and virtualization', () => {
  const lv = { apiVersion: 'local.storage.openshift.io/v1', kind: 'LocalVolume', name: 'localblock-acp-1', namespace: 'openshift-local-storage' };
  const pv = (name: string, node: string, owner = lv.name, storageClass = 'localblock') =>
    obj('v1', 'PersistentVolume', name, {
      metadata: { labels: { 'kubernetes.io/hostname': node, 'storage.openshift.com/owner-kind': 'LocalVolume', 'storage.openshift.com/owner-name': owner } },
      spec: { storageClassName: storageClass },
    });
  const planned = { nodes: ['acp-1'], storageClass: 'localblock', devices: 2 };

  it('counts exactly the PVs of the LocalVolume on its node and storage class', () => {
    const others = [pv('x', 'acp-2'), pv('y', 'acp-1', 'localblock-acp-1-wipe'), pv('z', 'acp-1', lv.name, 'other')];
    expect(judgeLocalPvs(lv, planned, [pv('a', 'acp-1'), ...others])).toMatchObject({ state: 'running', message: '1 of 2 local localblock PVs on acp-1.' });
    expect(judgeLocalPvs(lv, planned, [pv('a', 'acp-1'), pv('b', 'acp-1'), ...others]).state).toBe('done');
    const more = judgeLocalPvs(lv, planned, [pv('a', 'acp-1'), pv('b', 'acp-1'), pv('c', 'acp-1')]);
    expect(more.state).toBe('failed');
    expect(more.fix).toContain('oc get pv -l storage.openshift.com/owner-name=localblock-acp-1');
  });

  it('StorageCluster Ready, CephCluster HEALTH_OK, HyperConverged Available', () => {
    const sc = { apiVersion: 'ocs.openshift.io/v1', kind: 'StorageCluster', name: 'ocs-storagecluster', namespace: 'openshift-storage' };
    expect(judgeStorageCluster(sc, obj(sc.apiVersion, sc.kind, sc.name, { status: { phase: 'Ready' } })).state).toBe('done');
    // Error is set on any failed reconcile step and retried by ocs-operator: followed on, with what to look at.
    const inError = judgeStorageCluster(sc, obj(sc.apiVersion, sc.kind, sc.name, { status: { phase: 'Error', conditions: [{ type: 'ReconcileComplete', status: 'False', message: 'failed to create OSDs' }] } }));
    expect(inError).toMatchObject({ state: 'running', message: 'Phase Error: failed to create OSDs. ocs-operator tries again by itself.' });
    expect(inError.fix).toContain('oc describe storagecluster ocs-storagecluster -n openshift-storage');
    const ceph = { apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', name: 'ocs-storagecluster-cephcluster', namespace: 'openshift-storage' };
    expect(judgeCephCluster(ceph, obj(ceph.apiVersion, ceph.kind, ceph.name, { status: { ceph: { health: 'HEALTH_WARN', details: { TOO_FEW_OSDS: { message: 'OSD count 0 < osd_pool_default_size 3', severity: 'HEALTH_WARN' } } } } }))).toMatchObject({
      state: 'running',
      message: 'HEALTH_WARN: TOO_FEW_OSDS: OSD count 0 < osd_pool_default_size 3.',
    });
    expect(judgeCephCluster(ceph, obj(ceph.apiVersion, ceph.kind, ceph.name, { status: { ceph: { health: 'HEALTH_OK' } } })).state).toBe('done');
    const hco = { apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' };
    const conditions = (available: string, degraded: string) => ({ status: { conditions: [{ type: 'Available', status: available }, { type: 'Degraded', status: degraded }] } });
    expect(judgeHyperConverged(hco, obj(hco.apiVersion, hco.kind, hco.name, conditions('True', 'False'))).state).toBe('done');
    expect(judgeHyperConverged(hco, obj(hco.apiVersion, hco.kind, hco.name, conditions('True', 'True'))).state).toBe('running');
  });
});

describe('apply outcomes', () => {
  it("reads the manager from kube-apiserver's conflict message", () => {
    expect(managerOf('conflict with "kubectl-edit" using operators.coreos.com/v1alpha1')).toBe('kubectl-edit');
    expect(managerOf('conflict with "kube-controller-manager"')).toBe('kube-controller-manager');
    expect(managerOf('something else')).toBe('another field manager');
  });

  it('summarizes a stage in counts', () => {
    const base = { apiVersion: 'v1', kind: 'Namespace', name: 'x' };
    expect(summarizeApplied([{ ...base, outcome: 'created' }, { ...base, outcome: 'unchanged' }, { ...base, outcome: 'conflict' }])).toBe('3 objects: 1 created, 1 unchanged, 1 conflict.');
    expect(summarizeApplied([])).toBe('Nothing to apply.');
  });

  it('says durations in words', () => {
    expect(formatDuration(1500)).toBe('2 s');
    expect(formatDuration(30 * 60_000)).toBe('30 min');
    expect(formatDuration(90 * 60_000)).toBe('90 min');
    expect(formatDuration(150 * 60_000)).toBe('2 h 30 min');
  });
});
