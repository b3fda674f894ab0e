// Test API server: a small kube-apiserver speaking the real wire protocol over HTTPS on loopback,
// for driving the real @kubernetes/client-node in tests, scenarios, the bench and e2e.
//
// Usage:
//   const server = await startTestApiServer();            // CA + serving cert + admin client cert via openssl
//   const kc = new k8s.KubeConfig();
//   kc.loadFromString(server.kubeconfig({ server: server.url }));   // https://127.0.0.1:<port>
//   // or keep the name and go via the "VIP":  server.kubeconfig({ server: server.url, tlsServerName: server.hostName })
//   // default server is https://api.acp.plant-a.example.com:<port> (does not resolve here)
//   server.store.put({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'plant-a-n1' } });      // seed objects
//   seedFixtures(server.store, 'plant-a/nodes.yaml', 'plant-a/clusterversion-installing.yaml'); // test/kube/fixtures
//   server.store.setStatus({ apiVersion: 'v1', kind: 'Node', name: 'plant-a-n1' }, {...});      // play a controller
//   server.store.patch(ref, { spec: { x: 1 } }, { manager: 'hco-operator' });                 // owned change (Update)
//   server.onApplied((obj, manager, info) => { ... });    // react to client writes (SSA, create, update, patch)
//   server.requests                                        // [{method, path, query, contentType, user, status}]
//   server.setReady(false) → 503; server.throttle(2) → next 2 requests 429 + Retry-After
//   server.sendBookmarks(); server.store.compact() → old resourceVersions answer 410 on WATCH
//   const started = server.nextWatch('/api/v1/nodes'); …start the watch…; await started;  // then change objects
//   await server.rotateCa();                               // new serving CA + leaf (pin-changed tests)
//   await server.close();                                  // ends watches, removes the temp cert dir
// Users: the kubeconfig's client certificate is system:admin (O=system:masters), like
// openshift-install's auth/kubeconfig; kubeconfig({ user: 'token' }) logs in with a bearer token as
// kube:admin; kubeconfig({ user: 'forbidden' }) is authenticated as `developer` and gets 403 on
// every resource (discovery works). No credentials → 401.
// Shapes: list items of built-in kinds (core, apps, batch, policy, rbac, …) carry no
// apiVersion/kind, like the real API; CRD lists and all watch events do. Kinds served: kinds.ts
// (a kind not there is a missing CRD: 404). Server-side apply keeps managedFields like
// kube-apiserver (conflicts 409 with FieldManagerConflict causes; an identical re-apply keeps the
// resourceVersion); store scripting is attributed to a manager only with { manager }. Writes
// to the main resource keep .status and /status writes keep the rest. Secrets: stringData is
// stored as base64 data; Namespaces get phase Active. Option requireNamespaces: true refuses
// objects in a missing namespace (404), like NamespaceLifecycle admission.

import { constants, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeClientCertificates, makeServingCertificates, sha256Of, type ClientCertificates, type ServingCertificates } from './certs.js';
import { DEFAULT_VERSION, type VersionInfo } from './discovery.js';
import type { JsonObject } from './fieldset.js';
import { createHandler, type AuthenticatedUser, type RequestAttributes, type RequestRecord, type WriteInfo } from './handler.js';
import { renderKubeconfig } from './kubeconfig.js';
import { ObjectStore } from './store.js';
import type { ActiveWatch } from './watch.js';

export type { ObjectRef, ScriptOptions } from './store.js';
export type { RequestRecord, WriteInfo, AuthenticatedUser, RequestAttributes } from './handler.js';
export type { JsonObject } from './fieldset.js';
export { ObjectStore } from './store.js';
export { loadFixture, seedFixtures } from './fixtures.js';

export interface TestApiServerOptions {
  /** install-config metadata.name; the API name is api.<clusterName>.<baseDomain>. */
  clusterName?: string;
  baseDomain?: string;
  /** What /version answers (OpenShift 4.16's kube 1.29 by default). */
  version?: Partial<VersionInfo>;
  /** How often watches with allowWatchBookmarks get a BOOKMARK (kube-apiserver: about a minute). */
  bookmarkIntervalMs?: number;
  /** Send the serving CA after the leaf in the TLS handshake (a chain), not only the leaf. */
  presentCaInChain?: boolean;
  /** Watch events kept for resuming watches; older resourceVersions answer 410. */
  watchHistoryLimit?: number;
  /**
   * Bytes a watch may have queued for a client that does not read them before the server drops
   * the stream (kube-apiserver closes such a watcher too); default 8 MiB.
   */
  watchBufferBytes?: number;
  /**
   * Refuse creating objects in a namespace that does not exist (404 `namespaces "x" not found`),
   * as kube-apiserver's NamespaceLifecycle admission does. Off by default; store scripting is never refused.
   */
  requireNamespaces?: boolean;
  /** Replaces the default authorization (everybody but `developer` may do everything). */
  authorize?: (user: AuthenticatedUser, request: RequestAttributes) => boolean;
  /**
   * Awaited before each resource request is served (after authentication and authorization): a
   * test holds one answer until it did something meanwhile (cancelled a task), without timing.
   */
  beforeServe?: (request: RequestRecord) => Promise<void> | void;
}

/** Called after every client write (not store scripting); a rejected promise lands in listenerErrors. */
export type AppliedListener = (object: JsonObject, manager: string, info: WriteInfo) => unknown;

export interface TestApiServer {
  /** api.<cluster>.<domain>: in the serving certificate and the default kubeconfig server. */
  readonly hostName: string;
  readonly port: number;
  /** https://127.0.0.1:<port> */
  readonly url: string;
  /** The serving CA (PEM) and fingerprints `SHA256:AB:…` (change after rotateCa). */
  readonly caPem: string;
  readonly caSha256: string;
  readonly leafSha256: string;
  readonly store: ObjectStore;
  readonly requests: RequestRecord[];
  /** Bearer tokens: `admin` (kube:admin, allowed) and `forbidden` (developer, 403). */
  readonly tokens: { admin: string; forbidden: string };
  /** Watches currently streaming (wait for it to grow before changing objects a watch must see). */
  readonly activeWatches: number;
  /**
   * Resolves when the next watch starts (after this call) on a path starting with `pathPrefix`
   * (e.g. '/api/v1/nodes'): start it, then change objects the watch must see.
   */
  nextWatch(pathPrefix?: string): Promise<void>;
  /** Exceptions thrown by onApplied listeners (they never fail a request). */
  readonly listenerErrors: Error[];
  kubeconfig(options?: { server?: string; user?: 'admin' | 'token' | 'forbidden'; tlsServerName?: string }): string;
  onApplied(listener: AppliedListener): () => void;
  setReady(ready: boolean): void;
  /** The next `count` requests answer 429 TooManyRequests with Retry-After. */
  throttle(count: number, retryAfterSeconds?: number): void;
  /** Sends a BOOKMARK now on every watch that allowed bookmarks. */
  sendBookmarks(): void;
  /** Serve a new CA and leaf (client certificates stay valid). */
  rotateCa(): Promise<void>;
  close(): Promise<void>;
}

export async function startTestApiServer(options: TestApiServerOptions = {}): Promise<TestApiServer> {
  const clusterName = options.clusterName ?? 'acp';
  const hostName = `api.${clusterName}.${options.baseDomain ?? 'plant-a.example.com'}`;
  const dir = await mkdtemp(join(tmpdir(), 'sitekit-kube-api-'));
  try {
    const [serving, client] = await Promise.all([makeServingCertificates(dir, hostName), makeClientCertificates(dir)]);
    return await listen({ options, clusterName, hostName, dir, serving, client });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function listen(args: {
  options: TestApiServerOptions;
  clusterName: string;
  hostName: string;
  dir: string;
  serving: ServingCertificates;
  client: ClientCertificates;
}): Promise<TestApiServer> {
  const { options, clusterName, hostName, dir, client } = args;
  let serving = args.serving;
  let generation = 0;
  let ready = true;
  let throttled = 0;
  let retryAfter = 1;
  const store = new ObjectStore(options.watchHistoryLimit);
  const requests: RequestRecord[] = [];
  const watches = new Set<ActiveWatch>();
  const listeners = new Set<AppliedListener>();
  const listenerErrors: Error[] = [];
  const watchWaiters: { prefix: string; resolve: () => void }[] = [];
  const tokens = { admin: randomBytes(24).toString('base64url'), forbidden: randomBytes(24).toString('base64url') };
  const tokenUsers = new Map<string, AuthenticatedUser>([
    [tokens.admin, { name: 'kube:admin', groups: ['system:cluster-admins', 'system:authenticated:oauth', 'system:authenticated'] }],
    [tokens.forbidden, { name: 'developer', groups: ['system:authenticated:oauth', 'system:authenticated'] }],
  ]);
  const discoveryPaths = /^\/(api|apis)(\/[^/]+){0,2}$/;
  const authorize =
    options.authorize ??
    ((user: AuthenticatedUser, request: RequestAttributes) => user.name !== 'developer' || (request.resource === undefined && discoveryPaths.test(request.path)));

  const tlsOptions = () => ({
    key: serving.leaf.keyPem,
    cert: options.presentCaInChain ? serving.leaf.certPem + serving.ca.certPem : serving.leaf.certPem,
  });
  let port = 0;
  const handler = createHandler({
    store,
    version: { ...DEFAULT_VERSION, ...options.version },
    serverAddress: () => `${hostName}:${port}`,
    tokens: tokenUsers,
    authorize,
    ...(options.beforeServe ? { beforeServe: options.beforeServe } : {}),
    isReady: () => ready,
    takeThrottle: () => {
      if (throttled <= 0) return undefined;
      throttled -= 1;
      return retryAfter;
    },
    requests,
    requireNamespaces: options.requireNamespaces ?? false,
    watches,
    watchBufferBytes: options.watchBufferBytes ?? 8 * 1024 * 1024,
    watchStarted: (path) => {
      for (const waiter of [...watchWaiters]) {
        if (!path.startsWith(waiter.prefix)) continue;
        watchWaiters.splice(watchWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    notifyWrite: (object, manager, info) => {
      for (const listener of [...listeners]) {
        try {
          const result = listener(structuredClone(object), manager, info);
          if (result instanceof Promise) result.catch((error: unknown) => void listenerErrors.push(error as Error));
        } catch (error) {
          listenerErrors.push(error as Error);
        }
      }
    },
  });

  const server: Server = createServer(
    {
      ...tlsOptions(),
      ca: client.ca.certPem,
      requestCert: true,
      rejectUnauthorized: false, // unauthenticated requests get a 401 Status, not a TLS alert
      // No session resumption: every request presents its client certificate again.
      secureOptions: constants.SSL_OP_NO_TICKET,
    },
    (req, res) => void handler(req, res),
  );
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const bookmarkTimer = setInterval(() => {
    for (const watch of watches) watch.bookmark();
  }, options.bookmarkIntervalMs ?? 5000);
  bookmarkTimer.unref();
  let closed = false;

  return {
    hostName,
    port,
    url: `https://127.0.0.1:${port}`,
    get caPem() {
      return serving.ca.certPem;
    },
    get caSha256() {
      return sha256Of(serving.ca.certPem);
    },
    get leafSha256() {
      return sha256Of(serving.leaf.certPem);
    },
    store,
    requests,
    tokens,
    get activeWatches() {
      return watches.size;
    },
    listenerErrors,
    kubeconfig(opts = {}) {
      const user = opts.user ?? 'admin';
      return renderKubeconfig({
        clusterName,
        server: opts.server ?? `https://${hostName}:${port}`,
        caPem: serving.ca.certPem,
        ...(opts.tlsServerName ? { tlsServerName: opts.tlsServerName } : {}),
        user:
          user === 'admin'
            ? { kind: 'client-certificate', name: 'admin', certPem: client.admin.certPem, keyPem: client.admin.keyPem }
            : user === 'token'
              ? { kind: 'token', name: 'kube:admin', token: tokens.admin }
              : { kind: 'token', name: 'developer', token: tokens.forbidden },
      });
    },
    nextWatch(pathPrefix = '') {
      return new Promise<void>((resolve) => watchWaiters.push({ prefix: pathPrefix, resolve }));
    },
    onApplied(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setReady(value) {
      ready = value;
    },
    throttle(count, seconds = 1) {
      throttled = count;
      retryAfter = seconds;
    },
    sendBookmarks() {
      for (const watch of watches) watch.bookmark();
    },
    async rotateCa() {
      generation += 1;
      serving = await makeServingCertificates(dir, hostName, generation);
      server.setSecureContext({ ...tlsOptions(), ca: client.ca.certPem, secureOptions: constants.SSL_OP_NO_TICKET });
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(bookmarkTimer);
      for (const watch of [...watches]) watch.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
