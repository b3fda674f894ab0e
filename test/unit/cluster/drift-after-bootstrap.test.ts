// Drift after a real GitOps bootstrap: runBootstrap applies plant-a's bundle with server-side
// apply and the plant-a scenario plays OLM, Argo CD and the operators on the test API server.
// The scenario runs no Jobs, so what the two Sync hooks set (the ODF label on each Node, the
// odf-console plugin in the Console's list) is the only drift at first; once the hooks' work is
// played, drift finds nothing; a change by hand is then found where it was made.
import { afterAll, expect, it } from 'vitest';
import { runBootstrap } from '../../../main/core/cluster/bootstrap/run';
import { bundleObjectsOf } from '../../../main/core/cluster/drift/bundle-objects';
import { driftCheck } from '../../../main/core/cluster/drift/compare';
import { startPlantACluster, type PlantACluster } from '../../kube/scenarios/cluster';

let cluster: PlantACluster | undefined;
afterAll(async () => {
  await cluster?.close();
});

it('finds the hooks’ work missing, then no drift, then the label someone removed', async () => {
  cluster = await startPlantACluster();
  const { store } = cluster.server;
  const bootstrap = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site, {});
  await cluster.scenario.idle();
  expect(bootstrap.state).toBe('done');
  const bundle = bundleObjectsOf(cluster.scenario.files);

  const before = await driftCheck(cluster.client, bundle);
  expect(before.objects.filter((o) => o.state !== 'same').map((o) => `${o.kind} ${o.name} ${o.state}`)).toEqual([
    'Node acp-1 different',
    'Node acp-2 different',
    'Node acp-3 different',
    'Console cluster missing',
  ]);
  expect(before.objects.find((o) => o.name === 'acp-1')).toMatchObject({
    file: 'gitops/odf/node-labels.yaml',
    managedBy: 'nobody',
    differences: [{ path: 'metadata.labels["cluster.ocs.openshift.io/openshift-storage"]', expected: '""', actual: '(absent)' }],
    message: expect.stringContaining('the Sync hook Job sitekit-node-labels of site-odf'),
  });

  // What the hook Jobs do on a cluster: `oc label node …` and the console plugin list patch.
  for (const { object } of bundle.filter((b) => b.effect && b.object.kind === 'Node')) {
    store.patch({ apiVersion: 'v1', kind: 'Node', name: object.metadata.name }, { metadata: { labels: object.metadata.labels ?? {} } }, { manager: 'kubectl-label' });
  }
  store.put({ apiVersion: 'operator.openshift.io/v1', kind: 'Console', metadata: { name: 'cluster' }, spec: { managementState: 'Managed', plugins: ['monitoring-plugin', 'odf-console'] } });

  const clean = await driftCheck(cluster.client, bundle);
  expect(clean.summary).toEqual({ same: bundle.length, different: 0, missing: 0, unknown: 0 });
  const managedBy = (kind: string, name: string) => clean.objects.find((o) => o.kind === kind && o.name === name)?.managedBy;
  expect(managedBy('NodeNetworkConfigurationPolicy', 'acp-2-day2')).toBe('site-nmstate');
  expect(managedBy('Subscription', 'openshift-gitops-operator')).toBe('nobody');

  const namespace = { apiVersion: 'v1', kind: 'Namespace', name: 'openshift-storage' };
  store.patch(namespace, { metadata: { labels: { 'openshift.io/cluster-monitoring': null } } }, { manager: 'kubectl-label' });
  const drifted = (await driftCheck(cluster.client, bundle)).objects.filter((o) => o.state !== 'same');
  expect(drifted).toEqual([
    expect.objectContaining({
      kind: 'Namespace',
      name: 'openshift-storage',
      state: 'different',
      managedBy: 'site-operators',
      differences: [{ path: 'metadata.labels["openshift.io/cluster-monitoring"]', expected: '"true"', actual: '(absent)' }],
    }),
  ]);
});
