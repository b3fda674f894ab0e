// What the preload exposes as window.sitekit: one named function per call
// (sitekit.site.open(…), …) plus an event subscription. It never hands out ipcRenderer,
// the IPC event object or any Electron API. Kept apart from index.ts so tests can run it
// with fake ipcRenderer/contextBridge objects.
import type { ContextBridge, IpcRenderer } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  bridgeFromCall,
  ipcChannel,
  isEnvelope,
  fail,
  type Envelope,
  type SitekitBridge,
  type SitekitEvent,
} from '../main/contract/wire';

export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

export function createPreloadBridge(ipcRenderer: IpcRendererLike): SitekitBridge {
  return bridgeFromCall(
    async (channel, input): Promise<Envelope<unknown>> => {
      const answer: unknown = await ipcRenderer.invoke(ipcChannel(channel), input);
      return isEnvelope(answer) ? answer : fail('internal', `The answer to "${channel}" was not understood.`);
    },
    (listener) => {
      const forward = (_event: unknown, message: SitekitEvent) => {
        if (typeof message?.event === 'string') listener({ event: message.event, payload: message.payload } as SitekitEvent);
      };
      ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
      return () => {
        ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
      };
    },
  );
}

export function exposeSitekit(contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>, ipcRenderer: IpcRendererLike): void {
  contextBridge.exposeInMainWorld('sitekit', createPreloadBridge(ipcRenderer));
}
