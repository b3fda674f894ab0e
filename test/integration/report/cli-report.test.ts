// `sitekit report` as a technician runs it: a real process through bin/sitekit.js, and the
// PDF through Debian's Chromium when it is installed.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveInventory } from '../../../main/core/probe/store';
import { healthyInventories } from '../../unit/probe/inventory-builder';
import { runSitekit } from '../../helpers/run-sitekit';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const EXAMPLE = path.join(ROOT, 'resources', 'examples', 'plant-a.site.yaml');
const CHROMIUM = '/usr/bin/chromium';

let dir: string;
async function siteFolder(name: string, probed = false): Promise<string> {
  const folder = path.join(dir, name);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'site.yaml'), await readFile(EXAMPLE, 'utf8'));
  if (probed) for (const inv of healthyInventories()) await saveInventory(folder, inv);
  return path.join(folder, 'site.yaml');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-report-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sitekit report', { timeout: 90_000 }, () => {
  it('writes report.html next to the site file, saying the hardware was not probed', async () => {
    const site = await siteFolder('plan');
    const run = await runSitekit(['report', site]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = path.join(path.dirname(site), 'report.html');
    expect(run.stdout.split('\n')[0]).toMatch(new RegExp(`^plant-a: report written to ${out.replaceAll('.', '\\.')} \\(0 errors, 0 warnings; hardware not probed yet\\)$`));
    // Then the readiness checklist as far as the command line knows it: never "Ready" here.
    expect(run.stdout).toContain('\nplant-a: Not ready: ');
    expect(run.stdout).toContain('  [not done]  Hardware discovered and matching: No node has been discovered yet (acp-1, acp-2, acp-3).\n');
    const html = await readFile(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('Plant A, hall 3, rack row C');
    expect(html).toContain('Hardware not probed yet');
    expect((await readdir(path.dirname(site))).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('uses the stored inventories and writes where -o says', async () => {
    const site = await siteFolder('probed', true);
    const out = path.join(dir, 'handover', 'plant-a.html');
    await mkdir(path.dirname(out), { recursive: true });
    const run = await runSitekit(['report', site, '-o', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('hardware of 3 of 3 nodes');
    const html = await readFile(out, 'utf8');
    expect(html).toContain('PowerEdge R650');
    expect(html).toContain('✓ match');
    expect(existsSync(path.join(path.dirname(site), 'report.html'))).toBe(false);
  });

  it('exits 2 for a file that cannot be read', async () => {
    const run = await runSitekit(['report', path.join(dir, 'missing.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such file');
  });

  it('without Chromium: writes the HTML, no PDF, says how to install it, exit 2', async () => {
    const site = await siteFolder('no-chromium');
    const run = await runSitekit(['report', site, '--pdf'], { env: { SITEKIT_CHROMIUM: path.join(dir, 'no-such-chromium') } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('apt-get install -y chromium');
    expect(existsSync(path.join(path.dirname(site), 'report.html'))).toBe(true);
    expect(existsSync(path.join(path.dirname(site), 'report.pdf'))).toBe(false);
  });

  it.skipIf(!existsSync(CHROMIUM))('--pdf prints a PDF with Chromium', async () => {
    const site = await siteFolder('pdf', true);
    const pdf = path.join(dir, 'pdf', 'handover.pdf');
    const run = await runSitekit(['report', site, '--pdf', pdf], { env: { SITEKIT_CHROMIUM: CHROMIUM } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`PDF written to ${pdf}`);
    const bytes = await readFile(pdf);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await stat(pdf)).size).toBeGreaterThan(10 * 1024);
    expect((await readdir(path.dirname(pdf))).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
