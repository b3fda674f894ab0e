// The web host's door: loopback only, one-time token, Origin and Host checks, no CORS,
// strict CSP, nothing served from outside the renderer folder.
import http from 'node:http';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { CHANNELS, WS_PROTOCOL, WS_TOKEN_PREFIX, ok, type Envelope } from '../../../main/contract/api';
import type { Handlers } from '../../../main/host/handlers';
import { MAX_BODY_BYTES, makeToken, startWebServer, type WebServer } from '../../../main/web/server';
import { makeTempDir } from '../../helpers/sitekit-fixtures';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function send(server: WebServer, method: string, urlPath: string, headers: Record<string, string> = {}, body?: string | Buffer) {
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method, path: urlPath, headers: { host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('web host', () => {
  let server: WebServer;
  let tmp: { dir: string; cleanup: () => Promise<void> };
  const calls: Array<[string, unknown]> = [];
  const good = () => ({
    Origin: server.origin,
    Authorization: `Bearer ${server.token}`,
    'Content-Type': 'application/json',
  });

  beforeAll(async () => {
    tmp = await makeTempDir();
    const renderer = path.join(tmp.dir, 'renderer');
    await mkdir(path.join(renderer, 'assets'), { recursive: true });
    await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Sitekit</title>');
    await writeFile(path.join(renderer, 'assets', 'app.js'), 'export {}');
    await writeFile(path.join(renderer, '.env'), 'SECRET=1');
    await writeFile(path.join(tmp.dir, 'outside.txt'), 'outside');
    const handlers = Object.fromEntries(
      CHANNELS.map((c) => [c, vi.fn(async (input: unknown): Promise<Envelope<unknown>> => (calls.push([c, input]), ok({ c })))]),
    ) as unknown as Handlers;
    server = await startWebServer({ handlers, rendererDir: renderer });
  });
  afterAll(async () => {
    await server.close();
    await tmp.cleanup();
  });

  it('listens on 127.0.0.1 only and puts the token in the URL fragment', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/#token=${server.token}`);
  });

  it('makes a fresh 256-bit token every time', () => {
    const a = makeToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(makeToken()).not.toBe(a);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers a proper call', async () => {
    const res = await send(server, 'POST', '/api/site.check', good(), JSON.stringify({ text: 'x' }));
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true, value: { c: 'site.check' } });
    expect(calls.at(-1)).toEqual(['site.check', { text: 'x' }]);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('passes an empty body as no input', async () => {
    const res = await send(server, 'POST', '/api/app.info', good());
    expect(res.status).toBe(200);
    expect(calls.at(-1)).toEqual(['app.info', undefined]);
  });

  it('refuses a call without the token (401)', async () => {
    const { Authorization: _, ...noToken } = good();
    const res = await send(server, 'POST', '/api/app.info', noToken, '');
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it.each([
    ['a wrong token', 'Bearer not-the-token'],
    ['a token of the right length', `Bearer ${'A'.repeat(43)}`],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
  ])('refuses %s (401)', async (_name, auth) => {
    const res = await send(server, 'POST', '/api/app.info', { ...good(), Authorization: auth }, '');
    expect(res.status).toBe(401);
  });

  it.each([
    ['another site', 'http://evil.example'],
    ['another port', 'http://127.0.0.1:1'],
    ['https', 'https://127.0.0.1'],
    ['null', 'null'],
  ])('refuses an Origin from %s (403)', async (_name, origin) => {
    const res = await send(server, 'POST', '/api/app.info', { ...good(), Origin: origin }, '');
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a call without an Origin (403)', async () => {
    const { Origin: _, ...noOrigin } = good();
    expect((await send(server, 'POST', '/api/app.info', noOrigin, '')).status).toBe(403);
  });

  it('accepts localhost as the same server when Host and Origin agree', async () => {
    const res = await send(
      server,
      'POST',
      '/api/app.info',
      { ...good(), host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` },
      '',
    );
    expect(res.status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) (403)', async () => {
    const res = await send(server, 'POST', '/api/app.info', { ...good(), host: 'evil.example', Origin: 'http://evil.example' }, '');
    expect(res.status).toBe(403);
    expect((await send(server, 'GET', '/', { host: `evil.example:${server.port}` })).status).toBe(403);
  });

  it('never sends CORS headers, not even to a preflight', async () => {
    const preflight = await send(server, 'OPTIONS', '/api/app.info', {
      Origin: 'http://evil.example',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,content-type',
    });
    expect(preflight.status).toBeGreaterThanOrEqual(400);
    for (const res of [preflight, await send(server, 'POST', '/api/app.info', good(), ''), await send(server, 'GET', '/')]) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('only takes POST on the API', async () => {
    expect((await send(server, 'GET', '/api/app.info', good())).status).toBe(405);
  });

  it('says when a call does not exist (404)', async () => {
    const res = await send(server, 'POST', '/api/fs.readAnything', good(), '{}');
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'unknown-call' } });
    expect((await send(server, 'POST', '/api/__proto__', good(), '{}')).status).toBe(404);
  });

  it('wants JSON (415) that parses (400)', async () => {
    expect((await send(server, 'POST', '/api/app.info', { ...good(), 'Content-Type': 'text/plain' }, '{}')).status).toBe(415);
    expect((await send(server, 'POST', '/api/site.check', good(), '{"text":')).status).toBe(400);
  });

  it('refuses bodies over the limit (413)', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
    const res = await send(server, 'POST', '/api/site.check', good(), big);
    expect(res.status).toBe(413);
  });

  it('serves the renderer with a strict CSP and safety headers', async () => {
    const res = await send(server, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Sitekit</title>');
    expect(res.headers['content-type']).toContain('text/html');
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toBe(server.csp);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(csp).not.toMatch(/unsafe-(inline|eval)|https?:\/\/(?!127\.0\.0\.1|localhost)/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const js = await send(server, 'GET', '/assets/app.js');
    expect(js.headers['content-type']).toContain('text/javascript');
  });

  it.each(['/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt', '/.env', '/assets/%00.js', '/nope.js'])(
    'does not serve %s',
    async (p) => {
      const res = await send(server, 'GET', p);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('outside');
      expect(res.body).not.toContain('SECRET');
    },
  );

  describe('event socket', () => {
    const open = (protocols: string[], origin: string | undefined) =>
      new Promise<{ ws?: WebSocket; status?: number }>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events`, protocols, origin ? { origin } : {});
        ws.once('open', () => resolve({ ws }));
        ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode }));
        ws.once('error', () => resolve({}));
      });

    it('delivers events to a page with the token and the right Origin', async () => {
      const { ws } = await open([WS_PROTOCOL, `${WS_TOKEN_PREFIX}${server.token}`], server.origin);
      expect(ws?.protocol).toBe(WS_PROTOCOL);
      const message = new Promise<string>((resolve) => ws!.once('message', (d) => resolve(String(d))));
      server.emit('site.saved', { path: '/s/site.yaml', savedAt: 'now' });
      expect(JSON.parse(await message)).toEqual({ event: 'site.saved', payload: { path: '/s/site.yaml', savedAt: 'now' } });
      ws!.close();
    });

    it('refuses a socket without the token (401)', async () => {
      expect((await open([WS_PROTOCOL], server.origin)).status).toBe(401);
      expect((await open([WS_PROTOCOL, `${WS_TOKEN_PREFIX}wrong`], server.origin)).status).toBe(401);
    });

    it('refuses a socket from another origin (403)', async () => {
      const res = await open([WS_PROTOCOL, `${WS_TOKEN_PREFIX}${server.token}`], 'http://evil.example');
      expect(res.status).toBe(403);
      expect((await open([WS_PROTOCOL, `${WS_TOKEN_PREFIX}${server.token}`], undefined)).status).toBe(403);
    });
  });
});

describe('web host start', () => {
  it('refuses a port that is taken', async () => {
    const { dir, cleanup } = await makeTempDir();
    const handlers = {} as Handlers;
    const first = await startWebServer({ handlers, rendererDir: dir });
    await expect(startWebServer({ handlers, rendererDir: dir, port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await first.close();
    await cleanup();
  });
});
