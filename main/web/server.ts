// The web host: the same handlers as the desktop app, over HTTP on the loopback interface,
// for browser mode and end-to-end tests. It is a door into the technician's files, so:
//   - it listens on 127.0.0.1 only;
//   - every start makes a new random token (32 bytes); every API call and the event socket
//     must present it (API: `Authorization: Bearer <token>`; WebSocket: sub-protocol
//     `sitekit.token.<token>`, since browsers cannot set headers on a WebSocket);
//   - API calls and the socket must carry an Origin equal to the server's own origin, and
//     the Host header must name this server (no DNS rebinding);
//   - no CORS headers are ever sent, so other web pages cannot read answers;
//   - the page gets the token in the URL fragment (`/#token=…`), which browsers never send
//     to a server or put into a Referer; the client module reads it once and removes it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  EVENTS_PATH,
  HTTP_API_PREFIX as API_PREFIX,
  MAX_TEXT_BYTES,
  WS_PROTOCOL,
  WS_TOKEN_PREFIX,
  fail,
  isChannel,
  type Envelope,
  type EventName,
  type SitekitEvents,
} from '../contract/api';
import { contentSecurityPolicy } from '../host/csp';
import type { EmitFn, Handlers } from '../host/handlers';
import { contentTypeFor, resolveStaticPath } from '../host/static-files';

export const HOST = '127.0.0.1';
/** JSON of the largest allowed text, with room for escaping. */
export const MAX_BODY_BYTES = 3 * MAX_TEXT_BYTES + 64 * 1024;

export interface WebServerOptions {
  handlers: Handlers;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Only for tests; normally a fresh random token is made. */
  token?: string;
  log?: (line: string) => void;
}

export interface WebServer {
  /** Address to open, with the token in the fragment. */
  url: string;
  origin: string;
  token: string;
  port: number;
  /** Header value of the Content-Security-Policy sent with every page. */
  csp: string;
  emit: EmitFn;
  close(): Promise<void>;
}

export function makeToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const BASE_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=()',
};

function sendJson(res: http.ServerResponse, status: number, body: Envelope<unknown>, extra: Record<string, string> = {}) {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(data),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(data);
}

class BodyTooLarge extends Error {}

async function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function rejectUpgrade(socket: Duplex, status: number, reason: string) {
  const body = JSON.stringify(fail(status === 401 ? 'unauthorized' : 'forbidden', reason));
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n` +
      'Connection: close\r\nContent-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? makeToken();
  const log = options.log ?? (() => {});
  let port = 0;
  let csp = '';
  const allowedHosts = () => [`${HOST}:${port}`, `localhost:${port}`];
  const hostOk = (host: string | undefined) => host !== undefined && allowedHosts().includes(host.toLowerCase());
  /** The page's origin as reached (127.0.0.1 or localhost); only meaningful once hostOk. */
  const originOk = (req: http.IncomingMessage) => {
    const origin = req.headers.origin;
    return origin !== undefined && origin === `http://${(req.headers.host ?? '').toLowerCase()}`;
  };
  const bearer = (req: http.IncomingMessage) => {
    const auth = req.headers.authorization;
    return auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : undefined;
  };

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    if (req.method !== 'POST') {
      return sendJson(res, 405, fail('invalid-input', 'API calls must use POST.'), { Allow: 'POST' });
    }
    if (!originOk(req)) {
      return sendJson(res, 403, fail('forbidden', 'API calls are only accepted from the Sitekit page itself (Origin check).'));
    }
    if (!sameSecret(bearer(req), token)) {
      return sendJson(res, 401, fail('unauthorized', 'Missing or wrong access token. Open the address Sitekit printed at start.'));
    }
    const name = pathname.slice(API_PREFIX.length);
    if (!isChannel(name)) return sendJson(res, 404, fail('unknown-call', `There is no "${name}" call.`));
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
      return sendJson(res, 415, fail('invalid-input', 'API calls must send JSON (Content-Type: application/json).'));
    }
    let body: string;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        return sendJson(res, 413, fail('too-large', `The request is larger than ${MAX_BODY_BYTES} bytes.`));
      }
      throw error;
    }
    let input: unknown;
    if (body.trim() !== '') {
      try {
        input = JSON.parse(body);
      } catch {
        return sendJson(res, 400, fail('invalid-input', 'The request body is not valid JSON.'));
      }
    }
    const envelope = await options.handlers[name](input);
    sendJson(res, 200, envelope);
  }

  async function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...BASE_HEADERS, Allow: 'GET, HEAD' });
      return res.end();
    }
    const file = resolveStaticPath(options.rendererDir, pathname);
    const stat = file ? await fs.stat(file).catch(() => undefined) : undefined;
    if (!file || !stat?.isFile()) {
      res.writeHead(404, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': csp });
      return res.end('Not found\n');
    }
    const data = await fs.readFile(file);
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': contentTypeFor(file),
      'Content-Length': data.length,
      'Content-Security-Policy': csp,
      'Cache-Control': file.endsWith('.html') ? 'no-store' : 'no-cache',
    });
    res.end(req.method === 'HEAD' ? undefined : data);
  }

  const server = http.createServer((req, res) => {
    const work = async () => {
      if (!hostOk(req.headers.host)) {
        return sendJson(res, 403, fail('forbidden', 'Unknown Host header; open the address Sitekit printed.'));
      }
      const { pathname } = new URL(req.url ?? '/', `http://${HOST}`);
      if (pathname.startsWith(API_PREFIX)) return handleApi(req, res, pathname);
      if (pathname === EVENTS_PATH) {
        return sendJson(res, 426, fail('invalid-input', 'This address is a WebSocket.'), { Upgrade: 'websocket' });
      }
      return handleStatic(req, res, pathname);
    };
    work().catch((error: unknown) => {
      log(`web host: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'The Sitekit web host hit an unexpected problem.'));
      else res.destroy();
    });
  });

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const clients = new Set<WebSocket>();
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => clients.delete(ws));
    // The socket is one-way (server → page); anything the page sends is ignored.
  });

  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (!hostOk(req.headers.host)) return rejectUpgrade(socket, 403, 'Unknown Host header.');
    const { pathname } = new URL(req.url ?? '/', `http://${HOST}`);
    if (pathname !== EVENTS_PATH) return rejectUpgrade(socket, 403, 'No WebSocket here.');
    if (!originOk(req)) return rejectUpgrade(socket, 403, 'Wrong or missing Origin.');
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const given = offered.find((p) => p.startsWith(WS_TOKEN_PREFIX))?.slice(WS_TOKEN_PREFIX.length);
    if (!sameSecret(given, token) || !offered.includes(WS_PROTOCOL)) {
      return rejectUpgrade(socket, 401, 'Missing or wrong access token.');
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://${HOST}:${port}`;
  csp = contentSecurityPolicy({ connect: [`ws://${HOST}:${port}`, `ws://localhost:${port}`], forHeader: true });

  const emit: EmitFn = <E extends EventName>(event: E, payload: SitekitEvents[E]) => {
    const message = JSON.stringify({ event, payload });
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(message);
  };

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    csp,
    emit,
    close: async () => {
      for (const ws of clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
