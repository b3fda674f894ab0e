// site.edit, site.autosave / discardRecovery (crash recovery), site.choose and
// probe.inventories over the same three transports as contract.test.ts.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { saveInventory } from '../../../main/core/probe/store';
import type { SiteDialogs } from '../../../main/host/handlers';
import { healthyInventory } from '../probe/inventory-builder';
import { EXAMPLE_PATH, makeTempDir, readExample } from '../../helpers/sitekit-fixtures';
import { failure, TRANSPORTS, type Api, type Transport } from './transports';

const draftFile = (dataDir: string, site: string) =>
  path.join(dataDir, 'drafts', `${createHash('sha256').update(site).digest('hex').slice(0, 32)}.json`);

describe.each(TRANSPORTS)('site edits, drafts, dialogs and inventories over $name', (transport: Transport) => {
  let api: Api;
  let stop: () => Promise<void>;
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let example: string;
  let dataDir: string;
  let counter = 0;

  /** A fresh site file holding the example. */
  const newSite = async (text = example): Promise<string> => {
    const dir = path.join(tmp.dir, 'sites', `s${++counter}`);
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'site.yaml');
    await writeFile(file, text);
    return file;
  };

  beforeAll(async () => {
    tmp = await makeTempDir();
    example = await readExample();
    dataDir = path.join(tmp.dir, 'data');
    ({ api, stop } = await transport.start({ settingsDir: dataDir }));
  });
  afterAll(async () => {
    await stop();
    await tmp.cleanup();
  });

  describe('rejects invalid input, naming the field', () => {
    const cases: Array<[string, (api: Api) => Promise<unknown>, RegExp]> = [
      ['edit: no edits', (a) => a.site.edit({ text: 'a: 1', edits: [] }), /edits.*at least one/],
      ['edit: path not a pointer', (a) => a.site.edit({ text: 'a: 1', edits: [{ path: 'networks/0' }] }), /edits\.0\.path.*JSON pointer/],
      ['edit: bad escape', (a) => a.site.edit({ text: 'a: 1', edits: [{ path: '/a~2' }] }), /edits\.0\.path/],
      ['edit: unknown field in an edit', (a) => a.site.edit({ text: 'a: 1', edits: [{ path: '/a', op: 'x' } as { path: string }] }), /edits\.0 has unknown field "op"/],
      ['edit: text missing', (a) => a.site.edit({ edits: [{ path: '/a', value: 1 }] } as unknown as { text: string; edits: [] }), /text/],
      ['autosave: relative path', (a) => a.site.autosave({ path: 'site.yaml', text: 'x' }), /path.*absolute/],
      ['autosave: text not a text', (a) => a.site.autosave({ path: '/tmp/s.yaml', text: 42 as unknown as string }), /text/],
      ['discardRecovery: path missing', (a) => a.site.discardRecovery({} as { path: string }), /path/],
      ['choose: unknown purpose', (a) => a.site.choose({ purpose: 'delete' as 'folder' }), /purpose.*open-site, save-site, folder, kubeconfig or install-dir/],
      ['choose: relative defaultPath', (a) => a.site.choose({ purpose: 'folder', defaultPath: 'here' }), /defaultPath.*absolute/],
      ['inventories: relative sitePath', (a) => a.probe.inventories({ sitePath: 'site.yaml' }), /sitePath.*absolute/],
    ];
    it.each(cases)('%s', async (_name, call, pattern) => {
      const error = await failure(call(api));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(pattern);
    });
  });

  describe('site.edit', () => {
    it('changes the fields, keeps the comments, checks the result and writes nothing', async () => {
      const file = await newSite();
      const doc = await api.site.edit({
        text: example,
        edits: [
          { path: '/networks/0/vlan', value: 11 },
          { path: '/metadata/contact/phone' },
          { path: '/cluster/dnsServers/-', value: '10.10.0.4' },
        ],
      });
      expect(doc.status).toBe('ok');
      expect(doc.path).toBeUndefined();
      expect(doc.readOnly).toBe(false);
      expect(doc.site?.networks[0]?.vlan).toBe(11);
      expect(doc.site?.metadata.contact?.phone).toBeUndefined();
      expect(doc.site?.cluster.dnsServers).toEqual(['10.10.0.2', '10.10.0.4']);
      expect(doc.text).toContain('    vlan: 11       # tagged: bond0 runs at MTU 9000');
      expect(doc.text).toContain('# yaml-language-server: $schema=');
      expect(doc.text).toContain('# Disconnected site: every image comes from the plant');
      expect(await readFile(file, 'utf8')).toBe(example);
    });

    it('checks the edited plan: a reused VLAN is found', async () => {
      const doc = await api.site.edit({ text: example, edits: [{ path: '/networks/3/vlan', value: 100 }] });
      expect(doc.findings.some((f) => f.id === 'network.vlan-reused')).toBe(true);
    });

    it('edits a readable plan that does not match the format (and can fix it)', async () => {
      const broken = example.replace('vlan: 110', 'vlan: 5000');
      expect((await api.site.check({ text: broken })).status).toBe('invalid');
      const fixed = await api.site.edit({ text: broken, edits: [{ path: '/networks/3/vlan', value: 110 }] });
      expect(fixed.status).toBe('ok');
      expect(fixed.text).toBe(example);
    });

    it('refuses text that is not YAML, saying why', async () => {
      const error = await failure(api.site.edit({ text: 'metadata: [unclosed', edits: [{ path: '/metadata/name', value: 'x' }] }));
      expect(error.code).toBe('invalid-site');
      expect(error.message).toMatch(/not readable YAML \(\d+:\d+: .+\)/);
    });

    it('names the path of an edit that cannot be made', async () => {
      const past = await failure(api.site.edit({ text: example, edits: [{ path: '/networks/9', value: {} }] }));
      expect(past.code).toBe('invalid-input');
      expect(past.message).toMatch(/\/networks\/9.*past the end/);
      const scalar = await failure(api.site.edit({ text: example, edits: [{ path: '/metadata/name/x', value: 1 }] }));
      expect(scalar.code).toBe('invalid-input');
      expect(scalar.message).toContain('/metadata/name/x');
    });
  });

  describe('site.autosave and recovery', () => {
    it('keeps unsaved text across a crash: a new instance on the same data folder offers it on open', async () => {
      const file = await newSite();
      const unsaved = example.replace('location: Plant A, hall 3, rack row C', 'location: typed but never saved');
      const { savedAt } = await api.site.autosave({ path: file, text: unsaved });
      expect(Date.parse(savedAt)).not.toBeNaN();

      const stored = draftFile(dataDir, file);
      expect((await stat(stored)).mode & 0o777).toBe(0o600);
      expect(JSON.parse(await readFile(stored, 'utf8'))).toEqual({ path: file, text: unsaved, savedAt });

      // The "crash": a second instance on the same data folder (the first one is just abandoned).
      const restarted = await transport.start({ settingsDir: dataDir });
      try {
        const doc = await restarted.api.site.open({ path: file });
        expect(doc.text).toBe(example);
        expect(doc.recovery).toEqual({ text: unsaved, savedAt });

        // Saving the file clears the draft.
        await restarted.api.site.save({ path: file, text: unsaved });
        await expect(stat(stored)).rejects.toMatchObject({ code: 'ENOENT' });
        expect((await restarted.api.site.open({ path: file })).recovery).toBeUndefined();
      } finally {
        await restarted.stop();
      }
    });

    it('discardRecovery forgets the draft (true once, then false)', async () => {
      const file = await newSite();
      await api.site.autosave({ path: file, text: `${example}# more\n` });
      expect((await api.site.open({ path: file })).recovery?.text).toBe(`${example}# more\n`);
      expect(await api.site.discardRecovery({ path: file })).toBe(true);
      expect(await api.site.discardRecovery({ path: file })).toBe(false);
      expect((await api.site.open({ path: file })).recovery).toBeUndefined();
    });

    it('the last autosave wins', async () => {
      const file = await newSite();
      await Promise.all([1, 2, 3, 4, 5].map((n) => api.site.autosave({ path: file, text: `${example}# ${n}\n` })));
      await api.site.autosave({ path: file, text: `${example}# last\n` });
      expect((await api.site.open({ path: file })).recovery?.text).toBe(`${example}# last\n`);
    });

    it('a draft equal to the file is dropped silently', async () => {
      const file = await newSite();
      await api.site.autosave({ path: file, text: example });
      expect((await api.site.open({ path: file })).recovery).toBeUndefined();
      await expect(stat(draftFile(dataDir, file))).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('a corrupt draft is ignored and removed, never a failure', async () => {
      for (const garbage of ['{ not json', JSON.stringify({ path: '/some/other/site.yaml', text: 'x', savedAt: new Date().toISOString() }), '[]']) {
        const file = await newSite();
        const stored = draftFile(dataDir, file);
        await mkdir(path.dirname(stored), { recursive: true });
        await writeFile(stored, garbage);
        const doc = await api.site.open({ path: file });
        expect(doc.status).toBe('ok');
        expect(doc.recovery).toBeUndefined();
        await expect(stat(stored)).rejects.toMatchObject({ code: 'ENOENT' });
      }
    });

    it('the read-only example offers its draft too', async () => {
      await api.site.autosave({ path: EXAMPLE_PATH, text: `${example}# my changes\n` });
      expect((await api.site.openExample()).recovery?.text).toBe(`${example}# my changes\n`);
      expect(await api.site.discardRecovery({ path: EXAMPLE_PATH })).toBe(true);
      expect((await api.site.openExample()).recovery).toBeUndefined();
    });

    it('without a data folder drafts live in memory', async () => {
      const memory = await transport.start();
      try {
        const file = await newSite();
        await memory.api.site.autosave({ path: file, text: 'kind: Site\n' });
        expect((await memory.api.site.open({ path: file })).recovery?.text).toBe('kind: Site\n');
        expect(await memory.api.site.discardRecovery({ path: file })).toBe(true);
        expect((await memory.api.site.open({ path: file })).recovery).toBeUndefined();
      } finally {
        await memory.stop();
      }
    });
  });

  describe('site.choose', () => {
    it('is not supported without native dialogs (browser mode)', async () => {
      expect(await api.site.choose({ purpose: 'open-site' })).toEqual({ supported: false });
    });

    it('asks the native dialog for each purpose', async () => {
      const dialogs: SiteDialogs = {
        chooseSiteToOpen: vi.fn(async () => '/sites/plant-a/site.yaml'),
        chooseSaveLocation: vi.fn(async () => undefined),
        chooseFolder: vi.fn(async () => '/sites/new'),
      };
      const desktop = await transport.start({ dialogs });
      try {
        expect(await desktop.api.site.choose({ purpose: 'open-site', defaultPath: '/sites' })).toEqual({
          supported: true,
          path: '/sites/plant-a/site.yaml',
        });
        expect(dialogs.chooseSiteToOpen).toHaveBeenCalledWith('/sites');
        expect(await desktop.api.site.choose({ purpose: 'save-site' })).toEqual({ supported: true });
        expect(await desktop.api.site.choose({ purpose: 'folder' })).toEqual({ supported: true, path: '/sites/new' });
        expect(dialogs.chooseSaveLocation).toHaveBeenCalledTimes(1);
        expect(dialogs.chooseFolder).toHaveBeenCalledTimes(1);
      } finally {
        await desktop.stop();
      }
    });
  });

  describe('probe.inventories', () => {
    it('is empty before a probe, then lists the stored inventories in the order of the nodes, without raw outputs', async () => {
      const file = await newSite();
      expect(await api.probe.inventories({ sitePath: file })).toEqual([]);
      const siteDir = path.dirname(file);
      for (const n of [3, 1, 2]) {
        await saveInventory(siteDir, { ...healthyInventory(n), sections: { lsblk: { ok: true, exitCode: 0, stdout: 'RAW lsblk output' } } });
      }
      await saveInventory(siteDir, { ...healthyInventory(1), node: 'acp-0-retired' });
      const inventories = await api.probe.inventories({ sitePath: file });
      expect(inventories.map((i) => i.node)).toEqual(['acp-1', 'acp-2', 'acp-3', 'acp-0-retired']);
      expect(inventories[0]).toMatchObject({ node: 'acp-1', facts: { system: { serial: 'SRV1' } } });
      for (const inv of inventories) expect(inv).not.toHaveProperty('sections');
      expect(JSON.stringify(inventories)).not.toContain('RAW lsblk output');
    });

    it('needs the site file', async () => {
      const error = await failure(api.probe.inventories({ sitePath: path.join(tmp.dir, 'nope', 'site.yaml') }));
      expect(error.code).toBe('not-found');
      expect(error.message).toContain('nope');
    });
  });

  it('the drafts folder holds only draft files', async () => {
    const files = await readdir(path.join(dataDir, 'drafts'));
    expect(files.every((f) => /^[0-9a-f]{32}\.json$/.test(f))).toBe(true);
  });
});
