// Failure classification on the error objects that really reach Sitekit: produced by the real
// @kubernetes/client-node (node-fetch underneath), by global fetch (undici) and node:tls on
// loopback where that is possible, and in Node's exact shape where it is not (DNS and routing
// failures would need a network this machine does not have).
import * as k8s from '@kubernetes/client-node';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterClient } from '../../../main/core/cluster/client';
import { ClusterError, classifyFailure, toClusterError } from '../../../main/core/cluster/failure';
import { kubeConfigFor } from '../../../main/core/cluster/kubeconfig';
import { API_NAME, closedPort, makeTlsBed, startPlainHttps, type PlainServer, type TlsBed } from './helpers/tls-bed';

let bed: TlsBed;
let server: PlainServer;
const SERVER = () => `https://${API_NAME}:${server.port}`;

beforeAll(async () => {
  bed = await makeTlsBed();
  server = await startPlainHttps(bed.serving);
});
afterAll(async () => {
  await server?.close();
  await bed?.close();
});

/** What the real client throws for a version() call along a route. */
async function clientFailure(kubeconfig: string, route: { server: string; viaAddress?: string }, options: { requestTimeoutMs?: number; signal?: AbortSignal } = {}) {
  const client = createClusterClient(kubeConfigFor(kubeconfig, { route }), { route, apiVips: ['10.10.0.5'], requestTimeoutMs: options.requestTimeoutMs });
  try {
    await client.version({ signal: options.signal });
  } catch (error) {
    expect(error).toBeInstanceOf(ClusterError);
    return (error as ClusterError).failure;
  }
  throw new Error('the request succeeded');
}

function status(code: number, reason: string, message: string, details?: object): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
}

describe('network and TLS errors through the real client', () => {
  it('connection refused: the API is not listening yet, retryable', async () => {
    const port = await closedPort();
    const failure = await clientFailure(bed.kubeconfig(`https://${API_NAME}:${port}`), { server: `https://${API_NAME}:${port}`, viaAddress: '127.0.0.1' });
    expect(failure).toMatchObject({ kind: 'refused', retryable: true });
    expect(failure.message).toContain(`127.0.0.1 refused the connection on port ${port}`);
  });

  it('a server whose certificate another CA signed: untrusted, not retryable', async () => {
    const kubeconfig = bed.kubeconfig(SERVER(), bed.other.ca.certPem);
    const failure = await clientFailure(kubeconfig, { server: SERVER(), viaAddress: '127.0.0.1' });
    expect(failure).toMatchObject({ kind: 'tls-untrusted', retryable: false });
    expect(failure.detail).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|UNABLE_TO_GET_ISSUER/);
  });

  it('a certificate not valid for the name asked for: tls-name', async () => {
    const other = `https://api.other.example.com:${server.port}`;
    const failure = await clientFailure(bed.kubeconfig(other), { server: other, viaAddress: '127.0.0.1' });
    expect(failure).toMatchObject({ kind: 'tls-name', detail: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    expect(failure.message).toContain('not valid for api.other.example.com');
  });

  it('no answer in time: timeout, retryable; the caller cancelling: cancelled', async () => {
    const hanging = await startPlainHttps(bed.serving, { hang: true });
    try {
      const server = `https://${API_NAME}:${hanging.port}`;
      const timedOut = await clientFailure(bed.kubeconfig(server), { server, viaAddress: '127.0.0.1' }, { requestTimeoutMs: 300 });
      expect(timedOut).toMatchObject({ kind: 'timeout', retryable: true });
      const controller = new AbortController();
      const pending = clientFailure(bed.kubeconfig(server), { server, viaAddress: '127.0.0.1' }, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      expect(await pending).toMatchObject({ kind: 'cancelled', retryable: false });
    } finally {
      await hanging.close();
    }
  });

  it('undici (global fetch) refusal and node:tls errors are read through their cause/code', async () => {
    const port = await closedPort();
    const undici = await fetch(`https://127.0.0.1:${port}/version`).catch((e: unknown) => e);
    expect(classifyFailure(undici, { server: `https://127.0.0.1:${port}` })).toMatchObject({ kind: 'refused' });

    const tlsError = await new Promise<Error>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: server.port, servername: API_NAME, ca: bed.other.ca.certPem });
      socket.once('error', resolve);
      socket.once('secureConnect', () => resolve(new Error('connected')));
    });
    expect(classifyFailure(tlsError)).toMatchObject({ kind: 'tls-untrusted' });
  });
});

describe('errors in Node’s exact shape where no network can produce them here', () => {
  // getaddrinfo's error as Node builds it (lib/internal/errors.js dnsException), wrapped by
  // node-fetch into FetchError(type 'system') like client-node receives it.
  const dnsError = Object.assign(new Error(`getaddrinfo ENOTFOUND ${API_NAME}`), { errno: -3008, code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname: API_NAME });

  it('DNS: the name does not resolve, offer the API VIP', () => {
    const fetchError = new k8s.FetchError(`request to https://${API_NAME}:6443/version failed, reason: ${dnsError.message}`, 'system', dnsError);
    const failure = classifyFailure(fetchError, { server: `https://${API_NAME}:6443`, apiVips: ['10.10.0.5'] });
    expect(failure).toEqual({
      kind: 'dns',
      message: `${API_NAME} does not resolve from this laptop (the plant DNS may not have it yet): connect through the API VIP 10.10.0.5 instead.`,
      detail: 'ENOTFOUND', // node-fetch keeps only the code of the system error
      retryable: false,
    });
    const again = Object.assign(new Error('getaddrinfo EAI_AGAIN'), { code: 'EAI_AGAIN', syscall: 'getaddrinfo' });
    expect(classifyFailure(new TypeError('fetch failed', { cause: again }), { server: `https://${API_NAME}:6443` }).kind).toBe('dns');
  });

  it('no route and reset connections', () => {
    const unreachable = Object.assign(new Error('connect EHOSTUNREACH 10.10.0.5:6443'), { code: 'EHOSTUNREACH', syscall: 'connect', address: '10.10.0.5', port: 6443 });
    expect(classifyFailure(unreachable, { server: `https://${API_NAME}:6443`, viaAddress: '10.10.0.5' })).toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('no route to 10.10.0.5'),
    });
    const reset = new k8s.FetchError('request to https://10.10.0.5:6443/api failed, reason: socket hang up', 'system', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(classifyFailure(reset)).toMatchObject({ kind: 'not-ready', retryable: true });
  });
});

describe('HTTP answers: client-node ApiException with a Status body, Watch errors', () => {
  const exception = (code: number, body: string, headers: Record<string, string> = {}) => new k8s.ApiException(code, 'Unsuccessful HTTP Request', body, headers);

  it('401, 403, 429 with Retry-After, 503', () => {
    expect(classifyFailure(exception(401, status(401, 'Unauthorized', 'Unauthorized')))).toMatchObject({ kind: 'unauthorized', retryable: false });
    const forbidden = classifyFailure(
      exception(403, status(403, 'Forbidden', 'nodes is forbidden: User "system:anonymous" cannot list resource "nodes" in API group "" at the cluster scope', { kind: 'nodes' })),
      { action: 'list Node (v1)' },
    );
    expect(forbidden).toMatchObject({ kind: 'forbidden' });
    expect(forbidden.message).toContain('not allowed to list Node (v1)');
    expect(forbidden.message).toContain('cannot list resource "nodes"');
    const limited = toClusterError(exception(429, status(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: 3 }), { 'retry-after': '3' }));
    expect(limited.failure).toMatchObject({ kind: 'rate-limited', retryable: true });
    expect(limited.retryAfterSeconds).toBe(3);
    expect(classifyFailure(exception(503, status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request')))).toMatchObject({
      kind: 'not-ready',
      retryable: true,
    });
    const watchError = Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
    expect(classifyFailure(watchError).kind).toBe('not-ready');
  });

  it('409 field-manager conflicts keep the fields and managers', () => {
    const body = status(409, 'Conflict', 'Apply failed with 1 conflict: conflict with "kubectl-edit" using operators.coreos.com/v1alpha1: .spec.channel', {
      name: 'openshift-gitops-operator',
      group: 'operators.coreos.com',
      kind: 'subscriptions',
      causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using operators.coreos.com/v1alpha1', field: '.spec.channel' }],
    });
    const error = toClusterError(exception(409, body));
    expect(error.status).toBe(409);
    expect(error.reason).toBe('Conflict');
    expect(error.causes).toEqual([{ field: '.spec.channel', message: 'conflict with "kubectl-edit" using operators.coreos.com/v1alpha1', reason: 'FieldManagerConflict' }]);
    expect(error.failure.message).toContain('.spec.channel is owned by another field manager');
  });

  it('422 names the invalid fields; 404 of an object vs of a kind the cluster does not serve', () => {
    const invalid = toClusterError(
      exception(422, status(422, 'Invalid', 'ConfigMap "x" is invalid: metadata.name: Invalid value: "X": a lowercase RFC 1123 subdomain', {
        name: 'X',
        kind: 'ConfigMap',
        causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "X": a lowercase RFC 1123 subdomain', field: 'metadata.name' }],
      })),
    );
    expect(invalid.failure.message).toContain('metadata.name: Invalid value');
    const notFound = toClusterError(exception(404, status(404, 'NotFound', 'configmaps "x" not found', { name: 'x', kind: 'configmaps' })));
    expect(notFound.status).toBe(404);
    expect(notFound.kindMissing).toBeUndefined();
    const noGroup = exception(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    noGroup.message = `Failed to fetch resource metadata for argoproj.io/v1alpha1/Application: ${noGroup.message}`;
    const missing = toClusterError(noGroup);
    expect(missing.kindMissing).toBe(true);
    expect(missing.failure.message).toContain('does not serve Application (argoproj.io/v1alpha1) yet');
    expect(toClusterError(new Error('Unrecognized API version and kind: nmstate.io/v1 NodeNetworkConfigurationPolicy')).kindMissing).toBe(true);
  });

  it('a discovery request that failed on the network is not a missing kind', () => {
    const refused = new k8s.FetchError('request to https://10.10.0.5:6443/api/v1 failed, reason: connect ECONNREFUSED', 'system', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    refused.message = `Failed to fetch resource metadata for v1/Node: ${refused.message}`;
    const error = toClusterError(refused);
    expect(error.kindMissing).toBeUndefined();
    expect(error.failure.kind).toBe('refused');
  });

  it('never repeats the response headers or whole body in the sentence', () => {
    const error = toClusterError(exception(500, status(500, 'InternalError', 'etcdserver: leader changed'), { 'set-cookie': 'session=abc' }));
    expect(error.failure.message).not.toContain('session=abc');
    expect(error.failure.detail).toBe('HTTP 500: InternalError: etcdserver: leader changed');
  });
});
