// `sitekit export` to what a plant without a network has: a bare repository on a USB stick or
// file share, given as a folder or a file:// URL. Sitekit moves the objects itself (isomorphic-
// git speaks only HTTP); every result is checked with the real git CLI, `git fsck` included.
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveInventory } from '../../../main/core/probe/store';
import { gitCli } from '../../helpers/git-server';
import { ROOT, runSitekit } from '../../helpers/run-sitekit';
import { healthyInventory } from '../../unit/probe/inventory-builder';

const AUTHOR_ENV = { SITEKIT_GIT_AUTHOR_NAME: 'Tess Technician', SITEKIT_GIT_AUTHOR_EMAIL: 'tess@plant-a.example.com' };

let tmp: string | undefined;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'sitekit-disk-remote-'));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

let counter = 0;
/** A fresh site folder with the example plan and three inventories. */
async function siteFolder(): Promise<string> {
  const dir = path.join(tmp!, `site-${++counter}`, 'plant-a');
  await mkdir(dir, { recursive: true });
  await copyFile(path.join(ROOT, 'resources/examples/plant-a.site.yaml'), path.join(dir, 'site.yaml'));
  for (const n of [1, 2, 3]) await saveInventory(dir, healthyInventory(n));
  return path.join(dir, 'site.yaml');
}

/** A bare repository made by git itself, with one commit on main (as a sites repository has). */
async function bareWithReadme(name: string): Promise<string> {
  const bare = path.join(tmp!, `${name}.git`);
  await gitCli(['init', '--bare', '--initial-branch=main', bare]);
  const work = path.join(tmp!, `${name}-work`);
  await gitCli(['clone', bare, work]);
  await writeFile(path.join(work, 'README.md'), '# ACP sites\n');
  await gitCli(['add', 'README.md'], work);
  await gitCli(['commit', '-m', 'Start the sites repository'], work);
  await gitCli(['push', 'origin', 'HEAD:main'], work);
  return bare;
}

const exportTo = (site: string, repo: string, ...extra: string[]) => runSitekit(['export', site, '--repo', repo, ...extra], { env: AUTHOR_ENV });

describe('export to a repository on disk', () => {
  it('an empty folder (a USB stick): a bare repository is made, the commit pushed there, and git accepts it all', async () => {
    const site = await siteFolder();
    const stick = path.join(tmp!, 'usb-stick'); // the mounted stick
    await mkdir(stick);
    const usb = path.join(stick, 'acp-sites.git');
    const run = await exportTo(site, usb, '--push');
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stderr).toContain(`made an empty bare repository at ${usb}`);
    expect(run.stdout).toMatch(/^pushed 1 commit to site\/plant-a \([0-9a-f]{7}\)$/m);

    expect((await gitCli(['rev-parse', '--is-bare-repository'], usb)).trim()).toBe('true');
    await gitCli(['fsck', '--full', '--strict'], usb); // every object copied whole and well-formed
    const files = (await gitCli(['ls-tree', '-r', '--name-only', 'site/plant-a'], usb)).trim().split('\n');
    expect(files).toContain('sites/plant-a/install/install-config.yaml');
    expect(files).toContain('sites/plant-a/inventory/acp-2.json');
    expect(await gitCli(['log', '-1', '--format=%an <%ae>', 'site/plant-a'], usb)).toBe('Tess Technician <tess@plant-a.example.com>\n');

    // Back at the office: a plain git clone of the stick has the branch and its files.
    const office = path.join(tmp!, 'office-clone');
    await gitCli(['clone', '--branch', 'site/plant-a', usb, office]);
    const generated = await readFile(path.join(office, 'sites/plant-a/install/install-config.yaml'), 'utf8');
    expect(generated).toContain('baseDomain:');

    const again = await exportTo(site, usb, '--push');
    expect(again.code, again.stderr + again.stdout).toBe(0);
    expect(again.stdout).toMatch(/nothing changed/);
    expect(again.stdout).toMatch(/up to date on the server/);
  });

  it('a bare repository given as a file:// URL: the site branch starts from its main branch', async () => {
    const site = await siteFolder();
    const bare = await bareWithReadme('sites-file-url');
    const run = await exportTo(site, pathToFileURL(bare).href, '--push');
    expect(run.code, run.stderr + run.stdout).toBe(0);
    await gitCli(['fsck', '--full', '--strict'], bare);
    const mainTip = (await gitCli(['rev-parse', 'main'], bare)).trim();
    const parent = (await gitCli(['rev-parse', 'site/plant-a^'], bare)).trim();
    expect(parent).toBe(mainTip);
    const files = (await gitCli(['ls-tree', '-r', '--name-only', 'site/plant-a'], bare)).trim().split('\n');
    expect(files).toContain('README.md');
    expect(files).toContain('sites/plant-a/bundle.json');
  });

  it('a branch moved on the stick is never overwritten: the push is rejected and its commits listed', async () => {
    const site = await siteFolder();
    const bare = await bareWithReadme('sites-moved');
    expect((await exportTo(site, bare, '--push')).code).toBe(0);

    // A colleague adds a commit to the site branch on the same stick …
    const other = path.join(tmp!, 'colleague');
    await gitCli(['clone', '--branch', 'site/plant-a', bare, other]);
    await writeFile(path.join(other, 'NOTES.md'), 'rack 4 moved\n');
    await gitCli(['add', 'NOTES.md'], other);
    await gitCli(['commit', '-m', 'Colleague: rack notes'], other);
    await gitCli(['push', 'origin', 'site/plant-a'], other);
    const theirs = (await gitCli(['rev-parse', 'site/plant-a'], bare)).trim();

    // … while the technician, without the stick, commits a change of the plan.
    await rename(bare, `${bare}.away`);
    await writeFile(site, (await readFile(site, 'utf8')).replace('  dnsServers:', '  # checked on site\n  dnsServers:'));
    const offline = await exportTo(site, bare);
    expect(offline.code, offline.stderr + offline.stdout).toBe(0);
    expect(offline.stderr).toMatch(/is not there \(is the drive or USB stick connected\?\); exporting onto the clone as it is/);
    expect(offline.stdout).toMatch(/committed [0-9a-f]{7} on site\/plant-a/);
    await rename(`${bare}.away`, bare);

    const run = await exportTo(site, bare, '--push');
    expect(run.code, run.stderr + run.stdout).toBe(1);
    expect(run.stdout).toContain('push rejected');
    expect(run.stdout).toContain('Colleague: rack notes');
    expect(run.stdout).toMatch(/is kept locally; nothing was force-pushed/);
    expect((await gitCli(['rev-parse', 'site/plant-a'], bare)).trim()).toBe(theirs);
  });

  it('the stick is not there when pushing: the commit waits, and goes out once it is back', async () => {
    const site = await siteFolder();
    const bare = await bareWithReadme('sites-unplugged');
    const committed = await exportTo(site, bare);
    expect(committed.code, committed.stderr + committed.stdout).toBe(0);
    expect(committed.stdout).toMatch(/1 commit on site\/plant-a waiting to be pushed \((?:npx )?sitekit export \S+ --repo \S+ --push\)/);

    await rename(bare, `${bare}.away`);
    const push = await exportTo(site, bare, '--push');
    expect(push.code, push.stderr + push.stdout).toBe(1);
    expect(push.stdout).toMatch(/not pushed: .*is not there \(is the drive or USB stick connected\?\).*1 commit waiting/);
    await rename(`${bare}.away`, bare);

    const back = await exportTo(site, bare, '--push');
    expect(back.code, back.stderr + back.stdout).toBe(0);
    expect(back.stdout).toMatch(/^pushed 1 commit to site\/plant-a/m);
    await gitCli(['fsck', '--full', '--strict'], bare);
  });

  it('a clone made with git from a bare repository on disk: committed in the clone, pushed to its origin path', async () => {
    const site = await siteFolder();
    const bare = await bareWithReadme('sites-git-clone');
    const clone = path.join(tmp!, 'hand-made-clone');
    await gitCli(['clone', bare, clone]); // origin is the plain path, as git writes it
    const run = await exportTo(site, clone, '--push');
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^pushed 1 commit to site\/plant-a/m);
    expect(await gitCli(['ls-tree', '--name-only', 'site/plant-a', 'sites/plant-a/'], bare)).toContain('sites/plant-a/site.yaml');
    await gitCli(['fsck', '--full', '--strict'], bare);
  });

  it('a drive that is not mounted is never mistaken for an empty folder', async () => {
    const site = await siteFolder();
    const unmounted = path.join(tmp!, 'media', 'usb', 'acp-sites.git');
    const run = await exportTo(site, unmounted);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is the drive or USB stick connected?');
  });

  it('a folder that is neither a repository nor empty is refused with what --repo takes', async () => {
    const site = await siteFolder();
    const folder = path.join(tmp!, 'holiday-photos');
    await mkdir(folder);
    await writeFile(path.join(folder, 'beach.jpg'), 'not a repository');
    const run = await exportTo(site, folder);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${folder} is neither a Git clone nor a bare repository, and not empty`);
    expect(run.stderr).toContain('USB stick');
  });
});

describe('the commit author', () => {
  it('without --author-* or SITEKIT_GIT_AUTHOR_*, falls back to git config user.name / user.email and says so', async () => {
    const site = await siteFolder();
    const home = path.join(tmp!, 'home-with-gitconfig');
    await mkdir(home);
    await writeFile(path.join(home, '.gitconfig'), '[user]\n\tname = Gita Config\n\temail = gita@plant-a.example.com\n');
    const bare = path.join(tmp!, 'author-stick.git');
    const run = await runSitekit(['export', site, '--repo', bare], {
      env: { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1' },
      unset: ['SITEKIT_GIT_AUTHOR_NAME', 'SITEKIT_GIT_AUTHOR_EMAIL', 'GIT_CONFIG_GLOBAL'],
    });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stderr).toContain('author: Gita Config <gita@plant-a.example.com> (from git config user.name / user.email)');
    const clone = (await runSitekitClone(site))!;
    expect(await gitCli(['log', '-1', '--format=%an <%ae>', 'site/plant-a'], clone)).toBe('Gita Config <gita@plant-a.example.com>\n');
  });

  it('with neither, says how to set one', async () => {
    const site = await siteFolder();
    const home = path.join(tmp!, 'home-empty');
    await mkdir(home);
    const run = await runSitekit(['export', site, '--repo', path.join(tmp!, 'no-author.git')], {
      env: { HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1' },
      unset: ['SITEKIT_GIT_AUTHOR_NAME', 'SITEKIT_GIT_AUTHOR_EMAIL', 'GIT_CONFIG_GLOBAL'],
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the commit author is not set/);
  });
});

/** The clone Sitekit keeps for a disk remote (.sitekit/repo-disk-*). */
async function runSitekitClone(site: string): Promise<string | undefined> {
  const { readdir } = await import('node:fs/promises');
  const workspace = path.join(path.dirname(site), '.sitekit');
  const entry = (await readdir(workspace)).find((e) => e.startsWith('repo-disk-'));
  return entry ? path.join(workspace, entry) : undefined;
}
