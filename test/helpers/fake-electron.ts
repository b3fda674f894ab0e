// In-memory stand-ins for the Electron objects the adapter and the preload use. They never
// load the real 'electron' module (whose first require downloads the binary). Values cross
// the fake IPC through structuredClone, as they would cross real IPC.
import type { IpcMain } from 'electron';
import { EventEmitter } from 'node:events';
import type { IpcRendererLike } from '../../preload/bridge';

type Listener = (...args: unknown[]) => void;
type MainHandler = (event: unknown, ...args: unknown[]) => unknown;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export function createFakeIpc(options: { senderUrl?: string; subFrame?: boolean } = {}) {
  const top: FakeFrame = { url: options.senderUrl ?? 'app://sitekit/index.html', parent: null };
  const frame: FakeFrame = options.subFrame ? { url: top.url, parent: top } : top;
  const mainHandlers = new Map<string, MainHandler>();
  const rendererListeners = new Map<string, Set<Listener>>();
  const exposed: Record<string, unknown> = {};

  const ipcMain = {
    handle(channel: string, handler: MainHandler) {
      if (mainHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      mainHandlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      mainHandlers.delete(channel);
    },
  };

  const webContents = {
    destroyed: false,
    isDestroyed() {
      return this.destroyed;
    },
    send(channel: string, ...args: unknown[]) {
      const copy = structuredClone(args);
      for (const listener of rendererListeners.get(channel) ?? []) listener({ sender: 'ipcRenderer' }, ...copy);
    },
  };

  const ipcRenderer = {
    async invoke(channel: string, ...args: unknown[]) {
      const handler = mainHandlers.get(channel);
      if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered for '${channel}'`);
      const event = { senderFrame: frame, sender: webContents, frameId: 1, processId: 1 };
      return structuredClone(await handler(event, ...structuredClone(args)));
    },
    on(channel: string, listener: Listener) {
      const set = rendererListeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      rendererListeners.set(channel, set);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      rendererListeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };

  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (key in exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
      exposed[key] = api;
    },
  };

  return {
    ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>,
    ipcRenderer: ipcRenderer as unknown as IpcRendererLike,
    webContents,
    contextBridge,
    exposed,
    frame,
    mainHandlers,
    rendererListeners,
  };
}

/** A WebContents-like emitter that records the window-open handler. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: string };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

/** A Session-like object that records the permission handlers. */
export class FakeSession {
  permissionRequestHandler?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
  permissionCheckHandler?: (...args: unknown[]) => boolean;
  devicePermissionHandler?: (...args: unknown[]) => boolean;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']) {
    this.devicePermissionHandler = handler;
  }
}

/** A navigation event as Electron passes it: preventDefault() plus the target URL. */
export function navigationEvent(url: string) {
  let prevented = false;
  return {
    url,
    preventDefault() {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}
