// ClusterClient against the test API server (real HTTPS, real Status objects), always through
// the "VIP" 127.0.0.1 with the API name kept for TLS, the way a laptop reaches a cluster whose
// name the plant DNS does not know yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterClient, type ClusterClient, type KubeObject } from '../../../main/core/cluster/client';
import { ClusterError } from '../../../main/core/cluster/failure';
import { kubeConfigFor } from '../../../main/core/cluster/kubeconfig';
import type { ApiRoute } from '../../../main/core/cluster/types';
import { startTestApiServer, type TestApiServer } from '../../kube/api-server/index';

let server: TestApiServer;
let route: ApiRoute;
let client: ClusterClient;

const node = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels } });
const configMap = (name: string, data: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'openshift-gitops' }, data });

function clientAs(user: 'admin' | 'token' | 'forbidden', text?: string): ClusterClient {
  return createClusterClient(kubeConfigFor(text ?? server.kubeconfig({ user }), { route }), { route });
}

async function failureOf(promise: Promise<unknown>): Promise<ClusterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClusterError);
  return error as ClusterError;
}

beforeAll(async () => {
  server = await startTestApiServer();
  route = { server: `https://${server.hostName}:${server.port}`, viaAddress: '127.0.0.1' };
  client = clientAs('admin');
  server.store.put(node('plant-a-n1', { 'node-role.kubernetes.io/master': '' }));
  server.store.put(node('plant-a-n2', { 'node-role.kubernetes.io/master': '' }));
  server.store.put(node('plant-a-n3', { 'node-role.kubernetes.io/worker': '' }));
});
afterAll(async () => {
  await server?.close();
});

describe('reading', () => {
  it('version, through the VIP with the API name for TLS', async () => {
    expect((await client.version()).gitVersion).toMatch(/^v1\.\d+\.\d+/);
  });

  it('lists with a label selector; built-in items get their apiVersion and kind', async () => {
    const { items, resourceVersion } = await client.list('v1', 'Node', { labelSelector: 'node-role.kubernetes.io/master' });
    expect(items.map((n) => n.metadata.name).sort()).toEqual(['plant-a-n1', 'plant-a-n2']);
    expect(items[0]).toMatchObject({ apiVersion: 'v1', kind: 'Node' });
    expect(resourceVersion).toMatch(/^\d+$/);
  });

  it('get: the object, undefined when missing, undefined when the kind is not served', async () => {
    expect((await client.get({ apiVersion: 'v1', kind: 'Node', name: 'plant-a-n3' }))?.metadata.labels).toEqual({ 'node-role.kubernetes.io/worker': '' });
    expect(await client.get({ apiVersion: 'v1', kind: 'Node', name: 'plant-a-n9' })).toBeUndefined();
    expect(await client.get({ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' })).toBeUndefined();
  });

  it('list of a kind the cluster does not serve: kindMissing, the kind named', async () => {
    const error = await failureOf(client.list('example.com/v1', 'Widget'));
    expect(error.kindMissing).toBe(true);
    expect(error.failure.message).toContain('Widget (example.com/v1)');
  });
});

describe('server-side apply', () => {
  it('creates, changes nothing the second time, and sends fieldManager sitekit as apply-patch', async () => {
    const first = await client.apply(configMap('sitekit-a', { a: '1' }));
    expect(first.metadata.resourceVersion).toBeTruthy();
    const again = await client.apply(configMap('sitekit-a', { a: '1' }));
    expect(again.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    const patch = server.requests.filter((r) => r.method === 'PATCH').at(-1);
    expect(patch?.contentType).toBe('application/apply-patch+yaml');
    expect(patch?.query).toMatchObject({ fieldManager: 'sitekit' });
    expect(again.metadata.managedFields?.find((m) => m.manager === 'sitekit')?.operation).toBe('Apply');
  });

  it('dry run stores nothing', async () => {
    const dry = await client.apply(configMap('sitekit-dry', { a: '1' }), { dryRun: true });
    expect(dry.metadata.name).toBe('sitekit-dry');
    expect(await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'sitekit-dry', namespace: 'openshift-gitops' })).toBeUndefined();
  });

  it('a field another manager owns: 409 with the field and manager; force takes it over', async () => {
    await client.apply(configMap('sitekit-b', { mode: 'a' }));
    server.store.patch({ apiVersion: 'v1', kind: 'ConfigMap', name: 'sitekit-b', namespace: 'openshift-gitops' }, { data: { mode: 'b' } }, { manager: 'kubectl-edit' });
    const error = await failureOf(client.apply(configMap('sitekit-b', { mode: 'a' })));
    expect(error.status).toBe(409);
    expect(error.causes).toEqual([expect.objectContaining({ field: '.data.mode', reason: 'FieldManagerConflict', message: expect.stringContaining('kubectl-edit') })]);
    expect(error.failure.message).toContain('.data.mode is owned by another field manager');
    const forced = await client.apply(configMap('sitekit-b', { mode: 'a' }), { force: true });
    expect(forced.data).toEqual({ mode: 'a' });
  });

  it('leaves out what the server sets (resourceVersion, managedFields, status) when applying an object read back', async () => {
    const read = await client.get({ apiVersion: 'v1', kind: 'ConfigMap', name: 'sitekit-a', namespace: 'openshift-gitops' });
    expect(read).toBeDefined();
    const applied = await client.apply({ ...(read as KubeObject), data: { a: '2' } });
    expect(applied.data).toEqual({ a: '2' });
  });
});

describe('watching', () => {
  it('streams events after the LIST resourceVersion and ends when cancelled', async () => {
    const { resourceVersion } = await client.list('v1', 'Node');
    const controller = new AbortController();
    const seen: string[] = [];
    const watching = client.watch('v1', 'Node', { resourceVersion }, (event) => {
      if (event.type === 'BOOKMARK') return;
      seen.push(`${event.type} ${event.object.metadata.name}`);
      if (seen.length === 2) controller.abort();
    }, controller.signal);
    server.store.patch({ apiVersion: 'v1', kind: 'Node', name: 'plant-a-n1' }, { metadata: { labels: { ready: 'yes' } } });
    server.store.put(node('plant-a-n4'));
    const error = await failureOf(watching);
    expect(error.failure.kind).toBe('cancelled');
    expect(seen).toEqual(['MODIFIED plant-a-n1', 'ADDED plant-a-n4']);
    server.store.delete({ apiVersion: 'v1', kind: 'Node', name: 'plant-a-n4' });
  });

  it('one object by name; a too old resourceVersion ends "expired" (410)', async () => {
    const { resourceVersion } = await client.list('v1', 'Node');
    server.store.put(node('plant-a-n5'));
    server.store.compact();
    const end = await client.watch('v1', 'Node', { name: 'plant-a-n1', resourceVersion }, () => undefined);
    expect(end).toBe('expired');
  });

  it('ends "closed" when the server ends the stream (timeoutSeconds)', async () => {
    const { resourceVersion } = await client.list('v1', 'Node');
    expect(await client.watch('v1', 'Node', { resourceVersion, timeoutSeconds: 1 }, () => undefined)).toBe('closed');
  });
});

describe('failures as sentences', () => {
  it('403 for a user that may not, with what was being done', async () => {
    const error = await failureOf(clientAs('forbidden').list('v1', 'Node'));
    expect(error.failure).toMatchObject({ kind: 'forbidden', retryable: false });
    expect(error.failure.message).toContain('not allowed to list Node (v1)');
  });

  it('401 for credentials the server does not know', async () => {
    const text = server.kubeconfig({ user: 'token' }).replace(/token: \S+/, 'token: not-a-valid-token');
    // /version is public (system:public-info-viewer), so ask for something that needs a login.
    const error = await failureOf(clientAs('token', text).list('v1', 'Node'));
    expect(error.failure).toMatchObject({ kind: 'unauthorized', retryable: false });
    expect(error.failure.message).not.toContain('not-a-valid-token');
  });

  it('503 while the API comes up and 429 with Retry-After are retryable', async () => {
    server.setReady(false);
    try {
      expect((await failureOf(client.version())).failure).toMatchObject({ kind: 'not-ready', retryable: true });
    } finally {
      server.setReady(true);
    }
    server.throttle(1, 2);
    const limited = await failureOf(client.list('v1', 'Node'));
    expect(limited.failure).toMatchObject({ kind: 'rate-limited', retryable: true });
    expect(limited.retryAfterSeconds).toBe(2);
  });

  it('counts the requests it made (discovery and watches included)', async () => {
    const fresh = clientAs('admin');
    await fresh.list('v1', 'Node');
    await fresh.get({ apiVersion: 'v1', kind: 'Node', name: 'plant-a-n1' });
    // /api/v1 discovery once (cached), then the LIST and the GET.
    expect(fresh.requests()).toBe(3);
  });
});
