// WATCH on the test API server through client-node's Watch: initial ADDED events, resuming from
// a resourceVersion, selectors (objects leaving the selection arrive as DELETED), bookmarks, the
// 410 Expired ERROR event after a compaction, and timeoutSeconds ending the stream.

import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer, type TestApiServer } from '../../kube/api-server/index.js';

let server: TestApiServer;
let kc: k8s.KubeConfig;

interface Seen {
  type: string;
  name?: string;
  resourceVersion?: string;
  object: Record<string, unknown>;
}

type WatchedObject = Record<string, unknown> & { metadata?: { name?: string; resourceVersion?: string } };

/** Watches `path` and resolves the events once `until` is satisfied (or the stream ends). */
function watchUntil(path: string, query: Record<string, string | number | boolean | undefined>, until: (events: Seen[]) => boolean): Promise<{ events: Seen[]; error: unknown; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const events: Seen[] = [];
    let controller: AbortController | undefined;
    let settled = false;
    const finish = (error: unknown, ended: boolean) => {
      if (settled) return;
      settled = true;
      controller?.abort();
      resolve({ events, error, ended });
    };
    new k8s.Watch(kc)
      .watch(
        path,
        query,
        (type, object: WatchedObject) => {
          events.push({ type, name: object?.metadata?.name, resourceVersion: object?.metadata?.resourceVersion, object });
          if (until(events)) finish(null, false);
        },
        (error) => finish(error, true),
      )
      .then((c) => {
        controller = c;
        if (settled) c.abort();
      }, reject);
  });
}

const nncp = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'nmstate.io/v1',
  kind: 'NodeNetworkConfigurationPolicy',
  metadata: { name, labels },
  spec: { desiredState: { interfaces: [{ name: 'br-ex', type: 'linux-bridge', state: 'up' }] } },
});

beforeAll(async () => {
  server = await startTestApiServer();
  kc = new k8s.KubeConfig();
  kc.loadFromString(server.kubeconfig({ server: server.url, tlsServerName: server.hostName }));
});

afterAll(async () => {
  await server.close();
});

describe('watch', () => {
  it('starts with the current objects as ADDED, then streams changes and deletions', async () => {
    server.store.put(nncp('vlan-100'));
    const started = server.nextWatch('/apis/nmstate.io/v1/nodenetworkconfigurationpolicies');
    const done = watchUntil('/apis/nmstate.io/v1/nodenetworkconfigurationpolicies', {}, (events) => events.some((e) => e.type === 'DELETED'));
    await started;
    server.store.setStatus({ apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy', name: 'vlan-100' }, { conditions: [{ type: 'Available', status: 'True' }] });
    server.store.delete({ apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy', name: 'vlan-100' });
    const { events } = await done;
    expect(events.map((e) => `${e.type} ${e.name}`)).toEqual(['ADDED vlan-100', 'MODIFIED vlan-100', 'DELETED vlan-100']);
    expect(events[1]!.object).toMatchObject({ apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy', status: { conditions: [{ type: 'Available' }] } });
    const versions = events.map((e) => Number(e.resourceVersion));
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
  });

  it('resumes after a resourceVersion and honours label selectors', async () => {
    const first = server.store.put(nncp('bond0', { site: 'plant-a' }));
    server.store.put(nncp('other', { site: 'plant-b' }));
    server.store.patch({ apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy', name: 'bond0' }, { metadata: { labels: { site: 'moved' } } });
    const { events } = await watchUntil(
      '/apis/nmstate.io/v1/nodenetworkconfigurationpolicies',
      { resourceVersion: (first.metadata as Record<string, string>).resourceVersion, labelSelector: 'site=plant-a' },
      (seen) => seen.length >= 1,
    );
    // bond0 left the selection after the resourceVersion: a DELETED event, no ADDED for "other".
    expect(events.map((e) => `${e.type} ${e.name}`)).toEqual(['DELETED bond0']);
  });

  it('sends BOOKMARK events when allowed', async () => {
    const started = server.nextWatch('/api/v1/nodes');
    const done = watchUntil('/api/v1/nodes', { allowWatchBookmarks: true }, (events) => events.some((e) => e.type === 'BOOKMARK'));
    await started;
    server.sendBookmarks();
    const { events } = await done;
    const bookmark = events.find((e) => e.type === 'BOOKMARK')!;
    expect(bookmark.object).toEqual({ kind: 'Node', apiVersion: 'v1', metadata: { resourceVersion: String(server.store.resourceVersion), creationTimestamp: null } });
  });

  it('answers a resourceVersion older than the history with an ERROR event carrying 410 Expired, then ends', async () => {
    const old = server.store.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'plant' } });
    server.store.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'plant' } });
    server.store.compact();
    const { events, ended } = await watchUntil('/api/v1/namespaces/plant/configmaps', { resourceVersion: (old.metadata as Record<string, string>).resourceVersion }, () => false);
    expect(ended).toBe(true);
    expect(events).toHaveLength(1);
    expect(events[0]!.type).toBe('ERROR');
    expect(events[0]!.object).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410 });
    expect(String(events[0]!.object.message)).toMatch(/^too old resource version: \d+ \(\d+\)$/);
  });

  it('ends the stream after timeoutSeconds', async () => {
    const { ended, error } = await watchUntil('/api/v1/namespaces/plant/configmaps', { timeoutSeconds: 1, resourceVersion: String(server.store.resourceVersion) }, () => false);
    expect(ended).toBe(true);
    expect(error).toBeNull();
  });

  it('watches one object by name with a field selector', async () => {
    server.store.put({ apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', metadata: { name: 'version' }, spec: {} });
    const started = server.nextWatch('/apis/config.openshift.io/v1/clusterversions');
    const done = watchUntil('/apis/config.openshift.io/v1/clusterversions', { fieldSelector: 'metadata.name=version' }, (events) => events.length >= 2);
    await started;
    server.store.setStatus({ apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', name: 'version' }, { desired: { version: '4.16.20' } });
    const { events } = await done;
    expect(events.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED']);
  });
});

describe('a watch client that stops reading', () => {
  it('is dropped once its queue passes watchBufferBytes, so the server never buffers without end', async () => {
    const small = await startTestApiServer({ watchBufferBytes: 64 * 1024 });
    const https = await import('node:https');
    let request: import('node:http').ClientRequest | undefined;
    try {
      const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
        request = https.request(
          {
            host: '127.0.0.1',
            port: small.port,
            servername: small.hostName,
            ca: small.caPem,
            path: '/api/v1/namespaces/default/configmaps?watch=true',
            headers: { Authorization: `Bearer ${small.tokens.admin}` },
          },
          resolve,
        );
        request.on('error', reject);
        request.end();
      });
      expect(response.statusCode).toBe(200);
      response.pause(); // reads nothing more: the socket's buffers fill, then the server's queue
      response.on('error', () => undefined);
      for (let i = 0; small.activeWatches > 0 && i < 2000; i++) {
        small.store.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `big-${i}`, namespace: 'default' }, data: { blob: 'x'.repeat(100_000) } });
        if (i % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
      }
      expect(small.activeWatches).toBe(0);
    } finally {
      request?.destroy();
      await small.close();
    }
  });
});
