// watchUntil against the test API server: LIST then WATCH, re-LIST after 410 and after the API
// was away, waiting out a kind that is not served, cancel and timeout.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createClusterClient, type ClusterClient, type KubeObject } from '../../../main/core/cluster/client';
import { ClusterError } from '../../../main/core/cluster/failure';
import { kubeConfigFor } from '../../../main/core/cluster/kubeconfig';
import type { ClusterFailure } from '../../../main/core/cluster/types';
import { watchUntil, type Judgement } from '../../../main/core/cluster/watch-until';
import { startTestApiServer, type TestApiServer } from '../../kube/api-server/index';

let server: TestApiServer;
let client: ClusterClient;
const NODES = ['plant-a-n1', 'plant-a-n2', 'plant-a-n3'];
const ref = (name: string) => ({ apiVersion: 'v1', kind: 'Node', name });
/** No real waiting between attempts: the tests are about what happens, not when. */
const noWait = async (_ms: number, signal?: AbortSignal) => {
  await new Promise((resolve) => setImmediate(resolve));
  if (signal?.aborted) throw new ClusterError({ kind: 'cancelled', message: 'Cancelled.', retryable: false });
};

type NodeObject = KubeObject & { status?: { conditions?: { type: string; status: string }[] } };
const ready = (n: NodeObject) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** Done when the three planned nodes are Ready; failed when one says NotReady with a reason. */
function nodesReady(objects: ReadonlyMap<string, NodeObject>): Judgement<string> {
  const readyNames = NODES.filter((name) => {
    const n = objects.get(name);
    return n !== undefined && ready(n);
  });
  const broken = [...objects.values()].find((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'False'));
  if (broken) return { state: 'failed', message: `${broken.metadata.name} is NotReady` };
  if (readyNames.length === NODES.length) return { state: 'done', message: '3 of 3 nodes Ready', items: readyNames };
  return { state: 'running', message: `${readyNames.length} of 3 nodes Ready`, items: readyNames };
}

const setReady = (name: string, status: 'True' | 'False') =>
  server.store.setStatus(ref(name), { conditions: [{ type: 'Ready', status, reason: status === 'True' ? 'KubeletReady' : 'KubeletNotReady', message: status === 'True' ? 'kubelet is posting ready status' : 'container runtime network not ready' }] });

beforeAll(async () => {
  server = await startTestApiServer();
  const route = { server: `https://${server.hostName}:${server.port}`, viaAddress: '127.0.0.1' };
  client = createClusterClient(kubeConfigFor(server.kubeconfig(), { route }), { route });
});
afterAll(async () => {
  await server?.close();
});
beforeEach(() => {
  for (const name of [...NODES, 'plant-a-n4']) server.store.delete(ref(name));
  for (const name of NODES) server.store.put({ apiVersion: 'v1', kind: 'Node', metadata: { name } });
});

describe('watchUntil', () => {
  it('follows the objects until the judge says done, telling each change once', async () => {
    const seen: string[] = [];
    const result = await watchUntil<NodeObject, string>(client, { apiVersion: 'v1', kind: 'Node' }, nodesReady, {
      onProgress: (j) => {
        seen.push(j.message);
        // Play the kubelets: each progress report makes the next node Ready.
        const next = NODES.find((name) => !(j.items ?? []).includes(name));
        if (next) setReady(next, 'True');
      },
    });
    expect(result).toEqual({ state: 'done', message: '3 of 3 nodes Ready', items: NODES, timedOut: false });
    expect(seen).toEqual(['0 of 3 nodes Ready', '1 of 3 nodes Ready', '2 of 3 nodes Ready', '3 of 3 nodes Ready']);
    // One LIST and one WATCH were enough: no polling.
    const nodeRequests = server.requests.filter((r) => r.path === '/api/v1/nodes');
    expect(nodeRequests.filter((r) => r.query.watch === undefined)).toHaveLength(1);
    expect(nodeRequests.filter((r) => r.query.watch !== undefined)).toHaveLength(1);
    server.requests.length = 0;
  });

  it('ends at failed when the judge says so', async () => {
    const result = await watchUntil<NodeObject, string>(client, { apiVersion: 'v1', kind: 'Node' }, nodesReady, {
      onProgress: () => void setReady('plant-a-n2', 'False'),
    });
    expect(result).toMatchObject({ state: 'failed', message: 'plant-a-n2 is NotReady', timedOut: false });
  });

  it('LISTs again when the watch resourceVersion has expired (410)', async () => {
    let first = true;
    const result = await watchUntil<NodeObject, string>(
      client,
      { apiVersion: 'v1', kind: 'Node' },
      (objects) => {
        if (first) {
          // Between the LIST and the WATCH: everything becomes Ready and etcd compacts the history.
          first = false;
          for (const name of NODES) setReady(name, 'True');
          server.store.compact();
        }
        return nodesReady(objects);
      },
      { sleep: noWait },
    );
    expect(result.state).toBe('done');
    const lists = server.requests.filter((r) => r.path === '/api/v1/nodes' && r.query.watch === undefined);
    expect(lists.length).toBeGreaterThanOrEqual(2);
    server.requests.length = 0;
  });

  it('waits out an API that is not ready (503), telling why, then LISTs again', async () => {
    const retries: ClusterFailure[] = [];
    server.setReady(false);
    const result = await watchUntil<NodeObject, string>(client, { apiVersion: 'v1', kind: 'Node', name: 'plant-a-n1' }, (objects) => {
      const n = objects.get('plant-a-n1');
      return n && ready(n) ? { state: 'done', message: 'Ready' } : { state: 'waiting', message: 'not Ready yet' };
    }, {
      sleep: noWait,
      onRetry: (failure) => {
        retries.push(failure);
        setReady('plant-a-n1', 'True');
        server.setReady(true);
      },
    });
    expect(result.state).toBe('done');
    expect(retries[0]?.kind).toBe('not-ready');
  });

  it('a kind the cluster does not serve yet is judged empty and waited for; the time limit returns the last judgement', async () => {
    const judged: number[] = [];
    const result = await watchUntil(
      client,
      { apiVersion: 'example.com/v1', kind: 'Widget', namespace: 'x' },
      (objects) => {
        judged.push(objects.size);
        return { state: 'waiting', message: 'no Widget yet' };
      },
      { timeoutMs: 300, sleep: (ms, signal) => new Promise((resolve, reject) => {
        const t = setTimeout(resolve, 20);
        signal?.addEventListener('abort', () => { clearTimeout(t); reject(new Error('aborted')); }, { once: true });
      }) },
    );
    expect(result).toEqual({ state: 'waiting', message: 'no Widget yet', timedOut: true });
    expect(judged.every((size) => size === 0)).toBe(true);
  });

  it('cancel throws a cancelled ClusterError', async () => {
    const controller = new AbortController();
    const pending = watchUntil<NodeObject, string>(client, { apiVersion: 'v1', kind: 'Node' }, nodesReady, {
      signal: controller.signal,
      onProgress: () => setTimeout(() => controller.abort(), 10),
    }).catch((e: unknown) => e);
    const error = await pending;
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).failure.kind).toBe('cancelled');
  });

  it('a failure that waiting will not fix is thrown (403)', async () => {
    const route = { server: `https://${server.hostName}:${server.port}`, viaAddress: '127.0.0.1' };
    const developer = createClusterClient(kubeConfigFor(server.kubeconfig({ user: 'forbidden' }), { route }), { route });
    const error = await watchUntil(developer, { apiVersion: 'v1', kind: 'Node' }, () => ({ state: 'waiting', message: '' }), { sleep: noWait }).catch((e: unknown) => e);
    expect((error as ClusterError).failure.kind).toBe('forbidden');
  });
});

describe('watchUntil when every watch answers 410 at once', () => {
  it('pauses, growing, before listing again instead of looping LIST/WATCH as fast as it can', async () => {
    // Behind the API VIP each kube-apiserver has its own watch cache: a LIST from one and a WATCH
    // from another can disagree. Here every watch expires before any event.
    let lists = 0;
    const controller = new AbortController();
    const expiring: ClusterClient = {
      ...client,
      list: async (apiVersion, kind, options) => {
        lists += 1;
        if (lists >= 12) controller.abort();
        return client.list(apiVersion, kind, options);
      },
      watch: async () => 'expired',
    };
    const pauses: number[] = [];
    const error = await watchUntil<NodeObject, string>(expiring, { apiVersion: 'v1', kind: 'Node' }, nodesReady, {
      signal: controller.signal,
      backoff: { random: () => 0.999 },
      sleep: async (ms, signal) => {
        pauses.push(ms);
        await noWait(ms, signal);
      },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(error).toBeInstanceOf(ClusterError);
    expect(lists).toBe(12);
    expect(pauses.length).toBeGreaterThanOrEqual(lists - 3);
    expect(pauses.slice(0, 4)).toEqual([...pauses.slice(0, 4)].sort((a, b) => a - b));
    expect(Math.max(...pauses)).toBeLessThanOrEqual(15_000);
  });
});
