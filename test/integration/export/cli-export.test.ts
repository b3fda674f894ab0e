// `sitekit export` end to end: a real process through bin/sitekit.js against a real Git
// server (git http-backend behind token auth).
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanText } from '../../../main/core/export';
import { saveInventory } from '../../../main/core/probe/store';
import { gitCli, startGitServer, type GitServer } from '../../helpers/git-server';
import { runSitekit } from '../../helpers/run-sitekit';
import { healthyInventory } from '../../unit/probe/inventory-builder';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TOKEN = 'cli-token-9a8b7c6d5e4f3a2b1c';
const PULL_SECRET_AUTH = 'cGxhbnRlZC1wdWxsLXNlY3JldC1mb3ItdGhlLWNsaS10ZXN0';
const AUTHOR_ENV = { SITEKIT_GIT_AUTHOR_NAME: 'Tess Technician', SITEKIT_GIT_AUTHOR_EMAIL: 'tess@plant-a.example.com' };

let server: GitServer;
let tmp: string;
let siteFile: string;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  await server.createRepo('acp-sites');
  tmp = await mkdtemp(path.join(tmpdir(), 'sitekit-cli-export-'));
  const siteDir = path.join(tmp, 'plant-a');
  await mkdir(siteDir);
  siteFile = path.join(siteDir, 'site.yaml');
  await copyFile(path.join(ROOT, 'resources/examples/plant-a.site.yaml'), siteFile);
  for (const n of [1, 2, 3]) await saveInventory(siteDir, healthyInventory(n));
  // A pull secret next to the plan, as a technician keeps it for `generate --iso-inputs`: never committed.
  await writeFile(path.join(siteDir, 'pull-secret.json'), JSON.stringify({ auths: { 'quay.io': { auth: PULL_SECRET_AUTH } } }), { mode: 0o600 });
});

afterAll(async () => {
  await server?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({ ...AUTHOR_ENV, SITEKIT_GIT_TOKEN: TOKEN, ...extra });

describe('sitekit export', () => {
  it('clones, commits the bundle with inventories and report, and pushes it', async () => {
    const run = await runSitekit(['export', siteFile, '--repo', server.url('acp-sites'), '--push'], { env: env() });
    expect(run.stderr).not.toContain(TOKEN);
    expect(run.stdout).not.toContain(TOKEN);
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^plant-a: committed [0-9a-f]{7} on site\/plant-a \(sites\/plant-a\/, \d+ files changed\)$/m);
    expect(run.stdout).toContain('  A sites/plant-a/report.html');
    expect(run.stdout).toContain('  A sites/plant-a/inventory/acp-1.json');
    expect(run.stdout).toMatch(/^pushed 1 commit to site\/plant-a \([0-9a-f]{7}\)$/m);
    expect(run.stderr).toMatch(/Pushing site\/plant-a \(1 commit waiting\) to http:\/\/127\.0\.0\.1:\d+\/acp-sites\.git\n {2}Pushed: 1\/1/);

    const bare = path.join(server.root, 'acp-sites.git');
    const files = (await gitCli(['ls-tree', '-r', '--name-only', 'site/plant-a'], bare)).trim().split('\n');
    expect(files).toContain('sites/plant-a/report.html');
    expect(files).toContain('sites/plant-a/inventory/acp-3.json');
    for (const file of files) {
      const content = await gitCli(['show', `site/plant-a:${file}`], bare);
      expect(scanText(file, content), file).toEqual([]);
      expect(content, file).not.toContain(PULL_SECRET_AUTH);
      expect(content, file).not.toContain(TOKEN);
    }
    const message = await gitCli(['log', '-1', '--format=%B', 'site/plant-a'], bare);
    expect(message).toMatch(/^plant-a: not ready, 0 errors, 0 warnings — Sitekit /);
    expect(message).toContain('  [not known] Secrets present: ');
    expect(message).toContain('Hardware probed: acp-1 at 2026-11-21T12:00:00.000Z');
    const config = await readFile(path.join(path.dirname(siteFile), '.sitekit/repo/.git/config'), 'utf8');
    expect(config).toContain(server.url('acp-sites'));
    expect(config).not.toContain(TOKEN);
  });

  it('a second run with nothing changed makes no commit and has nothing to push', async () => {
    const run = await runSitekit(['export', siteFile, '--repo', server.url('acp-sites'), '--push'], { env: env() });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/^plant-a: nothing changed; site\/plant-a stays at [0-9a-f]{7}$/m);
    expect(run.stdout).toMatch(/up to date on the server/);
  });

  it('without --push the commit waits and is reported', async () => {
    const text = await readFile(siteFile, 'utf8');
    await writeFile(siteFile, text.replace('hall 3', 'hall 7'));
    const run = await runSitekit(['export', siteFile, '--repo', server.url('acp-sites')], { env: env() });
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toMatch(/1 commit on site\/plant-a waiting to be pushed/);
    const push = await runSitekit(['export', siteFile, '--repo', server.url('acp-sites'), '--push'], { env: env() });
    expect(push.stdout).toMatch(/pushed 1 commit/);
  });

  it('reads the token from a 0600 file and refuses one others can read', async () => {
    const tokenFile = path.join(tmp, 'token');
    await writeFile(tokenFile, `${TOKEN}\n`);
    await chmod(tokenFile, 0o644);
    const open = await runSitekit(['export', siteFile, '--repo', server.url('acp-sites'), '--token-file', tokenFile], { env: AUTHOR_ENV, unset: ['SITEKIT_GIT_TOKEN'] });
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/can be read by others \(mode 644\); run chmod 600/);
    await chmod(tokenFile, 0o600);
    const ok = await runSitekit(['export', siteFile, '--repo', server.url('acp-sites'), '--token-file', tokenFile, '--push'], { env: AUTHOR_ENV, unset: ['SITEKIT_GIT_TOKEN'] });
    expect(ok.code, ok.stderr + ok.stdout).toBe(0);
  });

  it('unusable input: an SSH remote, no author, a wrong token', async () => {
    const ssh = await runSitekit(['export', siteFile, '--repo', 'git@github.com:ot/acp-sites.git'], { env: env() });
    expect(ssh.code).toBe(2);
    expect(ssh.stderr).toContain("SSH remotes are not supported; use the repository's HTTPS URL with a token");

    // No author anywhere: not in options, environment, nor git config (a HOME without .gitconfig).
    const home = path.join(tmp, 'home-without-gitconfig');
    await mkdir(home, { recursive: true });
    const noAuthor = await runSitekit(['export', siteFile, '--repo', server.url('acp-sites')], {
      env: { SITEKIT_GIT_TOKEN: TOKEN, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1' },
      unset: ['SITEKIT_GIT_AUTHOR_NAME', 'SITEKIT_GIT_AUTHOR_EMAIL', 'GIT_CONFIG_GLOBAL'],
    });
    expect(noAuthor.code).toBe(2);
    expect(noAuthor.stderr).toMatch(/commit author is not set/);

    await server.createRepo('other');
    const otherSite = path.join(tmp, 'other', 'site.yaml');
    await mkdir(path.dirname(otherSite), { recursive: true });
    await copyFile(siteFile, otherSite);
    const wrong = 'wrong-cli-token-0000000000';
    const bad = await runSitekit(['export', otherSite, '--repo', server.url('other')], { env: env({ SITEKIT_GIT_TOKEN: wrong }) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/authentication failed/);
    expect(bad.stderr + bad.stdout).not.toContain(wrong);
  });

  it('a secret in an inventory blocks the export (exit 1), naming file and line only', async () => {
    const siteDir = path.join(tmp, 'secret');
    await mkdir(siteDir, { recursive: true });
    const file = path.join(siteDir, 'site.yaml');
    await copyFile(siteFile, file);
    const inventory = healthyInventory(2);
    inventory.sections['bmc'] = { ok: true, stdout: 'user: root\npassword: calvin-planted\n' };
    await saveInventory(siteDir, inventory);
    const run = await runSitekit(['export', file, '--repo', server.url('acp-sites')], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^sites\/plant-a\/inventory\/acp-2\.json:\d+: looks like a password$/m);
    expect(run.stdout).toMatch(/nothing was committed/);
    expect(run.stdout + run.stderr).not.toContain('calvin-planted');
  });

  it('refuses a plan with errors (exit 1) unless --force', async () => {
    const broken = path.join(tmp, 'broken', 'site.yaml');
    await mkdir(path.dirname(broken), { recursive: true });
    await writeFile(broken, (await readFile(siteFile, 'utf8')).replace('apiVIPs: [10.10.0.5]', 'apiVIPs: [10.99.0.5]'));
    const refused = await runSitekit(['export', broken, '--repo', server.url('acp-sites')], { env: env() });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/not exported: \d+ errors? in the plan/);
    const forced = await runSitekit(['export', broken, '--repo', server.url('acp-sites'), '--force'], { env: env() });
    expect(forced.code, forced.stderr + forced.stdout).toBe(0);
    expect(forced.stdout).toMatch(/forced with errors/);
  });
});
