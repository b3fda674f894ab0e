// Serves the handler table over Electron IPC. Every call first checks that it comes from
// the app's own top-level page (app://sitekit); anything else gets a 'forbidden' envelope.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS, IPC_EVENT_CHANNEL, fail, ipcChannel, type EventName, type SitekitEvents } from '../contract/api';
import type { EmitFn, Handlers } from '../host/handlers';
import { APP_HOST, APP_SCHEME } from './protocol';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent) return false; // gone, or a sub-frame
  try {
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Registers one ipcMain.handle per channel; returns a function that removes them again. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: Handlers,
  trusted: SenderCheck = isTrustedSender,
): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(ipcChannel(channel), async (event, input: unknown) => {
      if (!trusted(event)) return fail('forbidden', 'This page is not allowed to call Sitekit.');
      return handlers[channel](input);
    });
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(ipcChannel(channel));
  };
}

/** Sends events to the app's windows. */
export function createIpcEmitter(targets: () => Array<Pick<WebContents, 'send' | 'isDestroyed'>>): EmitFn {
  return <E extends EventName>(event: E, payload: SitekitEvents[E]) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, { event, payload });
    }
  };
}
