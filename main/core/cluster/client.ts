// ClusterClient: the one way Sitekit talks to a cluster's API, a thin wrapper over
// @kubernetes/client-node 1.4.0 (KubernetesObjectApi for GET/LIST/apply and discovery, Watch
// for watches). Objects come back as the plain JSON the API server sent (client-node's typed
// models would turn timestamps into Dates and drop fields they do not know), and every failure
// is thrown as a ClusterError whose `failure` is a plain sentence with the fix (failure.ts).
//
// Usage:
//   const { result, client } = await connectCluster({ kubeconfigText, route, pin });   // connect.ts (the app/CLI way)
//   // or, in tests and tools that already trust the server:
//   const client = createClusterClient(kubeConfigFor(kubeconfigText, { route }), { route });   // kubeconfig.ts
//   const cv = await client.get({ apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', name: 'version' }); // undefined on 404
//   const { items, resourceVersion } = await client.list('v1', 'Node', { labelSelector: 'node-role.kubernetes.io/master' });
//   const end = await client.watch('v1', 'Node', { resourceVersion }, (e) => { ... e.type, e.object ... }, signal);
//   // end === 'expired' (410 Gone: LIST again) or 'closed' (the server ended the stream: watch again)
//   const applied = await client.apply(obj, { dryRun: true });        // SSA, fieldManager "sitekit", never forced by default
//   try { ... } catch (e) { if (e instanceof ClusterError) show(e.failure.message); }   // e.status, e.causes, e.kindMissing
// Prefer watchUntil (watch-until.ts) to LIST+WATCH loops of your own.
import { AsyncLocalStorage } from 'node:async_hooks';
import { Buffer } from 'node:buffer';
import * as k8s from '@kubernetes/client-node';
import { ClusterError, cancelledFailure, toClusterError, withoutValues, type FailureContext } from './failure';
import { StrictKubeConfig } from './strict-kubeconfig';
import type { ApiRoute, ObjectRef } from './types';

export { ClusterError } from './failure';

/** The SSA field manager Sitekit applies as (kubectl's is "kubectl"). */
export const FIELD_MANAGER = 'sitekit';

export interface KubeMetadata {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  managedFields?: {
    manager?: string;
    operation?: string;
    apiVersion?: string;
    time?: string;
    fieldsType?: string;
    fieldsV1?: Record<string, unknown>;
    subresource?: string;
  }[];
  [key: string]: unknown;
}

/** A Kubernetes object as JSON (spec/status/data… are left to the caller to read). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: KubeMetadata;
  [key: string]: unknown;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: WatchEventType;
  /** BOOKMARK: only apiVersion, kind and metadata.resourceVersion are meaningful. */
  object: T;
}

/** How a watch ended without an error: `expired` = 410 Gone, LIST again; `closed` = watch again from the last resourceVersion. */
export type WatchEnd = 'expired' | 'closed';

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  signal?: AbortSignal;
}

export interface WatchOptions {
  namespace?: string;
  /** Watch one object (fieldSelector metadata.name=<name>). */
  name?: string;
  labelSelector?: string;
  /** Start after this resourceVersion (from a LIST); without it the server sends ADDED for every object first. */
  resourceVersion?: string;
  /** How long the server keeps the stream open (default 300 s); the watch then ends `closed`. */
  timeoutSeconds?: number;
}

export interface ApplyOptions {
  dryRun?: boolean;
  /** Take over fields other managers own (never by default: a conflict must be seen). */
  force?: boolean;
  signal?: AbortSignal;
}

export interface ServerVersion {
  gitVersion: string;
  major?: string;
  minor?: string;
  platform?: string;
}

export interface ClusterClient {
  /** The API server URL as in the kubeconfig (the name, even when connected through the VIP). */
  readonly server: string;
  readonly route: ApiRoute;
  /** The object, or undefined when it does not exist (404) or its kind is not served yet (no CRD). */
  get<T extends KubeObject = KubeObject>(ref: ObjectRef, options?: { signal?: AbortSignal }): Promise<T | undefined>;
  /**
   * The objects (each with apiVersion and kind, which the API leaves out for built-in kinds) and the list's resourceVersion;
   * read in pages of LIST_PAGE_SIZE, at most MAX_LIST_ITEMS (then a ClusterError).
   */
  list<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, options?: ListOptions): Promise<{ items: T[]; resourceVersion: string }>;
  /** Streams events until the server ends the stream (resolves) or fails (throws ClusterError); abort with `signal`. */
  watch<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    options: WatchOptions,
    onEvent: (event: WatchEvent<T>) => void,
    signal?: AbortSignal,
  ): Promise<WatchEnd>;
  /** Server-side apply with fieldManager "sitekit"; returns the object as the server has it afterwards. */
  apply<T extends KubeObject = KubeObject>(object: KubeObject, options?: ApplyOptions): Promise<T>;
  version(options?: { signal?: AbortSignal }): Promise<ServerVersion>;
  /** HTTP requests made so far (discovery and watches included). */
  requests(): number;
}

export interface ClusterClientOptions {
  /** How the kubeconfig was pointed (for sentences: the name vs the VIP); defaults to the kubeconfig's server. */
  route?: ApiRoute;
  /** The plan's API VIPs, offered when the name does not resolve. */
  apiVips?: readonly string[];
  /** One request's limit (default 30 s); watches are bounded by their timeoutSeconds instead. */
  requestTimeoutMs?: number;
}

/** Objects per LIST request (kubectl's chunk size). */
export const LIST_PAGE_SIZE = 500;
/** More objects of one kind than any site's check needs: the listing stops with a sentence. */
export const MAX_LIST_ITEMS = 50_000;

/** The caller's signal for the request being made, found by the request hook below. */
const requestSignal = new AsyncLocalStorage<AbortSignal | undefined>();

/**
 * KubernetesObjectApi that hands back the server's JSON untouched and counts requests.
 * Its hooks (requestPromise, processResponse, specUriPath) are protected extension points.
 */
class PlainObjectApi extends k8s.KubernetesObjectApi {
  count = 0;

  protected override async requestPromise<T extends k8s.KubernetesObject>(
    requestContext: k8s.RequestContext,
    type?: string,
    options?: k8s.Configuration,
  ): Promise<T> {
    this.count += 1;
    const signal = requestSignal.getStore();
    if (signal) requestContext.setSignal(signal);
    return super.requestPromise<T>(requestContext, type, options);
  }

  protected override async processResponse<T extends k8s.KubernetesObject>(response: k8s.ResponseContext): Promise<T> {
    const text = await response.body.text();
    if (response.httpStatusCode >= 200 && response.httpStatusCode <= 299) {
      try {
        return JSON.parse(text) as T;
      } catch {
        // JSON.parse's message quotes the text around the error: it could be a Secret's data.
        throw new Error(`the API server answered HTTP ${response.httpStatusCode} with a body that is not JSON`);
      }
    }
    throw new k8s.ApiException(response.httpStatusCode, 'Unsuccessful HTTP Request', text, response.headers);
  }

  /** /api/v1/namespaces/x/pods, /apis/apps/v1/deployments … (discovery as client-node does it). */
  collectionPath(apiVersion: string, kind: string, namespace?: string): Promise<string> {
    return this.specUriPath({ apiVersion, kind, metadata: { namespace } }, 'list');
  }

  async getJson<T>(path: string): Promise<T> {
    const context = this.configuration.baseServer.makeRequestContext(path, k8s.HttpMethod.GET);
    context.setHeaderParam('Accept', 'application/json');
    return (await this.requestPromise(context)) as T;
  }
}

export function createClusterClient(source: k8s.KubeConfig, options: ClusterClientOptions = {}): ClusterClient {
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  // TLS is always verified, whatever NODE_TLS_REJECT_UNAUTHORIZED says (strict-kubeconfig.ts).
  const kubeConfig = StrictKubeConfig.from(source, requestTimeoutMs);
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new ClusterError({ kind: 'bad-kubeconfig', message: 'The kubeconfig has no current cluster: import the auth/kubeconfig of the install.', retryable: false });
  const route: ApiRoute = options.route ?? { server: cluster.server };
  const api = kubeConfig.makeApiClient(PlainObjectApi);
  const watcher = new k8s.Watch(kubeConfig);
  let watchRequests = 0;
  const context = (signal?: AbortSignal, action?: string): FailureContext => ({
    server: route.server,
    viaAddress: route.viaAddress,
    apiVips: options.apiVips,
    signal,
    action,
  });

  /** Runs one client-node call with the caller's signal and a time limit; errors become ClusterErrors. */
  async function call<T>(action: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    if (signal?.aborted) throw new ClusterError(cancelledFailure());
    const limit = AbortSignal.timeout(requestTimeoutMs);
    const combined = signal ? AbortSignal.any([signal, limit]) : limit;
    try {
      return await requestSignal.run(combined, run);
    } catch (error) {
      throw toClusterError(error, context(signal, action));
    }
  }

  return {
    server: route.server,
    route,

    async get<T extends KubeObject>(ref: ObjectRef, opts: { signal?: AbortSignal } = {}): Promise<T | undefined> {
      const spec = { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } };
      try {
        return (await call(`read ${describe(ref)}`, opts.signal, () => api.read(spec))) as unknown as T;
      } catch (error) {
        if (error instanceof ClusterError && error.status === 404) return undefined;
        throw error;
      }
    },

    async list<T extends KubeObject>(apiVersion: string, kind: string, opts: ListOptions = {}) {
      type Page = {
        items?: (Omit<T, 'apiVersion' | 'kind'> & { apiVersion?: string; kind?: string })[] | null;
        metadata?: { resourceVersion?: string; continue?: string };
      };
      const action = `list ${kind} (${apiVersion})`;
      // In pages (limit/continue, as kubectl does): each answer stays small and has its own time
      // limit, and a kind with thousands of objects never arrives as one body to parse at once.
      for (let restarts = 0; ; restarts++) {
        const items: T[] = [];
        let resourceVersion: string | undefined;
        let token: string | undefined;
        try {
          do {
            const page = (await call(action, opts.signal, () =>
              api.list(apiVersion, kind, opts.namespace, undefined, undefined, undefined, opts.fieldSelector, opts.labelSelector, LIST_PAGE_SIZE, token),
            )) as unknown as Page;
            // Every page of one listing is the same snapshot: the first page's resourceVersion is the listing's.
            resourceVersion ??= page.metadata?.resourceVersion ?? '';
            // Built-in kinds' list items come without apiVersion/kind (as from kube-apiserver): fill them in.
            for (const item of page.items ?? []) items.push({ ...item, apiVersion: item.apiVersion ?? apiVersion, kind: item.kind ?? kind } as T);
            if (items.length > MAX_LIST_ITEMS) {
              throw new ClusterError({
                kind: 'http',
                message: `The cluster has more than ${MAX_LIST_ITEMS} ${kind} objects: Sitekit stopped reading them (to ${action}) rather than fill this laptop's memory.`,
                retryable: false,
              });
            }
            token = page.metadata?.continue || undefined;
          } while (token);
          return { items, resourceVersion: resourceVersion ?? '' };
        } catch (error) {
          // 410 on a continue: the snapshot was compacted away between pages; list again from the start.
          if (token !== undefined && error instanceof ClusterError && error.status === 410 && restarts < 2) continue;
          throw error;
        }
      }
    },

    async watch<T extends KubeObject>(
      apiVersion: string,
      kind: string,
      opts: WatchOptions,
      onEvent: (event: WatchEvent<T>) => void,
      signal?: AbortSignal,
    ): Promise<WatchEnd> {
      const action = `watch ${kind} (${apiVersion})`;
      const path = await call(action, signal, () => api.collectionPath(apiVersion, kind, opts.namespace));
      const timeoutSeconds = opts.timeoutSeconds ?? 300;
      const query: Record<string, string | number | boolean | undefined> = {
        allowWatchBookmarks: true,
        timeoutSeconds,
        resourceVersion: opts.resourceVersion || undefined,
        labelSelector: opts.labelSelector,
        fieldSelector: opts.name ? `metadata.name=${opts.name}` : undefined,
      };
      watchRequests += 1;
      return new Promise<WatchEnd>((resolve, reject) => {
        let settled = false;
        let expired = false;
        let errorStatus: unknown;
        let stream: AbortController | undefined;
        let stopRequested = false;
        const stop = () => {
          stopRequested = true;
          stream?.abort();
        };
        // The server ends the stream after timeoutSeconds; if the network dies silently, end it here.
        const deadline = setTimeout(stop, (timeoutSeconds + 30) * 1000);
        const onAbort = () => {
          finish(() => reject(new ClusterError(cancelledFailure())));
          stop();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        const finish = (settle: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          signal?.removeEventListener('abort', onAbort);
          settle();
        };
        if (signal?.aborted) return onAbort();

        watcher
          .watch(
            path,
            query,
            (type: string, object: unknown) => {
              if (settled) return;
              if (type === 'ERROR') {
                // A watch ERROR event carries a Status: 410 Gone = the resourceVersion is too old.
                if ((object as { code?: number } | null)?.code === 410) expired = true;
                else errorStatus = object;
                stop();
                return;
              }
              if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED' || type === 'BOOKMARK') {
                try {
                  onEvent({ type, object: object as T });
                } catch (error) {
                  errorStatus = error;
                  stop();
                }
              }
            },
            (error: unknown) => {
              finish(() => {
                if (signal?.aborted) reject(new ClusterError(cancelledFailure()));
                else if (expired) resolve('expired');
                else if (errorStatus instanceof Error) reject(errorStatus);
                else if (errorStatus) reject(toClusterError(errorStatus, context(signal, action)));
                else if (error && !stopRequested && !isStreamAbort(error)) reject(toClusterError(error, context(signal, action)));
                else resolve('closed');
              });
            },
          )
          .then((controller) => {
            stream = controller;
            if (stopRequested || settled) controller.abort();
          })
          .catch((error: unknown) => finish(() => reject(toClusterError(error, context(signal, action)))));
      });
    },

    async apply<T extends KubeObject>(object: KubeObject, opts: ApplyOptions = {}): Promise<T> {
      const body = applyBody(object);
      try {
        return (await call(`apply ${describe(refOf(object))}`, opts.signal, () =>
          api.patch(
            body as unknown as k8s.KubernetesObject,
            undefined,
            opts.dryRun ? 'All' : undefined,
            FIELD_MANAGER,
            opts.force ? true : undefined,
            k8s.PatchStrategy.ServerSideApply,
          ),
        )) as unknown as T;
      } catch (error) {
        // What the server says about a Secret may quote what it was sent.
        throw error instanceof ClusterError && object.kind === 'Secret' ? withoutValues(error, secretValues(object)) : error;
      }
    },

    async version(opts: { signal?: AbortSignal } = {}): Promise<ServerVersion> {
      return call('read the server version', opts.signal, () => api.getJson<ServerVersion>('/version'));
    },

    requests: () => api.count + watchRequests,
  };
}

/** The object as Sitekit wants it: server-set metadata (resourceVersion, uid, managedFields…) left out. */
function applyBody(object: KubeObject): KubeObject {
  const { apiVersion, kind, metadata, ...rest } = object;
  const {
    resourceVersion: _rv,
    uid: _uid,
    generation: _generation,
    creationTimestamp: _created,
    deletionTimestamp: _deleted,
    managedFields: _managed,
    selfLink: _selfLink,
    ...keptMetadata
  } = metadata;
  const { status: _status, ...body } = rest;
  return { apiVersion, kind, metadata: keptMetadata as KubeMetadata, ...body };
}

/** A Secret's values in every form a server's message could quote them: base64, decoded, JSON-escaped. */
function secretValues(secret: KubeObject): string[] {
  const values: string[] = [];
  const add = (value: string) => values.push(value, JSON.stringify(value).slice(1, -1));
  for (const encoded of Object.values((secret.data as Record<string, unknown> | undefined) ?? {})) {
    if (typeof encoded !== 'string') continue;
    add(encoded);
    add(Buffer.from(encoded, 'base64').toString('utf8'));
  }
  for (const plain of Object.values((secret.stringData as Record<string, unknown> | undefined) ?? {})) {
    if (typeof plain !== 'string') continue;
    add(plain);
    add(Buffer.from(plain, 'utf8').toString('base64'));
  }
  return values;
}

export function refOf(object: KubeObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name };
  if (object.metadata.namespace) ref.namespace = object.metadata.namespace;
  return ref;
}

/** "Subscription openshift-gitops-operator/openshift-gitops-operator" for sentences. */
export function describe(ref: ObjectRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
}

/** The key objects are kept under: namespace/name (name alone when cluster-scoped). */
export function objectKey(object: { metadata: { name: string; namespace?: string } }): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
}

function isStreamAbort(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'AbortError';
}
