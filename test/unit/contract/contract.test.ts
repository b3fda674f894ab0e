// One suite, three transports: the channel names, the zod validation, the envelope and the
// errors must agree whether the UI talks to the handlers directly, through the preload over
// IPC, or over the web host's HTTP API.
import { lstat, mkdir, readdir, readFile, readlink, stat, symlink, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHANNELS,
  MAX_TEXT_BYTES,
  splitChannel,
  type SitekitEvent,
} from '../../../main/contract/api';
import { EXAMPLE_PATH, makeTempDir, readExample } from '../../helpers/sitekit-fixtures';
import { failure, TRANSPORTS, type Api } from './transports';

describe.each(TRANSPORTS)('contract over $name', (transport) => {
  let api: Api;
  let stop: () => Promise<void>;
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let example: string;

  beforeAll(async () => {
    ({ api, stop } = await transport.start());
    tmp = await makeTempDir();
    example = await readExample();
  });
  afterAll(async () => {
    await stop();
    await tmp.cleanup();
  });

  it('offers every channel as a named function', () => {
    for (const channel of CHANNELS) {
      const [ns, method] = splitChannel(channel);
      expect(typeof (api[ns] as Record<string, unknown>)[method], channel).toBe('function');
    }
  });

  it('app.info tells the version, the mode and where the example is', async () => {
    const info = await api.app.info();
    expect(info.name).toBe('ACP Sitekit');
    expect(info.version).toBe('9.9.9-test');
    expect(['electron', 'browser']).toContain(info.mode);
    expect(info.examplePath).toBe(EXAMPLE_PATH);
    // Where a newcomer's first site is suggested to go.
    expect(info.sitesDir).toBe(path.join(homedir(), 'acp-sites'));
  });

  it('site.openExample returns the parsed, error-free example and its raw text', async () => {
    const doc = await api.site.openExample();
    expect(doc.status).toBe('ok');
    expect(doc.readOnly).toBe(true);
    expect(doc.path).toBe(EXAMPLE_PATH);
    expect(doc.text).toBe(example);
    expect(doc.site?.metadata.name).toBe('plant-a');
    expect(doc.site?.nodes.map((n) => n.hostname)).toEqual(['acp-1', 'acp-2', 'acp-3']);
    expect(doc.summary.errors).toBe(0);
    expect(doc.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('site.check finds a VLAN used twice, under Networks, with its line', async () => {
    const doc = await api.site.check({ text: example.replace('vlan: 110', 'vlan: 100') });
    expect(doc.status).toBe('ok');
    expect(doc.path).toBeUndefined();
    const vlan = doc.findings.find((f) => f.id === 'network.vlan-reused');
    expect(vlan).toMatchObject({ severity: 'error', step: 'networks' });
    expect(vlan?.position?.line).toBeGreaterThan(0);
    expect(doc.summary.errors).toBeGreaterThan(0);
  });

  it('site.check explains text that is not YAML', async () => {
    const doc = await api.site.check({ text: 'metadata: [unclosed' });
    expect(doc.status).toBe('unusable');
    expect(doc.error).toBeTruthy();
    expect(doc.site).toBeUndefined();
  });

  it('site.check reports fields that do not match the format', async () => {
    const doc = await api.site.check({ text: example.replace('vlan: 110', 'vlan: 5000') });
    expect(doc.status).toBe('invalid');
    expect(doc.findings.some((f) => f.path === '/networks/3/vlan' && f.severity === 'error')).toBe(true);
  });

  it('site.open reads a site file from an absolute path', async () => {
    const file = path.join(tmp.dir, 'open-me.site.yaml');
    await writeFile(file, example);
    const doc = await api.site.open({ path: file });
    expect(doc).toMatchObject({ path: file, readOnly: false, status: 'ok', text: example });
  });

  it('site.open says when there is no such file', async () => {
    const error = await failure(api.site.open({ path: path.join(tmp.dir, 'missing.yaml') }));
    expect(error.code).toBe('not-found');
    expect(error.message).toContain('missing.yaml');
  });

  it('site.open refuses a file larger than the limit', async () => {
    const file = path.join(tmp.dir, 'huge.yaml');
    await writeFile(file, `# ${'x'.repeat(MAX_TEXT_BYTES)}\n`);
    expect((await failure(api.site.open({ path: file }))).code).toBe('too-large');
  });

  describe('rejects invalid input, naming the field', () => {
    const cases: Array<[string, (api: Api) => Promise<unknown>, RegExp]> = [
      ['relative path', (a) => a.site.open({ path: 'sites/plant-a.yaml' }), /path.*absolute/],
      ['path of the wrong type', (a) => a.site.open({ path: 42 as unknown as string }), /path/],
      ['path with NUL', (a) => a.site.open({ path: '/tmp/a\0b.yaml' }), /path.*NUL/],
      ['empty path', (a) => a.site.open({ path: '' }), /path/],
      ['missing path', (a) => a.site.open({} as { path: string }), /path/],
      ['no object at all', (a) => a.site.open(null as unknown as { path: string }), /input.*object/],
      ['unknown field', (a) => a.site.open({ path: '/tmp/x.yaml', mode: 'w' } as { path: string }), /unknown field "mode"/],
      ['text of the wrong type', (a) => a.site.check({ text: { evil: true } as unknown as string }), /text/],
      ['text over 2 MiB', (a) => a.site.check({ text: 'a'.repeat(MAX_TEXT_BYTES + 1) }), /text.*too large/],
      ['multi-byte text over 2 MiB', (a) => a.site.check({ text: 'ä'.repeat(MAX_TEXT_BYTES / 2 + 1) }), /text.*too large/],
      ['save: relative path', (a) => a.site.save({ path: 'site.yaml', text: 'x' }), /path.*absolute/],
      ['save: text missing', (a) => a.site.save({ path: '/tmp/x.yaml' } as { path: string; text: string }), /text/],
    ];
    it.each(cases)('%s', async (_name, call, pattern) => {
      const error = await failure(call(api));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(pattern);
    });

    it('accepts text of exactly 2 MiB', async () => {
      const doc = await api.site.check({ text: `#${' '.repeat(MAX_TEXT_BYTES - 1)}` });
      expect(doc.status).not.toBe('ok');
    });
  });

  it('site.save writes the plan atomically and tells the UI', async () => {
    const file = path.join(tmp.dir, 'site.yaml');
    await writeFile(file, example);
    const events: SitekitEvent[] = [];
    const unsubscribe = api.onEvent((e) => events.push(e));
    try {
      // Give the event socket (web host) a moment to open.
      await new Promise((r) => setTimeout(r, 100));
      const edited = example.replace('location: Plant A, hall 3, rack row C', 'location: Plant A, hall 4');
      const saved = await api.site.save({ path: file, text: edited });
      expect(saved).toMatchObject({ path: file, readOnly: false, status: 'ok' });
      expect(saved.site?.metadata.location).toBe('Plant A, hall 4');
      expect(Date.parse(saved.savedAt)).not.toBeNaN();
      const written = await readFile(file, 'utf8');
      expect(written).toContain('location: Plant A, hall 4');
      expect(written).toContain('# yaml-language-server'); // comments survive
      expect(saved.text).toBe(written);
      await expect.poll(() => events.map((e) => e.event)).toContain('site.saved');
      expect(events.find((e) => e.event === 'site.saved')?.payload).toMatchObject({ path: file });
    } finally {
      unsubscribe();
    }
  });

  it('site.save on a symlinked site.yaml keeps the link and writes the file it points to', async () => {
    const real = path.join(tmp.dir, 'linked-repo', 'plant-a.yaml');
    await mkdir(path.dirname(real), { recursive: true });
    await writeFile(real, example);
    const link = path.join(tmp.dir, 'linked-site.yaml');
    await symlink(real, link);
    const edited = example.replace('location: Plant A, hall 3, rack row C', 'location: Plant A, hall 6');
    const saved = await api.site.save({ path: link, text: edited });
    expect(saved).toMatchObject({ path: link, status: 'ok' });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(real);
    expect(await readFile(real, 'utf8')).toBe(edited);
    expect(await readdir(path.dirname(real))).toEqual(['plant-a.yaml']);
  });

  it('site.save never overwrites the bundled example', async () => {
    const before = await stat(EXAMPLE_PATH);
    const error = await failure(api.site.save({ path: EXAMPLE_PATH, text: example }));
    expect(error.code).toBe('read-only');
    expect((await stat(EXAMPLE_PATH)).mtimeMs).toBe(before.mtimeMs);
  });

  it('site.save refuses a plan that cannot be read, and writes nothing', async () => {
    const file = path.join(tmp.dir, 'broken.yaml');
    const error = await failure(api.site.save({ path: file, text: 'kind: [' }));
    expect(error.code).toBe('invalid-site');
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('site.save only writes .yaml files', async () => {
    const error = await failure(api.site.save({ path: path.join(tmp.dir, 'site.txt'), text: example }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/path.*\.yaml/);
  });

  it('site.save creates a missing site folder ("save as" into a new folder)', async () => {
    const target = path.join(tmp.dir, 'new-site', 'site.yaml');
    const saved = await api.site.save({ path: target, text: example });
    expect(saved.path).toBe(target);
    expect(await readFile(target, 'utf8')).toBe(example);
  });

  it('site.save names the file in the way of the folder', async () => {
    await writeFile(path.join(tmp.dir, 'blocker'), 'x');
    const error = await failure(api.site.save({ path: path.join(tmp.dir, 'blocker', 'site.yaml'), text: example }));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain('blocker');
  });
});
