// A test stand-in for the agent REST API on the rendezvous host (assisted-service in the agent ISO):
// real HTTP on loopback, the paths, headers, status codes and JSON bodies of assisted-service's
// swagger.yaml (commit 063b257950f726d6b291dc94b806bc243a1b56de), the objects built from its own
// sample answers (fixtures/, see SOURCES.md). Only the read calls `openshift-install agent wait-for`
// makes are served. Tests script the install by changing the state (setCluster/setHost/addEvent)
// and by close() — the rendezvous host rebooting into the cluster.
import { generateKeyPairSync, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { AgentAuthHeader } from '../../../main/core/cluster/install/agent-api';

export interface AgentTokens {
  /** JWTs signed like the installer's gencrypto.generateToken (ES256), one per persona. */
  agent: string;
  user: string;
  watcher: string;
}

export interface TestAgentApiOptions {
  /**
   * Where the server reads the token: `Watcher-Authorization` (4.18+, the watcher token),
   * `Authorization` (4.17, one token), or `none` (an ISO of 4.16 or older: no auth). Default Watcher-Authorization.
   */
  authHeader?: AgentAuthHeader | 'none';
  tokens?: AgentTokens;
}

export interface AgentRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Which auth headers came (names only, never the values). */
  authHeaders: string[];
  status: number;
}

/** JSON objects as assisted-service sends them (snake_case keys, see swagger.yaml definitions). */
export type Json = Record<string, unknown>;

export interface TestAgentApi {
  url: string;
  address: string;
  port: number;
  tokens: AgentTokens;
  requests: AgentRequest[];
  /** Register the cluster (a fresh copy); before this GET /v2/clusters is an empty list. */
  register(cluster: Json, infraEnv?: Json): void;
  /** Shallow-merge into the cluster (nested `progress` merged too). */
  setCluster(patch: Json): void;
  /** Shallow-merge into the host with this requested_hostname (nested `progress` merged too). */
  setHost(hostname: string, patch: Json): void;
  addEvent(message: string, options?: { severity?: string; hostname?: string }): void;
  cluster(): Json | undefined;
  /** Called after each answered GET /v2/clusters/{id} (a test's way to move the install one step per poll). */
  onClusterRead(listener: (() => void) | undefined): void;
  /** Stop answering like a rebooted rendezvous host: the port refuses connections from now on. */
  close(): Promise<void>;
}

const BASE = '/api/assisted-install/v2';

export function makeAgentTokens(): AgentTokens {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const token = (scheme: string) => {
    const header = base64url(JSON.stringify({ alg: 'ES256', typ: 'JWT' }));
    const claims = base64url(JSON.stringify({ auth_scheme: scheme }));
    const signature = sign('sha256', Buffer.from(`${header}.${claims}`), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    return `${header}.${claims}.${signature.toString('base64url')}`;
  };
  return { agent: token('agentAuth'), user: token('userAuth'), watcher: token('watcherAuth') };
}

export async function startTestAgentApi(options: TestAgentApiOptions = {}): Promise<TestAgentApi> {
  const tokens = options.tokens ?? makeAgentTokens();
  const authHeader = options.authHeader ?? 'Watcher-Authorization';
  const requests: AgentRequest[] = [];
  const sockets = new Set<Socket>();
  let cluster: Json | undefined;
  let infraEnv: Json | undefined;
  let events: Json[] = [];
  let clusterRead: (() => void) | undefined;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://agent.invalid');
    const query = Object.fromEntries(url.searchParams.entries());
    const present = ['watcher-authorization', 'authorization', 'x-secret-key'].filter((h) => req.headers[h] !== undefined);
    const send = (status: number, body: unknown) => {
      requests.push({ method: req.method ?? '', path: url.pathname, query, authHeaders: present, status });
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    };

    if (!url.pathname.startsWith(`${BASE}/`)) return send(404, notFoundError(url.pathname));
    const auth = authorize(req.headers, authHeader, tokens);
    if (auth) return send(auth.code, auth);
    if (req.method !== 'GET') return send(405, apiError(405, url.pathname, 'Method Not Allowed'));

    const path = url.pathname.slice(BASE.length);
    if (path === '/clusters') {
      // v2ListClusters: hosts only with with_hosts=true (swagger default false).
      const withHosts = query.with_hosts === 'true' || query.with_hosts === '';
      return send(200, cluster ? [withHosts ? cluster : { ...cluster, hosts: [] }] : []);
    }
    if (path === '/infra-envs') return send(200, infraEnv ? [infraEnv] : []);
    const one = /^\/clusters\/([^/]+)$/.exec(path);
    if (one) {
      const id = decodeURIComponent(one[1] ?? '');
      if (!cluster || cluster.id !== id) return send(404, apiError(404, url.pathname, `cluster ${id} can't be found`));
      send(200, query['exclude-hosts'] === 'true' ? { ...cluster, hosts: [] } : cluster);
      clusterRead?.();
      return;
    }
    if (path === '/events') {
      let list = events.filter((e) => !query.cluster_id || e.cluster_id === query.cluster_id);
      if (query.infra_env_id) list = events.filter((e) => e.infra_env_id === query.infra_env_id);
      if (query.order === 'descending') list = [...list].reverse();
      const limit = query.limit ? Number.parseInt(query.limit, 10) : undefined;
      if (limit !== undefined && Number.isFinite(limit)) list = list.slice(0, limit);
      return send(200, list);
    }
    send(404, apiError(404, url.pathname, 'Not Found'));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  let closed = false;

  const hostNamed = (hostname: string): Json => {
    const host = ((cluster?.hosts as Json[] | undefined) ?? []).find((h) => h.requested_hostname === hostname);
    if (!host) throw new Error(`test agent API: no host ${hostname}`);
    return host;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    address: '127.0.0.1',
    port,
    tokens,
    requests,
    register(next, nextInfraEnv) {
      cluster = structuredClone(next);
      infraEnv = nextInfraEnv ? structuredClone(nextInfraEnv) : undefined;
      events = [];
    },
    setCluster(patch) {
      if (!cluster) throw new Error('test agent API: no cluster registered');
      merge(cluster, patch);
    },
    setHost(hostname, patch) {
      merge(hostNamed(hostname), patch);
    },
    addEvent(message, opts = {}) {
      if (!cluster) throw new Error('test agent API: no cluster registered');
      const host = opts.hostname ? hostNamed(opts.hostname) : undefined;
      // models.Event: severity, message and event_time required; category defaults to user.
      events.push({
        name: host ? 'host_status_updated' : 'cluster_status_updated',
        cluster_id: cluster.id,
        ...(host ? { host_id: host.id, infra_env_id: host.infra_env_id } : {}),
        severity: opts.severity ?? 'info',
        category: 'user',
        message,
        event_time: new Date(Date.UTC(2025, 0, 1, 10, 0, events.length)).toISOString(),
      });
    },
    cluster: () => (cluster ? structuredClone(cluster) : undefined),
    onClusterRead(listener) {
      clusterRead = listener;
    },
    async close() {
      if (closed) return;
      closed = true;
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      // New connections are refused from now on; open ones end once their answer is sent.
      server.closeIdleConnections();
      for (const socket of sockets) socket.end();
      await done;
    },
  };
}

/**
 * assisted-service's agent-installer-local auth (pkg/auth/agent_local_authenticator.go,
 * agent_local_authz_handler.go): no or an unknown token → 401; a valid token of another persona
 * or in another header → 403 "authClaim <persona> is unauthorized to access".
 */
function authorize(
  headers: http.IncomingHttpHeaders,
  authHeader: AgentAuthHeader | 'none',
  tokens: AgentTokens,
): { code: number; message: string } | undefined {
  if (authHeader === 'none') return undefined;
  const known = new Map([
    [tokens.agent, 'agentAuth'],
    [tokens.user, 'userAuth'],
    [tokens.watcher, 'watcherAuth'],
  ]);
  const sent = (name: string) => {
    const value = headers[name.toLowerCase()];
    return typeof value === 'string' ? value : undefined;
  };
  const wanted = sent(authHeader);
  if (authHeader === 'Authorization') {
    // 4.17: one token (AgentAuthToken), read from Authorization.
    return wanted && known.has(wanted) ? undefined : { code: 401, message: 'unauthenticated for invalid credentials' };
  }
  if (wanted !== undefined) {
    const persona = known.get(wanted);
    if (!persona) return { code: 401, message: 'unauthenticated for invalid credentials' };
    return persona === 'watcherAuth' ? undefined : { code: 403, message: `authClaim ${persona} is unauthorized to access` };
  }
  // The GET endpoints also accept userAuth (Authorization): a watcher token there is the wrong persona.
  const other = sent('Authorization');
  const persona = other ? known.get(other) : undefined;
  if (persona === 'userAuth') return undefined;
  if (persona) return { code: 403, message: `authClaim ${persona} is unauthorized to access` };
  return { code: 401, message: 'unauthenticated for invalid credentials' };
}

/** swagger definitions.error */
function apiError(code: number, href: string, reason: string): Json {
  return { kind: 'Error', id: code, href, code: String(code), reason };
}

function notFoundError(path: string): Json {
  return apiError(404, path, `path ${path} was not found`);
}

function merge(target: Json, patch: Json): void {
  for (const [key, value] of Object.entries(patch)) {
    const current = target[key];
    if (key === 'progress' && isObject(current) && isObject(value)) target[key] = { ...current, ...value };
    else target[key] = structuredClone(value);
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
