import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, IPC_EVENT_CHANNEL, ipcChannel, ok, type Envelope } from '../../../main/contract/api';
import { createIpcEmitter, isTrustedSender, registerIpc } from '../../../main/electron/ipc';
import type { Handlers } from '../../../main/host/handlers';
import { createPreloadBridge } from '../../../preload/bridge';
import { createFakeIpc } from '../../helpers/fake-electron';

const senderAt = (url: string, parent: unknown = null) =>
  ({ senderFrame: { url, parent } }) as unknown as IpcMainInvokeEvent;

function spyHandlers() {
  const handlers = {} as Record<string, ReturnType<typeof vi.fn>>;
  for (const c of CHANNELS) handlers[c] = vi.fn(async (input: unknown): Promise<Envelope<unknown>> => ok({ channel: c, input }));
  return handlers as unknown as Handlers & Record<string, ReturnType<typeof vi.fn>>;
}

describe('IPC sender check', () => {
  it('trusts only the app page in the top frame', () => {
    expect(isTrustedSender(senderAt('app://sitekit/index.html'))).toBe(true);
    expect(isTrustedSender(senderAt('app://sitekit/index.html#/x?y'))).toBe(true);
  });

  it.each([
    ['a sub-frame of the app', senderAt('app://sitekit/index.html', { url: 'app://sitekit/' })],
    ['another app:// host', senderAt('app://evil/index.html')],
    ['a look-alike host', senderAt('app://sitekit.evil.example/index.html')],
    ['file://', senderAt('file:///work/main/out/renderer/index.html')],
    ['the web host', senderAt('http://127.0.0.1:4000/')],
    ['https', senderAt('https://sitekit/')],
    ['about:blank', senderAt('about:blank')],
    ['an unparsable URL', senderAt('not a url')],
    ['a destroyed frame', { senderFrame: null } as unknown as IpcMainInvokeEvent],
  ])('rejects %s', (_name, event) => {
    expect(isTrustedSender(event)).toBe(false);
  });
});

describe('registerIpc', () => {
  it('registers one handler per channel and removes them again', () => {
    const fake = createFakeIpc();
    const unregister = registerIpc(fake.ipcMain, spyHandlers());
    expect([...fake.mainHandlers.keys()].sort()).toEqual(CHANNELS.map(ipcChannel).sort());
    unregister();
    expect(fake.mainHandlers.size).toBe(0);
  });

  it('answers an untrusted sender with "forbidden" and never calls the handler', async () => {
    const fake = createFakeIpc({ senderUrl: 'https://evil.example/' });
    const handlers = spyHandlers();
    registerIpc(fake.ipcMain, handlers);
    const bridge = createPreloadBridge(fake.ipcRenderer);
    const answer = await bridge.site.open({ path: '/etc/passwd' });
    expect(answer).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(handlers['site.open']).not.toHaveBeenCalled();
  });

  it('rejects a sub-frame of the app too', async () => {
    const fake = createFakeIpc({ subFrame: true });
    const handlers = spyHandlers();
    registerIpc(fake.ipcMain, handlers);
    const answer = await createPreloadBridge(fake.ipcRenderer).app.info();
    expect(answer.ok).toBe(false);
    expect(handlers['app.info']).not.toHaveBeenCalled();
  });

  it('passes a trusted call through with its input', async () => {
    const fake = createFakeIpc();
    const handlers = spyHandlers();
    registerIpc(fake.ipcMain, handlers);
    const answer = await createPreloadBridge(fake.ipcRenderer).site.check({ text: 'a: 1' });
    expect(answer).toEqual({ ok: true, value: { channel: 'site.check', input: { text: 'a: 1' } } });
  });

  it('accepts a custom sender check', async () => {
    const fake = createFakeIpc();
    const handlers = spyHandlers();
    registerIpc(fake.ipcMain, handlers, () => false);
    expect((await createPreloadBridge(fake.ipcRenderer).app.info()).ok).toBe(false);
  });
});

describe('preload bridge', () => {
  it('exposes only named functions and an event subscription, never ipcRenderer', () => {
    const fake = createFakeIpc();
    createPreloadBridge(fake.ipcRenderer);
    const bridge = createPreloadBridge(fake.ipcRenderer) as unknown as Record<string, unknown>;
    expect(Object.keys(bridge).sort()).toEqual(['app', 'bundle', 'cluster', 'export', 'onEvent', 'probe', 'report', 'secrets', 'settings', 'site']);
    const flat = Object.entries(bridge).flatMap(([k, v]) =>
      typeof v === 'function' ? [[k, v]] : Object.entries(v as object).map(([m, f]) => [`${k}.${m}`, f]),
    );
    expect(flat.map(([name]) => name).sort()).toEqual([...CHANNELS, 'onEvent'].sort());
    for (const [, fn] of flat) expect(typeof fn).toBe('function');
    expect(JSON.stringify(Object.keys(bridge))).not.toMatch(/invoke|send|ipc/i);
  });

  it('delivers events without the IPC event object, and unsubscribes', () => {
    const fake = createFakeIpc();
    const bridge = createPreloadBridge(fake.ipcRenderer);
    const seen: unknown[] = [];
    const off = bridge.onEvent((e) => seen.push(e));
    const emit = createIpcEmitter(() => [fake.webContents]);
    emit('site.saved', { path: '/x/site.yaml', savedAt: '2026-01-01T00:00:00.000Z' });
    expect(seen).toEqual([{ event: 'site.saved', payload: { path: '/x/site.yaml', savedAt: '2026-01-01T00:00:00.000Z' } }]);
    off();
    emit('site.saved', { path: '/y', savedAt: '' });
    expect(seen).toHaveLength(1);
    expect(fake.rendererListeners.get(IPC_EVENT_CHANNEL)?.size).toBe(0);
  });

  it('does not send events to destroyed windows', () => {
    const fake = createFakeIpc();
    const seen: unknown[] = [];
    createPreloadBridge(fake.ipcRenderer).onEvent((e) => seen.push(e));
    fake.webContents.destroyed = true;
    createIpcEmitter(() => [fake.webContents])('site.saved', { path: '/x', savedAt: '' });
    expect(seen).toEqual([]);
  });
});
