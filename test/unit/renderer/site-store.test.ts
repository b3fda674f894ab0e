// The wizard's store against the real handlers (called directly): edits through site.edit,
// live checks, undo/redo, autosave and recovery, save-as, focus requests.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApi, type EventListener, type SitekitApi } from '../../../main/contract/api';
import { bridgeFromCall } from '../../../main/contract/wire';
import { createHandlers } from '../../../main/host/handlers';
import { createSiteStore, type SiteStore } from '../../../renderer/src/store/site-store';
import { saveInventory } from '../../../main/core/probe/store';
import { healthyInventories } from '../probe/inventory-builder';
import { RM_SETTLING } from '../../helpers/sitekit-fixtures';
import { examplePath, exampleText as readExample } from './example-doc';

const EXAMPLE_PATH = examplePath('plant-a');
const exampleText = () => readExample('plant-a');

/** Timers the test fires by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout: (fn: () => void) => {
      pending.set(next, fn);
      return next++;
    },
    clearTimeout: (h: unknown) => void pending.delete(h as number),
    /** Runs everything scheduled so far. */
    flush() {
      const jobs = [...pending.values()];
      pending.clear();
      for (const job of jobs) job();
    },
    get count() {
      return pending.size;
    },
  };
}

let dataDir: string;
let siteDir: string;
let api: SitekitApi;
let timers: ReturnType<typeof manualTimers>;

function makeApi(dir = dataDir): SitekitApi {
  const handlers = createHandlers({ mode: 'browser', version: 'test', examplePath: EXAMPLE_PATH, settingsDir: dir });
  return createApi(
    bridgeFromCall(
      (channel, input) => handlers[channel](input),
      (_l: EventListener) => () => undefined,
    ),
  );
}

async function started(a = api): Promise<SiteStore> {
  const store = createSiteStore(a, timers);
  await store.getState().start();
  return store;
}

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'sk-store-data-'));
  siteDir = await mkdtemp(path.join(tmpdir(), 'sk-store-site-'));
  timers = manualTimers();
  api = makeApi();
});
afterEach(async () => {
  await rm(dataDir, RM_SETTLING);
  await rm(siteDir, RM_SETTLING);
});

describe('site store', () => {
  it('opens the example read-only with its data, findings and no history', async () => {
    const store = await started();
    const s = store.getState();
    expect(s.readOnly).toBe(true);
    expect(s.path).toBe(EXAMPLE_PATH);
    expect(s.text).toBe(exampleText());
    expect((s.doc?.data as { metadata: { name: string } }).metadata.name).toBe('plant-a');
    expect(s.doc?.summary.errors).toBe(0);
    expect(s.past).toEqual([]);
    expect(s.step).toBe('site');
  });

  it('an edit rewrites the text keeping comments, re-checks it, and can be undone and redone', async () => {
    const store = await started();
    await store.getState().edit([{ path: '/networks/3/vlan', value: 100 }]);
    let s = store.getState();
    expect(s.text).toMatch(/vlan: 100\s*\n\s*subnet: 10\.110\.0\.0\/24/);
    expect(s.text).toContain('# tagged: bond0 runs at MTU 9000 for storage');
    expect(s.doc?.findings.some((f) => f.id === 'network.vlan-reused' && f.path.startsWith('/networks/'))).toBe(true);
    expect(s.past).toHaveLength(1);

    await store.getState().undo();
    s = store.getState();
    expect(s.text).toBe(exampleText());
    expect(s.doc?.summary.errors).toBe(0);
    expect(s.future).toHaveLength(1);

    await store.getState().redo();
    s = store.getState();
    expect(s.doc?.summary.errors).toBeGreaterThan(0);
    expect(s.past).toHaveLength(1);
    expect(s.future).toHaveLength(0);
  });

  it('what is typed in one visit to a field is one undo step, whatever the pauses; undo then redo brings it back', async () => {
    const store = await started();
    const base = store.getState().text;
    // A field commits at each pause in typing: "H", "Ha", "Hal" in one visit.
    for (const typed of ['H', 'Ha', 'Hal']) await store.getState().edit([{ path: '/metadata/location', value: typed }], { group: 'location#1' });
    expect(store.getState().past).toEqual([base]);

    await store.getState().undo();
    expect(store.getState().text).toBe(base);
    expect(store.getState().future).toHaveLength(1);

    await store.getState().redo();
    const s = store.getState();
    expect((s.doc?.data as { metadata: { location: string } }).metadata.location).toBe('Hal');
    expect(s.past).toEqual([base]);
    expect(s.future).toEqual([]);
  });

  it('typing after an undo, another visit or another change starts a new undo step', async () => {
    const store = await started();
    const location = () => (store.getState().doc?.data as { metadata: { location?: string } }).metadata.location;
    await store.getState().edit([{ path: '/metadata/location', value: 'Hall 1' }], { group: 'location#1' });
    await store.getState().undo();
    await store.getState().edit([{ path: '/metadata/location', value: 'Hall 2' }], { group: 'location#1' });
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().future).toEqual([]); // a new change drops what could be redone

    await store.getState().edit([{ path: '/metadata/location', value: 'Hall 3' }], { group: 'location#2' });
    await store.getState().edit([{ path: '/networks/3/vlan', value: 100 }]);
    await store.getState().edit([{ path: '/metadata/location', value: 'Hall 4' }], { group: 'location#2' });
    expect(store.getState().past).toHaveLength(4);

    await store.getState().undo();
    expect(location()).toBe('Hall 3');
    await store.getState().undo();
    await store.getState().undo();
    expect(location()).toBe('Hall 2');
  });

  it('a failed edit says why and leaves the text as it was', async () => {
    const store = await started();
    await store.getState().edit([{ path: '/networks/99/vlan', value: 5 }]);
    const s = store.getState();
    expect(s.error).toMatch(/networks\/99/);
    expect(s.text).toBe(exampleText());
    expect(s.past).toHaveLength(0);
  });

  it('typing in the YAML editor is checked once per pause and is one undo step', async () => {
    const check = vi.spyOn(api.site, 'check');
    const store = await started();
    const base = store.getState().text;
    store.getState().setText(base.replace('vlan: 110', 'vlan: 11'));
    store.getState().setText(base.replace('vlan: 110', 'vlan: 100'));
    expect(store.getState().checking).toBe(true);
    timers.flush();
    await vi.waitFor(() => expect(store.getState().checking).toBe(false));
    expect(check).toHaveBeenCalledTimes(1);
    const s = store.getState();
    expect(s.checking).toBe(false);
    expect(s.doc?.summary.errors).toBeGreaterThan(0);
    expect(s.past).toEqual([base]);
  });

  it('keeps unsaved edits of a site file and offers them back after a crash; saving forgets them', async () => {
    const file = path.join(siteDir, 'site.yaml');
    await writeFile(file, exampleText());
    const first = createSiteStore(api, timers);
    await first.getState().open(file);
    await first.getState().edit([{ path: '/metadata/location', value: 'Hall 9' }]);
    expect(timers.count).toBe(1);
    timers.flush(); // autosave
    await vi.waitFor(() => expect(first.getState().autosavedAt).toBeDefined());

    // A new app (new handlers, same data folder) opening the same file.
    const second = createSiteStore(makeApi(), timers);
    await second.getState().open(file);
    expect(second.getState().recovery?.text).toContain('location: Hall 9');
    expect(second.getState().text).toBe(exampleText());
    await second.getState().restoreRecovery();
    expect(second.getState().text).toContain('location: Hall 9');
    expect(second.getState().recovery).toBeUndefined();
    expect(second.getState().autosavedAt).toBeDefined(); // the restored draft is this session's now

    expect(await second.getState().save()).toBe(file);
    expect(await readFile(file, 'utf8')).toContain('location: Hall 9');
    const third = createSiteStore(makeApi(), timers);
    await third.getState().open(file);
    expect(third.getState().recovery).toBeUndefined();
  });

  it('the example is saved through "save as": the save resolves with the path chosen in the page', async () => {
    const store = await started();
    await store.getState().edit([{ path: '/metadata/location', value: 'Hall 2' }]);
    const saving = store.getState().save();
    await vi.waitFor(() => expect(store.getState().dialog).toBe('save-as')); // browser mode: no native dialog
    const target = path.join(siteDir, 'copy.yaml');
    await store.getState().saveAs(target);
    expect(await saving).toBe(target);
    const s = store.getState();
    expect(s.readOnly).toBe(false);
    expect(s.path).toBe(target);
    expect(s.savedText).toBe(s.text);
    expect(s.dialog).toBeUndefined();
    expect(await readFile(target, 'utf8')).toContain('location: Hall 2');
    await vi.waitFor(() => expect(store.getState().recent[0]).toBe(target));
  });

  it('cancelling "save as" resolves the save with nothing', async () => {
    const store = await started();
    const saving = store.getState().save();
    await vi.waitFor(() => expect(store.getState().dialog).toBe('save-as'));
    store.getState().closeDialog();
    expect(await saving).toBeUndefined();
  });

  it('a finding click opens the step of the field and asks for focus each time', async () => {
    const store = await started();
    store.getState().focusField('/networks/3/vlan');
    const first = store.getState().focus;
    expect(store.getState().step).toBe('networks');
    expect(first?.path).toBe('/networks/3/vlan');
    store.getState().focusField('/networks/3/vlan');
    expect(store.getState().focus?.seq).not.toBe(first?.seq);
    store.getState().focusField('/nodes/1/disks/odf/0');
    expect(store.getState().step).toBe('disks');
  });

  it('an answer for an older text never replaces the findings of the newer one', async () => {
    const store = await started();
    const base = store.getState().text;
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => (release = r));
    const real = api.site.check.bind(api.site);
    vi.spyOn(api.site, 'check').mockImplementationOnce(async (input) => {
      await slow;
      return real(input);
    });
    store.getState().setText(base.replace('vlan: 110', 'vlan: 100'));
    timers.flush();
    store.getState().setText(base);
    release();
    timers.flush();
    await vi.waitFor(() => expect(store.getState().checking).toBe(false));
    expect(store.getState().doc?.text).toBe(base);
    expect(store.getState().doc?.summary.errors).toBe(0);
  });

  it('a site that cannot be opened leaves a message naming the file', async () => {
    const store = await started();
    expect(await store.getState().open(path.join(siteDir, 'missing.yaml'))).toBe(false);
    expect(store.getState().error).toMatch(/missing\.yaml/);
    expect(store.getState().path).toBe(EXAMPLE_PATH);
  });

  it('after discovery, every edit is also checked against the stored hardware, under the field it is about', async () => {
    const file = path.join(siteDir, 'site.yaml');
    await writeFile(file, exampleText());
    const inventories = healthyInventories();
    for (const inventory of inventories) await saveInventory(siteDir, inventory);
    const store = createSiteStore(api, timers);
    await store.getState().open(file);
    await vi.waitFor(() => expect(store.getState().inventories).toHaveLength(3));
    expect(store.getState().doc?.summary.errors).toBe(0); // the plan matches the hardware
    const hwIds = () => (store.getState().doc?.findings ?? []).filter((f) => f.id.startsWith('hw.')).map((f) => `${f.id} ${f.path}`);
    const baseline = hwIds(); // notes such as the ODF capacity

    // A typo in acp-2's MAC of ens1f0: the rules cannot know, the hardware does.
    await store.getState().edit([{ path: '/nodes/1/interfaces/1/mac', value: 'b4:96:91:a1:02:99' }]);
    const s = store.getState();
    const hardware = (s.doc?.findings ?? []).filter((f) => f.id.startsWith('hw.') && !baseline.includes(`${f.id} ${f.path}`));
    expect(hardware.length).toBeGreaterThan(0);
    expect(hardware.some((f) => f.path.startsWith('/nodes/1/interfaces/1'))).toBe(true);
    expect(s.doc?.summary.errors).toBe(s.doc?.findings.filter((f) => f.severity === 'error').length);

    await store.getState().undo();
    expect(hwIds()).toEqual(baseline);
  });

  it('a draft is forgotten once the edits are undone back to the file, so it never comes back stale', async () => {
    const file = path.join(siteDir, 'site.yaml');
    await writeFile(file, exampleText());
    const store = createSiteStore(api, timers);
    await store.getState().open(file);
    await store.getState().edit([{ path: '/metadata/location', value: 'Hall 9' }]);
    timers.flush();
    await vi.waitFor(() => expect(store.getState().autosavedAt).toBeDefined());
    await store.getState().undo();
    timers.flush();
    await vi.waitFor(() => expect(store.getState().autosavedAt).toBeUndefined());
    const again = createSiteStore(makeApi(), timers);
    await vi.waitFor(async () => {
      await again.getState().open(file);
      expect(again.getState().recovery).toBeUndefined();
    });
  });
});
