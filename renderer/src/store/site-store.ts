// State of the open site and the wizard around it: the text (the one truth: every form field
// edits it through `site.edit`, so comments and order survive), the last check of it, undo and
// redo, autosave for crash recovery, the current step and the field to focus. The API is
// injected, so tests and both modes only swap the client.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  AppInfo,
  FieldEdit,
  InventoryView,
  SaveResult,
  SiteDocument,
  SiteRecovery,
  SitekitApi,
} from '../../../main/contract/api';
import type { Site } from '../../../main/core/site/schema';
import { stepForPath } from '../../../main/core/validation/step';
import { withHardwareFindings } from './hardware-findings';
import { STEPS, type Step } from '../../../main/core/validation/finding';

export type Phase = 'starting' | 'idle' | 'opening' | 'saving';
export type SiteDialog = 'open' | 'new' | 'save-as';

/** How long typing in the YAML editor pauses before the text is checked. */
export const CHECK_DELAY_MS = 150;
/** How long the plan must be quiet before it is autosaved. */
export const AUTOSAVE_DELAY_MS = 800;
const MAX_HISTORY = 200;

export interface SiteState {
  info?: AppInfo;
  /** The last answer about the text (findings, parsed plan, plain data). */
  doc?: SiteDocument;
  /** File the text belongs to (the example's path for the example) and whether it may be saved in place. */
  path?: string;
  readOnly: boolean;
  /** The plan's YAML as it is now. */
  text: string;
  /** Text as last opened or saved. */
  savedText: string;
  /** The last plan that could be read; pictures show it while the text is broken. */
  lastSite?: Site;
  /** Texts before each change (undo) and after (redo). */
  past: string[];
  future: string[];
  phase: Phase;
  /** A check or edit is on its way; `doc` may describe an older text. */
  checking: boolean;
  step: Step;
  /** Field to bring into view; `seq` changes on every request so the same field can be asked twice. */
  focus?: { path: string; seq: number };
  /** Hardware found by the last probe of this site (empty until probed). */
  inventories: InventoryView[];
  /** Unsaved edits found from an earlier session that ended without saving. */
  recovery?: SiteRecovery;
  recent: string[];
  autosavedAt?: string;
  /** A location is being asked for in the page (browser mode has no native dialogs). */
  dialog?: SiteDialog;
  /** Last failed call, in words for the technician. */
  error?: string;
  /** Short confirmation, e.g. after saving. */
  notice?: string;

  start(): Promise<void>;
  openExample(): Promise<void>;
  /** Opens a site file; false when it could not be opened (the error says why). */
  open(path: string): Promise<boolean>;
  /**
   * Changes fields (JSON pointers into site.yaml); one undo step. Edits of the same `group` in
   * a row (one visit to a text field, committed at each pause in typing) are one step together.
   */
  edit(edits: FieldEdit[], options?: { group?: string }): Promise<void>;
  /** Replaces the whole text (the YAML editor); checked after a short pause. */
  setText(text: string): void;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Saves in place (or, with `as`, always asks where); resolves to the saved path (undefined when cancelled). */
  save(options?: { as?: boolean }): Promise<string | undefined>;
  saveAs(path: string): Promise<string | undefined>;
  /** Asks for a site file to open (native dialog, or the page's own). */
  chooseAndOpen(): Promise<void>;
  /** Starts a site from the reference example in `dir`. */
  newSite(dir: string, name: string): Promise<boolean>;
  showDialog(dialog: SiteDialog): void;
  closeDialog(): void;
  revert(): Promise<void>;
  restoreRecovery(): Promise<void>;
  discardRecovery(): Promise<void>;
  goTo(step: Step): void;
  /** Opens the step of a field and focuses it. */
  focusField(path: string): void;
  loadInventories(): Promise<void>;
  /** A call wrote the site file (proposals applied): take its text as saved. */
  siteReplaced(doc: SaveResult): void;
  dismissMessages(): void;
}

export type SiteStore = StoreApi<SiteState>;

type StoreApiNeeds = Pick<SitekitApi, 'app' | 'site'> & { probe: Pick<SitekitApi['probe'], 'inventories'> };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface SiteStoreOptions {
  /** Timers, replaceable in tests. */
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

export function createSiteStore(api: StoreApiNeeds, options: SiteStoreOptions = {}): SiteStore {
  const later = options.setTimeout ?? ((fn: () => void, ms: number) => globalThis.setTimeout(fn, ms));
  const cancel = options.clearTimeout ?? ((h: unknown) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>));

  return createStore<SiteState>()((set, get) => {
    // Every text change runs through this chain, so edits apply to the latest text in order.
    let chain: Promise<unknown> = Promise.resolve();
    const serial = <T>(job: () => Promise<T>): Promise<T> => {
      const next = chain.then(job, job);
      chain = next.catch(() => undefined);
      return next;
    };
    let checkTimer: unknown;
    let autosaveTimer: unknown;
    let focusSeq = 0;
    let saveAsResolve: ((path: string | undefined) => void) | undefined;

    const failed = (error: unknown) => set({ phase: 'idle', checking: false, error: message(error) });

    const scheduleAutosave = () => {
      if (autosaveTimer !== undefined) cancel(autosaveTimer);
      autosaveTimer = later(() => {
        autosaveTimer = undefined;
        const { path, text, savedText, autosavedAt } = get();
        if (!path) return;
        if (text === savedText) {
          // Back to what the file says (undo, typing it back): an older draft must not come back later.
          if (autosavedAt) {
            set({ autosavedAt: undefined });
            api.site.discardRecovery({ path }).catch(() => undefined);
          }
          return;
        }
        api.site.autosave({ path, text }).then(
          (r) => set({ autosavedAt: r.savedAt }),
          () => undefined, // autosave is a safety net; a failure must not interrupt the technician
        );
      }, AUTOSAVE_DELAY_MS);
    };

    /** Records a new text as one undo step. */
    // The host's answer about the text; what the store shows adds the findings of the stored
    // hardware (so a MAC that the probe contradicts is flagged under its field like any rule).
    let hostDoc: SiteDocument | undefined;
    const shown = (doc: SiteDocument, inventories = get().inventories): SiteDocument => {
      hostDoc = doc;
      return withHardwareFindings(doc, inventories);
    };

    // The last grouped edit and the text it left: the next edit of that group, on that text, joins its undo step.
    let openGroup: { group: string; text: string } | undefined;

    const changed = (before: string, doc: SiteDocument, group?: string) => {
      const joins = group !== undefined && openGroup?.group === group && openGroup.text === before;
      openGroup = group !== undefined ? { group, text: doc.text } : undefined;
      set((s) => ({
        doc: shown({ ...doc, readOnly: s.readOnly, ...(s.path ? { path: s.path } : {}) }),
        text: doc.text,
        lastSite: doc.site ?? s.lastSite,
        past: before === doc.text || joins ? s.past : [...s.past, before].slice(-MAX_HISTORY),
        future: before === doc.text ? s.future : [],
        checking: false,
        error: undefined,
      }));
      scheduleAutosave();
    };

    const checkText = async (text: string): Promise<void> => {
      const doc = await api.site.check({ text });
      // Only the answer for the text still shown counts.
      if (get().text !== text) return;
      set((s) => ({
        doc: shown({ ...doc, readOnly: s.readOnly, ...(s.path ? { path: s.path } : {}) }),
        lastSite: doc.site ?? s.lastSite,
        checking: false,
      }));
    };

    const loaded = (doc: SiteDocument) => {
      set({
        doc: shown(doc, []),
        path: doc.path,
        readOnly: doc.readOnly,
        text: doc.text,
        savedText: doc.text,
        lastSite: doc.site ?? get().lastSite,
        past: [],
        future: [],
        phase: 'idle',
        checking: false,
        recovery: doc.recovery,
        inventories: [],
        autosavedAt: undefined,
        error: undefined,
      });
      void get().loadInventories();
      void api.site.recent().then((recent) => set({ recent }), () => undefined);
    };

    const opening = async (load: () => Promise<SiteDocument>): Promise<boolean> => {
      set({ phase: 'opening', error: undefined, notice: undefined });
      try {
        await serial(async () => loaded(await load()));
        return true;
      } catch (error) {
        failed(error);
        return false;
      }
    };

    const writeTo = async (target: string): Promise<string | undefined> => {
      set({ phase: 'saving', error: undefined, notice: undefined });
      try {
        return await serial(async () => {
          const saved = await api.site.save({ path: target, text: get().text });
          const { past, future } = get();
          loaded(saved);
          set({ past, future, notice: `Saved to ${saved.path}.` });
          return saved.path;
        });
      } catch (error) {
        failed(error);
        return undefined;
      }
    };

    return {
      readOnly: true,
      text: '',
      savedText: '',
      past: [],
      future: [],
      phase: 'starting',
      checking: false,
      step: 'site',
      inventories: [],
      recent: [],

      async start() {
        set({ phase: 'starting', error: undefined });
        try {
          const info = await api.app.info();
          set({ info });
          await opening(() => (info.initialSitePath ? api.site.open({ path: info.initialSitePath }) : api.site.openExample()));
        } catch (error) {
          failed(error);
        }
      },

      async openExample() {
        await opening(() => api.site.openExample());
      },
      async open(path) {
        const ok = await opening(() => api.site.open({ path }));
        if (ok) set({ dialog: undefined, step: 'site' });
        return ok;
      },

      async chooseAndOpen() {
        try {
          const chosen = await api.site.choose({ purpose: 'open-site' });
          if (chosen.supported) {
            if (chosen.path) await get().open(chosen.path);
            return;
          }
        } catch {
          // no dialog: ask in the page
        }
        set({ dialog: 'open' });
      },

      async newSite(dir, name) {
        set({ phase: 'opening', error: undefined, notice: undefined });
        try {
          const created = await serial(() => api.site.new({ dir, name }));
          loaded(created);
          set({ dialog: undefined, step: 'site', notice: `Started ${created.path} from the reference example.` });
          return true;
        } catch (error) {
          failed(error);
          return false;
        }
      },

      showDialog(dialog) {
        set({ dialog, error: undefined });
      },

      closeDialog() {
        const wasSaveAs = get().dialog === 'save-as';
        set({ dialog: undefined });
        if (wasSaveAs) {
          saveAsResolve?.(undefined);
          saveAsResolve = undefined;
        }
      },

      async edit(edits, options) {
        set({ checking: true, notice: undefined });
        try {
          await serial(async () => {
            const before = get().text;
            changed(before, await api.site.edit({ text: before, edits }), options?.group);
          });
        } catch (error) {
          failed(error);
        }
      },

      setText(text) {
        const before = get().text;
        if (text === before) return;
        // One undo step per pause in typing: the text before the burst goes on the stack once.
        set((s) => ({
          text,
          checking: true,
          notice: undefined,
          past: s.doc && s.doc.text === before ? [...s.past, before].slice(-MAX_HISTORY) : s.past,
          future: [],
        }));
        if (checkTimer !== undefined) cancel(checkTimer);
        checkTimer = later(() => {
          checkTimer = undefined;
          serial(() => checkText(get().text)).catch(failed);
        }, CHECK_DELAY_MS);
        scheduleAutosave();
      },

      async undo() {
        await serial(async () => {
          const { past, text } = get();
          const previous = past.at(-1);
          if (previous === undefined) return;
          openGroup = undefined; // typing after an undo is a new step
          set((s) => ({ past: s.past.slice(0, -1), future: [text, ...s.future], text: previous, checking: true }));
          await checkText(previous);
          scheduleAutosave();
        }).catch(failed);
      },

      async redo() {
        await serial(async () => {
          const { future, text } = get();
          const next = future[0];
          if (next === undefined) return;
          openGroup = undefined;
          set((s) => ({ future: s.future.slice(1), past: [...s.past, text], text: next, checking: true }));
          await checkText(next);
          scheduleAutosave();
        }).catch(failed);
      },

      async save(options) {
        const { path, readOnly } = get();
        if (path && !readOnly && !options?.as) return writeTo(path);
        try {
          const chosen = await api.site.choose({ purpose: 'save-site', ...(path && !readOnly ? { defaultPath: path } : {}) });
          if (chosen.supported) return chosen.path ? writeTo(chosen.path) : undefined;
        } catch {
          // no dialog: ask in the page
        }
        set({ dialog: 'save-as' });
        return new Promise<string | undefined>((resolve) => {
          saveAsResolve?.(undefined);
          saveAsResolve = resolve;
        });
      },

      async saveAs(target) {
        const saved = await writeTo(target);
        if (saved) {
          set({ dialog: undefined });
          saveAsResolve?.(saved);
          saveAsResolve = undefined;
        }
        return saved;
      },

      async revert() {
        const { savedText, text } = get();
        if (savedText === text) return;
        await serial(async () => {
          set((s) => ({ past: [...s.past, s.text], future: [], text: savedText, checking: true }));
          await checkText(savedText);
        }).catch(failed);
        const { path } = get();
        if (path) void api.site.discardRecovery({ path }).catch(() => undefined);
      },

      async restoreRecovery() {
        const recovery = get().recovery;
        if (!recovery) return;
        // The draft stays on disk until saved or undone: it is this session's autosave now.
        set({ recovery: undefined, autosavedAt: recovery.savedAt });
        await serial(async () => {
          set((s) => ({ past: [...s.past, s.text], future: [], text: recovery.text, checking: true }));
          await checkText(recovery.text);
        }).catch(failed);
        set({ notice: 'Your unsaved changes are back. Save them to keep them in the file.' });
      },

      async discardRecovery() {
        const { path } = get();
        set({ recovery: undefined });
        if (path) await api.site.discardRecovery({ path }).catch(failed);
      },

      goTo(step) {
        set({ step, notice: undefined });
      },

      focusField(path) {
        const step = stepForPath(path);
        set({ step: STEPS.includes(step) ? step : 'validate', focus: { path, seq: ++focusSeq } });
      },

      async loadInventories() {
        const { path, readOnly } = get();
        if (!path || readOnly) return set({ inventories: [] });
        try {
          const inventories = await api.probe.inventories({ sitePath: path });
          if (get().path === path) set({ inventories, ...(hostDoc ? { doc: shown(hostDoc, inventories) } : {}) });
        } catch {
          set({ inventories: [] }); // an unreadable .sitekit folder reads as "not probed yet"
        }
      },

      siteReplaced(doc) {
        const { past, text } = get();
        loaded(doc);
        // Applying proposals is a change like any other: it can be undone (the file then differs).
        set({ past: [...past, text].slice(-MAX_HISTORY), future: [] });
      },

      dismissMessages() {
        set({ error: undefined, notice: undefined });
      },
    };
  });
}
