// Issue 12 §2: `sitekit probe --import` took any file — a .bashrc replaced a good inventory
// with an empty one, and it was committed. Only a capture of the collection script is taken
// (its header with the nonce, and the meta section closed with that nonce), and a capture
// that knows less than the stored inventory replaces it only with --replace, after listing
// what would be lost.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../main/cli/program';
import { captureProblem, lostFacts, importCapture } from '../../../../main/core/probe/import';
import { inventoryPath } from '../../../../main/core/probe/store';
import { EXAMPLE_PATH, makeTempDir } from '../../../helpers/sitekit-fixtures';
import { captureSection, captureText, hw } from '../parse/fixtures';

const N = 'f00dcafe';
const section = (name: string, stdout: string, nonce = N) => captureSection(nonce, name, stdout);
const capture = (sections: string[], version = '1') => captureText(N, sections, version);
const META = section('meta', 'script_version=1\nprivilege=root\nuid=0\nkernel=5.14.0\narch=x86_64\nos=Red Hat Enterprise Linux CoreOS');

const GOOD = capture([
  META,
  section('clock', '1767225600123\n1767225600\n'),
  section('hostname', 'acp-1\n'),
  section('dmidecode', hw('dmidecode/glpi-oracle-server-x5-2.txt')),
  section('lscpu', hw('lscpu-json/regen-util-linux-dump-amd-epyc-7451-2s-flat.json')),
  section('meminfo', hw('meminfo/server-hw-report-ovh-epyc4464p-128g.txt')),
  section('ip-link', hw('ip-addr/netplan-thinkpad-ip-d-j-addr.json')),
  section('ip-addr', hw('ip-addr/netplan-thinkpad-ip-d-j-addr.json')),
  section('lsblk', hw('lsblk-json/trident-sata-ssd-nvme-lvm-loops-util-linux-2.40-all-cols.json')),
  section('disk-links', '/dev/disk/by-path/pci-0000:00:17.0-ata-1\t/dev/sda\n'),
]);
/** The same node captured without root and with most sections missing. */
const POOR = capture([
  section('meta', 'script_version=1\nprivilege=none\nuid=1000\nkernel=5.14.0'),
  section('hostname', 'acp-1\n'),
]);

async function sitekit(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'sitekit', ...args], { out: (s) => (out += s), err: (s) => (err += s), color: false, errColor: false });
  return { code, out, err };
}

describe('probe --import', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let site: string;
  const file = (name: string, text: string) => {
    const p = path.join(tmp.dir, name);
    return writeFile(p, text).then(() => p);
  };
  beforeAll(async () => {
    tmp = await makeTempDir();
    site = path.join(tmp.dir, 'site.yaml');
    await copyFile(EXAMPLE_PATH, site);
  });
  afterAll(() => tmp.cleanup());

  it('accepts only a capture of the collection script', () => {
    expect(captureProblem(GOOD)).toBeUndefined();
    expect(captureProblem(`console noise\r\n${GOOD.replace(/\n/g, '\r\n')}`)).toBeUndefined();
    expect(captureProblem("# ~/.bashrc\nalias ll='ls -l'\nexport PATH=$HOME/bin:$PATH\n")).toMatch(
      /^it is not a Sitekit capture: it has no "=====SITEKIT-CAPTURE v2 <nonce>=====" line; make one with `sitekit collect-script`/,
    );
    expect(captureProblem(capture([section('hostname', 'acp-1')]))).toMatch(/the meta section with the capture's nonce f00dcafe is missing/);
    expect(captureProblem(capture([section('meta', 'script_version=1', 'othernonce')]))).toMatch(/meta section .* is missing/);
    expect(captureProblem(`=====SITEKIT-CAPTURE v1 ${N}=====\n=====SITEKIT-BEGIN ${N} meta=====\nscript_version=1\n`)).toMatch(/meta section .* is cut off/);
    expect(captureProblem(capture([section('meta', 'hello')]))).toMatch(/its meta section has no script_version line/);
    expect(captureProblem(capture([META], '3'))).toMatch(/made by collection script v3, but this Sitekit reads v1 and v2/);
    expect(captureProblem(capture([META], '2'))).toBeUndefined();
  });

  it('refuses a .bashrc and leaves the stored inventory alone', async () => {
    const good = await file('good.txt', GOOD);
    expect((await sitekit('probe', site, '--import', good, '--node', 'acp-1')).code).toBeLessThan(2);
    const stored = await readFile(inventoryPath(tmp.dir, 'acp-1'), 'utf8');

    const bashrc = await file('bashrc', "# ~/.bashrc\nalias ll='ls -l'\n");
    const run = await sitekit('probe', site, '--import', bashrc, '--node', 'acp-1');
    expect(run.code).toBe(2);
    expect(run.err).toContain(`sitekit probe: ${bashrc} cannot be imported: it is not a Sitekit capture`);
    expect(await readFile(inventoryPath(tmp.dir, 'acp-1'), 'utf8')).toBe(stored);
  });

  it('a capture that knows less lists what would be lost and replaces the inventory only with --replace', async () => {
    const good = await file('good.txt', GOOD);
    expect((await sitekit('probe', site, '--import', good, '--node', 'acp-1')).code).toBeLessThan(2);
    const stored = await readFile(inventoryPath(tmp.dir, 'acp-1'), 'utf8');
    // The same capture again loses nothing.
    expect((await sitekit('probe', site, '--import', good, '--node', 'acp-1')).code).toBeLessThan(2);

    const poor = await file('poor.txt', POOR);
    const refused = await sitekit('probe', site, '--import', poor, '--node', 'acp-1');
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`sitekit probe: ${poor} knows less about acp-1 than its inventory from 2026-01-01T00:00:00.123Z (imported); importing it would lose:`);
    for (const lost of ['  - serial number', '  - CPU model', '  - memory size', '  - root access', '  - NICs ', '  - disks ']) expect(refused.err).toContain(lost);
    expect(refused.err).toContain('Nothing was changed. If this capture is the right one, import it again with --replace:');
    expect(refused.err).toContain(`--import ${poor} --node acp-1 --replace`);
    expect(await readFile(inventoryPath(tmp.dir, 'acp-1'), 'utf8')).toBe(stored);

    const replaced = await sitekit('probe', site, '--import', poor, '--node', 'acp-1', '--replace');
    expect(replaced.code).toBeLessThan(2);
    const now = JSON.parse(await readFile(inventoryPath(tmp.dir, 'acp-1'), 'utf8')) as { facts: { nics: unknown[] } };
    expect(now.facts.nics).toEqual([]);
  });

  it('lostFacts is empty for an equal or richer capture', () => {
    const good = importCapture(GOOD, 'acp-1');
    const poor = importCapture(POOR, 'acp-1');
    expect(lostFacts(good, good)).toEqual([]);
    expect(lostFacts(poor, good)).toEqual([]);
    expect(lostFacts(good, poor).length).toBeGreaterThan(5);
  });
});
