// Follow a set of objects until a judge says done or failed, the way client-go's reflector
// does: LIST (the objects and a resourceVersion), then WATCH from that resourceVersion, keeping
// a map of the objects up to date. A 410 Gone LISTs again; a stream the server ends is watched
// again from the last resourceVersion seen (bookmarks included). No polling: the only waits are
// the backoff after a failure the server may recover from (API not ready, timeout, 429) and
// while the kind is not served yet (its CRD comes with an operator that is still installing).
import { ClusterError, cancelledFailure, toClusterError } from './failure';
import { objectKey, type ClusterClient, type KubeObject } from './client';
import { abortableSleep, retryDelay, type BackoffOptions } from './retry';
import type { ClusterFailure, ProgressState } from './types';

export interface WatchTarget {
  apiVersion: string;
  kind: string;
  namespace?: string;
  /** One object by name (a field selector, so the map holds at most that object). */
  name?: string;
  labelSelector?: string;
}

export interface Judgement<I = unknown> {
  /** done and failed end the watch; the others keep it going. */
  state: ProgressState;
  message: string;
  items?: I[];
}

export interface WatchUntilResult<I = unknown> extends Judgement<I> {
  /** True when timeoutMs passed first: the judgement is the last one made. */
  timedOut: boolean;
}

export interface WatchUntilOptions<I = unknown> {
  signal?: AbortSignal;
  /** Give up after this long and return the last judgement with timedOut (default: no limit). */
  timeoutMs?: number;
  /** Told each time the judgement changes. */
  onProgress?: (judgement: Judgement<I>) => void;
  /** Told when the API failed in a way worth waiting out (Sitekit keeps trying). */
  onRetry?: (failure: ClusterFailure) => void;
  /** Backoff after failures (defaults: 500 ms doubling to 15 s, full jitter). */
  backoff?: BackoffOptions;
  /** How long one watch stream may stay open (server-side timeoutSeconds, default 300). */
  watchTimeoutSeconds?: number;
  /** How to wait between attempts (tests pass their own). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export type Judge<T extends KubeObject, I> = (objects: ReadonlyMap<string, T>) => Judgement<I>;

const isFinal = (judgement: Judgement<unknown> | undefined): boolean => judgement?.state === 'done' || judgement?.state === 'failed';

export async function watchUntil<T extends KubeObject = KubeObject, I = unknown>(
  client: ClusterClient,
  target: WatchTarget,
  judge: Judge<T, I>,
  options: WatchUntilOptions<I> = {},
): Promise<WatchUntilResult<I>> {
  const timeout = options.timeoutMs !== undefined ? AbortSignal.timeout(options.timeoutMs) : undefined;
  const signals = [options.signal, timeout].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  const sleep = options.sleep ?? abortableSleep;
  const fieldSelector = target.name ? `metadata.name=${target.name}` : undefined;
  let objects = new Map<string, T>();
  let last: Judgement<I> | undefined;
  let lastShown = '';
  let failures = 0;
  /** 410s in a row on watches that saw nothing (behind the API VIP, each API server has its own watch cache). */
  let emptyExpiries = 0;

  const evaluate = (): Judgement<I> => {
    last = judge(objects);
    const shown = JSON.stringify(last);
    if (shown !== lastShown) {
      lastShown = shown;
      options.onProgress?.(last);
    }
    return last;
  };
  const result = (judgement: Judgement<I>, timedOut: boolean): WatchUntilResult<I> => ({ ...judgement, timedOut });
  const stopped = (): WatchUntilResult<I> => {
    if (timeout?.aborted && !options.signal?.aborted) return result(last ?? evaluate(), true);
    throw new ClusterError(cancelledFailure());
  };
  /** Wait before trying again; false when the wait was cut short by cancel or timeout. */
  const backOff = async (error: ClusterError): Promise<boolean> => {
    failures += 1;
    try {
      await sleep(retryDelay(error, failures, { capMs: 15_000, ...options.backoff }), signal);
      return true;
    } catch {
      return false;
    }
  };

  while (!signal?.aborted) {
    if (emptyExpiries > 1) {
      // LIST and WATCH keep disagreeing on the resourceVersion: pause, growing, so it never turns into a poll.
      try {
        await sleep(retryDelay(new ClusterError({ kind: 'not-ready', message: '', retryable: true }), emptyExpiries - 1, { capMs: 15_000, ...options.backoff }), signal);
      } catch {
        return stopped();
      }
    }
    let resourceVersion: string;
    try {
      const listed = await client.list<T>(target.apiVersion, target.kind, {
        namespace: target.namespace,
        labelSelector: target.labelSelector,
        fieldSelector,
        signal,
      });
      objects = new Map(listed.items.map((item) => [objectKey(item), item]));
      resourceVersion = listed.resourceVersion;
    } catch (thrown) {
      if (signal?.aborted) return stopped();
      const error = toClusterError(thrown);
      if (error.kindMissing) {
        // Not served yet: judge "nothing there" and look again later.
        objects = new Map();
        const judgement = evaluate();
        if (isFinal(judgement)) return result(judgement, false);
        if (!(await backOff(error))) return stopped();
        continue;
      }
      if (!error.failure.retryable) throw error;
      options.onRetry?.(error.failure);
      if (!(await backOff(error))) return stopped();
      continue;
    }
    failures = 0;
    const judgement = evaluate();
    if (isFinal(judgement)) return result(judgement, false);

    // WATCH from the LIST's resourceVersion until the judge is satisfied, the version expires, or a failure.
    for (let quietCloses = 0; ; ) {
      const stop = new AbortController();
      const watchSignal = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
      let events = 0;
      let end: 'expired' | 'closed';
      try {
        end = await client.watch<T>(
          target.apiVersion,
          target.kind,
          {
            namespace: target.namespace,
            name: target.name,
            labelSelector: target.labelSelector,
            resourceVersion,
            timeoutSeconds: options.watchTimeoutSeconds,
          },
          (event) => {
            events += 1;
            if (event.object.metadata?.resourceVersion) resourceVersion = event.object.metadata.resourceVersion;
            if (event.type === 'BOOKMARK') return;
            if (event.type === 'DELETED') objects.delete(objectKey(event.object));
            else objects.set(objectKey(event.object), event.object);
            if (isFinal(evaluate())) stop.abort();
          },
          watchSignal,
        );
      } catch (thrown) {
        if (isFinal(last)) return result(last as Judgement<I>, false);
        if (signal?.aborted) return stopped();
        const error = toClusterError(thrown);
        if (!error.failure.retryable && !error.kindMissing) throw error;
        options.onRetry?.(error.failure);
        if (!(await backOff(error))) return stopped();
        break; // LIST again: events may have been missed while the API was away
      }
      if (isFinal(last)) return result(last as Judgement<I>, false);
      if (end === 'expired') {
        emptyExpiries = events === 0 ? emptyExpiries + 1 : 0;
        break;
      }
      emptyExpiries = 0;
      // The server ended the stream (its timeout): watch again from where we are. A stream that
      // keeps ending at once without events gets a growing pause, so it never turns into a poll.
      quietCloses = events === 0 ? quietCloses + 1 : 0;
      if (quietCloses > 1) {
        try {
          await sleep(retryDelay(new ClusterError({ kind: 'not-ready', message: '', retryable: true }), quietCloses, { capMs: 15_000, ...options.backoff }), signal);
        } catch {
          return stopped();
        }
      }
    }
  }
  return stopped();
}
