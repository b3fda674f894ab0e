// `sitekit probe` and the plant checks: --pull-secret is read like the other secret files (it
// must exist, mode 0600, be a pull secret) and its text is never printed; only the mirror's entry
// goes along and only to nodes pinned before the run; --disk-speed says what it writes before it
// runs; neither goes with --import; --json carries each node's plant facts.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { DISK_SPEED_WARNING, probeCommand, type ProbeCommandOptions } from '../../../main/cli/probe';
import type { CliIo } from '../../../main/cli/io';
import { credentialHosts, plantProbeSetup } from '../../../main/core/plant/probe-options';
import { requestLine } from '../../../main/core/plant/requests';
import { EXAMPLE_PATH, exampleSite } from '../../helpers/example-site';

const MIRROR_AUTH = Buffer.from('mirror-user:mirror-password-value').toString('base64');
const QUAY_AUTH = Buffer.from('quay-user:quay-password-value').toString('base64');
const PULL_SECRET = JSON.stringify({ auths: { 'mirror.plant-a.example.com:8443': { auth: MIRROR_AUTH }, 'quay.io': { auth: QUAY_AUTH } } });

let dir: string;
let site: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-cli-plant-'));
  await mkdir(path.join(dir, 'site'));
  // plant-a with every node on a local port nothing listens on: each connection is refused at once.
  const doc = YAML.parse(await readFile(EXAMPLE_PATH, 'utf8'));
  for (const node of doc.nodes) node.ssh = { host: '127.0.0.1', port: 9 };
  site = path.join(dir, 'site', 'site.yaml');
  await writeFile(site, YAML.stringify(doc));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), color: false, errColor: false };
  return { cli, out: () => out.join(''), err: () => err.join('') };
}

async function secretFile(name: string, text: string, mode: number): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  await chmod(file, mode);
  return file;
}

async function probe(options: ProbeCommandOptions, file = site) {
  const o = io();
  const code = await probeCommand(file, { timeout: '5', ...options }, o.cli, { HOME: dir });
  const all = o.out() + o.err();
  for (const secret of [MIRROR_AUTH, QUAY_AUTH, 'mirror-password-value', PULL_SECRET]) expect(all).not.toContain(secret);
  return { code, out: o.out(), err: o.err() };
}

describe('plantProbeSetup', () => {
  it('keeps only the mirror registry’s login, and the disk test when asked', () => {
    const plan = exampleSite();
    expect(credentialHosts(plan)).toEqual(['mirror.plant-a.example.com:8443']);
    expect(plantProbeSetup(plan, PULL_SECRET, false)).toEqual({ options: { auths: { 'mirror.plant-a.example.com:8443': MIRROR_AUTH } }, problems: [] });
    expect(plantProbeSetup(plan, undefined, true)).toEqual({ options: { diskSpeed: true }, problems: [] });
    expect(plantProbeSetup(plan, undefined, false)).toEqual({ problems: [] });
  });

  it('gives no login to a connected site, and says why a pull secret cannot be used without quoting it', () => {
    const connected = exampleSite();
    delete connected.cluster.mirror;
    expect(plantProbeSetup(connected, PULL_SECRET, false)).toEqual({ problems: [] });
    const noEntry = plantProbeSetup(exampleSite(), JSON.stringify({ auths: { 'quay.io': { auth: QUAY_AUTH } } }), false);
    expect(noEntry.options).toBeUndefined();
    expect(noEntry.problems.join(' ')).toContain('no entry for mirror.plant-a.example.com:8443');
    const broken = plantProbeSetup(exampleSite(), `{"auths": {"x": ${MIRROR_AUTH}`, false);
    expect(broken.problems.join(' ')).toMatch(/not valid JSON/);
    expect(JSON.stringify(broken)).not.toContain(MIRROR_AUTH);
  });
});

describe('sitekit probe --pull-secret and --disk-speed', () => {
  it('refuses a pull secret file others can read, or one that is no pull secret, before connecting', async () => {
    const open = await probe({ pullSecret: await secretFile('open.json', PULL_SECRET, 0o644) });
    expect(open.code).toBe(2);
    expect(open.err).toMatch(/can be read by others \(mode 644\); run chmod 600/);
    const wrong = await probe({ pullSecret: await secretFile('wrong.json', `not json ${MIRROR_AUTH}`, 0o600) });
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('is not JSON');
    const missing = await probe({ pullSecret: path.join(dir, 'nowhere.json') });
    expect(missing.err).toContain('does not exist');
  });

  it('sends no login when a node’s key would be accepted in this run, and says so', async () => {
    const run = await probe({ pullSecret: await secretFile('ok.json', PULL_SECRET, 0o600), acceptNewHostKeys: true });
    expect(run.err).toContain('The registry login is not sent in this run: acp-1, acp-2, acp-3 have no pinned host key yet.');
  });

  it('says what the disk test writes before it runs', async () => {
    const run = await probe({ diskSpeed: true, node: ['acp-1'] });
    expect(run.err).toContain(DISK_SPEED_WARNING);
    expect(run.err.indexOf(DISK_SPEED_WARNING)).toBeLessThan(run.err.indexOf('acp-1: connecting'));
  });

  it('takes neither with --import', async () => {
    const run = await probe({ import: path.join(dir, 'capture.txt'), node: ['acp-1'], diskSpeed: true });
    expect(run.code).toBe(2);
    expect(run.err).toContain('--disk-speed and --pull-secret are for probing over SSH, not for --import');
  });

  it('prints each node’s plant facts with --json', async () => {
    const nonce = 'c0ffee001234';
    const req = { kind: 'ping' as const, id: 'p1', address: '10.10.0.1' };
    const ping = await readFile(new URL('../../fixtures/plant/ping/deb12-answered.out', import.meta.url), 'utf8');
    const section = (name: string, body: string, rc = 0) =>
      `=====SITEKIT-BEGIN ${nonce} ${name}=====\n${body}\n=====SITEKIT-STDERR ${nonce} ${name}=====\n\n=====SITEKIT-END ${nonce} ${name} rc=${rc}=====\n`;
    const capture =
      `=====SITEKIT-CAPTURE v2 ${nonce}=====\n` +
      section('meta', 'script_version=2\nprivilege=root\nkernel=6.1.0 x86_64') +
      section('hostname', 'acp-1') +
      section('plant-requests', requestLine(req)) +
      section(`plant-ping/${req.id}`, ping) +
      `=====SITEKIT-DONE ${nonce}=====\n`;
    const file = path.join(dir, 'capture.txt');
    await writeFile(file, capture);
    const run = await probe({ import: file, node: ['acp-1'], json: true });
    const json = JSON.parse(run.out) as { results: { node: string; plant?: { requests: unknown[]; ping: { requestId: string; status: string }[] } }[]; findings: unknown[] };
    expect(json.results[0]!.plant?.requests).toEqual([req]);
    expect(json.results[0]!.plant?.ping[0]).toMatchObject({ requestId: 'p1', status: 'answered' });
    expect(Array.isArray(json.findings)).toBe(true);
  });
});
