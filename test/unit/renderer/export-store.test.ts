// The "Generate & export" store with an injected fake API (no browser, no host).
import { describe, expect, it, vi } from 'vitest';
import {
  SitekitApiError,
  type BundleDiff,
  type BundlePreview,
  type EventListener,
  type ExportRunResult,
  type ReportWriteResult,
  type SecretStatus,
  type SitekitEvent,
} from '../../../main/contract/api';
import { addProgress, createExportStore, MAX_PROGRESS_LINES, type ExportApi } from '../../../renderer/src/steps/export/export-store';
import { buildTree, defaultOutDir, diffLineKind, foldersOf, formatSize, parentFolder } from '../../../renderer/src/steps/export/format';

const SITE = '/home/tech/plant-a/site.yaml';
const OUT = '/home/tech/plant-a/bundle';
const REPO = 'https://git.example.com/sites.git';
const TOKEN = 'glpat-very-secret-token-value';

const preview: BundlePreview = {
  files: [
    { path: 'SHA256SUMS', size: 300, content: 'abc  site.yaml\n' },
    { path: 'gitops/apps/odf.yaml', size: 1200, content: 'kind: Application\n' },
    { path: 'install/agent-config.yaml', size: 2048, content: 'kind: AgentConfig\n' },
    { path: 'install/install-config.yaml', size: 900, content: 'kind: InstallConfig\n' },
    { path: 'site.yaml', size: 5000, content: 'kind: Site\n' },
    { path: 'inventory/node-a.json', size: 400_000 },
  ],
  findings: [],
  refused: false,
};

const notFound = () => new SitekitApiError({ code: 'not-found', message: `There is no file at ${OUT}.` });

/** A fake API with an event hub the test can drive; every call is a vi.fn. */
function fakeApi() {
  const listeners = new Set<EventListener>();
  const emit = (event: SitekitEvent) => {
    for (const l of [...listeners]) l(event);
  };
  const api = {
    bundle: {
      preview: vi.fn(async (_input: { sitePath: string }) => preview),
      diff: vi.fn(async (_input: { sitePath: string; against: string }): Promise<BundleDiff> => {
        throw notFound();
      }),
      write: vi.fn(async ({ outDir }: { sitePath: string; outDir: string; force?: boolean }) => ({ outDir, files: 6, forced: false })),
    },
    export: {
      run: vi.fn(async (_input: { sitePath: string; repo: string; push?: boolean; force?: boolean }): Promise<ExportRunResult> => ({
        status: 'committed',
        branch: 'site/plant-a',
        oid: '0123456789abcdef',
        files: [{ path: 'sites/plant-a/site.yaml', change: 'added' }],
        findings: [],
        pending: 1,
        notes: [],
      })),
      pending: vi.fn(async (_input: { sitePath: string; repo: string }) => 2),
    },
    report: {
      render: vi.fn(async (_input: { sitePath: string }) => '<!doctype html><title>Report</title>'),
      write: vi.fn(
        async (_input: { sitePath: string; pdf?: boolean }): Promise<ReportWriteResult> => ({
          path: '/home/tech/plant-a/report.html',
          pdfPath: '/home/tech/plant-a/report.pdf',
        }),
      ),
    },
    secrets: {
      set: vi.fn(async ({ name }: { name: string; value: string }) => ({ name, stored: true as const })),
      has: vi.fn(async (_input: { name: string }) => false),
      delete: vi.fn(async (_input: { name: string }) => true),
      status: vi.fn(async (): Promise<SecretStatus> => ({ protection: 'os-keychain', names: [] })),
    },
    settings: {
      get: vi.fn(async () => ({ recentSites: [], gitAuthorName: 'Tech One', gitAuthorEmail: 'tech@example.com' })),
      set: vi.fn(async (input: { gitAuthorName?: string; gitAuthorEmail?: string }) => ({ recentSites: [], ...input })),
    },
    site: {
      choose: vi.fn(async (_input: { purpose: string; defaultPath?: string }) => ({ supported: true, path: '/media/usb/bundle' })),
    },
    onEvent: vi.fn((listener: EventListener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    }),
  };
  return { api, fake: api as unknown as ExportApi, emit, listeners };
}

async function opened() {
  const t = fakeApi();
  const store = createExportStore(t.fake);
  store.getState().open(SITE, { repo: REPO });
  return { ...t, store };
}

describe('export store: preview', () => {
  it('starts empty and derives the bundle folder and repository from the site', async () => {
    const { store, api } = await opened();
    const s = store.getState();
    expect(s.sitePath).toBe(SITE);
    expect(s.outDir).toBe(OUT);
    expect(s.repo).toBe(REPO);
    expect(s.preview).toBeUndefined();
    expect(api.bundle.preview).not.toHaveBeenCalled();
  });

  it('loads the preview and selects site.yaml first', async () => {
    const { store, api } = await opened();
    await store.getState().loadPreview();
    expect(api.bundle.preview).toHaveBeenCalledWith({ sitePath: SITE });
    const s = store.getState();
    expect(s.preview?.files).toHaveLength(6);
    expect(s.selected).toBe('site.yaml');
    expect(s.busy.preview).toBe(false);
  });

  it('keeps the selected file across reloads while it still exists', async () => {
    const { store, api } = await opened();
    await store.getState().loadPreview();
    store.getState().select('install/agent-config.yaml');
    expect(store.getState().selected).toBe('install/agent-config.yaml');
    await store.getState().loadPreview();
    expect(store.getState().selected).toBe('install/agent-config.yaml');
    api.bundle.preview.mockResolvedValueOnce({ ...preview, files: preview.files.filter((f) => !f.path.startsWith('install/')) });
    await store.getState().loadPreview();
    expect(store.getState().selected).toBe('site.yaml');
  });

  it('shows a failed preview as an error with the host message', async () => {
    const { store, api } = await opened();
    api.bundle.preview.mockRejectedValueOnce(new SitekitApiError({ code: 'not-found', message: `There is no file at ${SITE}.` }));
    await store.getState().loadPreview();
    expect(store.getState().errors.preview).toBe(`There is no file at ${SITE}.`);
    expect(store.getState().busy.preview).toBe(false);
    store.getState().dismiss('preview');
    expect(store.getState().errors.preview).toBeUndefined();
  });

  it('asks to save first when there is no site file', async () => {
    const { fake, api } = fakeApi();
    const store = createExportStore(fake);
    store.getState().open(undefined);
    await store.getState().loadPreview();
    await store.getState().refresh();
    expect(api.bundle.preview).not.toHaveBeenCalled();
    expect(store.getState().errors.preview).toMatch(/Save the plan/);
  });

  it('forgets everything of the previous site when another one is opened', async () => {
    const { store } = await opened();
    await store.getState().loadPreview();
    await store.getState().write();
    store.getState().setForce(true);
    store.getState().open('/home/tech/plant-b/site.yaml', { repo: 'https://git.example.com/b.git' });
    const s = store.getState();
    expect(s.preview).toBeUndefined();
    expect(s.selected).toBeUndefined();
    expect(s.writeResult).toBeUndefined();
    expect(s.force).toBe(false);
    expect(s.outDir).toBe('/home/tech/plant-b/bundle');
    expect(s.repo).toBe('https://git.example.com/b.git');
  });

  it('keeps state when the same site is opened again (step switches)', async () => {
    const { store } = await opened();
    await store.getState().loadPreview();
    store.getState().select('SHA256SUMS');
    store.getState().setOutDir('/media/usb/bundle');
    store.getState().open(SITE, { repo: REPO });
    expect(store.getState().selected).toBe('SHA256SUMS');
    expect(store.getState().outDir).toBe('/media/usb/bundle');
  });

  it('follows the repository of the plan until another one is typed', async () => {
    const { store } = await opened();
    store.getState().open(SITE, { repo: 'https://git.example.com/new.git' });
    expect(store.getState().repo).toBe('https://git.example.com/new.git');
    store.getState().setRepo('/home/tech/sites');
    store.getState().open(SITE, { repo: 'https://git.example.com/other.git' });
    expect(store.getState().repo).toBe('/home/tech/sites');
  });

  it('drops an answer for a site that is no longer open', async () => {
    const { store, api } = await opened();
    let resolve!: (p: BundlePreview) => void;
    api.bundle.preview.mockReturnValueOnce(new Promise((r) => (resolve = r)));
    const loading = store.getState().loadPreview();
    store.getState().open('/home/tech/plant-b/site.yaml');
    resolve(preview);
    await loading;
    expect(store.getState().preview).toBeUndefined();
  });
});

describe('export store: compare and write', () => {
  it('says there is no bundle yet when the folder does not exist', async () => {
    const { store, api } = await opened();
    await store.getState().compare();
    expect(api.bundle.diff).toHaveBeenCalledWith({ sitePath: SITE, against: OUT });
    const s = store.getState();
    expect(s.diffMissing).toBe(OUT);
    expect(s.diff).toBeUndefined();
    expect(s.errors.diff).toBeUndefined();
  });

  it('keeps the diff of an existing bundle', async () => {
    const { store, api } = await opened();
    const diff: BundleDiff = {
      against: OUT,
      files: [{ path: 'site.yaml', change: 'changed', diff: '--- a/site.yaml\n+++ b/site.yaml\n@@ -1 +1 @@\n-a\n+b\n' }],
      unchanged: 5,
    };
    api.bundle.diff.mockResolvedValueOnce(diff);
    await store.getState().compare();
    expect(store.getState().diff).toEqual(diff);
    expect(store.getState().diffMissing).toBeUndefined();
  });

  it('shows other comparison failures as errors', async () => {
    const { store, api } = await opened();
    api.bundle.diff.mockRejectedValueOnce(new SitekitApiError({ code: 'invalid-input', message: `against must be a folder (${OUT} is not).` }));
    await store.getState().compare();
    expect(store.getState().errors.diff).toBe(`against must be a folder (${OUT} is not).`);
    expect(store.getState().diffMissing).toBeUndefined();
  });

  it('refuses a relative bundle folder without calling the host', async () => {
    const { store, api } = await opened();
    store.getState().setOutDir('bundle');
    await store.getState().compare();
    await store.getState().write();
    expect(api.bundle.diff).not.toHaveBeenCalled();
    expect(api.bundle.write).not.toHaveBeenCalled();
    expect(store.getState().errors.diff).toMatch(/full path/);
    expect(store.getState().errors.write).toMatch(/full path/);
  });

  it('writes the bundle and compares again when a comparison was shown', async () => {
    const { store, api } = await opened();
    await store.getState().compare();
    expect(store.getState().diffMissing).toBe(OUT);
    api.bundle.diff.mockResolvedValueOnce({ against: OUT, files: [], unchanged: 6 });
    const result = await store.getState().write();
    expect(api.bundle.write).toHaveBeenCalledWith({ sitePath: SITE, outDir: OUT });
    expect(result).toEqual({ outDir: OUT, files: 6, forced: false });
    const s = store.getState();
    expect(s.writeResult).toEqual(result);
    expect(s.busy.write).toBe(false);
    expect(s.diffMissing).toBeUndefined();
    expect(s.diff?.unchanged).toBe(6);
  });

  it('writes with force only when "Generate anyway" is on', async () => {
    const { store, api } = await opened();
    store.getState().setForce(true);
    api.bundle.write.mockResolvedValueOnce({ outDir: OUT, files: 6, forced: true });
    await store.getState().write();
    expect(api.bundle.write).toHaveBeenCalledWith({ sitePath: SITE, outDir: OUT, force: true });
    expect(store.getState().writeResult?.forced).toBe(true);
  });

  it('shows a refused write with the host message', async () => {
    const { store, api } = await opened();
    const text = 'The bundle was not written: 2 error(s) in the plan. Fix them, or write with force (recorded).';
    api.bundle.write.mockRejectedValueOnce(new SitekitApiError({ code: 'invalid-site', message: text }));
    expect(await store.getState().write()).toBeUndefined();
    expect(store.getState().errors.write).toBe(text);
    expect(store.getState().writeResult).toBeUndefined();
  });

  it('chooses the folder with the native dialog, and learns when there is none', async () => {
    const { store, api } = await opened();
    await store.getState().chooseOutDir();
    expect(api.site.choose).toHaveBeenCalledWith({ purpose: 'folder', defaultPath: OUT });
    expect(store.getState().outDir).toBe('/media/usb/bundle');
    expect(store.getState().folderDialog).toBe('supported');
    api.site.choose.mockResolvedValueOnce({ supported: false } as never);
    await store.getState().chooseOutDir();
    expect(store.getState().outDir).toBe('/media/usb/bundle');
    expect(store.getState().folderDialog).toBe('unsupported');
  });

  it('clears the comparison when the folder changes', async () => {
    const { store } = await opened();
    await store.getState().compare();
    store.getState().setOutDir('/media/usb/bundle');
    expect(store.getState().diffMissing).toBeUndefined();
  });
});

describe('export store: Git', () => {
  it('loads the author, whether a token is stored and the commits waiting to be pushed', async () => {
    const { store, api } = await opened();
    await store.getState().loadGit();
    const s = store.getState();
    expect(s.authorName).toBe('Tech One');
    expect(s.authorEmail).toBe('tech@example.com');
    expect(s.tokenStored).toBe(false);
    expect(s.tokenBoundTo).toEqual([]);
    expect(api.secrets.status).toHaveBeenCalled();
    expect(api.export.pending).toHaveBeenCalledWith({ sitePath: SITE, repo: REPO });
    expect(s.pending).toBe(2);
  });

  it('does not overwrite author fields being edited', async () => {
    const { store } = await opened();
    store.getState().setAuthor({ name: 'Someone Else' });
    await store.getState().loadGit();
    expect(store.getState().authorName).toBe('Someone Else');
    expect(store.getState().authorEdited).toBe(true);
  });

  it('saves the author to the settings', async () => {
    const { store, api } = await opened();
    store.getState().setAuthor({ name: ' Tech Two ', email: 'two@example.com' });
    expect(await store.getState().saveAuthor()).toBe(true);
    expect(api.settings.set).toHaveBeenCalledWith({ gitAuthorName: 'Tech Two', gitAuthorEmail: 'two@example.com' });
    expect(store.getState().authorEdited).toBe(false);
    expect(store.getState().notices.author).toBe('Author saved.');
  });

  it('shows a refused author', async () => {
    const { store, api } = await opened();
    api.settings.set.mockRejectedValueOnce(new SitekitApiError({ code: 'invalid-input', message: 'gitAuthorEmail must be an e-mail address (name@example.com)' }));
    store.getState().setAuthor({ email: 'nope' });
    expect(await store.getState().saveAuthor()).toBe(false);
    expect(store.getState().errors.author).toMatch(/e-mail address/);
  });

  it('passes the token to the secret store and never keeps it', async () => {
    const { store, api } = await opened();
    expect(await store.getState().storeToken(`${TOKEN}\n`)).toBe(true);
    expect(api.secrets.set).toHaveBeenCalledWith({ name: 'git-token', value: TOKEN, boundTo: 'https://git.example.com' });
    expect(store.getState().tokenStored).toBe(true);
    expect(store.getState().tokenBoundTo).toEqual(['https://git.example.com']);
    expect(store.getState().notices.token).toMatch(/for git\.example\.com only/);
    expect(JSON.stringify(store.getState())).not.toContain(TOKEN);

    api.secrets.set.mockRejectedValueOnce(new SitekitApiError({ code: 'io-error', message: 'The secret store is locked.' }));
    expect(await store.getState().storeToken(TOKEN)).toBe(false);
    expect(store.getState().errors.token).toBe('The secret store is locked.');
    expect(JSON.stringify(store.getState())).not.toContain(TOKEN);

    await store.getState().forgetToken();
    expect(api.secrets.delete).toHaveBeenCalledWith({ name: 'git-token' });
    expect(store.getState().tokenStored).toBe(false);
  });

  it('binds the token to the server in the repository field; a folder there leaves it unbound', async () => {
    const { store, api } = await opened();
    store.getState().setRepo('https://Git.Example.com:8443/acp/sites.git');
    await store.getState().storeToken(TOKEN);
    expect(api.secrets.set).toHaveBeenLastCalledWith({ name: 'git-token', value: TOKEN, boundTo: 'https://git.example.com:8443' });
    store.getState().setRepo('/home/tech/sites');
    await store.getState().storeToken(TOKEN);
    expect(api.secrets.set).toHaveBeenLastCalledWith({ name: 'git-token', value: TOKEN });
    expect(store.getState().tokenBoundTo).toEqual([]);
  });

  it('reads where the stored token is bound (never the token)', async () => {
    const { store, api } = await opened();
    api.secrets.status.mockResolvedValueOnce({ protection: 'os-keychain', names: ['git-token'], bindings: { 'git-token': ['https://git.example.com'] } });
    await store.getState().loadGit();
    expect(store.getState()).toMatchObject({ tokenStored: true, tokenBoundTo: ['https://git.example.com'] });
  });

  it('asks before the token goes to another server, and exports again only when confirmed', async () => {
    const { store, api, listeners } = await opened();
    const question = { secret: 'git-token' as const, boundTo: ['https://git.example.com'], targets: ['https://git.stranger.example'] };
    const words =
      'The stored Git token is for git.example.com, but this export would send it to git.stranger.example. Nothing was sent.';
    api.export.run.mockRejectedValueOnce(new SitekitApiError({ code: 'needs-confirmation', message: words, question }));
    store.getState().setRepo('https://git.stranger.example/sites.git');
    expect(await store.getState().runExport({ push: true })).toBeUndefined();
    let s = store.getState();
    expect(s.tokenQuestion).toEqual({ message: words, target: 'https://git.stranger.example', boundTo: ['https://git.example.com'], push: true });
    expect(s.errors.export).toBeUndefined();
    expect(s.exporting).toBeUndefined();
    expect(listeners.size).toBe(0);
    expect(api.export.run).toHaveBeenCalledTimes(1);

    // "Cancel": nothing more is called.
    store.getState().cancelTokenQuestion();
    expect(store.getState().tokenQuestion).toBeUndefined();
    expect(api.export.run).toHaveBeenCalledTimes(1);

    // Asked again, then "Use it for git.stranger.example": the same export, with the consent.
    api.export.run.mockRejectedValueOnce(new SitekitApiError({ code: 'needs-confirmation', message: words, question }));
    await store.getState().runExport({ push: true });
    const result = await store.getState().confirmToken();
    expect(result?.status).toBe('committed');
    expect(api.export.run).toHaveBeenLastCalledWith({
      sitePath: SITE,
      repo: 'https://git.stranger.example/sites.git',
      push: true,
      allowTokenFor: 'https://git.stranger.example',
    });
    s = store.getState();
    expect(s.tokenQuestion).toBeUndefined();
    expect(s.tokenBoundTo).toEqual(['https://git.stranger.example']);
    expect(s.exportResult?.status).toBe('committed');
    expect(await store.getState().confirmToken()).toBeUndefined(); // nothing to confirm any more
    expect(api.export.run).toHaveBeenCalledTimes(3);
  });

  it('forgets the question when the repository changes; a question of no known shape is an error', async () => {
    const { store, api } = await opened();
    const question = { secret: 'git-token' as const, boundTo: [], targets: ['https://git.example.com'] };
    api.export.run.mockRejectedValueOnce(new SitekitApiError({ code: 'needs-confirmation', message: 'Not bound yet.', question }));
    await store.getState().runExport({ push: false });
    expect(store.getState().tokenQuestion?.push).toBe(false);
    store.getState().setRepo('https://git.other.example/sites.git');
    expect(store.getState().tokenQuestion).toBeUndefined();
    expect(await store.getState().confirmToken()).toBeUndefined();
    expect(api.export.run).toHaveBeenCalledTimes(1);

    api.export.run.mockRejectedValueOnce(
      new SitekitApiError({ code: 'needs-confirmation', message: 'Odd.', question: { secret: 'nope', boundTo: [], targets: [] } as never }),
    );
    await store.getState().runExport({ push: false });
    expect(store.getState().tokenQuestion).toBeUndefined();
    expect(store.getState().errors.export).toBe('Odd.');
  });

  it('on a store that cannot encrypt, stores the token only after the plain-text consent (still bound)', async () => {
    const { store, api } = await opened();
    const why = 'No system key ring is available on this computer (safeStorage backend "basic_text").';
    api.secrets.status.mockResolvedValue({ protection: 'basic_text', names: [], warning: why });
    await store.getState().loadGit();
    expect(store.getState()).toMatchObject({ tokenPlainText: why, tokenPlainTextAgreed: false });

    // Not ticked: nothing goes to the host, and the technician reads what to do.
    expect(await store.getState().storeToken(TOKEN)).toBe(false);
    expect(api.secrets.set).not.toHaveBeenCalled();
    expect(store.getState().errors.token).toMatch(/Tick "Store it without encryption"/);
    expect(store.getState().tokenStored).toBe(false);
    expect(JSON.stringify(store.getState())).not.toContain(TOKEN);

    // Ticked: stored with the consent, for the server in the repository field.
    store.getState().agreePlainText(true);
    expect(store.getState().errors.token).toBeUndefined();
    expect(await store.getState().storeToken(TOKEN)).toBe(true);
    expect(api.secrets.set).toHaveBeenCalledTimes(1);
    expect(api.secrets.set).toHaveBeenCalledWith({ name: 'git-token', value: TOKEN, allowPlainText: true, boundTo: 'https://git.example.com' });
    expect(store.getState().tokenStored).toBe(true);
    expect(JSON.stringify(store.getState())).not.toContain(TOKEN);

    // Unticked again: refused again.
    store.getState().agreePlainText(false);
    expect(await store.getState().storeToken(TOKEN)).toBe(false);
    expect(api.secrets.set).toHaveBeenCalledTimes(1);
  });

  it('names the reason of a weak store even without a warning, and nothing changes on a store that encrypts', async () => {
    const weak = await opened();
    weak.api.secrets.status.mockResolvedValueOnce({ protection: 'basic_text', names: [] });
    await weak.store.getState().loadGit();
    expect(weak.store.getState().tokenPlainText).toMatch(/no system key ring/);

    const { store, api } = await opened();
    await store.getState().loadGit();
    expect(store.getState().tokenPlainText).toBeUndefined();
    expect(await store.getState().storeToken(TOKEN)).toBe(true);
    expect(api.secrets.set.mock.calls[0]![0]).toEqual({ name: 'git-token', value: TOKEN, boundTo: 'https://git.example.com' });
    expect(api.secrets.set.mock.calls[0]![0]).not.toHaveProperty('allowPlainText');
  });

  it('asks the store again when main refuses the token, so the consent shows', async () => {
    const { store, api } = await opened();
    await store.getState().loadGit();
    expect(store.getState().tokenPlainText).toBeUndefined();
    // The key ring went away since: main refuses and now reports 'basic_text'.
    api.secrets.status.mockResolvedValue({ protection: 'basic_text', names: [], warning: 'No key ring.' });
    api.secrets.set.mockRejectedValueOnce(
      new SitekitApiError({ code: 'forbidden', message: 'Sitekit did not store git-token. No key ring. Tick "Store it without encryption" next to the field to store it anyway.' }),
    );
    expect(await store.getState().storeToken(TOKEN)).toBe(false);
    expect(store.getState().errors.token).toMatch(/did not store git-token/);
    expect(store.getState().tokenPlainText).toBe('No key ring.');
    expect(store.getState().busy.token).toBe(false);
  });

  it('refuses an empty token without calling the host', async () => {
    const { store, api } = await opened();
    expect(await store.getState().storeToken('')).toBe(false);
    expect(api.secrets.set).not.toHaveBeenCalled();
    expect(store.getState().errors.token).toMatch(/Type the token/);
  });

  it('collects export.progress events while exporting and unsubscribes at the end', async () => {
    const { store, api, emit, listeners } = await opened();
    let finish!: (r: ExportRunResult) => void;
    api.export.run.mockReturnValueOnce(new Promise((r) => (finish = r)));
    const running = store.getState().runExport({ push: true });
    expect(api.export.run).toHaveBeenCalledWith({ sitePath: SITE, repo: REPO, push: true });
    expect(store.getState().exporting).toBe('push');
    expect(listeners.size).toBe(1);

    emit({ event: 'export.progress', payload: { phase: 'opening the repository' } });
    emit({ event: 'probe.progress', payload: { node: 'a', phase: 'connecting' } });
    emit({ event: 'export.progress', payload: { phase: 'Receiving objects', loaded: 1, total: 10 } });
    emit({ event: 'export.progress', payload: { phase: 'Receiving objects', loaded: 10, total: 10 } });
    emit({ event: 'export.progress', payload: { phase: 'committing' } });
    emit({ event: 'export.progress', payload: { phase: 'pushing' } });
    expect(store.getState().progress.map((p) => p.phase)).toEqual(['opening the repository', 'Receiving objects', 'committing', 'pushing']);
    expect(store.getState().progress[1]).toEqual({ phase: 'Receiving objects', loaded: 10, total: 10 });

    const result: ExportRunResult = {
      status: 'committed',
      branch: 'site/plant-a',
      oid: 'abc',
      files: [],
      findings: [],
      push: { status: 'offline', message: 'cannot reach git.example.com', pending: 3 },
      pending: 3,
      notes: ['Cloned earlier.'],
    };
    finish(result);
    await running;
    const s = store.getState();
    expect(listeners.size).toBe(0);
    expect(s.exporting).toBeUndefined();
    expect(s.busy.export).toBe(false);
    expect(s.exportResult).toEqual(result);
    expect(s.pending).toBe(3);
    // Events after the end are no longer collected.
    emit({ event: 'export.progress', payload: { phase: 'late' } });
    expect(store.getState().progress).toHaveLength(4);
  });

  it('unsubscribes and shows the error when the export fails', async () => {
    const { store, api, listeners } = await opened();
    api.export.run.mockRejectedValueOnce(
      new SitekitApiError({ code: 'invalid-input', message: 'Set the Git author name and e-mail in the settings before exporting.' }),
    );
    expect(await store.getState().runExport({ push: false })).toBeUndefined();
    expect(listeners.size).toBe(0);
    expect(store.getState().errors.export).toBe('Set the Git author name and e-mail in the settings before exporting.');
    expect(store.getState().exporting).toBeUndefined();
  });

  it('exports with force when "Generate anyway" is on and starts a new progress list each time', async () => {
    const { store, api, emit } = await opened();
    api.export.run.mockImplementationOnce(async () => {
      emit({ event: 'export.progress', payload: { phase: 'committing' } });
      return { status: 'unchanged', branch: 'site/plant-a', findings: [], pending: 0, notes: [] };
    });
    await store.getState().runExport({ push: false });
    expect(store.getState().progress).toHaveLength(1);
    store.getState().setForce(true);
    await store.getState().runExport({ push: false });
    expect(api.export.run).toHaveBeenLastCalledWith({ sitePath: SITE, repo: REPO, force: true });
    expect(store.getState().progress).toHaveLength(0);
    expect(store.getState().exportResult?.status).toBe('committed');
  });

  it('keeps blocked and refused results for the UI', async () => {
    const { store, api } = await opened();
    api.export.run.mockResolvedValueOnce({ status: 'blocked', findings: [], secrets: ['install/x.yaml:3: private key'], pending: 0, notes: [] });
    await store.getState().runExport({ push: false });
    expect(store.getState().exportResult?.secrets).toEqual(['install/x.yaml:3: private key']);
  });

  it('refuses a repository that is neither https nor an absolute folder', async () => {
    const { store, api } = await opened();
    store.getState().setRepo('git@example.com:sites.git');
    await store.getState().runExport({ push: true });
    expect(api.export.run).not.toHaveBeenCalled();
    expect(store.getState().errors.export).toMatch(/https:\/\//);
  });

  it('chooses a local clone folder and counts its waiting commits', async () => {
    const { store, api } = await opened();
    api.site.choose.mockResolvedValueOnce({ supported: true, path: '/home/tech/sites' });
    await store.getState().chooseRepoFolder();
    expect(store.getState().repo).toBe('/home/tech/sites');
    expect(api.export.pending).toHaveBeenLastCalledWith({ sitePath: SITE, repo: '/home/tech/sites' });
  });
});

describe('export store: report', () => {
  it('writes the handover report (with a PDF) for the saved site and keeps where it went', async () => {
    const { store, api } = await opened();
    const result = await store.getState().writeReport();
    expect(api.report.write).toHaveBeenCalledWith({ sitePath: SITE, pdf: true });
    expect(api.report.render).not.toHaveBeenCalled();
    expect(result).toEqual({ path: '/home/tech/plant-a/report.html', pdfPath: '/home/tech/plant-a/report.pdf' });
    expect(store.getState().reportResult).toEqual(result);
    expect(store.getState().busy.report).toBe(false);
    expect(store.getState().errors.report).toBeUndefined();
  });

  it('keeps the words when no PDF could be made', async () => {
    const { store, api } = await opened();
    api.report.write.mockResolvedValueOnce({ path: '/home/tech/plant-a/report.html', pdfUnavailable: 'This Sitekit cannot print to PDF here.' });
    await store.getState().writeReport();
    expect(store.getState().reportResult).toEqual({ path: '/home/tech/plant-a/report.html', pdfUnavailable: 'This Sitekit cannot print to PDF here.' });
  });

  it('shows a failed report in words and drops the earlier result', async () => {
    const { store, api } = await opened();
    await store.getState().writeReport();
    api.report.write.mockRejectedValueOnce(new SitekitApiError({ code: 'io-error', message: 'The disk is full; report.html was not written.' }));
    expect(await store.getState().writeReport()).toBeUndefined();
    expect(store.getState().errors.report).toBe('The disk is full; report.html was not written.');
    expect(store.getState().reportResult).toBeUndefined();
  });

  it('asks to save first when there is no site file, and forgets the result of another site', async () => {
    const { store, api } = await opened();
    await store.getState().writeReport();
    store.getState().open('/home/tech/plant-b/site.yaml');
    expect(store.getState().reportResult).toBeUndefined();
    store.getState().open(undefined);
    api.report.write.mockClear();
    expect(await store.getState().writeReport()).toBeUndefined();
    expect(api.report.write).not.toHaveBeenCalled();
    expect(store.getState().errors.report).toMatch(/Save the plan/);
  });
});

describe('export helpers', () => {
  it('derives the default bundle folder next to the site file', () => {
    expect(defaultOutDir('/home/tech/plant-a/site.yaml')).toBe('/home/tech/plant-a/bundle');
    expect(defaultOutDir('/site.yaml')).toBe('/bundle');
    expect(defaultOutDir('C:\\sites\\plant-a\\site.yaml')).toBe('C:\\sites\\plant-a\\bundle');
    expect(defaultOutDir('C:\\site.yaml')).toBe('C:\\bundle');
    expect(defaultOutDir(undefined)).toBe('');
    expect(parentFolder('site.yaml')).toBe('');
  });

  it('builds the folder tree with counts and sizes, folders first', () => {
    const tree = buildTree(preview.files);
    expect(tree.map((e) => e.path)).toEqual(['gitops/', 'install/', 'inventory/', 'SHA256SUMS', 'site.yaml']);
    const install = tree[1];
    expect(install).toMatchObject({ kind: 'folder', files: 2, size: 2948 });
    const gitops = tree[0];
    expect(gitops?.kind === 'folder' && gitops.children[0]).toMatchObject({ kind: 'folder', path: 'gitops/apps/', files: 1 });
    expect(foldersOf('gitops/apps/odf.yaml')).toEqual(['gitops/', 'gitops/apps/']);
  });

  it('formats sizes and diff lines', () => {
    expect(formatSize(512)).toBe('512 B');
    expect(formatSize(2048)).toBe('2.0 KB');
    expect(formatSize(400_000)).toBe('391 KB');
    expect(formatSize(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(['+++ b/x', '--- a/x', '@@ -1 +1 @@', '+new', '-old', ' same'].map(diffLineKind)).toEqual([
      'meta',
      'meta',
      'hunk',
      'add',
      'del',
      'context',
    ]);
  });

  it('keeps at most MAX_PROGRESS_LINES progress lines', () => {
    let lines: ReturnType<typeof addProgress> = [];
    for (let i = 0; i < MAX_PROGRESS_LINES + 20; i++) lines = addProgress(lines, { phase: `step ${i}` });
    expect(lines).toHaveLength(MAX_PROGRESS_LINES);
    expect(lines[lines.length - 1]?.phase).toBe(`step ${MAX_PROGRESS_LINES + 19}`);
  });
});
