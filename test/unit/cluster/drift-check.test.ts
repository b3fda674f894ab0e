// driftCheck with the real @kubernetes/client-node against the test API server, holding the
// real plant-a bundle as a synced cluster has it (test/kube/scenarios/synced-bundle.ts). One
// test per kind of difference: a changed value, a missing object, an extra list item, Secret
// data that differs (never shown), and a kind the cluster does not serve yet.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClusterClient, type ClusterClient, type KubeObject } from '../../../main/core/cluster/client';
import { bundleObjectsOf, type BundleObject } from '../../../main/core/cluster/drift/bundle-objects';
import { driftCheck } from '../../../main/core/cluster/drift/compare';
import { ClusterError } from '../../../main/core/cluster/failure';
import { kubeConfigFor } from '../../../main/core/cluster/kubeconfig';
import { repositorySecret } from '../../../main/core/generate/bundle/argocd-secrets';
import { gitopsFiles } from '../../../main/core/generate/gitops';
import type { ApiRoute, DriftObject } from '../../../main/core/cluster/types';
import { exampleSite } from '../../helpers/example-site';
import { startTestApiServer, type JsonObject, type TestApiServer } from '../../kube/api-server/index';
import { seedSyncedBundle } from '../../kube/scenarios/synced-bundle';

let server: TestApiServer;
let route: ApiRoute;
let client: ClusterClient;
const site = exampleSite();
const bundle: BundleObject[] = bundleObjectsOf(gitopsFiles(site).files);
const nncp = { apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy', name: 'acp-1-day2' };

function clientAs(user: 'admin' | 'forbidden'): ClusterClient {
  return createClusterClient(kubeConfigFor(server.kubeconfig({ user }), { route }), { route });
}

const entry = (objects: DriftObject[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.name === name)!;

beforeAll(async () => {
  server = await startTestApiServer();
  route = { server: `https://${server.hostName}:${server.port}`, viaAddress: '127.0.0.1' };
  client = clientAs('admin');
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  for (const { object } of bundle) {
    const { apiVersion, kind, metadata } = object;
    server.store.delete({ apiVersion, kind, name: metadata.name, namespace: metadata.namespace });
  }
  seedSyncedBundle(server, bundle);
});

describe('driftCheck on the plant-a bundle', () => {
  it('finds every object the same right after a sync, whatever the cluster added, with fewer requests than objects', async () => {
    const before = client.requests();
    const result = await driftCheck(client, bundle);
    expect(result.objects.filter((o) => o.state !== 'same')).toEqual([]);
    expect(result.summary).toEqual({ same: bundle.length, different: 0, missing: 0, unknown: 0 });
    expect(result.objects.map((o) => o.file)).toEqual(bundle.map((b) => b.file));
    // Who keeps each in line: the Application's tracking mark, or nobody (bootstrap, hooks).
    expect(entry(result.objects, 'NodeNetworkConfigurationPolicy', 'acp-1-day2').managedBy).toBe('site-nmstate');
    expect(entry(result.objects, 'Application', 'site-root').managedBy).toBe('nobody');
    expect(entry(result.objects, 'Application', 'site-odf').managedBy).toBe('site-root');
    expect(entry(result.objects, 'Job', 'sitekit-odf-console-plugin').managedBy).toBe('nobody');
    expect(entry(result.objects, 'ClusterRoleBinding', 'openshift-gitops-argocd-application-controller-cluster-admin').managedBy).toBe('nobody');
    expect(client.requests() - before).toBeLessThan(bundle.length);
  });

  it('a changed value: the path names the interface, both values are shown', async () => {
    const live = server.store.get(nncp)!;
    const interfaces = ((live.spec as JsonObject).desiredState as { interfaces: JsonObject[] }).interfaces;
    const storageVlan = interfaces.find((i) => i.name === 'bond0.30')!;
    expect(storageVlan.mtu).toBe(9000);
    server.store.patch(nncp, { spec: { desiredState: { interfaces: interfaces.map((i) => (i.name === 'bond0.30' ? { ...i, mtu: 1500 } : i)) } } }, { manager: 'kubectl-edit' });

    const result = await driftCheck(client, bundle);
    const drifted = entry(result.objects, nncp.kind, nncp.name);
    expect(drifted).toMatchObject({ state: 'different', managedBy: 'site-nmstate', file: 'gitops/nmstate/acp-1-day2.yaml' });
    expect(drifted.differences).toEqual([{ path: 'spec.desiredState.interfaces[name=bond0.30].mtu', expected: '9000', actual: '1500' }]);
    expect(drifted.message).toMatch(/site-nmstate should put it back/);
    expect(result.summary).toMatchObject({ same: bundle.length - 1, different: 1 });
  });

  it('a missing object: says which Application should create it', async () => {
    server.store.delete({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', name: 'vm-ot', namespace: 'default' });
    const result = await driftCheck(client, bundle);
    expect(entry(result.objects, 'NetworkAttachmentDefinition', 'vm-ot')).toMatchObject({
      state: 'missing',
      managedBy: 'site-virtualization',
      differences: [],
      message: expect.stringContaining('The Application site-virtualization should create it'),
    });
    expect(result.summary.missing).toBe(1);
  });

  it('a Sync hook Job that is gone (deleted after it ran) is not drift: Argo CD makes it on the next sync', async () => {
    server.store.delete({ apiVersion: 'batch/v1', kind: 'Job', name: 'sitekit-node-labels', namespace: 'openshift-storage' });
    const result = await driftCheck(client, bundle);
    expect(entry(result.objects, 'Job', 'sitekit-node-labels')).toMatchObject({
      state: 'same',
      message: expect.stringContaining('Argo CD creates it again on the next sync of site-odf'),
    });
    expect(result.summary).toEqual({ same: bundle.length, different: 0, missing: 0, unknown: 0 });
  });

  it('an object of an Application’s folder that Argo CD does not track: says to sync that Application', async () => {
    const ref = { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', name: 'vm-ot', namespace: 'default' };
    const live = server.store.get(ref)!;
    const { ['argocd.argoproj.io/tracking-id']: _mark, ...annotations } = (live.metadata as { annotations: Record<string, string> }).annotations;
    server.store.put({ ...live, metadata: { ...(live.metadata as object), annotations }, spec: { config: '{}' } }, { manager: 'kubectl-create' });
    const drifted = entry((await driftCheck(client, bundle)).objects, 'NetworkAttachmentDefinition', 'vm-ot');
    expect(drifted).toMatchObject({ state: 'different', managedBy: 'nobody', message: expect.stringContaining('Argo CD does not track it') });
    expect(drifted.message).toContain('sync site-virtualization in Argo CD');
  });

  it('a missing bootstrap object: nothing re-creates it, run the bootstrap again', async () => {
    server.store.delete({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', name: 'acp-site', namespace: 'openshift-gitops' });
    const result = await driftCheck(client, bundle);
    expect(entry(result.objects, 'AppProject', 'acp-site')).toMatchObject({ state: 'missing', managedBy: 'nobody', message: expect.stringContaining('sitekit cluster bootstrap') });
  });

  it('an extra list item: an interface someone added to a policy the bundle owns', async () => {
    const live = server.store.get(nncp)!;
    const desired = (live.spec as JsonObject).desiredState as { interfaces: JsonObject[] };
    const extra = { name: 'eno3', type: 'ethernet', state: 'up', ipv4: { enabled: false }, ipv6: { enabled: false } };
    server.store.patch(nncp, { spec: { desiredState: { interfaces: [...desired.interfaces, extra] } } }, { manager: 'kubectl-edit' });

    const drifted = entry((await driftCheck(client, bundle)).objects, nncp.kind, nncp.name);
    expect(drifted.state).toBe('different');
    expect(drifted.differences).toEqual([{ path: 'spec.desiredState.interfaces[name=eno3]', expected: '(absent)', actual: JSON.stringify(extra) }]);
  });

  it('what a Sync hook sets on objects the bundle cannot own: the plugin gone from the Console’s list', async () => {
    expect(bundle.filter((b) => b.effect).map((b) => `${b.object.kind} ${b.object.metadata.name}`)).toEqual(['Node acp-1', 'Node acp-2', 'Node acp-3', 'Console cluster']);
    const consoleRef = { apiVersion: 'operator.openshift.io/v1', kind: 'Console', name: 'cluster' };
    server.store.patch(consoleRef, { spec: { plugins: ['monitoring-plugin', 'kubevirt-plugin'] } }, { manager: 'console-operator' });

    const drifted = entry((await driftCheck(client, bundle)).objects, 'Console', 'cluster');
    expect(drifted).toMatchObject({
      state: 'different',
      managedBy: 'nobody',
      file: 'gitops/odf/console-plugin.yaml',
      differences: [{ path: 'spec.plugins', expected: '["odf-console"] among the items', actual: '["monitoring-plugin","kubevirt-plugin"]' }],
      message: expect.stringContaining('the Sync hook Job sitekit-odf-console-plugin of site-odf sets: sync site-odf again'),
    });
  });

  it('Secret data that differs: says which key, never the value', async () => {
    const bundlePassword = 'bundle-password-3f9a';
    const livePassword = 'changed-by-hand-77c1';
    const withCredentials = structuredClone(site);
    withCredentials.gitops!.credentials = { username: 'argocd-reader', password: { secretRef: 'git-password' } };
    const secret = repositorySecret(withCredentials, bundlePassword) as unknown as KubeObject;
    const withSecret = [...bundle, { file: 'secret store', object: secret }];
    const stringData = secret.stringData as Record<string, string>;
    // Stored the way kube-apiserver keeps a Secret: stringData merged into base64 data.
    const data = Object.fromEntries(Object.entries({ ...stringData, password: livePassword }).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
    const { stringData: _s, ...rest } = secret;
    server.store.put({ ...rest, data } as unknown as JsonObject);

    const result = await driftCheck(client, withSecret);
    const drifted = entry(result.objects, 'Secret', secret.metadata.name);
    expect(drifted).toMatchObject({ state: 'different', managedBy: 'nobody', file: 'secret store' });
    expect(drifted.differences).toEqual([{ path: 'stringData.password', expected: '(secret value, not shown)', actual: '(differs, not shown)' }]);
    const text = JSON.stringify(result);
    for (const value of [bundlePassword, livePassword, Buffer.from(bundlePassword).toString('base64'), Buffer.from(livePassword).toString('base64')]) {
      expect(text).not.toContain(value);
    }
    server.store.delete({ apiVersion: 'v1', kind: 'Secret', name: secret.metadata.name, namespace: secret.metadata.namespace });
  });

  it('a kind the cluster does not serve yet: unknown, with why', async () => {
    const foreign: BundleObject = {
      file: 'gitops/hosted-control-planes/hosted-cluster.yaml',
      object: { apiVersion: 'hypershift.openshift.io/v1beta1', kind: 'HostedCluster', metadata: { name: 'line-7', namespace: 'clusters' }, spec: {} },
    };
    const result = await driftCheck(client, [...bundle, foreign]);
    expect(entry(result.objects, 'HostedCluster', 'line-7')).toMatchObject({ state: 'unknown', message: expect.stringContaining('does not serve HostedCluster') });
    expect(result.summary).toMatchObject({ same: bundle.length, unknown: 1 });
  });

  it('an object written without a namespace that the cluster has in several namespaces: unknown, never "missing"', async () => {
    const loose: BundleObject = { file: 'gitops/apps/settings.yaml', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plant-settings' }, data: { line: '7' } } };
    for (const namespace of ['plant-apps', 'plant-apps-test']) {
      server.store.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plant-settings', namespace }, data: { line: '7' } });
    }
    try {
      const result = await driftCheck(client, [...bundle, loose]);
      expect(entry(result.objects, 'ConfigMap', 'plant-settings')).toMatchObject({ state: 'unknown', message: expect.stringContaining('in several namespaces') });
      expect(result.summary).toMatchObject({ missing: 0, unknown: 1 });
      // In one namespace only: that one is compared.
      server.store.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'plant-settings', namespace: 'plant-apps-test' });
      expect(entry((await driftCheck(client, [...bundle, loose])).objects, 'ConfigMap', 'plant-settings').state).toBe('same');
    } finally {
      server.store.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'plant-settings', namespace: 'plant-apps' });
      server.store.delete({ apiVersion: 'v1', kind: 'ConfigMap', name: 'plant-settings', namespace: 'plant-apps-test' });
    }
  });

  it('a user who may not read: every object unknown, with the forbidden sentence', async () => {
    const result = await driftCheck(clientAs('forbidden'), bundle.slice(0, 3));
    expect(result.objects.map((o) => o.state)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(result.objects[0]!.message).toMatch(/forbid|permission|not allowed/i);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await driftCheck(client, bundle, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).failure.kind).toBe('cancelled');
  });
});
