// Issue 12 §2, inputs that stall or exhaust, at the contract boundary: a value nested 100k
// levels deep in site.edit once overflowed the stack outside the error handling (HTTP 500 and
// a stack trace in the log); it is now an invalid-input answer naming the field, over every
// transport and for a raw HTTP body. Large texts are checked in a worker thread, so the event
// loop that answers every other request stays free, and a check that runs too long is stopped.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inputShapeProblem, MAX_INPUT_DEPTH, type Envelope } from '../../../main/contract/api';
import { CheckTimeoutError, createCheckOffload, findWorkerSource } from '../../../main/host/check-offload';
import { createHandlers } from '../../../main/host/handlers';
import { startWebServer } from '../../../main/web/server';
import { EXAMPLE_PATH, makeTempDir } from '../../helpers/sitekit-fixtures';
import { direct, failure, http } from './transports';

const EXAMPLE = readFileSync(fileURLToPath(new URL('../../../resources/examples/plant-a.site.yaml', import.meta.url)), 'utf8');

/** [[[…]]] nested `depth` levels, built without recursion. */
function nested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe('deeply nested input', () => {
  // The HTTP client cannot even serialise 100k levels (JSON.stringify recurses): 40 levels
  // there; the raw body of an attacker is the next test.
  for (const [transport, depth] of [[direct, 100_000], [http, 40]] as const) {
    it(`site.edit with a value nested ${depth} levels deep is invalid input naming the field (${transport.name})`, async () => {
      const logged: unknown[] = [];
      const { api, stop } = await transport.start({ logError: (_m, e) => logged.push(e) });
      try {
        const error = await failure(api.site.edit({ text: EXAMPLE, edits: [{ path: '/metadata/location', value: nested(depth) as never }] }));
        expect(error.code).toBe('invalid-input');
        expect(error.message).toBe(
          `Invalid input for "site.edit": edits.0.value is nested more than ${MAX_INPUT_DEPTH} levels deep (a whole plan is about 8).`,
        );
        // A reasonably nested value still goes through.
        const doc = await api.site.edit({ text: EXAMPLE, edits: [{ path: '/metadata/location', value: nested(10) as never }] });
        expect(doc.status).toBe('invalid');
        expect(logged).toEqual([]);
      } finally {
        await stop();
      }
    });
  }

  it('the web host answers a deeply nested JSON body with invalid-input, not a 500 and a stack trace', async () => {
    const { dir, cleanup } = await makeTempDir();
    const log: string[] = [];
    const handlers = createHandlers({ mode: 'browser', version: 't', examplePath: EXAMPLE_PATH, logError: (m) => log.push(m) });
    const server = await startWebServer({ handlers, rendererDir: dir, log: (line) => log.push(line) });
    try {
      const deep = '['.repeat(100_000) + ']'.repeat(100_000);
      const headers = { Origin: server.origin, Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' };
      for (const [channel, body] of [
        ['site.edit', `{"text":"a: 1\\n","edits":[{"path":"/a","value":${deep}}]}`],
        ['site.check', `{"text":${deep}}`],
        ['app.info', deep],
      ] as const) {
        const res = await fetch(`${server.origin}/api/${channel}`, { method: 'POST', headers, body });
        expect(res.status, channel).toBe(200);
        const envelope = (await res.json()) as Envelope<unknown>;
        expect(envelope, channel).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
        expect(JSON.stringify(envelope)).toMatch(/nested more than 32 levels deep/);
      }
      expect(log).toEqual([]);
    } finally {
      await server.close();
      await cleanup();
    }
  });

  it('measures without recursion, and counts shared references within a budget', () => {
    expect(inputShapeProblem({ text: 'a', edits: [{ path: '/a', value: nested(20) }] })).toBeUndefined();
    expect(inputShapeProblem(nested(1_000_000))).toMatch(/^0\.0\.0 is nested more than 32 levels deep/);
    // 2^25 paths through one shared list (IPC keeps shared references): refused by the value
    // budget, not walked.
    let shared: unknown = [];
    for (let i = 0; i < 25; i++) shared = [shared, shared];
    expect(inputShapeProblem({ value: shared })).toMatch(/holds more than 100000 values/);
    expect(inputShapeProblem({ list: new Array(200_000).fill(0) })).toMatch(/^list holds more than 100000 values/);
  });
});

describe('files that never end', () => {
  it('site.open of a FIFO answers at once instead of waiting for a writer', async () => {
    const { dir, cleanup } = await makeTempDir();
    const fifo = path.join(dir, 'site.yaml');
    execFileSync('mkfifo', [fifo]);
    const { api, stop } = await direct.start();
    try {
      const error = await failure(api.site.open({ path: fifo }));
      expect(error).toMatchObject({ code: 'invalid-input', message: `${fifo} is not a regular file.` });
    } finally {
      await stop();
      await cleanup();
    }
  });
});

describe('large texts are checked off the event loop', () => {
  const big = EXAMPLE.replace('metadata:\n', `metadata:\n  notes: |\n${'    a line of notes that makes the plan large\n'.repeat(4_000)}`);

  it('site.check of a 180 KiB plan answers the same as in-process while timers keep running', async () => {
    expect(findWorkerSource()).toBeDefined();
    expect(big.length).toBeGreaterThan(128 * 1024);
    const handlers = createHandlers({ mode: 'browser', version: 't', examplePath: EXAMPLE_PATH });
    const inProcess = createHandlers({ mode: 'browser', version: 't', examplePath: EXAMPLE_PATH, core: { checkSiteText: (await import('../../../main/core/site/check')).checkSiteText } });
    // In-process, the check is done before the call even returns; in the worker, a timer set
    // after the call fires first.
    const answer = handlers['site.check']({ text: big });
    const first = await Promise.race([answer.then(() => 'check'), new Promise((resolve) => setTimeout(() => resolve('timer'), 1))]);
    expect(first).toBe('timer');
    const expected = await inProcess['site.check']({ text: big });
    expect(await answer).toEqual(expected);
    expect(expected).toMatchObject({ ok: true, value: { status: 'invalid' } });

    // site.edit of a large text goes the same way, FieldEditError included.
    const edited = await handlers['site.edit']({ text: big, edits: [{ path: '/metadata/location', value: 'Hall 4' }] });
    expect(edited).toMatchObject({ ok: true, value: { text: expect.stringContaining('location: Hall 4') } });
    const badPath = await handlers['site.edit']({ text: big, edits: [{ path: '/cluster/dnsServers/9', value: 'x' }] });
    expect(badPath).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('/cluster/dnsServers/9') } });
  });

  it('a check that runs past the time limit is stopped with a clear error, and the next one works', async () => {
    const slow = createCheckOffload({ thresholdChars: 0, timeoutMs: 1 });
    try {
      await expect(slow.check(EXAMPLE)).rejects.toBeInstanceOf(CheckTimeoutError);
      await expect(slow.check(EXAMPLE)).rejects.toThrow(/took longer than 0 s and was stopped/);
    } finally {
      await slow.close();
    }
    const offload = createCheckOffload({ thresholdChars: 0 });
    try {
      expect((await offload.check(EXAMPLE)).status).toBe('ok');
    } finally {
      await offload.close();
    }
  });

  it('without a worker, the work is done in-process', async () => {
    const offload = createCheckOffload({ thresholdChars: 0, workerSource: undefined });
    expect((await offload.check(EXAMPLE)).status).toBe('ok');
    const broken = createCheckOffload({ thresholdChars: 0, workerSource: { kind: 'file', file: '/nonexistent/check-worker.js' } });
    expect((await broken.check(EXAMPLE)).status).toBe('ok');
    await broken.close();
  });
});
