// The request handler: authentication, readiness, throttling, authorization, then discovery or a
// resource verb (get, list, watch, create, update, patch incl. server-side apply, delete), each
// answering like kube-apiserver (apiserver/pkg/endpoints/handlers: get.go, create.go, update.go,
// patch.go, delete.go, watch.go) with JSON bodies and `Status` errors.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { parse as parseYaml } from 'yaml';
import { conflictMessage, describeManager, serverSideApply } from './apply.js';
import { coreVersions, groupDocument, groupList, resourceList, type VersionInfo } from './discovery.js';
import { deepEqual, isObject, pathString, type JsonObject, type JsonValue } from './fieldset.js';
import { apiVersionOf, type KindDef } from './kinds.js';
import { recordUpdate } from './managed-fields.js';
import { parseResourcePath, type ResourcePath } from './resource-path.js';
import { parseFieldSelector, parseLabelSelector } from './selectors.js';
import {
  alreadyExists,
  badRequest,
  continueExpired,
  failure,
  forbidden,
  invalid,
  methodNotAllowed,
  notFound,
  pathNotFound,
  serviceUnavailable,
  staleResourceVersion,
  StatusError,
  tooManyRequests,
  unauthorized,
  unsupportedMediaType,
} from './status.js';
import { mergePatch, nowTimestamp, type ObjectStore } from './store.js';
import { normalizeForStorage } from './strategy.js';
import { startWatch, type ActiveWatch } from './watch.js';

export interface AuthenticatedUser {
  name: string;
  groups: string[];
}

export interface RequestAttributes {
  verb: string;
  path: string;
  resource?: string;
  group?: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
  user?: string;
  /** The TLS server name (SNI) the client asked for; absent when it sent none (it dialled an IP without keeping the name). */
  serverName?: string;
  /** HTTP status answered (0 until the response is complete; a watch: when its stream ends). */
  status: number;
}

export type WriteOperation = 'Apply' | 'Create' | 'Update' | 'Patch';

export interface WriteInfo {
  operation: WriteOperation;
  subresource?: string;
  /** False for an apply that changed nothing (same resourceVersion, no watch event). */
  changed: boolean;
}

export interface HandlerContext {
  store: ObjectStore;
  version: VersionInfo;
  serverAddress(): string;
  tokens: Map<string, AuthenticatedUser>;
  authorize(user: AuthenticatedUser, attributes: RequestAttributes): boolean;
  /** Awaited before a resource request is served (tests hold an answer until they acted). */
  beforeServe?: (request: RequestRecord) => Promise<void> | void;
  isReady(): boolean;
  /** Retry-After seconds when this request is to be answered 429. */
  takeThrottle(): number | undefined;
  requests: RequestRecord[];
  /** Refuse creating namespaced objects in a namespace that does not exist (NamespaceLifecycle admission). */
  requireNamespaces: boolean;
  watches: Set<ActiveWatch>;
  /** Bytes a watch may have waiting for a client that does not read before it is dropped. */
  watchBufferBytes: number;
  watchStarted(path: string): void;
  notifyWrite(object: JsonObject, manager: string, info: WriteInfo): void;
}

const MAX_BODY_BYTES = 3 * 1024 * 1024; // kube-apiserver's request body limit
const PUBLIC_PATHS = new Set(['/version', '/healthz', '/readyz', '/livez']);
const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];

function sendJson(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new StatusError(failure(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728')));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function authenticate(req: IncomingMessage, tokens: Map<string, AuthenticatedUser>): AuthenticatedUser | undefined {
  const socket = req.socket as TLSSocket;
  if (socket.authorized) {
    const cert = socket.getPeerCertificate();
    const cn = cert?.subject?.CN;
    if (cn) {
      const o = cert.subject.O as string | string[] | undefined;
      return { name: String(cn), groups: [...(Array.isArray(o) ? o : o ? [o] : []), 'system:authenticated'] };
    }
  }
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return bearer ? tokens.get(bearer[1]!) : undefined;
}

function verbOf(method: string, target: ResourcePath | undefined, query: URLSearchParams): string {
  const watching = query.get('watch') === 'true' || query.get('watch') === '1';
  switch (method) {
    case 'GET':
      return watching ? 'watch' : target?.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return target?.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

/** The manager an Update is recorded under: fieldManager, else the User-Agent's product (managedfields prefixFromUserAgent). */
function updateManager(req: IncomingMessage, query: URLSearchParams): string {
  const given = query.get('fieldManager');
  if (given) return given;
  const agent = req.headers['user-agent'] ?? 'unknown';
  return agent.split('/')[0]!.slice(0, 128);
}

function parseBody(text: string, yaml: boolean): JsonValue {
  try {
    return (yaml ? parseYaml(text) : JSON.parse(text)) as JsonValue;
  } catch (error) {
    throw badRequest(yaml ? `error decoding YAML: ${(error as Error).message}` : `couldn't get version/kind; json parse error: ${(error as Error).message}`);
  }
}

function dryRunOf(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const value of values) {
    if (value !== 'All') {
      throw invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [
        { reason: 'FieldValueNotSupported', message: `Unsupported value: "${value}": supported values: "All"`, field: 'dryRun' },
      ]);
    }
  }
  return values.length > 0;
}

/** The object as a list item: built-in lists carry no apiVersion/kind on their items. */
function asListItem(def: KindDef, object: JsonObject): JsonObject {
  if (!def.builtin) return object;
  const { apiVersion: _a, kind: _k, ...rest } = object;
  return rest;
}

function checkIdentity(def: KindDef, target: ResourcePath, body: JsonValue): JsonObject {
  if (!isObject(body)) throw badRequest('the body of the request is not a Kubernetes object');
  const expected = apiVersionOf(def);
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected})`);
  }
  if (body.kind !== undefined && body.kind !== def.kind) {
    throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${def.kind})`);
  }
  const metadata = isObject(body.metadata) ? body.metadata : (body.metadata = {});
  if (target.namespace && metadata.namespace && metadata.namespace !== target.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  if (target.name && metadata.name && metadata.name !== target.name) {
    throw badRequest(`the name of the object (${String(metadata.name)}) does not match the name on the URL (${target.name})`);
  }
  if (def.namespaced) metadata.namespace = target.namespace!;
  else delete metadata.namespace;
  if (target.name) metadata.name = target.name;
  return body;
}

/** Keeps what a write may change: only `.status` on the status subresource, everything but `.status` otherwise. */
function restrictToEndpoint(def: KindDef, before: JsonObject | undefined, after: JsonObject, subresource: string | undefined): JsonObject {
  if (subresource === 'status') return { ...structuredClone(before!), ...(after.status !== undefined ? { status: after.status } : {}) };
  if (!def.status) return after;
  const { status: _s, ...rest } = after;
  return before?.status !== undefined ? { ...rest, status: structuredClone(before.status) } : rest;
}

function checkPrecondition(def: KindDef, name: string, body: JsonObject, live: JsonObject | undefined): void {
  const wanted = isObject(body.metadata) ? body.metadata.resourceVersion : undefined;
  if (wanted === undefined || wanted === null || wanted === '') return;
  if (!live) throw notFound(def, name);
  if (String(wanted) !== String((live.metadata as JsonObject).resourceVersion)) throw staleResourceVersion(def, name);
}

export function createHandler(ctx: HandlerContext) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const method = req.method ?? 'GET';
    const record: RequestRecord = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
      ...(typeof (req.socket as TLSSocket).servername === 'string' ? { serverName: (req.socket as TLSSocket).servername as string } : {}),
      status: 0,
    };
    ctx.requests.push(record);
    const settle = () => {
      if (record.status === 0) record.status = res.statusCode;
    };
    res.on('finish', settle);
    res.on('close', settle);
    try {
      if (!ctx.isReady()) throw serviceUnavailable();
      const user = authenticate(req, ctx.tokens);
      if (user) record.user = user.name;
      if (PUBLIC_PATHS.has(url.pathname)) return servePublic(url.pathname, res);
      if (!user) throw unauthorized();
      const retryAfter = ctx.takeThrottle();
      if (retryAfter !== undefined) throw tooManyRequests(retryAfter);

      const target = parseResourcePath(url.pathname);
      const verb = verbOf(method, target, url.searchParams);
      const attributes: RequestAttributes = {
        verb,
        path: url.pathname,
        ...(target ? { resource: target.resource, group: target.group } : {}),
        ...(target?.namespace ? { namespace: target.namespace } : {}),
        ...(target?.name ? { name: target.name } : {}),
        ...(target?.subresource ? { subresource: target.subresource } : {}),
      };
      if (!ctx.authorize(user, attributes)) {
        throw forbidden(user.name, verb, target?.def, target?.name, target?.namespace, target?.subresource, url.pathname);
      }
      if (!target) return serveDiscovery(url.pathname, method, res);
      await ctx.beforeServe?.(record);
      await serveResource(req, res, target, verb, url.searchParams, url.pathname);
    } catch (error) {
      if (error instanceof StatusError) {
        if (!res.headersSent) sendJson(res, error.status.code, error.status, error.headers);
        return;
      }
      if (!res.headersSent) sendJson(res, 500, failure(500, 'InternalError', `Internal error occurred: ${(error as Error).message}`));
    }
  };

  function servePublic(pathname: string, res: ServerResponse): void {
    if (pathname === '/version') return sendJson(res, 200, ctx.version);
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
  }

  function serveDiscovery(pathname: string, method: string, res: ServerResponse): void {
    if (method !== 'GET') throw methodNotAllowed(method);
    const parts = pathname.split('/').filter((p) => p.length > 0);
    let body: JsonObject | undefined;
    if (parts.length === 1 && parts[0] === 'api') body = coreVersions(ctx.serverAddress());
    else if (parts.length === 2 && parts[0] === 'api') body = resourceList('', parts[1]!);
    else if (parts.length === 1 && parts[0] === 'apis') body = groupList();
    else if (parts.length === 2 && parts[0] === 'apis') body = groupDocument(parts[1]!);
    else if (parts.length === 3 && parts[0] === 'apis') body = resourceList(parts[1]!, parts[2]!);
    if (!body) throw pathNotFound();
    sendJson(res, 200, body);
  }

  async function serveResource(req: IncomingMessage, res: ServerResponse, target: ResourcePath, verb: string, query: URLSearchParams, pathname: string): Promise<void> {
    const def = target.def;
    if (!def) throw pathNotFound();
    if (target.subresource !== undefined && !(target.subresource === 'status' && def.status)) throw pathNotFound();
    if (target.namespace !== undefined && !def.namespaced) throw pathNotFound();
    const needsName = !['list', 'watch', 'create', 'deletecollection'].includes(verb);
    if (needsName && !target.name) throw methodNotAllowed(req.method ?? '');
    if (def.namespaced && !target.namespace && !['list', 'watch'].includes(verb)) throw pathNotFound();
    switch (verb) {
      case 'get':
        return sendJson(res, 200, requireObject(def, target));
      case 'list':
        return serveList(res, def, target, query);
      case 'watch':
        return serveWatch(res, def, target, query, pathname);
      case 'create':
        return serveCreate(req, res, def, target, query);
      case 'update':
        return serveUpdate(req, res, def, target, query);
      case 'patch':
        return servePatch(req, res, def, target, query);
      case 'delete':
        return serveDelete(res, def, target, query);
      default:
        throw methodNotAllowed(req.method ?? '');
    }
  }

  function requireNamespace(def: KindDef, namespace: string | undefined): void {
    if (!ctx.requireNamespaces || !def.namespaced || !namespace) return;
    const namespaces = ctx.store.kindOf('v1', 'Namespace');
    if (!ctx.store.lookup(namespaces, undefined, namespace)) throw notFound(namespaces, namespace);
  }

  function requireObject(def: KindDef, target: ResourcePath): JsonObject {
    const found = ctx.store.lookup(def, target.namespace, target.name!);
    if (!found) throw notFound(def, target.name!);
    return found;
  }

  function serveList(res: ServerResponse, def: KindDef, target: ResourcePath, query: URLSearchParams): void {
    const byLabel = parseLabelSelector(query.get('labelSelector'));
    const byField = parseFieldSelector(query.get('fieldSelector'));
    const all = ctx.store.listOf(def, target.namespace).filter((o) => byLabel(o) && byField(o));
    // limit/continue (apimachinery ListOptions): the token carries the offset into the same listing.
    // Every page answers with the listing's resourceVersion (the one of its first page), as kube-apiserver does.
    let offset = 0;
    let listedAt = ctx.store.resourceVersion;
    const token = query.get('continue');
    if (token) {
      try {
        const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { offset: number; rv: number };
        offset = Number(parsed.offset) || 0;
        listedAt = Number(parsed.rv) || listedAt;
      } catch {
        throw badRequest('continue key is not valid: illegal base64 data at input byte 0');
      }
      // The snapshot the token continues was compacted away (store.compact()).
      if (ctx.store.eventsSince(listedAt) === 'expired') throw continueExpired();
    }
    const limit = Number(query.get('limit') ?? 0);
    const page = limit > 0 ? all.slice(offset, offset + limit) : all.slice(offset);
    const rest = all.length - offset - page.length;
    const metadata: JsonObject = { resourceVersion: String(listedAt) };
    if (rest > 0) {
      metadata.continue = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: listedAt, offset: offset + page.length })).toString('base64url');
      metadata.remainingItemCount = rest;
    }
    sendJson(res, 200, { kind: `${def.kind}List`, apiVersion: apiVersionOf(def), metadata, items: page.map((o) => asListItem(def, o)) });
  }

  function serveWatch(res: ServerResponse, def: KindDef, target: ResourcePath, query: URLSearchParams, pathname: string): void {
    const byLabel = parseLabelSelector(query.get('labelSelector'));
    const byField = parseFieldSelector(query.get('fieldSelector') ?? (target.name ? `metadata.name=${target.name}` : null));
    const timeout = query.get('timeoutSeconds');
    // A watch can end while it starts (410, a client that reads nothing): only a running one is kept.
    const state: { watch?: ActiveWatch; ended: boolean } = { ended: false };
    const watch = startWatch(
      ctx.store,
      {
        def,
        ...(target.namespace ? { namespace: target.namespace } : {}),
        matches: (o) => byLabel(o) && byField(o),
        resourceVersion: query.get('resourceVersion'),
        allowBookmarks: query.get('allowWatchBookmarks') === 'true',
        ...(timeout ? { timeoutSeconds: Number(timeout) } : {}),
        maxPendingBytes: ctx.watchBufferBytes,
      },
      res,
      () => {
        state.ended = true;
        if (state.watch) ctx.watches.delete(state.watch);
      },
    );
    if (state.ended) return;
    state.watch = watch;
    ctx.watches.add(watch);
    ctx.watchStarted(pathname);
  }

  async function serveCreate(req: IncomingMessage, res: ServerResponse, def: KindDef, target: ResourcePath, query: URLSearchParams): Promise<void> {
    const dryRun = dryRunOf(query);
    const body = checkIdentity(def, target, parseBody(await readBody(req), false));
    const metadata = body.metadata as JsonObject;
    if (!metadata.name && typeof metadata.generateName === 'string') {
      metadata.name = `${metadata.generateName}${Math.random().toString(36).slice(2, 7)}`;
    }
    if (!metadata.name) {
      throw invalid({ group: def.group, kind: def.kind }, '', [
        { reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' },
      ]);
    }
    const name = String(metadata.name);
    requireNamespace(def, target.namespace);
    if (ctx.store.lookup(def, target.namespace, name)) throw alreadyExists(def, name);
    delete metadata.managedFields;
    delete metadata.resourceVersion;
    const cleaned = def.status ? (({ status: _s, ...rest }) => rest)(body) : body;
    const manager = updateManager(req, query);
    const recorded = recordUpdate(undefined, cleaned, { manager, apiVersion: apiVersionOf(def), now: nowTimestamp() });
    const stored = ctx.store.commit(def, undefined, recorded, dryRun);
    sendJson(res, 201, stored);
    if (!dryRun) ctx.notifyWrite(structuredClone(stored), manager, { operation: 'Create', changed: true });
  }

  async function serveUpdate(req: IncomingMessage, res: ServerResponse, def: KindDef, target: ResourcePath, query: URLSearchParams): Promise<void> {
    const dryRun = dryRunOf(query);
    const body = checkIdentity(def, target, parseBody(await readBody(req), false));
    const live = requireObject(def, target);
    checkPrecondition(def, target.name!, body, live);
    const metadata = body.metadata as JsonObject;
    delete metadata.managedFields;
    metadata.resourceVersion = (live.metadata as JsonObject).resourceVersion!;
    const after = restrictToEndpoint(def, live, body, target.subresource);
    await writeUpdate(req, res, def, target, query, live, after, 'Update', dryRun);
  }

  async function servePatch(req: IncomingMessage, res: ServerResponse, def: KindDef, target: ResourcePath, query: URLSearchParams): Promise<void> {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    const apply = contentType === 'application/apply-patch+yaml';
    const accepted = def.builtin ? [...PATCH_TYPES, 'application/strategic-merge-patch+json'] : PATCH_TYPES;
    if (!accepted.includes(contentType)) throw unsupportedMediaType(contentType, accepted);
    // PatchOptions are validated before the object is looked up (apiserver handlers/patch.go).
    if (apply && !query.get('fieldManager')) {
      throw invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [
        { reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' },
      ]);
    }
    if (!apply && query.has('force')) {
      throw invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [
        { reason: 'FieldValueForbidden', message: 'Forbidden: may not be specified for non-apply patch', field: 'force' },
      ]);
    }
    const dryRun = dryRunOf(query);
    const body = parseBody(await readBody(req), apply);
    if (apply) return serveApply(res, def, target, query, body, dryRun);

    const live = requireObject(def, target);
    let patched: JsonValue;
    if (contentType === 'application/json-patch+json') patched = jsonPatch(live, body);
    else if (contentType === 'application/strategic-merge-patch+json') patched = strategicMergePatch(live, body);
    else patched = mergePatch(live, body);
    if (!isObject(patched)) throw badRequest('the patch did not produce an object');
    const metadata = isObject(patched.metadata) ? patched.metadata : {};
    if (metadata.name !== target.name || (def.namespaced && metadata.namespace !== target.namespace)) {
      throw badRequest('metadata.name and metadata.namespace cannot be changed by a patch');
    }
    const after = restrictToEndpoint(def, live, patched, target.subresource);
    await writeUpdate(req, res, def, target, query, live, after, 'Patch', dryRun);
  }

  async function writeUpdate(
    req: IncomingMessage,
    res: ServerResponse,
    def: KindDef,
    target: ResourcePath,
    query: URLSearchParams,
    live: JsonObject,
    after: JsonObject,
    operation: WriteOperation,
    dryRun: boolean,
  ): Promise<void> {
    const manager = updateManager(req, query);
    const recorded = recordUpdate(live, after, { manager, apiVersion: apiVersionOf(def), now: nowTimestamp(), ...(target.subresource ? { subresource: target.subresource } : {}) });
    // An update that changes nothing is not written (no new resourceVersion, no event).
    const unchanged = deepEqual(withoutManaged(live), withoutManaged(normalizeForStorage(def, recorded)));
    const stored = unchanged ? live : ctx.store.commit(def, live, recorded, dryRun);
    sendJson(res, 200, stored);
    if (!dryRun) ctx.notifyWrite(structuredClone(stored), manager, { operation, ...(target.subresource ? { subresource: target.subresource } : {}), changed: !unchanged });
  }

  function serveApply(res: ServerResponse, def: KindDef, target: ResourcePath, query: URLSearchParams, body: JsonValue, dryRun: boolean): void {
    const config = checkIdentity(def, target, body);
    const metadata = config.metadata as JsonObject;
    if (config.apiVersion === undefined || config.kind === undefined) {
      throw badRequest(`Object 'Kind' is missing in '${JSON.stringify(config)}'`);
    }
    if (metadata.managedFields !== undefined && metadata.managedFields !== null) throw badRequest('metadata.managedFields must be nil');
    const live = ctx.store.lookup(def, target.namespace, target.name!);
    checkPrecondition(def, target.name!, config, live);
    for (const field of ['resourceVersion', 'uid', 'creationTimestamp', 'generation', 'selfLink']) delete metadata[field];

    let applied: JsonObject = config;
    if (target.subresource === 'status') {
      applied = { apiVersion: config.apiVersion, kind: config.kind, metadata: { name: metadata.name!, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) } };
      if (config.status !== undefined) applied.status = config.status;
    } else if (def.status) {
      const { status: _s, ...rest } = config;
      applied = rest;
    }
    if (target.subresource === 'status' && !live) throw notFound(def, target.name!);
    if (!live) requireNamespace(def, target.namespace);

    const skeleton: JsonObject = { apiVersion: apiVersionOf(def), kind: def.kind, metadata: { name: target.name!, ...(def.namespaced ? { namespace: target.namespace! } : {}) } };
    const manager = query.get('fieldManager')!;
    const outcome = serverSideApply({
      live: live ?? skeleton,
      config: applied,
      manager,
      force: query.get('force') === 'true',
      ...(target.subresource ? { subresource: target.subresource } : {}),
      apiVersion: apiVersionOf(def),
      now: nowTimestamp(),
      normalize: (object) => normalizeForStorage(def, object),
    });
    if (!outcome.ok) {
      throw new StatusError(
        failure(409, 'Conflict', conflictMessage(outcome.conflicts), {
          causes: outcome.conflicts.map((c) => ({ type: 'FieldManagerConflict', message: `conflict with ${describeManager(c.manager)}`, field: pathString(c.path) })),
        }),
      );
    }
    if (!outcome.changed && live) {
      sendJson(res, 200, live);
      if (!dryRun) ctx.notifyWrite(structuredClone(live), manager, { operation: 'Apply', ...(target.subresource ? { subresource: target.subresource } : {}), changed: false });
      return;
    }
    const stored = ctx.store.commit(def, live, outcome.object, dryRun);
    sendJson(res, live ? 200 : 201, stored);
    if (!dryRun) ctx.notifyWrite(structuredClone(stored), manager, { operation: 'Apply', ...(target.subresource ? { subresource: target.subresource } : {}), changed: true });
  }

  function serveDelete(res: ServerResponse, def: KindDef, target: ResourcePath, query: URLSearchParams): void {
    const dryRun = dryRunOf(query);
    const live = requireObject(def, target);
    ctx.store.remove(def, target.namespace, target.name!, dryRun);
    const uid = String((live.metadata as JsonObject).uid ?? '');
    sendJson(res, 200, {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Success',
      details: { name: target.name!, ...(def.group ? { group: def.group } : {}), kind: def.plural, uid },
    });
  }
}

function withoutManaged(object: JsonObject): JsonObject {
  const copy = structuredClone(object);
  if (isObject(copy.metadata)) delete copy.metadata.managedFields;
  return copy;
}

/** Strategic merge patch, schema-less: a merge patch where lists of named maps merge by name. */
function strategicMergePatch(target: JsonValue | undefined, patch: JsonValue): JsonValue {
  if (isObject(patch)) {
    const out: JsonObject = isObject(target) ? structuredClone(target) : {};
    for (const [key, value] of Object.entries(patch)) {
      if (key.startsWith('$')) continue;
      if (value === null) delete out[key];
      else out[key] = strategicMergePatch(out[key], value);
    }
    return out;
  }
  if (Array.isArray(patch) && Array.isArray(target) && patch.every((p) => isObject(p) && typeof p.name === 'string')) {
    const out = structuredClone(target);
    for (const item of patch as JsonObject[]) {
      const index = out.findIndex((t) => isObject(t) && t.name === item.name);
      if (index >= 0) out[index] = strategicMergePatch(out[index], item);
      else out.push(structuredClone(item));
    }
    return out;
  }
  return structuredClone(patch);
}

/** RFC 6902 JSON patch: add, remove, replace, test (move/copy are not needed by Sitekit). */
function jsonPatch(target: JsonObject, operations: JsonValue): JsonValue {
  if (!Array.isArray(operations)) throw badRequest('the JSON patch is not a list of operations');
  const doc = structuredClone(target) as JsonValue;
  for (const op of operations) {
    if (!isObject(op) || typeof op.path !== 'string') throw badRequest('a JSON patch operation needs "op" and "path"');
    const tokens = op.path.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = tokens.pop();
    let parent: JsonValue = doc;
    for (const token of tokens) {
      parent = Array.isArray(parent) ? parent[Number(token)]! : isObject(parent) ? parent[token]! : null;
      if (parent === undefined || parent === null) throw new StatusError(failure(422, 'Invalid', `jsonpatch ${String(op.op)} operation does not apply: doc is missing path: "${op.path}"`));
    }
    if (last === undefined) throw badRequest('a JSON patch may not replace the whole object');
    const value = op.value as JsonValue;
    if (op.op === 'test') {
      const current = Array.isArray(parent) ? parent[Number(last)] : isObject(parent) ? parent[last] : undefined;
      if (!deepEqual(current, value)) throw new StatusError(failure(422, 'Invalid', `the server rejected our request due to an error in our request`));
    } else if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (op.op === 'add') parent.splice(index, 0, value);
      else if (op.op === 'remove') parent.splice(index, 1);
      else if (op.op === 'replace') parent[index] = value;
      else throw badRequest(`JSON patch operation "${String(op.op)}" is not supported by the test API server`);
    } else if (isObject(parent)) {
      if (op.op === 'add' || op.op === 'replace') parent[last] = value;
      else if (op.op === 'remove') delete parent[last];
      else throw badRequest(`JSON patch operation "${String(op.op)}" is not supported by the test API server`);
    }
  }
  return doc;
}
