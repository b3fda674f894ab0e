// runBootstrap when something goes wrong: a field owned by another manager (conflict, never
// forced), an NNCE Failing with nmstate's message, a CSV that stays Failed, a wave that never finishes, and
// cancel (every watch ends, no request left open). Real client, test API server, plant-a scenario.
import { afterEach, describe, expect, it } from 'vitest';
import { runBootstrap } from '../../../main/core/cluster/bootstrap/run';
import type { BootstrapProgress } from '../../../main/core/cluster/types';
import { startPlantACluster, type PlantACluster } from '../../kube/scenarios/cluster';

let cluster: PlantACluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const stage = (progress: BootstrapProgress, id: string) => progress.stages.find((s) => s.id === id)!;

/** Waits (bounded) until `check` holds: for things the server learns after the client let go. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  expect(check(), what).toBe(true);
}

describe('runBootstrap failures on plant-a', () => {
  it('a field another manager owns with another value is a conflict with field and manager, never forced', async () => {
    cluster = await startPlantACluster({
      before: (server) => {
        // Someone installed the GitOps operator by hand on another channel (`oc edit` records "kubectl-edit").
        server.store.put(
          {
            apiVersion: 'operators.coreos.com/v1alpha1',
            kind: 'Subscription',
            metadata: { name: 'openshift-gitops-operator', namespace: 'openshift-gitops-operator' },
            spec: { channel: 'gitops-1.14', installPlanApproval: 'Automatic', name: 'openshift-gitops-operator', source: 'redhat-operators-disconnected', sourceNamespace: 'openshift-marketplace' },
          },
          { manager: 'kubectl-edit' },
        );
      },
    });
    const result = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site);

    expect(result.state).toBe('failed');
    const apply = stage(result, 'apply-operator');
    expect(apply.state).toBe('failed');
    const subscription = apply.applied!.find((a) => a.kind === 'Subscription')!;
    expect(subscription).toMatchObject({ outcome: 'conflict', conflicts: [{ field: '.spec.channel', manager: 'kubectl-edit' }], file: 'gitops/bootstrap/01-gitops-operator.yaml' });
    expect(subscription.message).toContain('.spec.channel is owned by kubectl-edit');
    expect(subscription.message).toContain('Nothing was forced');
    expect(subscription.message).toContain('oc apply --server-side --field-manager=sitekit --force-conflicts -f gitops/bootstrap/01-gitops-operator.yaml');
    expect(apply.message).toContain('1 conflict');
    // The other objects of the stage were applied; nothing after the stage ran.
    expect(apply.applied!.filter((a) => a.kind !== 'Subscription').every((a) => a.outcome === 'created')).toBe(true);
    expect(result.stages.slice(1).every((s) => s.state === 'waiting')).toBe(true);
    // Not forced: the other manager's value stays, and no request asked for force.
    const live = cluster.server.store.get({ apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription', name: 'openshift-gitops-operator', namespace: 'openshift-gitops-operator' });
    expect((live!.spec as { channel: string }).channel).toBe('gitops-1.14');
    expect(cluster.server.requests.filter((r) => r.query.force !== undefined)).toEqual([]);
    expect(result.failure).toBeUndefined();
  });

  it('an NNCE Failing stops wave 1 at the enactment with nmstate’s reason and what to do', async () => {
    cluster = await startPlantACluster({ stepMs: 10, failures: { nnceFailing: { node: 'acp-2' } } });
    const result = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site);

    expect(result.state).toBe('failed');
    expect(result.stages.slice(0, 6).every((s) => s.state === 'done')).toBe(true);
    const wave = stage(result, 'wave-1');
    expect(wave.state).toBe('failed');
    const failed = wave.items!.find((i) => i.name === 'acp-2.acp-2-day2')!;
    expect(failed).toMatchObject({ kind: 'NodeNetworkConfigurationEnactment', state: 'failed' });
    expect(failed.message).toBe('FailedToConfigure on acp-2: NmstateError: InvalidArgument: Ethernet interface ens2f1 does not exists');
    expect(failed.fix).toContain('rolled the node back');
    expect(failed.fix).toContain('oc get nns acp-2 -o yaml');
    expect(wave.message).toMatch(/^NodeNetworkConfigurationEnactment acp-2\.acp-2-day2: FailedToConfigure on acp-2: NmstateError/);
    expect(result.stages.slice(7).every((s) => s.state === 'waiting')).toBe(true);
    await eventually(() => cluster!.server.activeWatches === 0, 'every watch ended');
  });

  it('a CSV that stays Failed is followed (OLM retries it) until the wave’s time is up, then named with OLM’s reason and what to do', async () => {
    cluster = await startPlantACluster({ stepMs: 10, failures: { csvFailed: { subscription: 'odf-operator' } } });
    const result = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site, { timeouts: { waveMs: 4000 } });

    expect(result.state).toBe('failed');
    const wave = stage(result, 'wave-0');
    expect(wave.state).toBe('failed');
    const csv = wave.items!.find((i) => i.kind === 'ClusterServiceVersion' && i.name === 'odf-operator.v4.18.0-rhodf')!;
    expect(csv).toMatchObject({ namespace: 'openshift-storage', state: 'running' });
    expect(csv.message).toBe(
      'Failed (InstallCheckFailed): install failed: deployment odf-operator-controller-manager not ready before timeout: deployment "odf-operator-controller-manager" exceeded its progress deadline. OLM checks the install again by itself.',
    );
    expect(wave.items!.find((i) => i.kind === 'Application')).toMatchObject({ name: 'site-operators', state: 'running' });
    expect(wave.message).toMatch(/^Still not done after 4 s: /);
    expect(wave.message).toContain('ClusterServiceVersion openshift-storage/odf-operator.v4.18.0-rhodf: Failed (InstallCheckFailed)');
    expect(wave.message).toContain('oc describe csv odf-operator.v4.18.0-rhodf -n openshift-storage');
    expect(result.stages.slice(6).every((s) => s.state === 'waiting')).toBe(true);
    await eventually(() => cluster!.server.activeWatches === 0, 'every watch ended');
  });

  it('a wave that does not finish in time says what it still waits for', async () => {
    cluster = await startPlantACluster({ holdBeforeWave: 2 });
    const result = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site, { timeouts: { waveMs: 1500 } });

    expect(result.state).toBe('failed');
    const wave = stage(result, 'wave-2');
    expect(wave.state).toBe('failed');
    expect(wave.message).toContain('Still not done after 2 s');
    expect(wave.message).toContain('Application openshift-gitops/site-local-storage: Not created yet: site-root is syncing');
    expect(wave.message).toContain('LocalVolume openshift-local-storage/localblock-acp-1: 0 of 6 local localblock PVs on acp-1.');
    await eventually(() => cluster!.server.activeWatches === 0, 'every watch ended');
  });

  it('cancel stops every watch at once and leaves no request open', async () => {
    cluster = await startPlantACluster({ holdBeforeWave: 2 });
    const controller = new AbortController();
    let wave2 = false;
    const running = runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site, {
      signal: controller.signal,
      onProgress: (progress) => {
        if (stage(progress, 'wave-2').state === 'running') wave2 = true;
      },
    });
    // Cancel while wave 2 is being followed by its open watches (the scenario holds before wave 2).
    await eventually(() => wave2 && cluster!.server.activeWatches >= 2, 'wave 2 followed by open watches');
    controller.abort();
    const result = await running;

    expect(result.state).toBe('failed');
    expect(result.failure).toMatchObject({ kind: 'cancelled', retryable: false });
    expect(stage(result, 'wave-2')).toMatchObject({ state: 'failed', message: 'Cancelled: nothing more was applied or followed; run the bootstrap again to go on from here.' });
    expect(result.stages.slice(8).every((s) => s.state === 'waiting')).toBe(true);
    await eventually(() => cluster!.server.activeWatches === 0, 'every watch ended');
    await eventually(() => cluster!.server.requests.every((r) => r.status !== 0), 'no request left open');
    const requestsAfterCancel = cluster.server.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(cluster.server.requests.length).toBe(requestsAfterCancel);
  });
});

