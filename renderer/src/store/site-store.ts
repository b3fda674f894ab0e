// State of the open site: the text being edited, the last check of it and what the app is
// doing. The API is injected, so tests and both modes only swap the client.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AppInfo, SiteDocument, SitekitApi } from '../../../main/contract/api';
import type { Site } from '../../../main/core/site/schema';

export type Phase = 'starting' | 'idle' | 'opening' | 'checking' | 'saving';

export interface SiteState {
  info?: AppInfo;
  /** The last answer for the current file: what the checks said about `checkedText`. */
  doc?: SiteDocument;
  /** File the text belongs to, and whether it may be saved in place. */
  path?: string;
  readOnly: boolean;
  /** Text in the editor. */
  draft: string;
  /** Text that `doc` describes. */
  checkedText: string;
  /** Text as last opened or saved. */
  savedText: string;
  /** The last plan that could be read; shown while the text is broken. */
  lastSite?: Site;
  phase: Phase;
  /** Last failed call, in words for the technician. */
  error?: string;
  /** Short confirmation, e.g. after saving. */
  notice?: string;

  start(): Promise<void>;
  openExample(): Promise<void>;
  open(path: string): Promise<void>;
  setDraft(text: string): void;
  check(): Promise<void>;
  save(path?: string): Promise<void>;
  revert(): Promise<void>;
  dismissMessages(): void;
}

export type SiteStore = StoreApi<SiteState>;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createSiteStore(api: Pick<SitekitApi, 'app' | 'site'>): SiteStore {
  return createStore<SiteState>()((set, get) => {
    const loaded = (doc: SiteDocument) => {
      set({
        doc,
        path: doc.path,
        readOnly: doc.readOnly,
        draft: doc.text,
        checkedText: doc.text,
        savedText: doc.text,
        lastSite: doc.site ?? get().lastSite,
        phase: 'idle',
        error: undefined,
      });
    };
    const failed = (error: unknown) => set({ phase: 'idle', error: message(error) });

    return {
      readOnly: true,
      draft: '',
      checkedText: '',
      savedText: '',
      phase: 'starting',

      async start() {
        set({ phase: 'starting', error: undefined });
        try {
          const info = await api.app.info();
          set({ info });
          loaded(info.initialSitePath ? await api.site.open({ path: info.initialSitePath }) : await api.site.openExample());
        } catch (error) {
          failed(error);
        }
      },

      async openExample() {
        set({ phase: 'opening', error: undefined, notice: undefined });
        try {
          loaded(await api.site.openExample());
        } catch (error) {
          failed(error);
        }
      },

      async open(path) {
        set({ phase: 'opening', error: undefined, notice: undefined });
        try {
          loaded(await api.site.open({ path }));
        } catch (error) {
          failed(error);
        }
      },

      setDraft(text) {
        set({ draft: text, notice: undefined });
      },

      async check() {
        const text = get().draft;
        set({ phase: 'checking', error: undefined, notice: undefined });
        try {
          const doc = await api.site.check({ text });
          // Keep where the text came from; a check is about text, not a file.
          set((s) => ({
            doc: { ...doc, path: s.path, readOnly: s.readOnly },
            checkedText: text,
            lastSite: doc.site ?? s.lastSite,
            phase: 'idle',
          }));
        } catch (error) {
          failed(error);
        }
      },

      async save(path) {
        const target = path ?? get().path;
        if (!target) return set({ error: 'Choose where to save the plan first.' });
        const text = get().draft;
        set({ phase: 'saving', error: undefined, notice: undefined });
        try {
          const saved = await api.site.save({ path: target, text });
          loaded(saved);
          set({ notice: `Saved to ${saved.path}.` });
        } catch (error) {
          failed(error);
        }
      },

      async revert() {
        const { savedText, checkedText } = get();
        set({ draft: savedText, notice: undefined });
        if (checkedText !== savedText) await get().check();
      },

      dismissMessages() {
        set({ error: undefined, notice: undefined });
      },
    };
  });
}
