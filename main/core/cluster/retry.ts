// Retrying calls to an API server that is still coming up: exponential backoff with full
// jitter (so several watchers do not hit a restarting server in step), a cap, a maximum number
// of attempts, Retry-After honoured, abortable at any point. Only failures marked `retryable`
// (not-ready, timeout, rate-limited, refused) are tried again; everything else is thrown at once.
import { ClusterError, cancelledFailure, toClusterError, type FailureContext } from './failure';
import type { ClusterFailure } from './types';

export interface BackoffOptions {
  /** First delay before jitter (default 500 ms). */
  baseMs?: number;
  /** Longest delay (default 15 s). */
  capMs?: number;
  /** 0 ≤ x < 1; Math.random by default (tests pass their own). */
  random?: () => number;
}

export interface RetryOptions extends BackoffOptions {
  signal?: AbortSignal;
  /** Attempts in all, the first one included (default 5). */
  maxAttempts?: number;
  /** For the failure sentences (server, VIP). */
  context?: FailureContext;
  /** Told before each wait, e.g. to show "API not ready, trying again". */
  onRetry?: (failure: ClusterFailure, attempt: number, delayMs: number) => void;
  /** How to wait (default: a timer that the signal cancels); tests pass their own. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Full jitter: uniform in [0, min(cap, base·2^(attempt−1))], attempt counting from 1. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const cap = options.capMs ?? 15_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.floor(random() * ceiling);
}

/** The wait before the next attempt: the backoff, but never shorter than the server's Retry-After. */
export function retryDelay(error: ClusterError, attempt: number, options: BackoffOptions = {}): number {
  const delay = backoffDelay(attempt, options);
  const after = error.retryAfterSeconds;
  return after !== undefined ? Math.max(delay, Math.min(after * 1000, options.capMs ?? 15_000)) : delay;
}

export async function withRetry<T>(run: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 5);
  const sleep = options.sleep ?? abortableSleep;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw new ClusterError(cancelledFailure());
    try {
      return await run(attempt);
    } catch (thrown) {
      const error = toClusterError(thrown, { ...options.context, signal: options.signal });
      if (!error.failure.retryable || attempt >= maxAttempts || options.signal?.aborted) throw error;
      const delay = retryDelay(error, attempt, options);
      options.onRetry?.(error.failure, attempt, delay);
      await sleep(delay, options.signal);
    }
  }
}

/** Resolves after `ms`, or rejects with a cancelled ClusterError as soon as the signal aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ClusterError(cancelledFailure()));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ClusterError(cancelledFailure()));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
