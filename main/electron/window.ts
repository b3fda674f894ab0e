// The main window. The BrowserWindow class is injected so tests can pass a fake.
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_URL } from './protocol';

export interface WindowPaths {
  /** Absolute path of the bundled preload (out/preload/index.js). */
  preload: string;
  /** Page to load; app://sitekit/index.html by default. */
  url?: string;
  icon?: string;
}

export function mainWindowOptions(paths: WindowPaths): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    title: 'ACP Sitekit',
    show: false,
    backgroundColor: '#f2f2f2',
    ...(paths.icon ? { icon: paths.icon } : {}),
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      safeDialogs: true,
      spellcheck: false,
      // webSecurity, allowRunningInsecureContent and experimentalFeatures keep their safe defaults.
    },
  };
}

/** What this module needs from a BrowserWindow. */
export interface WindowLike {
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  loadURL(url: string): Promise<void>;
}

export function createMainWindow<W extends WindowLike>(
  BrowserWindowCtor: new (options: BrowserWindowConstructorOptions) => W,
  paths: WindowPaths,
): W {
  const win = new BrowserWindowCtor(mainWindowOptions(paths));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(paths.url ?? APP_URL);
  return win;
}
