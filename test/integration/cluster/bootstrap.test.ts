// runBootstrap end to end with the real @kubernetes/client-node against the test API server,
// the plant-a scenario playing OLM, the GitOps operator, Argo CD and the operators of each wave.
import { afterEach, describe, expect, it } from 'vitest';
import { runBootstrap } from '../../../main/core/cluster/bootstrap/run';
import type { BootstrapProgress } from '../../../main/core/cluster/types';
import { startPlantACluster, type PlantACluster } from '../../kube/scenarios/cluster';

let cluster: PlantACluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

const storeVersion = (c: PlantACluster) => c.server.store.resourceVersion;

describe('runBootstrap on plant-a', () => {
  it('applies the bootstrap, waits for the operator and follows every wave to done', async () => {
    // Steps slow enough that the waits are met by watch events, not by their first LIST.
    cluster = await startPlantACluster({ stepMs: 25 });
    const seen: BootstrapProgress[] = [];
    const result = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site, { onProgress: (p) => seen.push(p) });
    await cluster.scenario.idle();

    expect(result.state, JSON.stringify(result.stages.filter((s) => s.state !== 'done'), null, 2)).toBe('done');
    expect(result.stages.map((s) => s.id)).toEqual(['apply-operator', 'wait-csv', 'apply-credentials', 'apply-argocd', 'apply-root', 'wave-0', 'wave-1', 'wave-2', 'wave-3', 'wave-4']);
    expect(result.stages.every((s) => s.state === 'done')).toBe(true);
    // First run: every bootstrap object is created, except the ArgoCD instance the operator made.
    const applied = result.stages.flatMap((s) => s.applied ?? []);
    expect(applied.find((a) => a.kind === 'ArgoCD')).toMatchObject({ name: 'openshift-gitops', outcome: 'changed', file: 'gitops/bootstrap/argocd/argocd-instance.yaml' });
    expect(applied.filter((a) => a.kind !== 'ArgoCD').every((a) => a.outcome === 'created')).toBe(true);
    expect(applied.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['OperatorHub', 'CatalogSource', 'Namespace', 'OperatorGroup', 'Subscription', 'ClusterRoleBinding', 'AppProject', 'Application']),
    );

    const items = (id: string) => result.stages.find((s) => s.id === id)!.items ?? [];
    expect(items('wait-csv')).toEqual([
      expect.objectContaining({ kind: 'ClusterServiceVersion', name: 'openshift-gitops-operator.v1.15.1', state: 'done' }),
      expect.objectContaining({ kind: 'ArgoCD', name: 'openshift-gitops', state: 'done' }),
    ]);
    // Wave 0: the four operators' CSVs; wave 1: one enactment per node; wave 2: six PVs per node.
    expect(items('wave-0').filter((i) => i.kind === 'ClusterServiceVersion').map((i) => i.name).sort()).toEqual([
      'kubernetes-nmstate-operator.4.18.0-202502260503',
      'kubevirt-hyperconverged-operator.v4.18.0',
      'local-storage-operator.v4.18.0-202502260503',
      'odf-operator.v4.18.0-rhodf',
    ]);
    expect(items('wave-1').filter((i) => i.kind === 'NodeNetworkConfigurationEnactment').map((i) => i.name)).toEqual(['acp-1.acp-1-day2', 'acp-2.acp-2-day2', 'acp-3.acp-3-day2']);
    expect(items('wave-2').filter((i) => i.kind === 'LocalVolume').map((i) => i.message)).toEqual([
      '6 of 6 local localblock PVs on acp-1.',
      '6 of 6 local localblock PVs on acp-2.',
      '6 of 6 local localblock PVs on acp-3.',
    ]);
    expect(items('wave-3').map((i) => `${i.kind} ${i.name} ${i.state}`)).toEqual(
      expect.arrayContaining(['StorageCluster ocs-storagecluster done', 'CephCluster ocs-storagecluster-cephcluster done', 'NetworkAttachmentDefinition ocs-cluster done']),
    );
    expect(items('wave-4').map((i) => `${i.kind} ${i.name} ${i.state}`)).toEqual(
      expect.arrayContaining(['HyperConverged kubevirt-hyperconverged done', 'NetworkAttachmentDefinition vm-prod done', 'NetworkAttachmentDefinition vm-ot done']),
    );
    expect(items('wave-4').find((i) => i.kind === 'Application')).toMatchObject({ name: 'site-virtualization', message: 'Sync Synced, health Healthy.' });

    // Progress was told along the way (stages moving from waiting to done), with the request count.
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.some((p) => p.stages.find((s) => s.id === 'wave-2')?.state === 'running')).toBe(true);
    expect(result.requests).toBe(cluster.client.requests());
    // Watches, not polling: no LIST of a kind over and over.
    const lists = cluster.server.requests.filter((r) => r.method === 'GET' && r.query.watch === undefined && !/\/(api|apis)(\/[^/]+){0,2}$/.test(r.path));
    const watches = cluster.server.requests.filter((r) => r.query.watch === 'true' || r.query.watch === '1');
    expect(watches.length).toBeGreaterThan(5);
    expect(lists.length).toBeLessThan(120);
    // Every watch stream is closed once the bootstrap returned (the server learns it a moment later).
    for (let i = 0; i < 200 && cluster.server.activeWatches > 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(cluster.server.activeWatches).toBe(0);
  });

  it('run twice: every object unchanged, no new resourceVersion on the cluster', async () => {
    cluster = await startPlantACluster();
    const first = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site);
    expect(first.state).toBe('done');
    await cluster.scenario.idle();
    const before = storeVersion(cluster);
    const objectsBefore = JSON.stringify(cluster.server.store.list('argoproj.io/v1beta1', 'ArgoCD'));

    const second = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site);
    await cluster.scenario.idle();
    expect(second.state).toBe('done');
    const applied = second.stages.flatMap((s) => s.applied ?? []);
    expect(applied.length).toBeGreaterThan(10);
    expect(applied.filter((a) => a.outcome !== 'unchanged')).toEqual([]);
    expect(storeVersion(cluster)).toBe(before);
    expect(JSON.stringify(cluster.server.store.list('argoproj.io/v1beta1', 'ArgoCD'))).toBe(objectsBefore);
    expect(second.stages.every((s) => s.state === 'done')).toBe(true);
  });
});
