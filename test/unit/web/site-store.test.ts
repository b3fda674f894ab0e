// The renderer's store with an injected fake API (no browser needed).
import { describe, expect, it, vi } from 'vitest';
import { SitekitApiError, summarize, type SiteDocument, type SitekitApi } from '../../../main/contract/api';
import type { Finding } from '../../../main/core/validation/finding';
import { createSiteStore } from '../../../renderer/src/store/site-store';

const vlanFinding: Finding = {
  id: 'network.vlan-reused',
  severity: 'error',
  path: '/networks/3/vlan',
  message: 'VLAN 100 used twice',
  step: 'networks',
};

function doc(text: string, extra: Partial<SiteDocument> = {}): SiteDocument {
  const findings = text.includes('vlan: 100\n  vlan: 100') ? [vlanFinding] : [];
  return { readOnly: false, text, status: 'ok', findings, summary: summarize(findings), ...extra };
}

/** Calls the site store never makes: they fail loudly if it ever does. */
const notUsed = () => vi.fn(async () => Promise.reject(new Error('not used by the site store')));

function fakeApi(overrides: Partial<SitekitApi['site']> = {}): SitekitApi {
  return {
    settings: { get: notUsed(), set: notUsed() },
    secrets: { set: notUsed(), has: notUsed(), delete: notUsed(), status: notUsed() },
    probe: { run: notUsed(), applyProposals: notUsed() },
    bundle: { preview: notUsed(), diff: notUsed(), write: notUsed() },
    export: { run: notUsed(), pending: notUsed() },
    report: { render: notUsed() },
    app: { info: vi.fn(async () => ({ name: 'ACP Sitekit', version: '1', mode: 'browser' as const, examplePath: '/ex.yaml' })) },
    site: {
      openExample: vi.fn(async () => doc('vlan: 100\n  vlan: 110', { path: '/ex.yaml', readOnly: true })),
      open: vi.fn(async ({ path }) => doc('a: 1', { path })),
      check: vi.fn(async ({ text }) => doc(text)),
      save: vi.fn(async ({ path, text }) => ({ ...doc(text, { path }), path, savedAt: '2026-01-01T00:00:00Z' })),
      new: notUsed(),
      recent: vi.fn(async () => []),
      ...overrides,
    },
  };
}

describe('site store', () => {
  it('opens the example at start', async () => {
    const api = fakeApi();
    const store = createSiteStore(api);
    await store.getState().start();
    const s = store.getState();
    expect(s.phase).toBe('idle');
    expect(s.doc?.path).toBe('/ex.yaml');
    expect(s.readOnly).toBe(true);
    expect(s.draft).toBe(s.savedText);
  });

  it('opens the site given on the command line instead', async () => {
    const api = fakeApi();
    (api.app.info as ReturnType<typeof vi.fn>).mockResolvedValueOnce({
      name: 'ACP Sitekit',
      version: '1',
      mode: 'electron',
      examplePath: '/ex.yaml',
      initialSitePath: '/s/site.yaml',
    });
    const store = createSiteStore(api);
    await store.getState().start();
    expect(api.site.open).toHaveBeenCalledWith({ path: '/s/site.yaml' });
    expect(store.getState().path).toBe('/s/site.yaml');
  });

  it('checks the edited text and keeps the file it belongs to', async () => {
    const store = createSiteStore(fakeApi());
    await store.getState().start();
    store.getState().setDraft('vlan: 100\n  vlan: 100');
    expect(store.getState().draft).not.toBe(store.getState().checkedText);
    await store.getState().check();
    const s = store.getState();
    expect(s.doc?.findings.map((f) => f.id)).toEqual(['network.vlan-reused']);
    expect(s.doc?.path).toBe('/ex.yaml');
    expect(s.doc?.readOnly).toBe(true);
    expect(s.checkedText).toBe(s.draft);

    await s.revert();
    expect(store.getState().draft).toBe(store.getState().savedText);
    expect(store.getState().doc?.findings).toEqual([]);
  });

  it('shows a failed call in words and stays usable', async () => {
    const store = createSiteStore(
      fakeApi({ save: vi.fn(async () => Promise.reject(new SitekitApiError({ code: 'read-only', message: 'The example is read-only.' }))) }),
    );
    await store.getState().start();
    await store.getState().save();
    expect(store.getState().error).toBe('The example is read-only.');
    expect(store.getState().phase).toBe('idle');
    store.getState().dismissMessages();
    expect(store.getState().error).toBeUndefined();
  });

  it('saves to a new path and then belongs to it', async () => {
    const api = fakeApi();
    const store = createSiteStore(api);
    await store.getState().start();
    await store.getState().save('/s/copy.yaml');
    expect(store.getState().path).toBe('/s/copy.yaml');
    expect(store.getState().readOnly).toBe(false);
    expect(store.getState().notice).toContain('/s/copy.yaml');
  });

  it('keeps the last readable plan while the text is broken', async () => {
    const site = { metadata: { name: 'plant-a' } } as SiteDocument['site'];
    const api = fakeApi({
      openExample: vi.fn(async () => doc('x', { site, path: '/ex.yaml' })),
      check: vi.fn(async ({ text }) => ({ ...doc(text), status: 'unusable' as const, error: 'bad' })),
    });
    const store = createSiteStore(api);
    await store.getState().start();
    store.getState().setDraft('kind: [');
    await store.getState().check();
    expect(store.getState().doc?.site).toBeUndefined();
    expect(store.getState().lastSite).toBe(site);
  });
});
