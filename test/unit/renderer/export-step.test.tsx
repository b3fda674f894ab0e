// The "Generate & export" step rendered to HTML in plain Node (no DOM): what the technician
// sees for a given store state.
// (PatternFly's ES module build is used in tests: see vitest.config.ts.)
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { BundlePreview, ExportRunResult } from '../../../main/contract/api';
import type { Site } from '../../../main/core/site/schema';
import type { Api } from '../../../renderer/src/api/client';
import { DiffView } from '../../../renderer/src/steps/export/DiffView';
import { ExportStep, type ExportStepProps } from '../../../renderer/src/steps/export/ExportStep';
import { FilePreview } from '../../../renderer/src/steps/export/FilePreview';
import { ExportResultView } from '../../../renderer/src/steps/export/GitExport';
import { createExportStore, type ExportApi, type ExportStore } from '../../../renderer/src/steps/export/export-store';

const SITE = '/home/tech/plant-a/site.yaml';
const TOKEN = 'glpat-very-secret-token-value';

const preview: BundlePreview = {
  files: [
    { path: 'site.yaml', size: 30, content: 'kind: Site\nmetadata:\n  name: plant-a\n' },
    { path: 'install/agent-config.yaml', size: 2048, content: 'kind: AgentConfig\n' },
    { path: 'inventory/node-a.json', size: 400_000 },
  ],
  findings: [],
  refused: false,
};

const site = { metadata: { name: 'plant-a' }, gitops: { repoURL: 'https://git.example.com/sites.git' } } as unknown as Site;

function api(): Api {
  const never = () => new Promise<never>(() => {});
  return {
    bundle: { preview: vi.fn(never), diff: vi.fn(never), write: vi.fn(never) },
    export: { run: vi.fn(never), pending: vi.fn(never) },
    report: { render: vi.fn(never), write: vi.fn(never) },
    secrets: { set: vi.fn(never), has: vi.fn(never), delete: vi.fn(never), status: vi.fn(never) },
    settings: { get: vi.fn(never), set: vi.fn(never) },
    site: { choose: vi.fn(never) },
    onEvent: vi.fn(() => () => {}),
  } as unknown as Api;
}

/**
 * Server rendering shows a zustand store's initial state (useSyncExternalStore's server
 * snapshot); this makes the prepared state the one rendered.
 */
function asRendered(store: ExportStore): ExportStore {
  return { ...store, getInitialState: store.getState };
}

function render(props: Partial<ExportStepProps>, prepare?: (store: ReturnType<typeof createExportStore>) => void) {
  const a = api();
  const store = createExportStore(a as ExportApi);
  store.getState().open(props.sitePath === undefined && 'sitePath' in props ? undefined : SITE, { repo: site.gitops?.repoURL });
  prepare?.(store);
  return renderToStaticMarkup(
    <ExportStep
      api={a}
      sitePath={SITE}
      site={site}
      errors={0}
      dirty={false}
      onSave={async () => SITE}
      onShowFindings={() => {}}
      store={asRendered(store)}
      {...props}
    />,
  );
}

describe('ExportStep', () => {
  it('shows the tree, the preview of the selected file, the write and the Git sections', () => {
    const html = render({}, (store) => store.setState({ preview, selected: 'site.yaml' }));
    expect(html).toContain('data-testid="export-tree"');
    expect(html).toContain('install/');
    expect(html).toContain('agent-config.yaml');
    expect(html).toContain('3 files');
    expect(html).toContain('data-testid="export-preview"');
    expect(html).toContain('name: plant-a');
    expect(html).toContain('data-testid="export-write"');
    expect(html).toContain('data-testid="export-commit"');
    expect(html).toContain('data-testid="export-push"');
    expect(html).toMatch(/data-testid="export-report"[^>]*>(<[^>]*>)*Write handover report/);
    expect(html).not.toContain('data-testid="export-report-result"');
    expect(html).toContain('/home/tech/plant-a/bundle');
    expect(html).toContain('site/plant-a');
    expect(html).toContain('https://git.example.com/sites.git');
    expect(html).toContain('The plan has no errors');
  });

  it('offers to save first when the plan is not in a file', () => {
    const html = render({ sitePath: undefined });
    expect(html).toContain('data-testid="export-save"');
    expect(html).toContain('not saved to a file yet');
    expect(html).not.toContain('data-testid="export-write"');
    expect(html).not.toContain('data-testid="export-report"');
  });

  it('offers to save unsaved edits and blocks writing until then', () => {
    const html = render({ dirty: true }, (store) => store.setState({ preview }));
    expect(html).toContain('unsaved edits');
    expect(html).toContain('data-testid="export-save"');
    expect(html).toMatch(/data-testid="export-write"[^>]*disabled|disabled[^>]*data-testid="export-write"/);
  });

  it('refuses generation with plan errors unless "Generate anyway"', () => {
    const refused = render({ errors: 3 }, (store) => store.setState({ preview }));
    expect(refused).toContain('The plan has 3 errors');
    expect(refused).toContain('Generate anyway');
    expect(refused).toContain('validation.json');
    expect(refused).toMatch(/data-testid="export-write"[^>]*disabled|disabled[^>]*data-testid="export-write"/);
    const forced = render({ errors: 3 }, (store) => store.setState({ preview, force: true }));
    expect(forced).toContain('Write bundle anyway');
  });

  it('shows errors of calls in alerts', () => {
    const html = render({}, (store) =>
      store.setState({ errors: { preview: 'There is no file at /x/site.yaml.', write: 'The disk is full; /x was not written.' } }),
    );
    expect(html).toContain('There is no file at /x/site.yaml.');
    expect(html).toContain('The disk is full; /x was not written.');
  });

  it('shows the write result and the export progress and result', () => {
    const result: ExportRunResult = {
      status: 'committed',
      branch: 'site/plant-a',
      oid: '0123456789abcdef',
      files: [{ path: 'sites/plant-a/site.yaml', change: 'added' }],
      findings: [],
      push: { status: 'offline', message: 'cannot reach git.example.com', pending: 2 },
      pending: 2,
      notes: [],
    };
    const html = render({}, (store) =>
      store.setState({
        preview,
        writeResult: { outDir: '/home/tech/plant-a/bundle', files: 12, forced: false },
        progress: [{ phase: 'committing' }, { phase: 'Receiving objects', loaded: 3, total: 9 }],
        exportResult: result,
        pending: 2,
      }),
    );
    expect(html).toContain('Bundle written: 12 files in /home/tech/plant-a/bundle');
    expect(html).toContain('data-testid="export-progress"');
    expect(html).toContain('Receiving objects 3 of 9');
    expect(html).toContain('data-testid="export-result"');
    expect(html).toContain('Committed on site/plant-a (01234567)');
    expect(html).toContain('No connection to the server');
    expect(html).toContain('2 commits only on this computer');
  });

  it('writes the handover report for the saved site and shows where the files are', async () => {
    const a = api();
    const write = a.report.write as ReturnType<typeof vi.fn>;
    write.mockResolvedValue({ path: '/home/tech/plant-a/report.html', pdfPath: '/home/tech/plant-a/report.pdf' });
    const store = createExportStore(a as ExportApi);
    store.getState().open(SITE);
    await store.getState().writeReport();
    expect(write).toHaveBeenCalledWith({ sitePath: SITE, pdf: true });
    const html = renderToStaticMarkup(
      <ExportStep api={a} sitePath={SITE} site={site} errors={0} dirty={false} onSave={async () => SITE} onShowFindings={() => {}} store={asRendered(store)} />,
    );
    expect(html).toContain('data-testid="export-report-result"');
    expect(html).toContain('Handover report written');
    expect(html).toMatch(/report\.html in <span[^>]*>\/home\/tech\/plant-a<\/span> — open it in any browser and print it \(A4\)\./);
    expect(html).toContain('report.pdf next to it');
  });

  it('says in words why there is no PDF, and why a report failed', () => {
    const noPdf = render({}, (store) =>
      store.setState({
        reportResult: { path: 'C:\\sites\\plant-a\\report.html', pdfUnavailable: 'This Sitekit cannot print to PDF here.' },
      }),
    );
    expect(noPdf).toContain('C:\\sites\\plant-a');
    expect(noPdf).toContain('This Sitekit cannot print to PDF here.');
    expect(noPdf).not.toContain('report.pdf next to it');

    const failed = render({}, (store) => store.setState({ errors: { report: 'There is no file at /home/tech/plant-a/site.yaml.' } }));
    expect(failed).toContain('data-testid="export-report-error"');
    expect(failed).toContain('The report could not be written');
    expect(failed).toContain('There is no file at /home/tech/plant-a/site.yaml.');
    expect(failed).not.toContain('data-testid="export-report-result"');
  });

  it('never renders the token', async () => {
    const a = api();
    (a.secrets.set as ReturnType<typeof vi.fn>).mockResolvedValue({ name: 'git-token', stored: true });
    const store = createExportStore(a as ExportApi);
    store.getState().open(SITE);
    await store.getState().storeToken(TOKEN);
    const html = renderToStaticMarkup(
      <ExportStep api={a} sitePath={SITE} site={site} errors={0} dirty={false} onSave={async () => SITE} onShowFindings={() => {}} store={asRendered(store)} />,
    );
    expect(html).toContain('Token stored');
    expect(html).not.toContain(TOKEN);
  });

  it('shows the server the token is stored for, and the question before it goes to another one', () => {
    const html = render({}, (store) =>
      store.setState({
        tokenStored: true,
        tokenBoundTo: ['https://git.example.com'],
        tokenQuestion: {
          message: 'The stored Git token is for git.example.com, but this export would send it to git.stranger.example. Nothing was sent.',
          target: 'https://git.stranger.example',
          boundTo: ['https://git.example.com'],
          push: true,
        },
      }),
    );
    expect(html).toContain('Token stored for git.example.com');
    expect(html).toContain('data-testid="export-token-question"');
    expect(html).toContain('Send the Git token to git.stranger.example?');
    expect(html).toContain('Use it for git.stranger.example');
    expect(html).toContain('Nothing was sent.');
    const unbound = render({}, (store) => store.setState({ tokenStored: true, tokenBoundTo: [] }));
    expect(unbound).toContain('Token stored (no server yet)');
    expect(unbound).not.toContain('export-token-question');
  });

  it('shows the plain-text consent next to the token when the secret store cannot encrypt', async () => {
    const why = 'No system key ring is available on this computer (safeStorage backend "basic_text").';
    const a = api();
    const mocked = (f: unknown) => f as ReturnType<typeof vi.fn>;
    mocked(a.secrets.status).mockResolvedValue({ protection: 'basic_text', names: [], warning: why });
    mocked(a.settings.get).mockResolvedValue({ recentSites: [] });
    mocked(a.export.pending).mockResolvedValue(0);
    const store = createExportStore(a as ExportApi);
    store.getState().open(SITE, { repo: site.gitops?.repoURL });
    await store.getState().loadGit();
    const show = () =>
      renderToStaticMarkup(
        <ExportStep api={a} sitePath={SITE} site={site} errors={0} dirty={false} onSave={async () => SITE} onShowFindings={() => {}} store={asRendered(store)} />,
      );

    let html = show();
    const box = () => /<input[^>]*id="[^"]*-token-plain"[^>]*>/.exec(html)?.[0];
    expect(box(), 'a consent checkbox next to the token').toBeDefined();
    expect(box()).toMatch(/type="checkbox"/);
    expect(box()).not.toMatch(/\bchecked=""/);
    expect(html).toContain('Store it without encryption');
    expect(html).toContain(why.replaceAll('"', '&quot;'));
    expect(/<button[^>]*data-testid="export-token-store"[^>]*>/.exec(html)?.[0]).toMatch(/\sdisabled=""/);

    // Storing without the tick sends nothing and says why.
    await store.getState().storeToken(TOKEN);
    expect(a.secrets.set).not.toHaveBeenCalled();
    html = show();
    expect(html).toContain('Tick &quot;Store it without encryption&quot; to store the token');

    store.getState().agreePlainText(true);
    html = show();
    expect(box()).toMatch(/\bchecked=""/);
    mocked(a.secrets.set).mockResolvedValue({ name: 'git-token', stored: true });
    await store.getState().storeToken(TOKEN);
    expect(a.secrets.set).toHaveBeenCalledWith({ name: 'git-token', value: TOKEN, allowPlainText: true, boundTo: 'https://git.example.com' });
    expect(show()).not.toContain(TOKEN);
  });

  it('shows no consent when the secret store encrypts', () => {
    const html = render({}, (store) => store.setState({ tokenStored: false, tokenPlainText: undefined }));
    expect(html).not.toContain('secret-plain-text-consent');
    expect(html).not.toContain('Store it without encryption');
    expect(html).toContain('data-testid="export-token-store"');
  });
});

describe('export parts', () => {
  it('says when a file is too large to preview', () => {
    const html = renderToStaticMarkup(<FilePreview file={{ path: 'inventory/node-a.json', size: 400_000 }} />);
    expect(html).toContain('too large to preview');
    expect(html).toContain('391 KB');
  });

  it('numbers the lines of a preview', () => {
    const html = renderToStaticMarkup(<FilePreview file={{ path: 'a.yaml', size: 6, content: 'a\nb\nc\n' }} />);
    expect(html).toContain('3 lines');
    expect(html.match(/sk-export-code__num/g)).toHaveLength(3);
  });

  it('says there is no bundle yet, or what would change', () => {
    expect(renderToStaticMarkup(<DiffView missing="/x/bundle" />)).toContain('No bundle written yet');
    const html = renderToStaticMarkup(
      <DiffView
        diff={{
          against: '/x/bundle',
          files: [
            { path: 'install/agent-config.yaml', change: 'changed', diff: '--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n' },
            { path: 'gitops/old.yaml', change: 'removed' },
            { path: 'gitops/new.yaml', change: 'added' },
          ],
          unchanged: 7,
        }}
      />,
    );
    expect(html).toContain('data-testid="export-diff"');
    expect(html).toContain('1 new, 1 changed, 1 removed, 7 unchanged');
    expect(html).toContain('Changed');
    expect(html).toContain('Removed');
  });

  it('lists secret-scan hits and refused findings', () => {
    const blocked = renderToStaticMarkup(
      <ExportResultView
        result={{ status: 'blocked', findings: [], secrets: ['install/x.yaml:3: looks like a private key'], pending: 0, notes: [] }}
        onShowFindings={() => {}}
      />,
    );
    expect(blocked).toContain('install/x.yaml:3: looks like a private key');
    const refused = renderToStaticMarkup(
      <ExportResultView
        result={{
          status: 'refused',
          findings: [{ id: 'network.vlan-reused', severity: 'error', path: '/networks/1/vlan', message: 'VLAN 100 used twice', step: 'networks' }],
          pending: 0,
          notes: [],
        }}
        onShowFindings={() => {}}
      />,
    );
    expect(refused).toContain('the plan has 1 error');
    expect(refused).toContain('VLAN 100 used twice');
    expect(refused).toContain('Show the errors');
  });
});
