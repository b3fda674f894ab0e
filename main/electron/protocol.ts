// The renderer is served from app://sitekit/ (a standard, secure custom scheme), never from
// file://. Only files of the built renderer are served, each with the strict CSP header.
import type { CustomScheme } from 'electron';
import { promises as fs } from 'node:fs';
import { contentSecurityPolicy } from '../host/csp';
import { contentTypeFor, resolveStaticPath } from '../host/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'sitekit';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Pass to protocol.registerSchemesAsPrivileged before the app is ready. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

export const APP_CSP = contentSecurityPolicy({ forHeader: true });

/** The handler for protocol.handle('app', …). */
export function createAppProtocolHandler(
  rendererDir: string,
  readFile: (file: string) => Promise<Uint8Array> = (file) => fs.readFile(file),
): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers = { 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': APP_CSP };
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return new Response('Bad request', { status: 400, headers });
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) {
      return new Response('Not found', { status: 404, headers });
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers });
    }
    const file = resolveStaticPath(rendererDir, url.pathname);
    if (!file) return new Response('Not found', { status: 404, headers });
    try {
      const data = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : data, {
        status: 200,
        headers: { ...headers, 'Content-Type': contentTypeFor(file) },
      });
    } catch {
      return new Response('Not found', { status: 404, headers });
    }
  };
}
