// State of the "Generate & export" step: the bundle preview and the selected file, the
// comparison with the last written bundle, writing it, the Git export with its progress
// and results, and the handover report written next to the site. The API is injected
// (tests pass a fake one). The store lives as long as the app, so switching wizard steps
// keeps all of it.
//
// Secrets: the Git token goes straight from the caller to `secrets.set`; it is never put in
// this state (only whether one is stored, and the server it is bound to). It is stored for the
// server whose https:// address is in the repository field then; an export to another server
// (or with a token stored without one) stops with a question — "use it for <host>?" — that
// `confirmToken` answers by exporting again with `allowTokenFor`.
// On a computer whose secret store cannot encrypt (protection 'basic_text': Linux without a key
// ring) the token is stored only after the technician ticked the plain-text consent
// (`agreePlainText`), as in every secret field; main refuses it otherwise.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  BundleDiff,
  BundlePreview,
  BundleWriteResult,
  EventListener,
  ExportRunResult,
  ReportWriteResult,
  SitekitApi,
  SitekitEvents,
  Unsubscribe,
} from '../../../../main/contract/api';
import { secretUseQuestion } from '../../../../main/contract/wire';
import { PLAIN_TEXT_CONSENT_LABEL, plainTextReason, secretSetInput } from '../secret-field';
import { defaultOutDir, isAbsolutePath } from './format';

/** What the step calls; the renderer's `Api` (client.ts) fits it. */
export type ExportApi = Pick<SitekitApi, 'bundle' | 'export' | 'report' | 'secrets' | 'settings' | 'site'> & {
  onEvent(listener: EventListener): Unsubscribe;
};

/** The parts of the step that can be busy or fail, each shown in its own place. */
export type ExportTask = 'preview' | 'diff' | 'write' | 'export' | 'git' | 'author' | 'token' | 'report' | 'choose';

export type ProgressLine = SitekitEvents['export.progress'];

export const GIT_TOKEN = 'git-token';
/** Progress lines kept for one export; the oldest go first. */
export const MAX_PROGRESS_LINES = 200;

export interface ExportState {
  /** The saved site file the data below belongs to. */
  sitePath?: string;
  preview?: BundlePreview;
  /** Path (in the bundle) of the file shown in the preview pane. */
  selected?: string;

  /** Folder the bundle is written to and compared with. */
  outDir: string;
  /** Whether a native folder dialog exists ('unknown' until asked once). */
  folderDialog: 'unknown' | 'supported' | 'unsupported';
  /** Comparison with the bundle in `outDir`. */
  diff?: BundleDiff;
  /** Set (to the folder) when there is no bundle to compare with yet. */
  diffMissing?: string;
  /** Write and commit even though the plan has errors (recorded in validation.json). */
  force: boolean;
  writeResult?: BundleWriteResult;

  /** Sites repository: an https:// or file:// URL, a clone folder, a bare repository or an empty folder (USB stick). */
  repo: string;
  /** The repository the plan names (gitops.repoURL); `repo` follows it until edited. */
  repoDefault?: string;
  authorName: string;
  authorEmail: string;
  /** The author fields were edited and not saved yet. */
  authorEdited: boolean;
  /** Whether a Git token is stored (never the token). */
  tokenStored?: boolean;
  /** The origins the stored token may be sent to (`https://git.example.com`); empty: not bound yet. */
  tokenBoundTo: string[];
  /**
   * Why the secret store cannot encrypt (protection 'basic_text'), in words; undefined when it
   * can or before `loadGit` asked. While set, the token is stored only with `tokenPlainTextAgreed`.
   */
  tokenPlainText?: string;
  /** The technician ticked "Store it without encryption" for the token. */
  tokenPlainTextAgreed: boolean;
  /**
   * An export stopped before sending the token to a server it is not bound to: what to ask.
   * `confirmToken` exports again (commit, or commit and push as before) allowing `target`.
   */
  tokenQuestion?: { message: string; target: string; boundTo: string[]; push: boolean };
  /** The export running now: a commit only, or commit and push. */
  exporting?: 'commit' | 'push';
  /** Progress of the running (or last) export, from `export.progress` events. */
  progress: ProgressLine[];
  exportResult?: ExportRunResult;
  /** Commits on the site branch that the server does not have yet. */
  pending?: number;
  /** Where the last `writeReport` put report.html (and report.pdf, or why not). */
  reportResult?: ReportWriteResult;

  /**
   * Readiness (issue 11 §2): the names of the stored secrets (never a value), or why the
   * secret store cannot be asked; and the saved plan text that the write and the export of
   * this window were made from, so an edit saved since makes them "not done" again.
   */
  secretNames?: string[];
  secretsProblem?: string;
  /** The saved site.yaml text now (setPlan). */
  plan?: string;
  writtenPlan?: string;
  exportedPlan?: string;

  busy: Partial<Record<ExportTask, boolean>>;
  /** Failed calls in plain words, per part of the step. */
  errors: Partial<Record<ExportTask, string>>;
  /** Short confirmations, per part of the step. */
  notices: Partial<Record<ExportTask, string>>;

  /** The saved text of the plan now (what a write or an export would be made from). */
  setPlan(text: string | undefined): void;
  /** Asks the secret store which secrets it holds (names only). */
  loadSecretNames(): Promise<void>;
  /** Points the store at a site (or none); resets what belonged to another site. Nothing is loaded. */
  open(sitePath: string | undefined, defaults?: { repo?: string }): void;
  /** Loads the preview and the Git details; repeats the comparison if one is shown. */
  refresh(): Promise<void>;
  loadPreview(): Promise<void>;
  select(path: string): void;
  setOutDir(dir: string): void;
  chooseOutDir(): Promise<void>;
  compare(): Promise<void>;
  setForce(force: boolean): void;
  write(): Promise<BundleWriteResult | undefined>;
  setRepo(repo: string): void;
  chooseRepoFolder(): Promise<void>;
  setAuthor(fields: { name?: string; email?: string }): void;
  loadGit(): Promise<void>;
  saveAuthor(): Promise<boolean>;
  /**
   * Stores the Git token in the secret store; the value is passed through, never kept. On a
   * store that cannot encrypt, only after `agreePlainText(true)` (false and nothing sent otherwise).
   */
  storeToken(value: string): Promise<boolean>;
  /** The plain-text consent for the token (ticked or not). */
  agreePlainText(agreed: boolean): void;
  forgetToken(): Promise<void>;
  refreshPending(): Promise<void>;
  /** `allowTokenFor`: the technician confirmed sending the stored token to this origin. */
  runExport(options: { push: boolean; allowTokenFor?: string }): Promise<ExportRunResult | undefined>;
  /** "Use it for <host>": the export of the question again, allowing the token for its server. */
  confirmToken(): Promise<ExportRunResult | undefined>;
  /** Drops the question; nothing is sent. */
  cancelTokenQuestion(): void;
  /**
   * Writes the handover report next to the saved site.yaml (report.html, and report.pdf when
   * the host can print); undefined when it failed (see errors.report).
   */
  writeReport(): Promise<ReportWriteResult | undefined>;
  dismiss(task: ExportTask): void;
}

export type ExportStore = StoreApi<ExportState>;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const codeOf = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;

/** Plain http:// only to this computer itself, as the host accepts it. */
const LOOPBACK_HTTP = /^http:\/\/(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?(?:[/?#]\S*)?$/i;
export const isRepo = (repo: string) => isAbsolutePath(repo) || /^(?:https|file):\/\/\S+$/i.test(repo) || LOOPBACK_HTTP.test(repo);

/** The origin of an https:// (or loopback http://) repository address; undefined for folders and file://. */
export function repoOrigin(repo: string): string | undefined {
  if (!/^https:\/\//i.test(repo) && !LOOPBACK_HTTP.test(repo)) return undefined;
  try {
    return new URL(repo).origin;
  } catch {
    return undefined;
  }
}

/** An origin as people read it: `git.example.com`, `git.example.com:8443`, `http://127.0.0.1:3000`. */
export const hostLabel = (origin: string) => (origin.startsWith('https://') ? origin.slice('https://'.length) : origin);

/** Adds a progress event; repeated counts of one phase (e.g. "Receiving objects") update one line. */
export function addProgress(lines: readonly ProgressLine[], line: ProgressLine): ProgressLine[] {
  const last = lines[lines.length - 1];
  const next =
    last && last.phase === line.phase && last.message === undefined && line.message === undefined && line.loaded !== undefined
      ? [...lines.slice(0, -1), line]
      : [...lines, line];
  return next.length > MAX_PROGRESS_LINES ? next.slice(next.length - MAX_PROGRESS_LINES) : next;
}

export function createExportStore(api: ExportApi): ExportStore {
  return createStore<ExportState>()((set, get) => {
    const busy = (task: ExportTask, on: boolean) =>
      set((s) => ({ busy: { ...s.busy, [task]: on }, ...(on ? { errors: { ...s.errors, [task]: undefined } } : {}) }));
    const fail = (task: ExportTask, error: unknown) => set((s) => ({ errors: { ...s.errors, [task]: message(error) } }));
    const note = (task: ExportTask, text: string | undefined) => set((s) => ({ notices: { ...s.notices, [task]: text } }));
    /** Runs a call for the current site; drops the answer when the site changed meanwhile. */
    const run = async <T>(task: ExportTask, call: (sitePath: string) => Promise<T>, done: (value: T) => void): Promise<T | undefined> => {
      const sitePath = get().sitePath;
      if (!sitePath) {
        fail(task, 'Save the plan to a file first: the bundle is made from the saved site.yaml.');
        return undefined;
      }
      busy(task, true);
      try {
        const value = await call(sitePath);
        if (get().sitePath === sitePath) done(value);
        return value;
      } catch (error) {
        if (get().sitePath === sitePath) fail(task, error);
        return undefined;
      } finally {
        if (get().sitePath === sitePath) busy(task, false);
      }
    };
    const choose = async (currentPath: string) => {
      busy('choose', true);
      try {
        const answer = await api.site.choose({ purpose: 'folder', ...(isAbsolutePath(currentPath) ? { defaultPath: currentPath } : {}) });
        set({ folderDialog: answer.supported ? 'supported' : 'unsupported' });
        return answer.supported ? answer.path : undefined;
      } catch (error) {
        fail('choose', error);
        return undefined;
      } finally {
        busy('choose', false);
      }
    };

    return {
      outDir: '',
      folderDialog: 'unknown',
      force: false,
      repo: '',
      tokenBoundTo: [],
      tokenPlainTextAgreed: false,
      authorName: '',
      authorEmail: '',
      authorEdited: false,
      progress: [],
      busy: {},
      errors: {},
      notices: {},

      open(sitePath, defaults = {}) {
        const s = get();
        if (sitePath !== s.sitePath) {
          set({
            sitePath,
            preview: undefined,
            selected: undefined,
            outDir: defaultOutDir(sitePath),
            diff: undefined,
            diffMissing: undefined,
            force: false,
            writeResult: undefined,
            repo: defaults.repo ?? '',
            repoDefault: defaults.repo,
            tokenQuestion: undefined,
            exporting: undefined,
            progress: [],
            exportResult: undefined,
            pending: undefined,
            reportResult: undefined,
            writtenPlan: undefined,
            exportedPlan: undefined,
            busy: {},
            errors: {},
            notices: {},
          });
        } else if (defaults.repo !== s.repoDefault) {
          // The plan's repository changed: follow it unless another one was typed or chosen.
          const follow = !s.repo.trim() || s.repo === s.repoDefault;
          set({ repoDefault: defaults.repo, ...(follow ? { repo: defaults.repo ?? '', pending: undefined, tokenQuestion: undefined } : {}) });
        }
      },

      setPlan(text) {
        if (text !== get().plan) set({ plan: text });
      },

      async loadSecretNames() {
        try {
          const status = await api.secrets.status();
          set({ secretNames: status.names, secretsProblem: undefined });
        } catch (error) {
          set({ secretNames: undefined, secretsProblem: message(error) });
        }
      },

      async refresh() {
        if (!get().sitePath) return;
        const compared = get().diff !== undefined || get().diffMissing !== undefined;
        await Promise.all([get().loadPreview(), get().loadGit(), compared ? get().compare() : undefined]);
      },

      async loadPreview() {
        await run(
          'preview',
          (sitePath) => api.bundle.preview({ sitePath }),
          (preview) => {
            const selected = get().selected;
            const keep = selected !== undefined && preview.files.some((f) => f.path === selected);
            const first = preview.files.find((f) => f.path === 'site.yaml') ?? preview.files[0];
            set({ preview, selected: keep ? selected : first?.path });
          },
        );
      },

      select(path) {
        set({ selected: path });
      },

      setOutDir(dir) {
        if (dir === get().outDir) return;
        set((s) => ({ outDir: dir, diff: undefined, diffMissing: undefined, errors: { ...s.errors, diff: undefined, write: undefined } }));
      },

      async chooseOutDir() {
        const path = await choose(get().outDir);
        if (path) get().setOutDir(path);
      },

      async compare() {
        const against = get().outDir.trim();
        if (!isAbsolutePath(against)) {
          fail('diff', 'Give the bundle folder as a full path (for example /home/tech/plant-a/bundle).');
          return;
        }
        const sitePath = get().sitePath;
        if (!sitePath) {
          fail('diff', 'Save the plan to a file first: the bundle is made from the saved site.yaml.');
          return;
        }
        busy('diff', true);
        try {
          const diff = await api.bundle.diff({ sitePath, against });
          if (get().sitePath === sitePath && get().outDir.trim() === against) set({ diff, diffMissing: undefined });
        } catch (error) {
          if (get().sitePath !== sitePath) return;
          if (codeOf(error) === 'not-found') set({ diff: undefined, diffMissing: against });
          else fail('diff', error);
        } finally {
          if (get().sitePath === sitePath) busy('diff', false);
        }
      },

      setForce(force) {
        set({ force });
      },

      async write() {
        const outDir = get().outDir.trim();
        if (!isAbsolutePath(outDir)) {
          fail('write', 'Give the bundle folder as a full path (for example /home/tech/plant-a/bundle).');
          return undefined;
        }
        const { force, plan } = get();
        const compared = get().diff !== undefined || get().diffMissing !== undefined;
        set({ writeResult: undefined, writtenPlan: undefined });
        const result = await run(
          'write',
          (sitePath) => api.bundle.write({ sitePath, outDir, ...(force ? { force: true } : {}) }),
          (writeResult) => set({ writeResult, writtenPlan: plan }),
        );
        if (result && compared) await get().compare();
        return result;
      },

      setRepo(repo) {
        if (repo === get().repo) return;
        set((s) => ({ repo, pending: undefined, tokenQuestion: undefined, errors: { ...s.errors, git: undefined } }));
      },

      async chooseRepoFolder() {
        const path = await choose(isAbsolutePath(get().repo) ? get().repo : get().outDir);
        if (path) {
          get().setRepo(path);
          await get().refreshPending();
        }
      },

      setAuthor({ name, email }) {
        set((s) => ({
          authorName: name ?? s.authorName,
          authorEmail: email ?? s.authorEmail,
          authorEdited: true,
          notices: { ...s.notices, author: undefined },
        }));
      },

      async loadGit() {
        busy('git', true);
        try {
          const [settings, status] = await Promise.all([api.settings.get(), api.secrets.status()]);
          const token = {
            secretNames: status.names,
            secretsProblem: undefined,
            tokenStored: status.names.includes(GIT_TOKEN),
            tokenBoundTo: status.bindings?.[GIT_TOKEN] ?? [],
            tokenPlainText: plainTextReason(status),
          };
          set((s) =>
            s.authorEdited ? token : { ...token, authorName: settings.gitAuthorName ?? '', authorEmail: settings.gitAuthorEmail ?? '' },
          );
        } catch (error) {
          fail('git', error);
        } finally {
          busy('git', false);
        }
        await get().refreshPending();
      },

      async saveAuthor() {
        const { authorName, authorEmail } = get();
        busy('author', true);
        note('author', undefined);
        try {
          const saved = await api.settings.set({
            ...(authorName.trim() ? { gitAuthorName: authorName.trim() } : {}),
            ...(authorEmail.trim() ? { gitAuthorEmail: authorEmail.trim() } : {}),
          });
          set({ authorName: saved.gitAuthorName ?? '', authorEmail: saved.gitAuthorEmail ?? '', authorEdited: false });
          note('author', 'Author saved.');
          return true;
        } catch (error) {
          fail('author', error);
          return false;
        } finally {
          busy('author', false);
        }
      },

      async storeToken(typed) {
        // Pasted tokens often carry a line break or spaces at the ends; a token has none.
        const value = typed.trim();
        if (!value) {
          fail('token', 'Type the token first.');
          return false;
        }
        const { tokenPlainText, tokenPlainTextAgreed } = get();
        if (tokenPlainText !== undefined && !tokenPlainTextAgreed) {
          note('token', undefined);
          fail('token', `Tick "${PLAIN_TEXT_CONSENT_LABEL}" to store the token on this computer, or set up a key ring first.`);
          return false;
        }
        // Bound to the server in the repository field now; without one, bound on first use.
        const origin = repoOrigin(get().repo.trim());
        busy('token', true);
        note('token', undefined);
        try {
          await api.secrets.set({
            ...secretSetInput(GIT_TOKEN, value, tokenPlainText !== undefined && tokenPlainTextAgreed),
            ...(origin ? { boundTo: origin } : {}),
          });
          set({ tokenStored: true, tokenBoundTo: origin ? [origin] : [], tokenQuestion: undefined });
          note('token', origin ? `Token stored on this computer, for ${hostLabel(origin)} only.` : 'Token stored on this computer.');
          return true;
        } catch (error) {
          fail('token', error);
          // The store may have lost its key ring since: ask again, so the consent shows.
          await api.secrets.status().then(
            (status) => set({ tokenPlainText: plainTextReason(status) }),
            () => undefined,
          );
          return false;
        } finally {
          busy('token', false);
        }
      },

      agreePlainText(agreed) {
        set((s) => ({ tokenPlainTextAgreed: agreed, errors: { ...s.errors, token: undefined } }));
      },

      async forgetToken() {
        busy('token', true);
        note('token', undefined);
        try {
          await api.secrets.delete({ name: GIT_TOKEN });
          set({ tokenStored: false, tokenBoundTo: [], tokenQuestion: undefined });
          note('token', 'Token forgotten.');
        } catch (error) {
          fail('token', error);
        } finally {
          busy('token', false);
        }
      },

      async refreshPending() {
        const { sitePath, repo } = get();
        if (!sitePath || !isRepo(repo.trim())) return;
        try {
          const pending = await api.export.pending({ sitePath, repo: repo.trim() });
          if (get().sitePath === sitePath && get().repo === repo) set({ pending });
        } catch (error) {
          if (get().sitePath === sitePath) fail('git', error);
        }
      },

      async runExport({ push, allowTokenFor }) {
        const { sitePath, force, plan } = get();
        const repo = get().repo.trim();
        if (!sitePath) {
          fail('export', 'Save the plan to a file first: the bundle is made from the saved site.yaml.');
          return undefined;
        }
        if (!isRepo(repo)) {
          fail('export', 'Give the sites repository as an https:// address or the full path of a folder (a clone, a bare repository, or an empty folder on a USB stick).');
          return undefined;
        }
        if (get().exporting) return undefined;
        set((s) => ({
          exporting: push ? 'push' : 'commit',
          progress: [],
          exportResult: undefined,
          tokenQuestion: undefined,
          busy: { ...s.busy, export: true },
          errors: { ...s.errors, export: undefined },
        }));
        const unsubscribe = api.onEvent((event) => {
          if (event.event !== 'export.progress' || get().sitePath !== sitePath) return;
          set((s) => ({ progress: addProgress(s.progress, event.payload) }));
        });
        try {
          const result = await api.export.run({
            sitePath,
            repo,
            ...(push ? { push: true } : {}),
            ...(force ? { force: true } : {}),
            ...(allowTokenFor ? { allowTokenFor } : {}),
          });
          if (get().sitePath === sitePath) {
            const exported = result.status === 'committed' || result.status === 'unchanged';
            set({
              exportResult: result,
              pending: result.pending,
              exportedPlan: exported ? plan : undefined,
              ...(allowTokenFor ? { tokenBoundTo: [allowTokenFor] } : {}),
            });
          }
          return result;
        } catch (error) {
          if (get().sitePath !== sitePath) return undefined;
          const question = codeOf(error) === 'needs-confirmation' ? secretUseQuestion((error as { question?: unknown }).question) : undefined;
          const target = question?.secret === 'git-token' ? question.targets[0] : undefined;
          if (question && target && get().repo.trim() === repo) {
            // Nothing was sent: ask, and export again only when the technician says so.
            set({ tokenQuestion: { message: message(error), target, boundTo: question.boundTo, push } });
          } else {
            fail('export', error);
          }
          return undefined;
        } finally {
          unsubscribe();
          if (get().sitePath === sitePath) set((s) => ({ exporting: undefined, busy: { ...s.busy, export: false } }));
        }
      },

      async confirmToken() {
        const question = get().tokenQuestion;
        if (!question) return undefined;
        set({ tokenQuestion: undefined });
        return get().runExport({ push: question.push, allowTokenFor: question.target });
      },

      cancelTokenQuestion() {
        set({ tokenQuestion: undefined });
      },

      async writeReport() {
        set({ reportResult: undefined });
        return run(
          'report',
          (sitePath) => api.report.write({ sitePath, pdf: true }),
          (reportResult) => set({ reportResult }),
        );
      },

      dismiss(task) {
        set((s) => ({ errors: { ...s.errors, [task]: undefined }, notices: { ...s.notices, [task]: undefined } }));
      },
    };
  });
}
