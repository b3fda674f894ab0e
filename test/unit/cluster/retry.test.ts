import * as k8s from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { ClusterError } from '../../../main/core/cluster/failure';
import { abortableSleep, backoffDelay, retryDelay, withRetry } from '../../../main/core/cluster/retry';

const status = (code: number, reason: string) => JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message: reason, code });
const notReady = () => new k8s.ApiException(503, 'Unsuccessful HTTP Request', status(503, 'ServiceUnavailable'), {});
const forbidden = () => new k8s.ApiException(403, 'Unsuccessful HTTP Request', status(403, 'Forbidden'), {});

/** Records the waits instead of waiting. */
function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}

describe('backoff', () => {
  it('doubles up to the cap, with full jitter', () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, { baseMs: 500, capMs: 15_000, random: top }))).toEqual([499, 999, 1999, 3999, 7999, 14999, 14999]);
    expect(backoffDelay(3, { random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { random: () => 0.5 })).toBe(1000);
  });

  it('waits at least what Retry-After asks (within the cap)', () => {
    const limited = new ClusterError({ kind: 'rate-limited', message: 'slow down', retryable: true }, { status: 429, retryAfterSeconds: 4 });
    expect(retryDelay(limited, 1, { random: () => 0 })).toBe(4000);
    const huge = new ClusterError({ kind: 'rate-limited', message: 'slow down', retryable: true }, { status: 429, retryAfterSeconds: 3600 });
    expect(retryDelay(huge, 1, { random: () => 0, capMs: 15_000 })).toBe(15_000);
  });
});

describe('withRetry', () => {
  it('retries retryable failures and returns the first success', async () => {
    const { waits, sleep } = recorder();
    const told: string[] = [];
    let calls = 0;
    const value = await withRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw notReady();
        return 'ok';
      },
      { sleep, random: () => 0.5, onRetry: (failure, attempt) => told.push(`${attempt}:${failure.kind}`) },
    );
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(waits).toEqual([250, 500]);
    expect(told).toEqual(['1:not-ready', '2:not-ready']);
  });

  it('throws a failure that is not retryable at once', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls += 1;
        throw forbidden();
      },
      { sleep },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).failure.kind).toBe('forbidden');
    expect(calls).toBe(1);
    expect(waits).toEqual([]);
  });

  it('gives up after maxAttempts with the last failure', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const error = await withRetry(
      async () => {
        calls += 1;
        throw notReady();
      },
      { sleep, maxAttempts: 4, random: () => 0 },
    ).catch((e: unknown) => e);
    expect((error as ClusterError).failure.kind).toBe('not-ready');
    expect(calls).toBe(4);
    expect(waits).toHaveLength(3);
  });

  it('stops waiting when cancelled', async () => {
    const controller = new AbortController();
    let calls = 0;
    const pending = withRetry(
      async () => {
        calls += 1;
        throw notReady();
      },
      { signal: controller.signal, baseMs: 60_000, random: () => 0.99 },
    ).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 20);
    const error = await pending;
    expect((error as ClusterError).failure.kind).toBe('cancelled');
    expect(calls).toBe(1);
  });

  it('abortableSleep rejects with cancelled when the signal is already aborted', async () => {
    const error = await abortableSleep(10, AbortSignal.abort()).catch((e: unknown) => e);
    expect((error as ClusterError).failure.kind).toBe('cancelled');
  });
});
