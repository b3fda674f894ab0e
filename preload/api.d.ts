// window.sitekit, as exposed by preload/bridge.ts (absent in browser mode).
import type { SitekitBridge } from '../main/contract/wire';

declare global {
  interface Window {
    sitekit?: SitekitBridge;
  }
}

export {};
