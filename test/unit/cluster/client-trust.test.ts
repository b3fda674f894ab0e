// Whom a ClusterClient trusts: exactly the CA it was given (the pin), for plain requests and for
// watches (client-node's Watch builds its own fetch options), whatever NODE_TLS_REJECT_UNAUTHORIZED
// says; through the VIP every request asks TLS for the API name; a watch whose server never
// answers is ended instead of waiting for ever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterClient, type ClusterClient } from '../../../main/core/cluster/client';
import { ClusterError } from '../../../main/core/cluster/failure';
import { kubeConfigFor } from '../../../main/core/cluster/kubeconfig';
import type { ApiRoute } from '../../../main/core/cluster/types';
import { startTestApiServer, type TestApiServer } from '../../kube/api-server/index';
import { makeTlsBed, startPlainHttps, API_NAME, type TlsBed } from './helpers/tls-bed';

let server: TestApiServer;
let bed: TlsBed;
let route: ApiRoute;

beforeAll(async () => {
  [server, bed] = await Promise.all([startTestApiServer(), makeTlsBed()]);
  route = { server: `https://${server.hostName}:${server.port}`, viaAddress: '127.0.0.1' };
  server.store.put({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'acp-1' } });
});
afterAll(async () => {
  await Promise.all([server?.close(), bed?.close()]);
});

async function failureOf(promise: Promise<unknown>): Promise<ClusterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClusterError);
  return error as ClusterError;
}

/** Every kind of request a client makes: public, GET, LIST, apply, WATCH. */
async function useEveryWay(client: ClusterClient): Promise<unknown[]> {
  const outcomes: unknown[] = [];
  const settle = (promise: Promise<unknown>) =>
    promise.then(
      (value) => outcomes.push(value),
      (error: unknown) => outcomes.push(error),
    );
  await settle(client.version());
  await settle(client.get({ apiVersion: 'v1', kind: 'Node', name: 'acp-1' }));
  await settle(client.list('v1', 'Node'));
  await settle(client.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'trust', namespace: 'default' }, data: { a: '1' } }));
  await settle(client.watch('v1', 'Node', { timeoutSeconds: 1 }, () => undefined));
  return outcomes;
}

describe('the CA a client trusts', () => {
  it('through the VIP, every request and every watch asks TLS for the API name', async () => {
    const client = createClusterClient(kubeConfigFor(server.kubeconfig(), { route }), { route });
    const from = server.requests.length;
    const outcomes = await useEveryWay(client);

    expect(outcomes.filter((o) => o instanceof Error)).toEqual([]);
    const made = server.requests.slice(from);
    expect(made.some((r) => r.query.watch === 'true')).toBe(true);
    expect(made.map((r) => r.serverName)).toEqual(made.map(() => server.hostName));
  });

  it('a CA other than the pinned one is refused for requests and watches, even with NODE_TLS_REJECT_UNAUTHORIZED=0', async () => {
    // The kubeconfig's CA is the server's; the pin (another CA) replaces it and is the only anchor.
    const client = createClusterClient(kubeConfigFor(server.kubeconfig(), { route, caPem: bed.other.ca.certPem }), { route });
    const before = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    let outcomes: unknown[];
    try {
      outcomes = await useEveryWay(client);
    } finally {
      if (before === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = before;
    }
    expect(outcomes.map((o) => (o instanceof ClusterError ? o.failure.kind : 'answered'))).toEqual([
      'tls-untrusted',
      'tls-untrusted',
      'tls-untrusted',
      'tls-untrusted',
      'tls-untrusted',
    ]);
  });
});

describe('a watch whose server never answers', () => {
  it('ends with a timeout (retryable) instead of waiting for ever', async () => {
    // Discovery answers; the watch request gets no response headers, ever.
    const silent = await startPlainHttps(bed.serving, {
      respond: (req, res) => {
        if (req.url?.includes('watch=true')) return;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'namespaces', singularName: 'namespace', namespaced: false, kind: 'Namespace', verbs: ['get', 'list', 'watch'] }] }));
      },
    });
    try {
      const viaVip: ApiRoute = { server: `https://${API_NAME}:${silent.port}`, viaAddress: '127.0.0.1' };
      const client = createClusterClient(kubeConfigFor(bed.kubeconfig(viaVip.server), { route: viaVip }), { route: viaVip, requestTimeoutMs: 300 });
      const error = await failureOf(client.watch('v1', 'Namespace', { timeoutSeconds: 60 }, () => undefined));
      expect(error.failure).toMatchObject({ kind: 'timeout', retryable: true });
    } finally {
      await silent.close();
    }
  });
});

describe('what a server says about a Secret it was sent', () => {
  it('never carries the Secret’s values into the ClusterError, even when the server quotes the request', async () => {
    const password = 'rEad-0nly-T0ken-4-argo';
    // An admission webhook that denies the Secret and quotes what it got, as webhooks and
    // kube-apiserver's decoding errors (`Object 'Kind' is missing in '<body>'`) do.
    const echoing = await startPlainHttps(bed.serving, {
      respond: (req, res) => {
        res.setHeader('content-type', 'application/json');
        if (req.method === 'GET') {
          res.end(JSON.stringify({ kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'secrets', singularName: 'secret', namespaced: true, kind: 'Secret', verbs: ['get', 'list', 'patch'] }] }));
          return;
        }
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          res.statusCode = 400;
          res.end(
            JSON.stringify({
              kind: 'Status',
              apiVersion: 'v1',
              metadata: {},
              status: 'Failure',
              message: `admission webhook "secrets.policy.example.com" denied the request: refusing '${body}'`,
              details: { causes: [{ type: 'FieldValueForbidden', message: `Forbidden: ${body}`, field: 'data.password' }] },
              code: 400,
            }),
          );
        });
      },
    });
    try {
      const viaVip: ApiRoute = { server: `https://${API_NAME}:${echoing.port}`, viaAddress: '127.0.0.1' };
      const client = createClusterClient(kubeConfigFor(bed.kubeconfig(viaVip.server), { route: viaVip }), { route: viaVip });
      const secret = {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'acp-site-repository', namespace: 'openshift-gitops' },
        data: { password: Buffer.from(password).toString('base64') },
        stringData: { url: 'https://git.example.com/acp/plant-a.git', token: `${password}-2` },
      };
      const error = await failureOf(client.apply(secret));

      expect(error.status).toBe(400);
      expect(error.failure.message).toContain('denied the request');
      const shown = JSON.stringify({ message: error.message, failure: error.failure, causes: error.causes, stack: error.stack });
      for (const value of [password, Buffer.from(password).toString('base64'), `${password}-2`]) expect(shown).not.toContain(value);
      expect(shown).toContain('***');
    } finally {
      await echoing.close();
    }
  });
});
