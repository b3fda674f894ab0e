// The calls behind the wizard (new site, settings, secrets, probe, bundle, export, report),
// over the same three transports as contract.test.ts. Every answer and every event is
// recorded, and the last test proves that no stored secret ever came back.
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SitekitEvent } from '../../../main/contract/api';
import { writeBundle, type SwapPoint } from '../../../main/core/generate/bundle';
import { FileSecretStore } from '../../../main/host/secret-store';
import { SETTINGS_FILE } from '../../../main/host/settings-store';
import { gitCli } from '../../helpers/git-server';
import { makeTempDir, readExample } from '../../helpers/sitekit-fixtures';
import { failure, TRANSPORTS, type Api, type Transport } from './transports';

const SECRET = 'pa55-Word-that-must-never-come-back-7c1e';
const TOKEN = 'glpat-token-that-must-never-come-back-93af';

/** Wraps the API so every answer (and every failure message) is kept in `sink`. */
function recording(api: Api, sink: unknown[]): Api {
  return new Proxy(api, {
    get(target, ns: string) {
      const group = (target as unknown as Record<string, unknown>)[ns];
      if (ns === 'onEvent' || typeof group !== 'object' || group === null) return group;
      return new Proxy(group, {
        get(g, method: string) {
          const fn = (g as Record<string, unknown>)[method];
          if (typeof fn !== 'function') return fn;
          return async (...args: unknown[]) => {
            try {
              const value: unknown = await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
              sink.push(value);
              return value;
            } catch (error) {
              sink.push(String((error as Error).message));
              throw error;
            }
          };
        },
      });
    },
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function start(transport: Transport, dataDir: string) {
  return transport.start({
    settingsDir: path.join(dataDir, 'settings'),
    secrets: new FileSecretStore(path.join(dataDir, 'secrets', 'secrets.json')),
  });
}

describe.each(TRANSPORTS)('wizard calls over $name', (transport) => {
  let api: Api;
  let stop: () => Promise<void>;
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let example: string;
  const answers: unknown[] = [];
  const events: SitekitEvent[] = [];
  let unsubscribe: () => void;
  let sitePath: string;

  beforeAll(async () => {
    tmp = await makeTempDir();
    const started = await start(transport, path.join(tmp.dir, 'data'));
    api = recording(started.api, answers);
    stop = started.stop;
    example = await readExample();
    unsubscribe = api.onEvent((e) => events.push(e));
    await new Promise((r) => setTimeout(r, 100)); // the web host's event socket opens
  });
  afterAll(async () => {
    unsubscribe();
    await stop();
    await tmp.cleanup();
  });

  describe('rejects invalid input, naming the field', () => {
    const cases: Array<[string, (api: Api) => Promise<unknown>, RegExp]> = [
      ['new: relative dir', (a) => a.site.new({ dir: 'sites/x', name: 'plant-c' }), /dir.*absolute/],
      ['new: bad name', (a) => a.site.new({ dir: '/tmp/x', name: 'Plant C' }), /name.*lower case/],
      ['settings: bad e-mail', (a) => a.settings.set({ gitAuthorEmail: 'not an address' }), /gitAuthorEmail.*e-mail/],
      ['settings: recent sites are not settable', (a) => a.settings.set({ recentSites: ['/x'] } as object), /unknown field "recentSites"/],
      ['secrets: unknown name', (a) => a.secrets.set({ name: 'aws-key', value: 'x' }), /name.*must be one of/],
      ['secrets: bmc of a bad node', (a) => a.secrets.has({ name: 'bmc-Node_1' }), /name/],
      ['secrets: empty value', (a) => a.secrets.set({ name: 'git-token', value: '' }), /value.*empty/],
      ['secrets: value too large', (a) => a.secrets.set({ name: 'pull-secret', value: 'x'.repeat(70 * 1024) }), /value.*too large/],
      ['probe: relative sitePath', (a) => a.probe.run({ sitePath: 'site.yaml' }), /sitePath.*absolute/],
      ['probe: node name', (a) => a.probe.run({ sitePath: '/tmp/s.yaml', nodes: ['ACP_1'] }), /nodes\.0/],
      [
        'probe: fingerprint',
        (a) => a.probe.run({ sitePath: '/tmp/s.yaml', acceptNewHostKeys: [{ node: 'acp-1', fingerprint: 'MD5:aa' }] }),
        /acceptNewHostKeys\.0\.fingerprint/,
      ],
      ['probe: password in the input', (a) => a.probe.run({ sitePath: '/tmp/s.yaml', password: 'x' } as object as { sitePath: string }), /unknown field "password"/],
      ['probe: jump host', (a) => a.probe.run({ sitePath: '/tmp/s.yaml', jumpHost: 'a b;rm -rf' }), /jumpHost/],
      ['probe: timeout', (a) => a.probe.run({ sitePath: '/tmp/s.yaml', connectTimeoutSeconds: 0 }), /connectTimeoutSeconds/],
      ['applyProposals: no ids', (a) => a.probe.applyProposals({ sitePath: '/tmp/s.yaml', ids: [] }), /ids/],
      ['preview: NUL in sitePath', (a) => a.bundle.preview({ sitePath: '/tmp/a\0b.yaml' }), /sitePath.*NUL/],
      ['diff: relative against', (a) => a.bundle.diff({ sitePath: '/tmp/s.yaml', against: 'bundle' }), /against.*absolute/],
      ['write: force not boolean', (a) => a.bundle.write({ sitePath: '/tmp/s.yaml', outDir: '/tmp/o', force: 'yes' as unknown as boolean }), /force/],
      ['export: ssh remote', (a) => a.export.run({ sitePath: '/tmp/s.yaml', repo: 'git@example.com:acp/sites.git' }), /repo.*https/],
      ['export: http (not https) URL', (a) => a.export.run({ sitePath: '/tmp/s.yaml', repo: 'http://example.com/x.git' }), /repo/],
      ['pending: repo missing', (a) => a.export.pending({ sitePath: '/tmp/s.yaml' } as { sitePath: string; repo: string }), /repo/],
      ['report: no object', (a) => a.report.render(null as unknown as { sitePath: string }), /input.*object/],
    ];
    it.each(cases)('%s', async (_name, call, pattern) => {
      const error = await failure(call(api));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(pattern);
    });
  });

  it('secrets: set, has, delete and status — and no value ever comes back', async () => {
    const status = await api.secrets.status();
    expect(status.protection).toBe('file-0600');
    expect(status.warning).toMatch(/0600/);
    expect(await api.secrets.has({ name: 'ssh-password' })).toBe(false);
    expect(await api.secrets.set({ name: 'ssh-password', value: SECRET })).toEqual({ name: 'ssh-password', stored: true });
    expect(await api.secrets.has({ name: 'ssh-password' })).toBe(true);
    const file = path.join(tmp.dir, 'data', 'secrets', 'secrets.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await api.secrets.delete({ name: 'ssh-password' })).toBe(true);
    expect(await api.secrets.has({ name: 'ssh-password' })).toBe(false);
    expect(await api.secrets.delete({ name: 'ssh-password' })).toBe(false);
    await api.secrets.set({ name: 'ssh-password', value: SECRET });
    await api.secrets.set({ name: 'git-token', value: TOKEN });
    await api.secrets.set({ name: 'bmc-acp-1', value: SECRET });
    expect((await api.secrets.status()).names).toEqual(['bmc-acp-1', 'git-token', 'ssh-password']);
    expect('get' in (api.secrets as object)).toBe(false);
  });

  it('settings: round trip, stored as JSON', async () => {
    expect(await api.settings.get()).toMatchObject({ recentSites: [] });
    const set = await api.settings.set({ gitAuthorName: 'A. Technician', gitAuthorEmail: 'tech@example.com' });
    expect(set).toMatchObject({ gitAuthorName: 'A. Technician', gitAuthorEmail: 'tech@example.com' });
    expect(await api.settings.get()).toMatchObject({ gitAuthorName: 'A. Technician' });
    const stored = JSON.parse(await readFile(path.join(tmp.dir, 'data', 'settings', SETTINGS_FILE), 'utf8')) as Record<string, unknown>;
    expect(stored).toMatchObject({ version: 1, gitAuthorName: 'A. Technician', gitAuthorEmail: 'tech@example.com' });
  });

  it('settings: a corrupt file is set aside, defaults are used, and the UI is told', async () => {
    const dataDir = path.join(tmp.dir, 'corrupt');
    await mkdir(path.join(dataDir, 'settings'), { recursive: true });
    await writeFile(path.join(dataDir, 'settings', SETTINGS_FILE), '{ this is not json');
    const other = await start(transport, dataDir);
    try {
      const settings = await other.api.settings.get();
      expect(settings.recentSites).toEqual([]);
      expect(settings.gitAuthorName).toBeUndefined();
      expect(settings.notice).toMatch(/set it aside/);
      const files = await readdir(path.join(dataDir, 'settings'));
      const backup = files.find((f) => f.startsWith(`${SETTINGS_FILE}.backup-`));
      expect(backup).toBeDefined();
      expect(await readFile(path.join(dataDir, 'settings', backup!), 'utf8')).toBe('{ this is not json');
    } finally {
      await other.stop();
    }
  });

  it('site.new → check → save, never overwriting, and remembered as recent', async () => {
    const dir = path.join(tmp.dir, 'sites', 'plant-c');
    const created = await api.site.new({ dir, name: 'plant-c' });
    sitePath = path.join(dir, 'site.yaml');
    expect(created).toMatchObject({ path: sitePath, status: 'ok', readOnly: false });
    expect(created.site?.metadata.name).toBe('plant-c');
    expect(created.summary.errors).toBe(0);
    const again = await failure(api.site.new({ dir, name: 'plant-d' }));
    expect(again.message).toMatch(/already exists/);
    expect(await readFile(sitePath, 'utf8')).toBe(created.text);

    const edited = created.text.replace('location: Plant A, hall 3, rack row C', 'location: Plant C, hall 1');
    const checked = await api.site.check({ text: edited });
    expect(checked.site?.metadata.location).toBe('Plant C, hall 1');
    expect(checked.partial).toBeUndefined();
    // A format error does not hide the other checks: a bad MAC and a VLAN clash in one answer.
    const broken = await api.site.check({ text: edited.replace(/mac: "?[0-9a-f:]{17}"?/i, 'mac: "zz:zz"').replace('vlan: 110', 'vlan: 100') });
    expect(broken.status).toBe('invalid');
    expect(broken.partial).toBe(true);
    expect(broken.findings.map((f) => f.id)).toEqual(expect.arrayContaining(['schema.invalid-format', 'network.vlan-reused']));
    const saved = await api.site.save({ path: sitePath, text: edited });
    expect(saved.site?.metadata.location).toBe('Plant C, hall 1');
    expect((await api.site.recent())[0]).toBe(sitePath);
    expect((await api.settings.get()).recentSites).toEqual([sitePath]);
  });

  it('bundle.preview, write and diff on the new site', async () => {
    const preview = await api.bundle.preview({ sitePath });
    expect(preview.refused).toBe(false);
    const paths = preview.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['site.yaml', 'install/install-config.yaml', 'bundle.json', 'SHA256SUMS']));
    const config = preview.files.find((f) => f.path === 'install/install-config.yaml')!;
    expect(config.content).toContain('baseDomain:');
    expect(preview.files.find((f) => f.path === 'site.yaml')?.content).toContain('name: plant-c');
    expect(config.size).toBe(Buffer.byteLength(config.content!));

    const outDir = path.join(tmp.dir, 'bundle', 'plant-c');
    const written = await api.bundle.write({ sitePath, outDir });
    expect(written).toMatchObject({ outDir, files: preview.files.length, forced: false });
    expect(await readFile(path.join(outDir, 'install/install-config.yaml'), 'utf8')).toBe(config.content);

    const text = await readFile(sitePath, 'utf8');
    await api.site.save({ path: sitePath, text: text.replace('location: Plant C, hall 1', 'location: Plant C, hall 2') });
    await writeFile(path.join(outDir, 'stale.txt'), 'old\n');
    const diff = await api.bundle.diff({ sitePath, against: outDir });
    expect(diff.against).toBe(outDir);
    expect(diff.unchanged).toBeGreaterThan(0);
    const site = diff.files.find((f) => f.path === 'site.yaml');
    expect(site?.change).toBe('changed');
    expect(site?.diff).toContain('-  location: Plant C, hall 1');
    expect(site?.diff).toContain('+  location: Plant C, hall 2');
    expect(site?.diff).toMatch(/^--- a\/site\.yaml\n\+\+\+ b\/site\.yaml\n@@ -\d+,\d+ \+\d+,\d+ @@/);
    expect(diff.files.find((f) => f.path === 'stale.txt')?.change).toBe('removed');
  });

  it('bundle.diff first completes a swap that a crashed generate left half done (no bundle at the target)', async () => {
    const outDir = path.join(tmp.dir, 'bundle', 'crashed');
    await api.bundle.write({ sitePath, outDir });
    const preview = await api.bundle.preview({ sitePath });
    const files = preview.files.map((f) => ({ path: f.path, content: f.content ?? '' }));
    const crash = (point: SwapPoint) => {
      if (point === 'moved-aside') throw new Error('killed');
    };
    await expect(writeBundle(outDir, files, { faults: crash })).rejects.toThrow('killed');
    await expect(stat(outDir)).rejects.toMatchObject({ code: 'ENOENT' });
    const diff = await api.bundle.diff({ sitePath, against: outDir });
    expect(diff.against).toBe(outDir);
    expect(diff.files.filter((f) => f.path !== 'bundle.json' && f.path !== 'SHA256SUMS')).toEqual([]);
    expect(await readdir(path.dirname(outDir))).not.toContainEqual(expect.stringMatching(/^\.crashed\.sitekit-/));
  });

  it('report.render gives a self-contained page naming the site', async () => {
    const html = await api.report.render({ sitePath });
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('plant-c');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/i);
  });

  it('probe.run reports unreachable nodes quickly, with progress events', async () => {
    const port = await closedPort();
    const dir = path.join(tmp.dir, 'probe');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'site.yaml');
    await writeFile(file, example.replace(/ssh: \{ host: [\d.]+, user: core \}/g, `ssh: { host: 127.0.0.1, port: ${port}, user: core }`));
    const before = events.length;
    const result = await api.probe.run({ sitePath: file, connectTimeoutSeconds: 2 });
    expect(result.results.map((r) => [r.node, r.status])).toEqual([
      ['acp-1', 'unreachable'],
      ['acp-2', 'unreachable'],
      ['acp-3', 'unreachable'],
    ]);
    expect(result.results[0]).not.toHaveProperty('inventory');
    expect(Array.isArray(result.findings)).toBe(true);
    expect(Array.isArray(result.proposals)).toBe(true);
    await expect
      .poll(() => new Set(events.slice(before).filter((e) => e.event === 'probe.progress').map((e) => (e.payload as { node: string }).node)))
      .toEqual(new Set(['acp-1', 'acp-2', 'acp-3']));
    const phases = events.filter((e) => e.event === 'probe.progress').map((e) => (e.payload as { phase: string }).phase);
    expect(phases).toContain('connecting');
    expect(phases).toContain('failed');
  });

  it('probe.run names nodes that are not in the plan, and a missing site file', async () => {
    const unknown = await failure(api.probe.run({ sitePath, nodes: ['acp-9'] }));
    expect(unknown.code).toBe('invalid-input');
    expect(unknown.message).toMatch(/acp-9/);
    const fingerprint = `SHA256:${'A'.repeat(43)}`;
    const unknownKey = await failure(api.probe.run({ sitePath, acceptNewHostKeys: [{ node: 'acp-7', fingerprint }] }));
    expect(unknownKey.message).toMatch(/acp-7/);
    expect((await failure(api.probe.run({ sitePath: path.join(tmp.dir, 'nope', 'site.yaml') }))).code).toBe('not-found');
  });

  it('bundle.write refuses a plan with errors unless forced (and says it was forced)', async () => {
    const dir = path.join(tmp.dir, 'broken');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'site.yaml');
    await writeFile(file, example.replace('vlan: 110', 'vlan: 100'));
    const preview = await api.bundle.preview({ sitePath: file });
    expect(preview.refused).toBe(true);
    expect(preview.findings.some((f) => f.id === 'network.vlan-reused')).toBe(true);
    const outDir = path.join(dir, 'bundle');
    expect((await failure(api.bundle.write({ sitePath: file, outDir }))).code).toBe('invalid-site');
    await expect(stat(outDir)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await api.bundle.write({ sitePath: file, outDir, force: true })).toMatchObject({ forced: true });
  });

  it('probe.applyProposals refuses ids it does not know', async () => {
    const error = await failure(api.probe.applyProposals({ sitePath, ids: ['mac:acp-1:nope'] }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/mac:acp-1:nope/);
  });

  it('export.run commits into a local clone; export.pending then counts it', async () => {
    const remote = path.join(tmp.dir, 'git', 'sites.git');
    const clone = path.join(tmp.dir, 'git', 'clone');
    await gitCli(['init', '-q', '--bare', '-b', 'main', remote]);
    await gitCli(['clone', '-q', remote, clone]);
    await writeFile(path.join(clone, 'README.md'), '# sites\n');
    await gitCli(['add', 'README.md'], clone);
    await gitCli(['commit', '-q', '-m', 'start'], clone);
    await gitCli(['push', '-q', 'origin', 'main'], clone);

    const before = events.length;
    const result = await api.export.run({ sitePath, repo: clone });
    expect(result.status).toBe('committed');
    expect(result.branch).toBe('site/plant-c');
    expect(result.files?.some((f) => f.path.endsWith('site.yaml'))).toBe(true);
    expect(result.pending).toBe(1);
    expect(await api.export.pending({ sitePath, repo: clone })).toBe(1);
    const log = await gitCli(['log', '--format=%an <%ae>', '-1', 'site/plant-c'], clone);
    expect(log.trim()).toBe('A. Technician <tech@example.com>');
    await expect.poll(() => events.slice(before).some((e) => e.event === 'export.progress')).toBe(true);
  });

  it('no answer and no event ever contained a stored secret', () => {
    expect(answers.length).toBeGreaterThan(20);
    expect(events.length).toBeGreaterThan(0);
    const all = JSON.stringify({ answers, events });
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain(TOKEN);
  });
});
