// Issue 12, reading files through the API: every call that answers with a file's content must
// refuse Sitekit's data folder and the secret store's file (by real path: symlinks and `..`
// do not help), refuse files that are not site plans without quoting them, and — in the desktop
// app — read only paths the person chose in a native dialog or from the recent list.
import { existsSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPathAllowList } from '../../../main/electron/path-policy';
import type { SiteDialogs } from '../../../main/host/handlers';
import { FileSecretStore } from '../../../main/host/secret-store';
import { EXAMPLE_PATH, makeTempDir, readExample } from '../../helpers/sitekit-fixtures';
import { direct, failure, preloadIpc, TRANSPORTS, type Api } from './transports';

const SECRET = 'pull-secret-value-that-must-never-be-read-back-5d2e';
const SHADOW = 'root:$6$Zq9saltsalt$k2hashhashhashhash:19876:0:99999:7:::\ndaemon:*:19876:0:99999:7:::\n';

/** The failure of a call whose message must hold nothing of the given texts. */
async function refusedWithout(call: Promise<unknown>, code: string, ...leaks: string[]) {
  const error = await failure(call);
  expect(error.code, error.message).toBe(code);
  for (const leak of leaks) expect(error.message).not.toContain(leak);
  return error;
}

describe.each(TRANSPORTS)('reading files through the API over $name', (transport) => {
  let api: Api;
  let stop: () => Promise<void>;
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let dataDir: string;
  let secretsFile: string;
  let sites: string;
  let site: string;

  beforeAll(async () => {
    tmp = await makeTempDir();
    dataDir = path.join(tmp.dir, 'data');
    secretsFile = path.join(dataDir, 'secrets.json');
    sites = path.join(tmp.dir, 'sites', 'plant-a');
    site = path.join(sites, 'site.yaml');
    await mkdir(sites, { recursive: true });
    await writeFile(site, await readExample());
    ({ api, stop } = await transport.start({ settingsDir: dataDir, secrets: new FileSecretStore(secretsFile), secretsFile }));
    await api.secrets.set({ name: 'pull-secret', value: SECRET });
    expect(await readFile(secretsFile, 'utf8')).toContain(SECRET);
    // A file in the data folder named like a bundle file, to tempt bundle.diff.
    await writeFile(path.join(dataDir, 'site.yaml'), `kind: Site\npullSecret: ${SECRET}\n`);
  });
  afterAll(async () => {
    await stop();
    await tmp.cleanup();
  });

  it('site.open refuses the secrets file, says so without any of it, and does not remember it', async () => {
    const error = await refusedWithout(api.site.open({ path: secretsFile }), 'forbidden', SECRET, 'auths', '"secrets"');
    expect(error.message).toContain("Sitekit's own data");
    expect(await api.site.recent()).toEqual([]);
  });

  it('site.open refuses anything in the data folder: settings, a plan-shaped file, the folder by another way', async () => {
    await refusedWithout(api.site.open({ path: path.join(dataDir, 'settings.json') }), 'forbidden', 'recentSites');
    await refusedWithout(api.site.open({ path: path.join(dataDir, 'site.yaml') }), 'forbidden', SECRET);
    await refusedWithout(api.site.open({ path: path.join(sites, '..', '..', 'data', 'secrets.json') }), 'forbidden', SECRET);
    expect(await api.site.recent()).toEqual([]);
  });

  it('site.open refuses a symlink to the secrets file and a path through a symlinked folder', async () => {
    const link = path.join(sites, 'innocent.site.yaml');
    const folder = path.join(tmp.dir, 'sites', 'looks-like-a-site');
    if (!existsSync(link)) await symlink(secretsFile, link);
    if (!existsSync(folder)) await symlink(dataDir, folder);
    await refusedWithout(api.site.open({ path: link }), 'forbidden', SECRET);
    await refusedWithout(api.site.open({ path: path.join(folder, 'secrets.json') }), 'forbidden', SECRET);
    await refusedWithout(api.site.open({ path: path.join(folder, 'site.yaml') }), 'forbidden', SECRET);
    expect(await api.site.recent()).toEqual([]);
  });

  it('site.open refuses a readable file that is not a site plan, quoting none of it', async () => {
    const shadow = path.join(tmp.dir, 'shadow');
    const notes = path.join(tmp.dir, 'notes.yaml');
    const token = path.join(tmp.dir, 'token.json');
    await writeFile(shadow, SHADOW);
    await writeFile(notes, 'password: hunter2-from-notes\nhost: db.example.com\n');
    await writeFile(token, '{"token": "glpat-abcdef-from-json", "kind": "Token"}\n');
    for (const [file, leaks] of [
      [shadow, ['root:', '$6$', 'daemon']],
      [notes, ['hunter2', 'db.example.com']],
      [token, ['glpat', 'Token']],
    ] as const) {
      const error = await refusedWithout(api.site.open({ path: file }), 'invalid-site', ...leaks);
      expect(error.message).toContain('not a Sitekit site plan');
      expect(error.message).toContain(file);
    }
    if (existsSync('/etc/passwd')) await refusedWithout(api.site.open({ path: '/etc/passwd' }), 'invalid-site', 'root:', '/bin/');
    expect(await api.site.recent()).toEqual([]);
  });

  it('still opens a real plan, and one with a YAML error to fix (kind: Site at the top)', async () => {
    const doc = await api.site.open({ path: site });
    expect(doc.status).toBe('ok');
    const broken = path.join(sites, 'broken.yaml');
    await writeFile(broken, 'apiVersion: sitekit.acp.io/v1alpha1\nkind: Site\nmetadata: [unclosed\n');
    expect((await api.site.open({ path: broken })).status).toBe('unusable');
  });

  it('probe, report, bundle and export calls refuse the secrets file and non-plans as site.open does', async () => {
    const shadow = path.join(tmp.dir, 'shadow');
    const calls: Array<[string, (sitePath: string) => Promise<unknown>]> = [
      ['probe.inventories', (sitePath) => api.probe.inventories({ sitePath })],
      ['report.render', (sitePath) => api.report.render({ sitePath })],
      ['report.write', (sitePath) => api.report.write({ sitePath })],
      ['bundle.preview', (sitePath) => api.bundle.preview({ sitePath })],
      ['export.pending', (sitePath) => api.export.pending({ sitePath, repo: path.join(tmp.dir, 'repo') })],
    ];
    for (const [name, call] of calls) {
      const forbidden = await failure(call(secretsFile));
      expect(forbidden.code, name).toBe('forbidden');
      expect(forbidden.message, name).not.toContain(SECRET);
      const notAPlan = await failure(call(shadow));
      expect(notAPlan.code, name).toBe('invalid-site');
      expect(notAPlan.message, name).not.toContain('root:');
    }
  });

  it('bundle.diff never compares against the data folder, however it is named', async () => {
    await refusedWithout(api.bundle.diff({ sitePath: site, against: dataDir }), 'forbidden', SECRET);
    const inSiteFolder = path.join(sites, 'bundle-link');
    if (!existsSync(inSiteFolder)) await symlink(dataDir, inSiteFolder);
    await refusedWithout(api.bundle.diff({ sitePath: site, against: inSiteFolder }), 'forbidden', SECRET);
    await refusedWithout(api.bundle.write({ sitePath: site, outDir: path.join(dataDir, 'bundle') }), 'forbidden');
    await refusedWithout(api.site.save({ path: path.join(dataDir, 'evil.yaml'), text: await readExample() }), 'forbidden');
  });
});

/** Native dialogs that answer what the test says the person chose. */
function fakeDialogs(answers: { open?: string; folder?: string; save?: string }): SiteDialogs {
  return {
    chooseSiteToOpen: async () => answers.open,
    chooseSaveLocation: async () => answers.save,
    chooseFolder: async () => answers.folder,
  };
}

describe.each([direct, preloadIpc])('desktop app path policy over $name', (transport) => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let dataDir: string;
  let chosen: string;
  let other: string;
  const answers: { open?: string; folder?: string } = {};

  const start = () =>
    transport.start({ settingsDir: dataDir, pathPolicy: createPathAllowList(), dialogs: fakeDialogs(answers) });

  beforeAll(async () => {
    tmp = await makeTempDir();
    dataDir = path.join(tmp.dir, 'data');
    chosen = path.join(tmp.dir, 'plant-a', 'site.yaml');
    other = path.join(tmp.dir, 'plant-b', 'site.yaml');
    for (const file of [chosen, other]) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, await readExample());
    }
  });
  afterAll(() => tmp.cleanup());

  it('reads only what the person chose in the Open dialog; the recent list carries over to the next start', async () => {
    const first = await start();
    try {
      const plan = await readExample();
      const refused = await refusedWithout(first.api.site.open({ path: chosen }), 'forbidden', plan.slice(0, 200));
      expect(refused.message).toContain('was not chosen');
      expect(await first.api.site.recent()).toEqual([]);
      for (const call of [
        () => first.api.report.render({ sitePath: other }),
        () => first.api.bundle.preview({ sitePath: other }),
        () => first.api.probe.inventories({ sitePath: other }),
      ]) {
        expect((await failure(call())).code).toBe('forbidden');
      }

      answers.open = chosen;
      expect(await first.api.site.choose({ purpose: 'open-site' })).toEqual({ supported: true, path: chosen });
      expect((await first.api.site.open({ path: chosen })).status).toBe('ok');
      expect(await first.api.site.recent()).toEqual([chosen]);
      expect(await first.api.report.render({ sitePath: chosen })).toContain('plant-a');
      // The example and what the dialog gave are fine; the other site still is not.
      expect((await first.api.site.openExample()).path).toBe(EXAMPLE_PATH);
      expect((await failure(first.api.site.open({ path: other }))).code).toBe('forbidden');
    } finally {
      await first.stop();
    }

    const second = await start();
    try {
      expect((await second.api.site.open({ path: chosen })).status).toBe('ok'); // recent
      expect((await failure(second.api.site.open({ path: other }))).code).toBe('forbidden');
    } finally {
      await second.stop();
    }
  });

  it('bundle.diff compares against a folder in the site folder or one chosen with Choose…, nothing else', async () => {
    const { api, stop } = await start();
    try {
      answers.open = chosen;
      await api.site.choose({ purpose: 'open-site' });
      const inside = path.join(path.dirname(chosen), 'bundle');
      const elsewhere = path.join(tmp.dir, 'elsewhere');
      await mkdir(inside, { recursive: true });
      await mkdir(elsewhere, { recursive: true });
      await writeFile(path.join(elsewhere, 'site.yaml'), 'kind: Site\nnote: private-text-elsewhere\n');
      expect((await api.bundle.diff({ sitePath: chosen, against: inside })).against).toBe(inside);
      await refusedWithout(api.bundle.diff({ sitePath: chosen, against: elsewhere }), 'forbidden', 'private-text-elsewhere');
      answers.folder = elsewhere;
      await api.site.choose({ purpose: 'folder' });
      const diff = await api.bundle.diff({ sitePath: chosen, against: elsewhere });
      expect(diff.files.some((f) => f.path === 'site.yaml' && f.change === 'changed')).toBe(true);
    } finally {
      await stop();
    }
  });

  it('a site the person makes or saves is theirs to open', async () => {
    const { api, stop } = await start();
    try {
      const created = await api.site.new({ dir: path.join(tmp.dir, 'plant-c'), name: 'plant-c' });
      expect((await api.site.open({ path: created.path })).status).toBe('ok');
    } finally {
      await stop();
    }
  });
});
