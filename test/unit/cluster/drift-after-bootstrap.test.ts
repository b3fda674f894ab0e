// Drift after a real GitOps bootstrap: runBootstrap applies plant-a's bundle with server-side
// apply and the plant-a scenario plays OLM, Argo CD (its Sync hook Jobs included) and the
// operators on the test API server. After a full run drift finds nothing, and a change by hand
// is found where it was made. When the hook Jobs never ran, what they set (the ODF label on
// each Node, the odf-console plugin in the Console's list) is the drift.
import { afterEach, expect, it } from 'vitest';
import { runBootstrap } from '../../../main/core/cluster/bootstrap/run';
import { bundleObjectsOf } from '../../../main/core/cluster/drift/bundle-objects';
import { driftCheck } from '../../../main/core/cluster/drift/compare';
import { startPlantACluster, type PlantACluster } from '../../kube/scenarios/cluster';
import type { PlantAScenarioOptions } from '../../kube/scenarios/plant-a';

let cluster: PlantACluster | undefined;
afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

async function bootstrapped(options: PlantAScenarioOptions = {}) {
  cluster = await startPlantACluster(options);
  const bootstrap = await runBootstrap(cluster.client, cluster.scenario.files, cluster.scenario.site, {});
  await cluster.scenario.idle();
  expect(bootstrap.state).toBe('done');
  return { cluster, bundle: bundleObjectsOf(cluster.scenario.files) };
}

it('no drift after the bootstrap with its hooks; then the label someone removed', async () => {
  const { cluster, bundle } = await bootstrapped();
  const clean = await driftCheck(cluster.client, bundle);
  expect(clean.summary).toEqual({ same: bundle.length, different: 0, missing: 0, unknown: 0 });
  const managedBy = (kind: string, name: string) => clean.objects.find((o) => o.kind === kind && o.name === name)?.managedBy;
  expect(managedBy('NodeNetworkConfigurationPolicy', 'acp-2-day2')).toBe('site-nmstate');
  expect(managedBy('Subscription', 'openshift-gitops-operator')).toBe('nobody');
  // The hook Jobs did their work the way `oc` does it, next to what the platform had.
  const { store } = cluster.server;
  const node = store.get({ apiVersion: 'v1', kind: 'Node', name: 'acp-1' })!;
  expect((node.metadata as { labels: Record<string, string> }).labels['cluster.ocs.openshift.io/openshift-storage']).toBe('');
  const console = store.get({ apiVersion: 'operator.openshift.io/v1', kind: 'Console', name: 'cluster' })!;
  expect((console.spec as { plugins: string[] }).plugins).toEqual(['networking-console-plugin', 'monitoring-plugin', 'odf-console']);

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

it('the hooks’ work is the drift when their Jobs never ran', async () => {
  const { cluster, bundle } = await bootstrapped({ syncHooks: false });
  const drift = await driftCheck(cluster.client, bundle);
  expect(drift.objects.filter((o) => o.state !== 'same').map((o) => `${o.kind} ${o.name} ${o.state}`)).toEqual([
    'Node acp-1 different',
    'Node acp-2 different',
    'Node acp-3 different',
    'Console cluster different',
  ]);
  expect(drift.objects.find((o) => o.name === 'acp-1')).toMatchObject({
    file: 'gitops/odf/node-labels.yaml',
    managedBy: 'nobody',
    differences: [{ path: 'metadata.labels["cluster.ocs.openshift.io/openshift-storage"]', expected: '""', actual: '(absent)' }],
    message: expect.stringContaining('the Sync hook Job sitekit-node-labels of site-odf'),
  });
  expect(drift.objects.find((o) => o.kind === 'Console')).toMatchObject({
    file: 'gitops/odf/console-plugin.yaml',
    differences: [{ path: 'spec.plugins', expected: '["odf-console"] among the items', actual: '["networking-console-plugin","monitoring-plugin"]' }],
    message: expect.stringContaining('the Sync hook Job sitekit-odf-console-plugin of site-odf'),
  });
});
