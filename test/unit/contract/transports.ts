// The three ways the UI reaches the handlers; the contract suite runs against each.
import { expect } from 'vitest';
import WebSocket from 'ws';
import {
  bridgeFromCall,
  SitekitApiError,
  createApi,
  type EventListener,
  type SitekitBridge,
  type SitekitEvent,
} from '../../../main/contract/api';
import { createHttpClient, type WebSocketCtor } from '../../../main/contract/http-client';
import { createIpcEmitter, registerIpc } from '../../../main/electron/ipc';
import { createHandlers, type EmitFn, type HandlerDeps } from '../../../main/host/handlers';
import { startWebServer } from '../../../main/web/server';
import { exposeSitekit } from '../../../preload/bridge';
import { createFakeIpc } from '../../helpers/fake-electron';
import { EXAMPLE_PATH, makeTempDir } from '../../helpers/sitekit-fixtures';

export type Api = ReturnType<typeof createApi>;

export interface Transport {
  name: string;
  start(deps?: Partial<HandlerDeps>): Promise<{ api: Api; stop(): Promise<void> }>;
}

const baseDeps = (mode: 'electron' | 'browser'): HandlerDeps => ({
  mode,
  version: '9.9.9-test',
  examplePath: EXAMPLE_PATH,
});

/** (a) The handler table called directly. */
export const direct: Transport = {
  name: 'handlers (direct)',
  async start(deps) {
    const listeners = new Set<EventListener>();
    const emit: EmitFn = (event, payload) => {
      for (const l of listeners) l({ event, payload } as SitekitEvent);
    };
    const handlers = createHandlers({ ...baseDeps('electron'), emit, ...deps });
    const bridge = bridgeFromCall(
      (channel, input) => handlers[channel](input),
      (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    );
    return { api: createApi(bridge), stop: async () => {} };
  },
};

/** (b) The preload's window.sitekit over an in-memory ipcMain/ipcRenderer pair. */
export const preloadIpc: Transport = {
  name: 'preload over IPC',
  async start(deps) {
    const fake = createFakeIpc();
    const handlers = createHandlers({ ...baseDeps('electron'), emit: createIpcEmitter(() => [fake.webContents]), ...deps });
    const unregister = registerIpc(fake.ipcMain, handlers);
    exposeSitekit(fake.contextBridge, fake.ipcRenderer);
    const bridge = fake.exposed.sitekit as SitekitBridge;
    return { api: createApi(bridge), stop: async () => unregister() };
  },
};

/** (c) The HTTP client against the web host on 127.0.0.1. */
export const http: Transport = {
  name: 'HTTP client over the web host',
  async start(deps) {
    const { dir, cleanup } = await makeTempDir();
    let emit: EmitFn = () => {};
    const handlers = createHandlers({ ...baseDeps('browser'), emit: (e, p) => emit(e, p), ...deps });
    const server = await startWebServer({ handlers, rendererDir: dir });
    emit = server.emit;
    // Node's WebSocket client must say where it comes from, as a browser would.
    class OriginWebSocket extends WebSocket {
      constructor(url: string, protocols: string[]) {
        super(url, protocols, { origin: server.origin });
      }
    }
    const bridge = createHttpClient(server.origin, server.token, {
      fetch: (url, init) => fetch(url, init),
      WebSocket: OriginWebSocket as unknown as WebSocketCtor,
      headers: { Origin: server.origin },
      reconnectDelayMs: 50,
    });
    return {
      api: createApi(bridge),
      stop: async () => {
        await server.close();
        await cleanup();
      },
    };
  },
};

export const TRANSPORTS = [direct, preloadIpc, http];

/** The error a call fails with; fails the test when the call succeeds or throws anything else. */
export async function failure(promise: Promise<unknown>): Promise<SitekitApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SitekitApiError);
    return error as SitekitApiError;
  }
  throw new Error('expected the call to fail');
}
