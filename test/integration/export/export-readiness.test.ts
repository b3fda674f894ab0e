// Export and readiness, on a real repository (made and checked with the git CLI): the commit
// records the checklist (message, validation.json, report.html), and exporting an unchanged
// site — with inventories and the report, whatever the clock or SOURCE_DATE_EPOCH says —
// makes no new commit.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite, reportFile, siteInventories, type ExportResult } from '../../../main/core/export';
import { checkInventories } from '../../../main/core/probe/checks';
import { saveInventory } from '../../../main/core/probe/store';
import { checkSiteText } from '../../../main/core/site/check';
import { requiredSecrets } from '../../../main/core/site/required-secrets';
import { gitCli } from '../../helpers/git-server';
import { ROOT } from '../../helpers/run-sitekit';
import { healthyInventory } from '../../unit/probe/inventory-builder';

const AUTHOR = { name: 'Tess Technician', email: 'tess@plant-a.example.com' };

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'sitekit-export-readiness-'));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

let counter = 0;
/** A clone of a bare sites repository with one commit on main, made by git itself. */
async function clone(): Promise<string> {
  const n = ++counter;
  const bare = path.join(tmp, `sites-${n}.git`);
  await gitCli(['init', '--bare', '--initial-branch=main', bare]);
  const work = path.join(tmp, `clone-${n}`);
  await gitCli(['clone', bare, work]);
  await writeFile(path.join(work, 'README.md'), '# ACP sites\n');
  await gitCli(['add', 'README.md'], work);
  await gitCli(['-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-m', 'Start'], work);
  return work;
}

/** The example plan in a site folder of its own, probed (three inventories). */
async function siteFolder(edit: (text: string) => string = (t) => t): Promise<{ dir: string; text: string }> {
  const dir = path.join(tmp, `site-${++counter}`);
  await mkdir(dir, { recursive: true });
  await copyFile(path.join(ROOT, 'resources/examples/plant-a.site.yaml'), path.join(dir, 'site.yaml'));
  const text = edit(await readFile(path.join(dir, 'site.yaml'), 'utf8'));
  for (const n of [1, 2, 3]) await saveInventory(dir, healthyInventory(n));
  return { dir, text };
}

/** What the app's export handler does: inventories, hardware findings, the secret names, the report. */
async function exportFrom(repo: string, site: { dir: string; text: string }, options: { now?: Date; stored?: string[] } = {}): Promise<ExportResult> {
  const check = checkSiteText(site.text);
  const inventories = await siteInventories(site.dir);
  const hardware = checkInventories(check.site!, inventories.inventories);
  return exportSite({
    dir: repo,
    workspace: site.dir,
    site: check.site!,
    siteText: site.text,
    findings: check.findings,
    toolVersion: '0.1.0-test',
    author: AUTHOR,
    inventories,
    readiness: { hardwareFindings: hardware, ...(options.stored ? { storedSecrets: options.stored } : {}) },
    ...(options.now ? { now: options.now } : {}),
    extraFiles: reportFile({ site: check.site!, siteText: site.text, findings: [...check.findings, ...hardware], inventories: inventories.inventories, toolVersion: '0.1.0-test' }),
  });
}

const commits = async (repo: string) => Number((await gitCli(['rev-list', '--count', 'site/plant-a'], repo)).trim());
const show = (repo: string, file: string) => gitCli(['show', `site/plant-a:sites/plant-a/${file}`], repo);

describe('export records readiness and makes no commit for an unchanged site', () => {
  it('an unchanged site (inventories and report included) makes no new commit, whatever time is given', async () => {
    const repo = await clone();
    const site = await siteFolder();
    const first = await exportFrom(repo, site, { now: new Date('2026-01-01T00:00:00Z') });
    expect(first.status).toBe('committed');
    if (first.status !== 'committed') return;
    expect(first.files.map((f) => f.path)).toEqual(expect.arrayContaining(['sites/plant-a/report.html', 'sites/plant-a/inventory/acp-1.json', 'sites/plant-a/validation.json']));
    const before = await commits(repo);

    // Another clock, another SOURCE_DATE_EPOCH: the bundle is made again with the committed time.
    for (const now of [new Date('2027-05-05T05:05:05Z'), undefined]) {
      const again = await exportFrom(repo, site, now ? { now } : {});
      expect(again).toMatchObject({ status: 'unchanged', oid: first.oid, forced: false });
      expect(await commits(repo)).toBe(before);
    }
    expect((await gitCli(['rev-parse', 'site/plant-a'], repo)).trim()).toBe(first.oid);
    // The committed bundle keeps its first time.
    expect(JSON.parse(await show(repo, 'bundle.json')).generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(await show(repo, 'report.html')).toContain('Generated 2026-01-01 00:00:00 UTC');

    // A real change is a commit, with the new time.
    const moved = await exportFrom(repo, { ...site, text: site.text.replace('Plant A, hall 3, rack row C', 'Plant A, hall 4') }, { now: new Date('2027-05-05T05:05:05Z') });
    expect(moved.status).toBe('committed');
    expect(await commits(repo)).toBe(before + 1);
    expect(JSON.parse(await show(repo, 'bundle.json')).generatedAt).toBe('2027-05-05T05:05:05.000Z');
  });

  it('a change in what is known (a secret stored since) is a change of validation.json, so a commit', async () => {
    const repo = await clone();
    const site = await siteFolder();
    expect((await exportFrom(repo, site)).status).toBe('committed');
    const names = requiredSecrets(checkSiteText(site.text).site!).map((s) => s.name);
    const stored = await exportFrom(repo, site, { stored: names });
    expect(stored.status).toBe('committed');
    if (stored.status !== 'committed') return;
    expect(stored.files.map((f) => f.path)).toEqual(expect.arrayContaining(['sites/plant-a/validation.json', 'sites/plant-a/report.html']));
    expect(stored.files.map((f) => f.path)).not.toContain('sites/plant-a/site.yaml');
  });

  it('the commit message, validation.json and report.html carry the same checklist', async () => {
    const repo = await clone();
    const site = await siteFolder();
    const result = await exportFrom(repo, site, { stored: ['pull-secret'] });
    expect(result.status).toBe('committed');
    if (result.status !== 'committed') return;
    const validation = JSON.parse(await show(repo, 'validation.json')) as { readiness: { ready: boolean; summary: string; items: { id: string; state: string }[] } };
    const states = Object.fromEntries(validation.readiness.items.map((i) => [i.id, i.state]));
    // Probed (matching or not, as the hardware checks say); the BMC passwords are not stored;
    // this commit is the export.
    const check = checkSiteText(site.text);
    const hwErrors = checkInventories(check.site!, (await siteInventories(site.dir)).inventories).some((f) => f.severity === 'error');
    expect(states).toMatchObject({ hardware: hwErrors ? 'problem' : 'done', secrets: 'not-done', bundle: 'done', export: 'done' });
    expect(validation.readiness.ready).toBe(false);
    expect(result.readiness).toEqual(validation.readiness);

    const message = await gitCli(['log', '-1', '--format=%B', 'site/plant-a'], repo);
    expect(message.split('\n')[0]).toMatch(/^plant-a: not ready, 0 errors, 0 warnings — Sitekit 0\.1\.0-test$/);
    expect(message).toContain(`Readiness — ${validation.readiness.summary}`);
    expect(message).toMatch(/ {2}\[not done\] {2}Secrets present: Not in the secret store yet: bmc-acp-1/);
    expect(message).toContain('  [done]      Exported: This bundle is the content of the export commit on the site branch.');

    const report = await show(repo, 'report.html');
    expect(report).toContain(`data-ready="no"`);
    expect(report).toContain('<li data-item="secrets" data-state="not-done">');
    expect(report).not.toContain('Ready: no errors');
  });
});
