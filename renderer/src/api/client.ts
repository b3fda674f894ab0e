// The renderer's one connection to Sitekit, and the only module that touches window.*.
// Desktop: the preload's window.sitekit (Electron IPC). Browser mode: the web host's HTTP
// API on this page's own origin, with the one-time token that arrived in the URL fragment.
import type { AppMode } from '../../../main/contract/api';
import { createHttpClient, type WebSocketCtor } from '../../../main/contract/http-client';
import { createApi, type SitekitBridge } from '../../../main/contract/wire';

const TOKEN_KEY = 'sitekit.token';

/**
 * Reads `#token=…` once, keeps it in sessionStorage (this tab and origin only; it survives a
 * reload but not the server, which makes a new token every start) and removes it from the
 * address bar so it is not copied, bookmarked or shown.
 */
function takeToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    try {
      window.sessionStorage.setItem(TOKEN_KEY, match[1]);
    } catch {
      // storage disabled: the token lives only in this page
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return match[1];
  }
  try {
    return window.sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export type Api = ReturnType<typeof createApi>;

export interface Connection {
  api: Api;
  transport: AppMode;
}

export function connect(): Connection {
  if (window.sitekit) return { api: createApi(window.sitekit), transport: 'electron' };
  const bridge: SitekitBridge = createHttpClient(window.location.origin, takeToken(), {
    fetch: (url, init) => window.fetch(url, { ...init, credentials: 'omit', cache: 'no-store' }),
    WebSocket: window.WebSocket as unknown as WebSocketCtor,
  });
  return { api: createApi(bridge), transport: 'browser' };
}

/** Opens the system print dialog for the page (print CSS decides what is on paper). */
export function printPage(): void {
  window.print();
}

/**
 * Listens to key presses anywhere in the window (shortcuts must work even when nothing in the
 * app has focus, e.g. after the focused button went away). Returns the way to stop listening.
 */
export function onWindowKeyDown(listener: (event: KeyboardEvent) => void): () => void {
  window.addEventListener('keydown', listener);
  return () => window.removeEventListener('keydown', listener);
}
