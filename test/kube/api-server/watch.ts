// WATCH: a chunked stream of WatchEvent JSON lines (k8s.io/apimachinery pkg/apis/meta/v1
// watch.go WatchEvent {type, object}). Without a resourceVersion (or "0") the current objects
// come first as ADDED; with one, the events after it, or one ERROR event carrying a 410 Expired
// Status when the history no longer reaches back (then the stream ends, as kube-apiserver does).
// BOOKMARK events (allowWatchBookmarks) carry only kind, apiVersion and metadata.resourceVersion.
// An object that stops matching the selectors arrives as DELETED, one that starts as ADDED
// (apiserver/pkg/storage/cacher cacheWatcher.convertToWatchEvent). A client that stops reading
// is not buffered for without end: once more than `maxPendingBytes` wait to be sent, the stream
// is ended, as kube-apiserver's cacher closes a watcher that does not keep up ("Forcing watcher
// close due to unresponsiveness"); the client then watches again.

import type { ServerResponse } from 'node:http';
import type { JsonObject } from './fieldset.js';
import { apiVersionOf, type KindDef } from './kinds.js';
import type { Matcher } from './selectors.js';
import { expired, type Status } from './status.js';
import type { ObjectStore, StoredEvent } from './store.js';

export interface WatchRequest {
  def: KindDef;
  namespace?: string;
  matches: Matcher;
  resourceVersion: string | null;
  allowBookmarks: boolean;
  timeoutSeconds?: number;
  /** Bytes written but not yet taken by the client beyond which the stream is ended. */
  maxPendingBytes: number;
}

export interface ActiveWatch {
  bookmark(): void;
  end(): void;
}

export function startWatch(store: ObjectStore, request: WatchRequest, res: ServerResponse, onEnd: () => void): ActiveWatch {
  const { def, namespace, matches } = request;
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe: () => void = () => undefined;

  const write = (type: string, object: JsonObject | Status): void => {
    if (ended) return;
    res.write(`${JSON.stringify({ type, object })}\n`);
    // Dropping the connection (not ending it) frees what is queued for the client that does not read.
    if (res.writableLength > request.maxPendingBytes) end(true);
  };
  const inScope = (object: JsonObject | undefined): boolean =>
    object !== undefined && (!namespace || (object.metadata as JsonObject).namespace === namespace) && matches(object);

  const deliver = (event: StoredEvent): void => {
    if (event.def !== def) return;
    const now = inScope(event.object);
    if (event.type === 'MODIFIED') {
      const before = inScope(event.previous);
      if (now && before) write('MODIFIED', event.object);
      else if (now) write('ADDED', event.object);
      else if (before) write('DELETED', event.object);
      return;
    }
    if (now) write(event.type, event.object);
  };

  function end(drop = false): void {
    if (ended) return;
    ended = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
    if (drop) res.destroy();
    else res.end();
    onEnd();
  }
  res.on('close', () => end());

  const from = request.resourceVersion;
  if (!from || from === '0') {
    for (const object of store.listOf(def, namespace)) if (matches(object)) write('ADDED', object);
  } else {
    const since = store.eventsSince(Number(from));
    if (since === 'expired' || Number.isNaN(Number(from))) {
      write('ERROR', expired(Number(from), store.oldestResourceVersion));
      end();
      return { bookmark: () => undefined, end: () => end() };
    }
    for (const event of since) deliver(event);
  }
  if (ended) return { bookmark: () => undefined, end: () => end() };
  unsubscribe = store.subscribe(deliver);
  if (request.timeoutSeconds !== undefined) timer = setTimeout(end, request.timeoutSeconds * 1000);

  return {
    bookmark: () => {
      if (request.allowBookmarks) {
        write('BOOKMARK', { kind: def.kind, apiVersion: apiVersionOf(def), metadata: { resourceVersion: String(store.resourceVersion), creationTimestamp: null } });
      }
    },
    end: () => end(),
  };
}
