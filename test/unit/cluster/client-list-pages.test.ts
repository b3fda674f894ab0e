// client.list reads in pages (limit/continue, kubectl's 500), so a kind with thousands of
// objects never arrives as one body: every object comes back once, the listing's resourceVersion
// is its first page's, and a continue token whose snapshot was compacted away (410 Expired)
// starts the listing again instead of failing the check.
import { afterEach, describe, expect, it } from 'vitest';
import { createClusterClient, LIST_PAGE_SIZE, type ClusterClient } from '../../../main/core/cluster/client';
import { kubeConfigFor } from '../../../main/core/cluster/kubeconfig';
import type { ApiRoute } from '../../../main/core/cluster/types';
import { startTestApiServer, type TestApiServer } from '../../kube/api-server/index';

let server: TestApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const COUNT = LIST_PAGE_SIZE * 2 + 37;

function seed(s: TestApiServer): void {
  s.store.put({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'big' } });
  for (let i = 0; i < COUNT; i++) {
    s.store.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${String(i).padStart(4, '0')}`, namespace: 'big' }, data: { i: String(i) } });
  }
}

function clientOf(s: TestApiServer): ClusterClient {
  const route: ApiRoute = { server: `https://${s.hostName}:${s.port}`, viaAddress: '127.0.0.1' };
  return createClusterClient(kubeConfigFor(s.kubeconfig(), { route }), { route });
}

const listRequests = (s: TestApiServer) => s.requests.filter((r) => r.method === 'GET' && r.path === '/api/v1/namespaces/big/configmaps');

describe('client.list in pages', () => {
  it('brings every object once, in pages of LIST_PAGE_SIZE, with the first page’s resourceVersion', async () => {
    server = await startTestApiServer();
    seed(server);
    const listedAt = String(server.store.resourceVersion);
    const { items, resourceVersion } = await clientOf(server).list('v1', 'ConfigMap', { namespace: 'big' });
    expect(items).toHaveLength(COUNT);
    expect(new Set(items.map((i) => i.metadata.name)).size).toBe(COUNT);
    expect(items[0]).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap' });
    expect(resourceVersion).toBe(listedAt);
    const pages = listRequests(server);
    expect(pages).toHaveLength(3);
    expect(pages.every((p) => p.query.limit === String(LIST_PAGE_SIZE))).toBe(true);
    expect(pages.filter((p) => p.query.continue).length).toBe(2);
  });

  it('starts again when the continue token expired (410) between pages', async () => {
    let compacted = false;
    const s = await startTestApiServer({
      authorize: (user, attributes) => {
        const last = s.requests.at(-1);
        if (!compacted && attributes.verb === 'list' && last?.query.continue) {
          // etcd compacted the snapshot the token continues (a change, then a compaction).
          compacted = true;
          s.store.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'added-meanwhile', namespace: 'big' } });
          s.store.compact();
        }
        return user.name !== 'developer';
      },
    });
    server = s;
    seed(s);
    const { items } = await clientOf(s).list('v1', 'ConfigMap', { namespace: 'big' });
    expect(compacted).toBe(true);
    expect(items).toHaveLength(COUNT + 1);
    const statuses = listRequests(s).map((r) => r.status);
    expect(statuses).toContain(410);
    // The listing went again from its first page.
    expect(listRequests(s).filter((r) => !r.query.continue)).toHaveLength(2);
  });
});
