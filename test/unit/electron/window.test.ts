import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_URL } from '../../../main/electron/protocol';
import { createMainWindow, mainWindowOptions } from '../../../main/electron/window';

describe('main window', () => {
  it('uses the hardened webPreferences', () => {
    expect(mainWindowOptions({ preload: '/app/out/preload/index.js' }).webPreferences).toMatchInlineSnapshot(`
      {
        "contextIsolation": true,
        "nodeIntegration": false,
        "nodeIntegrationInSubFrames": false,
        "nodeIntegrationInWorker": false,
        "preload": "/app/out/preload/index.js",
        "safeDialogs": true,
        "sandbox": true,
        "spellcheck": false,
        "webviewTag": false,
      }
    `);
  });

  it('never weakens web security', () => {
    const prefs = mainWindowOptions({ preload: '/p.js' }).webPreferences!;
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.allowRunningInsecureContent).not.toBe(true);
    expect(prefs.experimentalFeatures).not.toBe(true);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
  });

  it('is created through the injected class, shown when ready, and loads app://sitekit', async () => {
    const created: FakeWindow[] = [];
    class FakeWindow {
      shown = false;
      loaded: string[] = [];
      readyListeners: Array<() => void> = [];
      constructor(readonly options: BrowserWindowConstructorOptions) {
        created.push(this);
      }
      once(_event: 'ready-to-show', listener: () => void) {
        this.readyListeners.push(listener);
        return this;
      }
      show() {
        this.shown = true;
      }
      async loadURL(url: string) {
        this.loaded.push(url);
      }
    }
    const win = createMainWindow(FakeWindow, { preload: '/p.js' });
    expect(created).toEqual([win]);
    expect(win.options.show).toBe(false);
    expect(win.options.webPreferences?.sandbox).toBe(true);
    expect(win.loaded).toEqual([APP_URL]);
    expect(APP_URL).toBe('app://sitekit/index.html');
    expect(win.shown).toBe(false);
    win.readyListeners.forEach((l) => l());
    expect(win.shown).toBe(true);
  });
});
