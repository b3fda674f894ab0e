// Readiness in the app: the checklist from what the wizard holds (secret names only, the write
// and export of this window from the saved plan), the Validate step never showing "No problems
// found" alone, and the Generate & export step's mark: ✓ only for a bundle written without force.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { BundleWriteResult, ExportRunResult, InventoryView } from '../../../main/contract/api';
import { requiredSecrets } from '../../../main/core/site/required-secrets';
import { appBundleFact, appReadiness, type AppReadinessInput } from '../../../renderer/src/store/readiness';
import { createExportStore, type ExportApi } from '../../../renderer/src/steps/export/export-store';
import { ReadinessChecklist } from '../../../renderer/src/steps/validate/ReadinessChecklist';
import { ValidateStep } from '../../../renderer/src/steps/validate/ValidateStep';
import { StepNav } from '../../../renderer/src/wizard/StepNav';
import { stepStatuses } from '../../../renderer/src/wizard/step-status';
import { healthyInventories } from '../probe/inventory-builder';
import { documentOf, exampleText } from './example-doc';
import { openStore, render } from './step-render';

const TEXT = exampleText();
const doc = documentOf(TEXT, { path: '/home/tech/plant-a/site.yaml', readOnly: false });
const site = doc.site!;
const nodes = site.nodes.map((n) => n.hostname);
const inventories: InventoryView[] = healthyInventories().map(({ sections: _sections, ...rest }) => rest);
const written: BundleWriteResult = { outDir: '/home/tech/plant-a/bundle', files: 40, forced: false };
const committed: ExportRunResult = { status: 'committed', branch: 'site/plant-a', oid: 'abcdef0123456789', findings: [], pending: 1, notes: [], forced: false };

const input = (over: Partial<AppReadinessInput> = {}, exporter: AppReadinessInput['exporter'] = {}): AppReadinessInput => ({
  doc: { ...doc, findings: [] },
  inventories,
  savedText: TEXT,
  dirty: false,
  exporter: { secretNames: requiredSecrets(site).map((s) => s.name), ...exporter },
  ...over,
});
const states = (i: AppReadinessInput) => Object.fromEntries(appReadiness(i)!.items.map((x) => [x.id, x.state]));

describe('appReadiness', () => {
  it('ready only after a write and an export from the saved plan, with every secret stored and every node discovered', () => {
    const r = appReadiness(input({}, { writeResult: written, writtenPlan: TEXT, exportResult: committed, exportedPlan: TEXT }))!;
    expect(r.ready).toBe(true);
    expect(r.items.find((i) => i.id === 'export')!.text).toBe('Committed abcdef0 on site/plant-a.');
    // Nothing written nor exported in this window: not done (not "ready").
    expect(states(input())).toMatchObject({ bundle: 'not-done', export: 'not-done' });
    expect(appReadiness(input())!.ready).toBe(false);
  });

  it('a write of an older saved text, or unsaved edits, do not count', () => {
    const older = input({}, { writeResult: written, writtenPlan: `${TEXT}# before\n` });
    expect(states(older).bundle).toBe('not-done');
    expect(appBundleFact(input({ dirty: true }, { writeResult: written, writtenPlan: TEXT }))).toMatchObject({ written: false, note: expect.stringMatching(/unsaved edits/) });
  });

  it('a forced write is a problem; an unchanged export counts as exported', () => {
    expect(states(input({}, { writeResult: { ...written, forced: true }, writtenPlan: TEXT })).bundle).toBe('problem');
    const unchanged: ExportRunResult = { ...committed, status: 'unchanged' };
    expect(states(input({}, { exportResult: unchanged, exportedPlan: TEXT }))).toMatchObject({ bundle: 'done', export: 'done' });
    expect(states(input({}, { exportResult: { ...committed, forced: true }, exportedPlan: TEXT })).bundle).toBe('problem');
  });

  it('secrets: names only; before the store answered, or when it cannot, "not known"; missing ones named', () => {
    expect(states(input({}, { secretNames: undefined })).secrets).toBe('unknown');
    const failed = appReadiness(input({}, { secretNames: undefined, secretsProblem: 'no secret store' }))!;
    expect(failed.items.find((i) => i.id === 'secrets')!.text).toContain('The secret store could not be asked: no secret store');
    expect(states(input({}, { secretNames: [] })).secrets).toBe('not-done');
  });

  it('hardware: not discovered without inventories; a plan that cannot be read has no checklist', () => {
    expect(states(input({ inventories: [] })).hardware).toBe('not-done');
    expect(appReadiness(input({ doc: { ...doc, site: undefined, status: 'invalid' } }))).toBeUndefined();
  });
});

describe('Validate step and checklist', () => {
  it('"No problems found" never stands alone: the checklist above says not ready, and why', async () => {
    const { store } = await openStore({ ...doc, findings: [], summary: { errors: 0, warnings: 0, infos: 0 } });
    const readiness = appReadiness(input({ inventories: [] }))!;
    const html = render(store, <ValidateStep readiness={readiness} />);
    const checklist = html.indexOf('data-testid="readiness"');
    const none = html.indexOf('data-testid="no-findings"');
    expect(checklist).toBeGreaterThan(-1);
    expect(none).toBeGreaterThan(checklist);
    expect(html).toContain('data-ready="no"');
    expect(html).toContain('No problems found in the plan');
    expect(html).not.toContain('>No problems found<');
    expect(html).toContain('Not ready: 3 not done.'); // hardware, bundle, export
  });

  it('each item shows its state in words, not only as an icon', () => {
    const html = renderToStaticMarkup(<ReadinessChecklist readiness={appReadiness(input({}, { secretNames: undefined, writeResult: { ...written, forced: true }, writtenPlan: TEXT }))!} />);
    expect(html).toMatch(/data-testid="readiness-secrets" data-state="unknown">.*\(Not known\)/);
    expect(html).toMatch(/data-testid="readiness-bundle" data-state="problem">.*\(Problem\)/);
    expect(html).toContain('Ready only when every item is done.');
  });
});

describe('Generate & export step mark', () => {
  const base = { findings: [], nodes, inventories, unreadable: false };
  it('✓ only for a bundle written without force; forced is a mark of its own, with words', () => {
    expect(stepStatuses({ ...base, generated: true }).export).toMatchObject({ state: 'done', label: 'Bundle written' });
    const forced = stepStatuses({ ...base, generated: true, forced: true });
    expect(forced.export.state).toBe('forced');
    expect(forced.export.label).toMatch(/errors overridden \("Generate anyway"\)/);
    const html = renderToStaticMarkup(<StepNav current="site" statuses={forced} onSelect={vi.fn()} />);
    const exportItem = html.slice(html.indexOf('data-testid="nav-export"'));
    expect(exportItem).toMatch(/^data-testid="nav-export" data-state="forced"/);
    expect(exportItem).toContain('forced');
    expect(exportItem).not.toContain('pf-m-success');
  });

  it('the store records which saved text a write was made from, and the secret names (never values)', async () => {
    const api = {
      bundle: { write: vi.fn(async () => written) },
      secrets: { status: vi.fn(async () => ({ protection: 'file-0600', names: ['pull-secret'] })) },
      onEvent: vi.fn(() => () => {}),
    } as unknown as ExportApi;
    const store = createExportStore(api);
    store.getState().open('/home/tech/plant-a/site.yaml');
    store.getState().setPlan(TEXT);
    store.getState().setOutDir('/home/tech/plant-a/bundle');
    await store.getState().write();
    expect(store.getState().writtenPlan).toBe(TEXT);
    await store.getState().loadSecretNames();
    expect(store.getState().secretNames).toEqual(['pull-secret']);
  });
});
