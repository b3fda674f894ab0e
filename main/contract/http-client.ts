// The browser-mode transport: the contract over the web host's loopback HTTP API and its
// event WebSocket. fetch and WebSocket are passed in, so the same client runs in the page
// (renderer/src/api/client.ts passes the window's) and in Node tests.
import {
  EVENTS_PATH,
  HTTP_API_PREFIX,
  WS_PROTOCOL,
  WS_TOKEN_PREFIX,
  bridgeFromCall,
  fail,
  isEnvelope,
  type Envelope,
  type EventListener,
  type SitekitBridge,
  type SitekitEvent,
} from './wire';
import type { Channel } from './api';

export interface WebSocketLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(): void;
}
export type WebSocketCtor = new (url: string, protocols: string[]) => WebSocketLike;
type FetchFn = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{
  status: number;
  json(): Promise<unknown>;
}>;

export interface HttpClientOptions {
  fetch: FetchFn;
  /** Needed only for events; without it onEvent does nothing. */
  WebSocket?: WebSocketCtor;
  /** Extra request headers. Browsers set Origin themselves; Node callers must pass it. */
  headers?: Record<string, string>;
  /** Pause before the event socket reconnects (ms). */
  reconnectDelayMs?: number;
}

export function createHttpClient(origin: string, token: string, options: HttpClientOptions): SitekitBridge {
  const base = origin.replace(/\/+$/, '');

  const call = async (channel: Channel, input: unknown): Promise<Envelope<unknown>> => {
    let response: Awaited<ReturnType<FetchFn>>;
    try {
      response = await options.fetch(`${base}${HTTP_API_PREFIX}${channel}`, {
        method: 'POST',
        headers: {
          ...options.headers,
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
        },
        body: input === undefined ? '' : JSON.stringify(input),
      });
    } catch {
      return fail('unavailable', 'Sitekit does not answer. Is it still running? Start it again and open the new address.');
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (isEnvelope(body)) return body;
    return fail('internal', `Unexpected answer from Sitekit (HTTP ${response.status}).`);
  };

  // Events: one socket, opened while at least one listener is registered.
  const listeners = new Set<EventListener>();
  let socket: WebSocketLike | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    if (!options.WebSocket || socket || listeners.size === 0) return;
    const url = `${base.replace(/^http/, 'ws')}${EVENTS_PATH}`;
    const ws = new options.WebSocket(url, [WS_PROTOCOL, `${WS_TOKEN_PREFIX}${token}`]);
    socket = ws;
    ws.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      let event: SitekitEvent;
      try {
        event = JSON.parse(message.data) as SitekitEvent;
      } catch {
        return;
      }
      if (typeof event?.event !== 'string') return;
      for (const listener of [...listeners]) listener(event);
    };
    ws.onerror = () => {};
    ws.onclose = () => {
      if (socket === ws) socket = undefined;
      if (listeners.size > 0 && retry === undefined) {
        retry = setTimeout(() => {
          retry = undefined;
          connect();
        }, options.reconnectDelayMs ?? 2000);
      }
    };
  };

  const onEvent = (listener: EventListener) => {
    listeners.add(listener);
    connect();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        if (retry !== undefined) clearTimeout(retry);
        retry = undefined;
        const ws = socket;
        socket = undefined;
        ws?.close();
      }
    };
  };

  return bridgeFromCall(call, onEvent);
}
