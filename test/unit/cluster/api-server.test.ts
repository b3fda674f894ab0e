// The test API server driven by the real @kubernetes/client-node: TLS with the kubeconfig's CA
// and client certificate, discovery, GET/LIST, server-side apply with managedFields and
// conflicts, the status subresource, dry run, the error Statuses and the scripting API.

import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { startTestApiServer, type TestApiServer } from '../../kube/api-server/index.js';

let server: TestApiServer;

function clientFor(kubeconfig: string): { kc: k8s.KubeConfig; objects: k8s.KubernetesObjectApi } {
  const kc = new k8s.KubeConfig();
  kc.loadFromString(kubeconfig);
  return { kc, objects: k8s.KubernetesObjectApi.makeApiClient(kc) };
}

function admin() {
  return clientFor(server.kubeconfig({ server: server.url }));
}

async function failureOf(promise: Promise<unknown>): Promise<{ code: number; body: Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof k8s.ApiException) {
      const body = typeof error.body === 'string' ? (JSON.parse(error.body) as Record<string, unknown>) : (error.body as Record<string, unknown>);
      return { code: error.code, body, headers: error.headers };
    }
    throw error;
  }
  throw new Error('expected the request to fail');
}

function apply(objects: k8s.KubernetesObjectApi, object: k8s.KubernetesObject, manager = 'sitekit', force?: boolean, dryRun?: string) {
  return objects.patch(object, undefined, dryRun, manager, force, k8s.PatchStrategy.ServerSideApply);
}

beforeAll(async () => {
  server = await startTestApiServer();
});

afterAll(async () => {
  await server.close();
});

describe('connection and identity', () => {
  it('writes a kubeconfig shaped like openshift-install auth/kubeconfig', () => {
    const text = server.kubeconfig();
    interface Kubeconfig {
      clusters: { name: string; cluster: Record<string, string> }[];
      users: { name: string; user: Record<string, string> }[];
      'current-context': string;
    }
    const doc = parseYaml(text) as Kubeconfig;
    expect(Object.keys(doc)).toEqual(['clusters', 'contexts', 'current-context', 'preferences', 'users']);
    expect(doc.clusters[0]!.cluster.server).toBe(`https://api.acp.plant-a.example.com:${server.port}`);
    expect(doc.clusters[0]!.name).toBe('acp');
    expect(doc['current-context']).toBe('admin');
    expect(Buffer.from(doc.clusters[0]!.cluster['certificate-authority-data']!, 'base64').toString()).toBe(server.caPem);
    expect(doc.users[0]!.user['client-certificate-data']).toBeTruthy();
    expect(doc.users[0]!.user['client-key-data']).toBeTruthy();
    expect(server.caSha256).toMatch(/^SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(server.leafSha256).not.toBe(server.caSha256);
  });

  it('answers /version and logs the client certificate in as system:admin', async () => {
    const { kc } = admin();
    const version = await kc.makeApiClient(k8s.VersionApi).getCode();
    expect(version.gitVersion).toMatch(/^v1\.\d+\.\d+/);
    await kc.makeApiClient(k8s.CoreV1Api).listNamespace();
    expect(server.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/v1/namespaces', user: 'system:admin', status: 200 });
  });

  it('verifies the serving name through tls-server-name when going via an address', async () => {
    const good = clientFor(server.kubeconfig({ server: server.url, tlsServerName: server.hostName }));
    await good.kc.makeApiClient(k8s.CoreV1Api).listNamespace();
    const wrong = clientFor(server.kubeconfig({ server: server.url, tlsServerName: 'api.other.example.com' }));
    await expect(wrong.kc.makeApiClient(k8s.CoreV1Api).listNamespace()).rejects.toThrow(/altnames|does not match|ERR_TLS_CERT_ALTNAME_INVALID/i);
  });

  it('accepts the bearer token user and refuses requests without credentials (401) or rights (403)', async () => {
    const token = clientFor(server.kubeconfig({ server: server.url, user: 'token' }));
    await token.kc.makeApiClient(k8s.CoreV1Api).listNamespace();
    expect(server.requests.at(-1)?.user).toBe('kube:admin');

    const anonymous = new k8s.KubeConfig();
    anonymous.loadFromOptions({
      clusters: [{ name: 'acp', server: server.url, caData: Buffer.from(server.caPem).toString('base64') }],
      users: [{ name: 'nobody' }],
      contexts: [{ name: 'nobody', cluster: 'acp', user: 'nobody' }],
      currentContext: 'nobody',
    });
    // KubernetesObjectApi keeps the Status body (the generated CoreV1Api drops it for 401).
    const unauthorized = await failureOf(k8s.KubernetesObjectApi.makeApiClient(anonymous).read({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }));
    expect(unauthorized.code).toBe(401);
    expect(unauthorized.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'Unauthorized', code: 401 });

    const developer = clientFor(server.kubeconfig({ server: server.url, user: 'forbidden' }));
    const denied = await failureOf(developer.kc.makeApiClient(k8s.CoreV1Api).listNamespacedConfigMap({ namespace: 'openshift-gitops' }));
    expect(denied.code).toBe(403);
    expect(denied.body.message).toBe(
      'configmaps is forbidden: User "developer" cannot list resource "configmaps" in API group "" in the namespace "openshift-gitops"',
    );
  });

  it('fails TLS verification for a client without the serving CA, as a real cluster does', async () => {
    const { kc } = clientFor(server.kubeconfig({ server: server.url }).replace(/ *certificate-authority-data: \S+\n/, ''));
    await expect(kc.makeApiClient(k8s.CoreV1Api).listNamespace()).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  });
});

describe('discovery', () => {
  it('lists groups and resources with their status subresources', async () => {
    const { kc } = admin();
    const groups = await kc.makeApiClient(k8s.ApisApi).getAPIVersions();
    expect(groups.groups.map((g) => g.name)).toEqual(expect.arrayContaining(['apps', 'config.openshift.io', 'argoproj.io', 'nmstate.io']));
    const nmstate = groups.groups.find((g) => g.name === 'nmstate.io')!;
    expect(nmstate.versions.map((v) => v.version)).toEqual(['v1', 'v1beta1']);
    const core = await kc.makeApiClient(k8s.CoreV1Api).getAPIResources();
    const names = core.resources.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(['nodes', 'nodes/status', 'configmaps', 'namespaces/status']));
    expect(names).not.toContain('configmaps/status');
    expect(core.resources.find((r) => r.name === 'nodes')).toMatchObject({ kind: 'Node', namespaced: false, singularName: 'node' });
  });

  it('answers a group the cluster does not serve with 404, like a missing CRD', async () => {
    const { objects } = admin();
    await expect(objects.read({ apiVersion: 'example.io/v1', kind: 'Widget', metadata: { name: 'w' } })).rejects.toThrow(/404/);
  });
});

describe('get and list', () => {
  it('reads seeded objects, 404s missing ones and filters lists by label and field selectors', async () => {
    for (const [name, role] of [['plant-a-n1', 'master'], ['plant-a-n2', 'master'], ['plant-a-n3', 'worker']] as const) {
      server.store.put({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { [`node-role.kubernetes.io/${role}`]: '' } } });
    }
    const { objects } = admin();
    const node = await objects.read({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'plant-a-n1' } });
    expect(node.metadata?.uid).toBeTruthy();

    const missing = await failureOf(objects.read({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'nope' } }));
    expect(missing.code).toBe(404);
    expect(missing.body).toMatchObject({ reason: 'NotFound', message: 'nodes "nope" not found', details: { name: 'nope', kind: 'nodes' } });

    const masters = await objects.list('v1', 'Node', undefined, undefined, undefined, undefined, undefined, 'node-role.kubernetes.io/master');
    expect(masters.items.map((n) => n.metadata?.name)).toEqual(['plant-a-n1', 'plant-a-n2']);
    const byName = await objects.list('v1', 'Node', undefined, undefined, undefined, undefined, 'metadata.name=plant-a-n3');
    expect(byName.items.map((n) => n.metadata?.name)).toEqual(['plant-a-n3']);
    expect(Number(masters.metadata?.resourceVersion)).toBeGreaterThan(0);
  });

  it('omits apiVersion/kind on built-in list items and keeps them on custom resources', async () => {
    server.store.put({ apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', metadata: { name: 'version' }, spec: { channel: 'stable-4.16' } });
    const { objects } = admin();
    await objects.list('v1', 'Node');
    const raw = JSON.parse(await rawGet(`/api/v1/nodes`)) as { items: Record<string, unknown>[] };
    expect(raw.items[0]).not.toHaveProperty('kind');
    const cvs = JSON.parse(await rawGet('/apis/config.openshift.io/v1/clusterversions')) as { kind: string; items: Record<string, unknown>[] };
    expect(cvs.kind).toBe('ClusterVersionList');
    expect(cvs.items[0]).toMatchObject({ apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion' });
  });
});

async function rawGet(path: string): Promise<string> {
  const { kc } = admin();
  const options: import('node:https').RequestOptions = {};
  await kc.applyToHTTPSOptions(options);
  const https = await import('node:https');
  return new Promise((resolve, reject) => {
    https
      .get(`${server.url}${path}`, options, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve(text));
      })
      .on('error', reject);
  });
}

describe('server-side apply', () => {
  const configMap = (data: Record<string, string>, labels: Record<string, string> = { 'app.kubernetes.io/part-of': 'sitekit' }) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cluster-ca', namespace: 'openshift-gitops', labels },
    data,
  });

  it('creates, records managedFields in the real format and changes nothing on a second identical apply', async () => {
    const { objects } = admin();
    const first = await apply(objects, configMap({ 'ca.crt': 'one' }));
    const managed = first.metadata?.managedFields ?? [];
    expect(managed).toHaveLength(1);
    expect(managed[0]).toMatchObject({ manager: 'sitekit', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1' });
    expect(managed[0]!.fieldsV1).toEqual({ 'f:data': { 'f:ca.crt': {} }, 'f:metadata': { 'f:labels': { 'f:app.kubernetes.io/part-of': {} } } });
    expect(managed[0]!.time).toBeInstanceOf(Date);

    const events: string[] = [];
    const stop = server.store.subscribe((e) => events.push(e.type));
    const second = await apply(objects, configMap({ 'ca.crt': 'one' }));
    stop();
    expect(second.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
    expect(events).toEqual([]);
  });

  it('refuses a field another manager owns with a different value (409 with causes), and force takes it over', async () => {
    const { objects } = admin();
    await apply(objects, configMap({ 'ca.crt': 'one' }));
    const conflict = await failureOf(apply(objects, configMap({ 'ca.crt': 'two' }), 'argocd-controller'));
    expect(conflict.code).toBe(409);
    expect(conflict.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "sitekit": .data.ca.crt',
      reason: 'Conflict',
      details: { causes: [{ type: 'FieldManagerConflict', message: 'conflict with "sitekit"', field: '.data.ca.crt' }] },
      code: 409,
    });

    // The same value is no conflict: both own it.
    const shared = await apply(objects, configMap({ 'ca.crt': 'one' }, {}), 'argocd-controller');
    // Sorted as kube-apiserver sorts them (Apply first, then older first, then by name): the two
    // applies may fall in the same second or not, so only who is listed is certain.
    expect(shared.metadata?.managedFields?.map((m) => m.manager).sort()).toEqual(['argocd-controller', 'sitekit']);

    const forced = (await apply(objects, configMap({ 'ca.crt': 'two' }, {}), 'argocd-controller', true)) as k8s.V1ConfigMap;
    expect(forced.data).toEqual({ 'ca.crt': 'two' });
    const sitekit = forced.metadata?.managedFields?.find((m) => m.manager === 'sitekit');
    expect(sitekit?.fieldsV1).toEqual({ 'f:metadata': { 'f:labels': { 'f:app.kubernetes.io/part-of': {} } } });
  });

  it('names Update managers with their apiVersion and time in conflicts', async () => {
    server.store.put(
      { apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec: { liveMigrationConfig: { parallelMigrationsPerCluster: 5 } } },
      { manager: 'hyperconverged-cluster-operator' },
    );
    const { objects } = admin();
    const hco = (n: number) => ({
      apiVersion: 'hco.kubevirt.io/v1beta1',
      kind: 'HyperConverged',
      metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
      spec: { liveMigrationConfig: { parallelMigrationsPerCluster: n } },
    });
    const conflict = await failureOf(apply(objects, hco(2)));
    const cause = (conflict.body.details as { causes: { message: string; field: string }[] }).causes[0]!;
    expect(cause.field).toBe('.spec.liveMigrationConfig.parallelMigrationsPerCluster');
    expect(cause.message).toMatch(/^conflict with "hyperconverged-cluster-operator" using hco\.kubevirt\.io\/v1beta1 at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('merges lists of named items by name and removes fields the manager stopped applying', async () => {
    const { objects } = admin();
    const deployment = (containers: Record<string, unknown>[], replicas?: number) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'plant' },
      spec: { ...(replicas ? { replicas } : {}), selector: { matchLabels: { app: 'web' } }, template: { spec: { containers } } },
    });
    await apply(objects, deployment([{ name: 'web', image: 'web:1', args: ['a', 'b'] }], 2));
    await apply(objects, deployment([{ name: 'sidecar', image: 'side:1' }]), 'mesh');
    const both = (await objects.read({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'plant' } })) as k8s.V1Deployment;
    expect(both.spec?.template.spec?.containers.map((c) => c.name)).toEqual(['web', 'sidecar']);
    const mesh = both.metadata?.managedFields?.find((m) => m.manager === 'mesh');
    type Trie = { [element: string]: Trie };
    const containers = (mesh?.fieldsV1 as Trie)['f:spec']!['f:template']!['f:spec']!['f:containers']!;
    expect(containers['k:{"name":"sidecar"}']).toEqual({ 'f:image': {}, 'f:name': {}, '.': {} });

    const pruned = (await apply(objects, deployment([{ name: 'web', image: 'web:2' }]))) as k8s.V1Deployment;
    expect(pruned.spec?.replicas).toBeUndefined();
    expect(pruned.spec?.template.spec?.containers).toEqual([{ name: 'web', image: 'web:2' }, { name: 'sidecar', image: 'side:1' }]);
    expect(pruned.metadata?.generation).toBe(3);
  });

  it('requires a fieldManager (422), honours dryRun=All and refuses managedFields in the body', async () => {
    const { objects } = admin();
    const missing = await failureOf(objects.patch(configMap({ a: 'b' }), undefined, undefined, undefined, undefined, k8s.PatchStrategy.ServerSideApply));
    expect(missing.code).toBe(422);
    expect(missing.body).toMatchObject({
      reason: 'Invalid',
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      details: { group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] },
    });

    const dry = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dry', namespace: 'plant' }, data: { a: 'b' } };
    const result = await apply(objects, dry, 'sitekit', undefined, 'All');
    expect(result.metadata?.name).toBe('dry');
    expect(server.store.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'dry', namespace: 'plant' })).toBeUndefined();

    const withManaged = { ...dry, metadata: { ...dry.metadata, managedFields: [{ manager: 'x' }] } };
    const refused = await failureOf(apply(objects, withManaged as k8s.KubernetesObject));
    expect(refused.code).toBe(400);
    expect(refused.body.message).toBe('metadata.managedFields must be nil');
  });

  it('keeps status out of main-resource applies and spec out of status applies', async () => {
    const { objects, kc } = admin();
    const csv = {
      apiVersion: 'operators.coreos.com/v1alpha1',
      kind: 'ClusterServiceVersion',
      metadata: { name: 'openshift-gitops-operator.v1.13.1', namespace: 'openshift-gitops-operator' },
      spec: { displayName: 'Red Hat OpenShift GitOps' },
      status: { phase: 'Succeeded' },
    };
    const created = (await apply(objects, csv)) as typeof csv;
    expect(created.status).toBeUndefined();
    const custom = kc.makeApiClient(k8s.CustomObjectsApi);
    await custom.patchNamespacedCustomObjectStatus(
      { group: 'operators.coreos.com', version: 'v1alpha1', namespace: csv.metadata.namespace, plural: 'clusterserviceversions', name: csv.metadata.name, body: { ...csv, spec: { displayName: 'changed' } }, fieldManager: 'olm', force: true },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply),
    );
    const stored = server.store.get({ apiVersion: csv.apiVersion, kind: csv.kind, name: csv.metadata.name, namespace: csv.metadata.namespace })!;
    expect(stored.status).toEqual({ phase: 'Succeeded' });
    expect((stored.spec as Record<string, unknown>).displayName).toBe('Red Hat OpenShift GitOps');
    const managedFields = (stored.metadata as { managedFields: Record<string, unknown>[] }).managedFields;
    const olm = managedFields.find((m) => m.manager === 'olm');
    expect(olm).toMatchObject({ operation: 'Apply', subresource: 'status', fieldsV1: { 'f:status': { 'f:phase': {} } } });
  });
});

describe('errors and scripting', () => {
  it('answers 503 while not ready and 429 with Retry-After when throttled', async () => {
    const { kc } = admin();
    const core = kc.makeApiClient(k8s.CoreV1Api);
    server.setReady(false);
    const unavailable = await failureOf(core.listNamespace());
    server.setReady(true);
    expect(unavailable.code).toBe(503);
    expect(unavailable.body.reason).toBe('ServiceUnavailable');

    server.throttle(1, 2);
    const limited = await failureOf(core.listNamespace());
    expect(limited.code).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');
    expect(limited.body).toMatchObject({ reason: 'TooManyRequests', details: { retryAfterSeconds: 2 } });
    await core.listNamespace();
  });

  it('creates with POST (409 AlreadyExists the second time), replaces with PUT and deletes', async () => {
    const { objects } = admin();
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'repo', namespace: 'openshift-gitops' }, stringData: { url: 'https://git.example.com/sites.git' } };
    const created = await objects.create<k8s.V1Secret>(secret);
    expect(created.metadata?.managedFields?.[0]).toMatchObject({ operation: 'Update' });
    const again = await failureOf(objects.create(secret));
    expect(again.body).toMatchObject({ code: 409, reason: 'AlreadyExists', message: 'secrets "repo" already exists' });
    const stale = await failureOf(objects.replace({ ...created, metadata: { ...created.metadata, resourceVersion: '1' } }));
    expect(stale.body.reason).toBe('Conflict');
    const status = await objects.delete(created);
    expect(status).toMatchObject({ status: 'Success', details: { name: 'repo', kind: 'secrets' } });
    expect(server.store.get({ apiVersion: 'v1', kind: 'Secret', name: 'repo', namespace: 'openshift-gitops' })).toBeUndefined();
  });

  it('tells listeners about client writes with the manager', async () => {
    const seen: string[] = [];
    const stop = server.onApplied((object, manager, info) => seen.push(`${String(object.kind)}/${manager}/${info.operation}/${info.changed}`));
    const { objects } = admin();
    const sub = {
      apiVersion: 'operators.coreos.com/v1alpha1',
      kind: 'Subscription',
      metadata: { name: 'openshift-gitops-operator', namespace: 'openshift-gitops-operator' },
      spec: { channel: 'latest', name: 'openshift-gitops-operator', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' },
    };
    await apply(objects, sub);
    await apply(objects, sub);
    stop();
    expect(seen).toEqual(['Subscription/sitekit/Apply/true', 'Subscription/sitekit/Apply/false']);
  });
});

describe('registry behaviour', () => {
  it('stores a Secret\'s stringData as base64 data and treats a repeated apply as unchanged', async () => {
    const { objects } = admin();
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'repo-creds', namespace: 'openshift-gitops' }, stringData: { username: 'sitekit' } };
    const first = (await apply(objects, secret)) as k8s.V1Secret;
    expect(first.data).toEqual({ username: Buffer.from('sitekit').toString('base64') });
    expect(first.stringData).toBeUndefined();
    expect(first.type).toBe('Opaque');
    const second = await apply(objects, secret);
    expect(second.metadata?.resourceVersion).toBe(first.metadata?.resourceVersion);
  });

  it('pages lists with limit and continue', async () => {
    for (const name of ['a', 'b', 'c']) server.store.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `page-${name}`, namespace: 'paging' } });
    const { kc } = admin();
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const first = await core.listNamespacedConfigMap({ namespace: 'paging', limit: 2 });
    expect(first.items.map((c) => c.metadata?.name)).toEqual(['page-a', 'page-b']);
    expect(first.metadata?.remainingItemCount).toBe(1);
    const rest = await core.listNamespacedConfigMap({ namespace: 'paging', limit: 2, _continue: first.metadata?._continue });
    expect(rest.items.map((c) => c.metadata?.name)).toEqual(['page-c']);
    expect(rest.metadata?._continue).toBeUndefined();
  });

  it('refuses objects in a missing namespace when asked to, like NamespaceLifecycle admission', async () => {
    const strict = await startTestApiServer({ requireNamespaces: true });
    try {
      const { objects } = clientFor(strict.kubeconfig({ server: strict.url }));
      const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'openshift-gitops' } };
      const missing = await failureOf(apply(objects, cm));
      expect(missing.body).toMatchObject({ code: 404, reason: 'NotFound', message: 'namespaces "openshift-gitops" not found' });
      const ns = (await apply(objects, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openshift-gitops' } })) as k8s.V1Namespace;
      expect(ns.status?.phase).toBe('Active');
      await apply(objects, cm);
    } finally {
      await strict.close();
    }
  });
});

describe('certificate rotation', () => {
  it('serves a new CA after rotateCa: the old kubeconfig no longer trusts it', async () => {
    const rotating = await startTestApiServer({ clusterName: 'rot' });
    try {
      const before = { ca: rotating.caSha256, kubeconfig: rotating.kubeconfig({ server: rotating.url }) };
      await rotating.rotateCa();
      expect(rotating.caSha256).not.toBe(before.ca);
      const old = clientFor(before.kubeconfig);
      await expect(old.kc.makeApiClient(k8s.CoreV1Api).listNamespace()).rejects.toThrow();
      const fresh = clientFor(rotating.kubeconfig({ server: rotating.url }));
      await fresh.kc.makeApiClient(k8s.CoreV1Api).listNamespace();
    } finally {
      await rotating.close();
    }
  });
});
