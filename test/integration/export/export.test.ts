// Export against a real Git server (DESIGN §6): bare repositories behind `git http-backend`
// with token auth. The server's side is always checked with the git CLI, not isomorphic-git.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportSite, openRepository, pendingPush, pushSite, scanText, siteInventories, type ExportResult } from '../../../main/core/export';
import { ExportError } from '../../../main/core/export/repository';
import { saveInventory } from '../../../main/core/probe/store';
import { checkSiteText } from '../../../main/core/site/check';
import type { Site } from '../../../main/core/site/schema';
import { gitCli, startGitServer, type GitServer } from '../../helpers/git-server';
import { healthyInventory } from '../../unit/probe/inventory-builder';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const TOKEN = 'test-token-4f1c2b9e7d3a5c8e';
const AUTHOR = { name: 'Tess Technician', email: 'tess@plant-a.example.com' };
const PULL_SECRET_TEXT = 'c2l0ZWtpdC1wbGFudGVkLXB1bGwtc2VjcmV0';

let server: GitServer;
let tmp: string;

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  tmp = await mkdtemp(path.join(tmpdir(), 'sitekit-export-'));
});

afterAll(async () => {
  await server?.dispose();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

let counter = 0;
async function fresh(name = `sites-${++counter}`): Promise<{ repo: string; clone: string; url: string }> {
  await server.createRepo(name);
  const clone = path.join(tmp, `clone-${name}`);
  await openRepository(clone, { url: server.url(name), credentials: { token: TOKEN } });
  return { repo: path.join(server.root, `${name}.git`), clone, url: server.url(name) };
}

async function load(file: string, edit?: (text: string) => string): Promise<{ site: Site; text: string; check: ReturnType<typeof checkSiteText> }> {
  let text = await readFile(path.join(ROOT, 'resources/examples', file), 'utf8');
  if (edit) text = edit(text);
  const check = checkSiteText(text);
  if (!check.site) throw new Error(`example ${file} did not load`);
  return { site: check.site, text, check };
}

async function exportExample(clone: string, file = 'plant-a.site.yaml', edit?: (text: string) => string, extra: Partial<Parameters<typeof exportSite>[0]> = {}): Promise<ExportResult> {
  const { site, text, check } = await load(file, edit);
  return exportSite({ dir: clone, site, siteText: text, findings: check.findings, toolVersion: '0.1.0-test', author: AUTHOR, ...extra });
}

const serverFiles = async (repo: string, ref: string) => (await gitCli(['ls-tree', '-r', '--name-only', ref], repo)).trim().split('\n');

describe('export to a real Git server', () => {
  it('first export: a commit on site/plant-a with the bundle, pushed, no secret in any byte', async () => {
    const { repo, clone } = await fresh();
    const siteDir = path.join(tmp, 'site-a');
    await saveInventory(siteDir, healthyInventory(1));
    await saveInventory(siteDir, healthyInventory(2));
    const inventories = await siteInventories(siteDir);
    const result = await exportExample(clone, 'plant-a.site.yaml', undefined, { inventories });
    expect(result.status).toBe('committed');
    if (result.status !== 'committed') return;
    expect(result.branch).toBe('site/plant-a');
    expect(result.files.every((f) => f.path.startsWith('sites/plant-a/') && f.change === 'added')).toBe(true);
    // Not ready: the secret store is not known to a core export without it.
    expect(result.message.split('\n')[0]).toMatch(/^plant-a: not ready, 0 errors, 0 warnings — Sitekit 0\.1\.0-test$/);
    expect(result.message).toContain('Cluster acp.plant-a.example.com, OpenShift 4.18');
    expect(result.message).toContain('Hardware probed: acp-1 at 2026-11-21T12:00:00.000Z, acp-2 at 2026-11-21T12:00:00.000Z');
    expect(await pendingPush(clone, 'site/plant-a')).toBe(1);

    const events: string[] = [];
    const pushed = await pushSite({ dir: clone, branch: 'site/plant-a', token: TOKEN, onProgress: (e) => events.push(e.phase) });
    expect(pushed).toMatchObject({ status: 'pushed', commits: 1 });
    expect(events.length).toBeGreaterThan(0);
    expect(await pendingPush(clone, 'site/plant-a')).toBe(0);

    expect((await gitCli(['rev-parse', 'site/plant-a'], repo)).trim()).toBe(result.oid);
    const files = await serverFiles(repo, 'site/plant-a');
    expect(files).toContain('README.md'); // built on main
    for (const f of ['site.yaml', 'validation.json', 'bundle.json', 'SHA256SUMS', 'install/install-config.yaml', 'inventory/acp-1.json', 'inventory/acp-2.json']) {
      expect(files).toContain(`sites/plant-a/${f}`);
    }
    // Every committed byte, as the server has it.
    for (const file of files) {
      const content = await gitCli(['show', `site/plant-a:${file}`], repo);
      expect(scanText(file, content), file).toEqual([]);
      expect(content).not.toContain(TOKEN);
    }
    const log = await gitCli(['log', '--format=%an <%ae>%n%B', '-1', 'site/plant-a'], repo);
    expect(log).toContain('Tess Technician <tess@plant-a.example.com>');
    expect(log).not.toContain(TOKEN);
    expect(await readFile(path.join(clone, '.git', 'config'), 'utf8')).not.toContain(TOKEN);
    expect(server.requests.every((r) => !r.url.includes(TOKEN))).toBe(true);
  });

  it('a second export: nothing changed makes no commit; a change makes one commit with only the changed files', async () => {
    const { repo, clone } = await fresh();
    const first = await exportExample(clone);
    expect(first.status).toBe('committed');
    const again = await exportExample(clone);
    expect(again).toMatchObject({ status: 'unchanged', oid: first.status === 'committed' ? first.oid : '' });

    const changed = await exportExample(clone, 'plant-a.site.yaml', (t) => t.replace('Plant A, hall 3, rack row C', 'Plant A, hall 4'));
    expect(changed.status).toBe('committed');
    if (changed.status !== 'committed' || first.status !== 'committed') return;
    expect(changed.parent).toBe(first.oid);
    // Only the files whose bytes differ: the plan, its checksums and the time in bundle.json.
    expect(changed.files).toEqual([
      { path: 'sites/plant-a/SHA256SUMS', change: 'modified' },
      { path: 'sites/plant-a/bundle.json', change: 'modified' },
      { path: 'sites/plant-a/site.yaml', change: 'modified' },
    ]);
    await pushSite({ dir: clone, branch: 'site/plant-a', token: TOKEN });
    expect((await gitCli(['rev-list', '--count', 'main..site/plant-a'], repo)).trim()).toBe('2');
    const diff = await gitCli(['diff', '--name-only', `${first.oid}`, `${changed.oid}`], repo);
    expect(diff.trim().split('\n')).toEqual(['sites/plant-a/SHA256SUMS', 'sites/plant-a/bundle.json', 'sites/plant-a/site.yaml']);
  });

  it('a file dropped from the bundle is removed from the tree', async () => {
    const { clone } = await fresh();
    const siteDir = path.join(tmp, 'site-drop');
    await saveInventory(siteDir, healthyInventory(3));
    const withInventory = await exportExample(clone, 'plant-a.site.yaml', undefined, { inventories: await siteInventories(siteDir) });
    expect(withInventory.status).toBe('committed');
    const without = await exportExample(clone);
    expect(without.status === 'committed' && without.files).toContainEqual({ path: 'sites/plant-a/inventory/acp-3.json', change: 'deleted' });
  });

  it('a push rejected because the branch moved keeps the local commit and reports the server’s commits', async () => {
    const { repo, clone, url } = await fresh();
    const first = await exportExample(clone);
    await pushSite({ dir: clone, branch: 'site/plant-a', token: TOKEN });
    const theirs = await server.commitOnServer(path.basename(repo, '.git'), 'site/plant-a', { 'sites/plant-a/NOTES.md': 'switch port 12 is dead\n' }, 'Note from the network team');
    const mine = await exportExample(clone, 'plant-a.site.yaml', (t) => t.replace('hall 3', 'hall 5'));
    expect(mine.status).toBe('committed');
    if (mine.status !== 'committed' || first.status !== 'committed') return;

    const result = await pushSite({ dir: clone, branch: 'site/plant-a', token: TOKEN });
    expect(result.status).toBe('rejected');
    if (result.status !== 'rejected') return;
    expect(result.localOid).toBe(mine.oid);
    expect(result.remoteCommits).toEqual([
      { oid: theirs, author: 'Server Side <server@example.com>', subject: 'Note from the network team', files: ['sites/plant-a/NOTES.md'] },
    ]);
    // Nothing forced: the server still has its commit, the clone still has ours.
    expect((await gitCli(['rev-parse', 'site/plant-a'], repo)).trim()).toBe(theirs);
    expect((await gitCli(['rev-parse', 'refs/heads/site/plant-a'], clone)).trim()).toBe(mine.oid);
    expect(await pendingPush(clone, 'site/plant-a')).toBe(1);
    expect(url).not.toContain(TOKEN);
  });

  it('after a fetch, an export builds on the server’s newer commits and the push goes through', async () => {
    const { repo, clone, url } = await fresh();
    await exportExample(clone);
    await pushSite({ dir: clone, branch: 'site/plant-a', token: TOKEN });
    const theirs = await server.commitOnServer(path.basename(repo, '.git'), 'site/plant-a', { 'docs/cabling.md': 'rack C\n' }, 'Cabling notes');
    await openRepository(clone, { url, credentials: { token: TOKEN } }); // the fetch a new session does
    const mine = await exportExample(clone, 'plant-a.site.yaml', (t) => t.replace('hall 3', 'hall 6'));
    expect(mine).toMatchObject({ status: 'committed', parent: theirs });
    expect(await pushSite({ dir: clone, branch: 'site/plant-a', token: TOKEN })).toMatchObject({ status: 'pushed', commits: 1 });
    expect(await serverFiles(repo, 'site/plant-a')).toContain('docs/cabling.md');
  });

  it('server unreachable: the commit stays, offline is reported, a later push succeeds', async () => {
    const { repo, clone } = await fresh();
    const result = await exportExample(clone);
    expect(result.status).toBe('committed');
    await server.stop();
    try {
      const offline = await pushSite({ dir: clone, branch: 'site/plant-a', token: TOKEN });
      expect(offline).toMatchObject({ status: 'offline', pending: 1 });
      expect(offline.status === 'offline' && offline.message).not.toContain(TOKEN);
      expect(await pendingPush(clone, 'site/plant-a')).toBe(1);
    } finally {
      await server.start();
    }
    const later = await pushSite({ dir: clone, branch: 'site/plant-a', token: TOKEN });
    expect(later).toMatchObject({ status: 'pushed', commits: 1 });
    expect((await gitCli(['rev-parse', 'site/plant-a'], repo)).trim()).toBe(result.status === 'committed' ? result.oid : '');
    expect(await pendingPush(clone, 'site/plant-a')).toBe(0);
  });

  it('a planted secret blocks the export, names file and line, and commits nothing', async () => {
    const { clone } = await fresh();
    const siteDir = path.join(tmp, 'site-secret');
    const inventory = healthyInventory(1);
    inventory.sections['sshd'] = { ok: true, stdout: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU=\n-----END OPENSSH PRIVATE KEY-----\n' };
    await saveInventory(siteDir, inventory);
    const head = (await gitCli(['rev-parse', 'HEAD'], clone)).trim();
    const blocked = await exportExample(clone, 'plant-a.site.yaml', undefined, { inventories: await siteInventories(siteDir) });
    expect(blocked.status).toBe('blocked');
    if (blocked.status !== 'blocked') return;
    const text = await readFile(path.join(siteDir, '.sitekit/inventory/acp-1.json'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('PRIVATE KEY')) + 1;
    expect(blocked.secrets).toEqual([{ path: 'sites/plant-a/inventory/acp-1.json', line, kind: 'private-key', message: 'looks like a private key' }]);

    const pulled = await exportExample(clone, 'plant-a.site.yaml', undefined, {
      extraFiles: [{ path: 'notes/registry.json', content: `{\n  "auths": {"quay.io": {"auth": "${PULL_SECRET_TEXT}"}}\n}\n` }],
    });
    expect(pulled).toMatchObject({ status: 'blocked', secrets: [{ path: 'sites/plant-a/notes/registry.json', line: 2, kind: 'pull-secret' }] });
    expect(JSON.stringify(pulled)).not.toContain(PULL_SECRET_TEXT);

    const password = await exportExample(clone, 'plant-a.site.yaml', undefined, { extraFiles: [{ path: 'bmc.yaml', content: 'user: root\npassword: calvin\n' }] });
    expect(password).toMatchObject({ status: 'blocked', secrets: [{ path: 'sites/plant-a/bmc.yaml', line: 2, kind: 'password' }] });
    // Nothing committed, nothing written, the clone as it was.
    expect((await gitCli(['rev-parse', 'HEAD'], clone)).trim()).toBe(head);
    expect(await gitCli(['status', '--porcelain'], clone)).toBe('');
    expect(await gitCli(['branch', '--list', 'site/plant-a'], clone)).toBe('');
  });

  it('refuses a plan with errors unless forced, and records the override', async () => {
    const { clone } = await fresh();
    const broken = (t: string) => t.replace('apiVIPs: [10.10.0.5]', 'apiVIPs: [10.99.0.5]');
    const refused = await exportExample(clone, 'plant-a.site.yaml', broken);
    expect(refused.status).toBe('refused');
    const forced = await exportExample(clone, 'plant-a.site.yaml', broken, { force: true });
    expect(forced.status).toBe('committed');
    if (forced.status !== 'committed') return;
    expect(forced.message).toMatch(/^plant-a: not ready, [1-9]\d* errors?, /);
    expect(forced.message).toMatch(/Override: exported with \d+ errors? in the plan \(forced; recorded in validation.json\)/);
    const validation = JSON.parse(await gitCli(['show', 'site/plant-a:sites/plant-a/validation.json'], clone)) as { forced: boolean };
    expect(validation.forced).toBe(true);
  });

  it('two sites go to the same repository on their own branches', async () => {
    const { repo, clone } = await fresh();
    const a = await exportExample(clone, 'plant-a.site.yaml');
    const b = await exportExample(clone, 'plant-b-racks.site.yaml');
    expect(a).toMatchObject({ status: 'committed', branch: 'site/plant-a', path: 'sites/plant-a' });
    expect(b).toMatchObject({ status: 'committed', branch: 'site/plant-b', path: 'sites/plant-b' });
    expect(await pushSite({ dir: clone, branch: 'site/plant-a', token: TOKEN })).toMatchObject({ status: 'pushed' });
    expect(await pushSite({ dir: clone, branch: 'site/plant-b', token: TOKEN })).toMatchObject({ status: 'pushed' });
    const filesA = await serverFiles(repo, 'site/plant-a');
    const filesB = await serverFiles(repo, 'site/plant-b');
    expect(filesA.some((f) => f.startsWith('sites/plant-b/'))).toBe(false);
    expect(filesB.some((f) => f.startsWith('sites/plant-a/'))).toBe(false);
    expect(filesB).toContain('sites/plant-b/site.yaml');
    // Both start from main.
    expect((await gitCli(['merge-base', 'site/plant-a', 'site/plant-b'], repo)).trim()).toBe((await gitCli(['rev-parse', 'main'], repo)).trim());
  });

  it('a wrong token: a plain "authentication failed" without the token', async () => {
    const name = `sites-${++counter}`;
    await server.createRepo(name);
    const wrong = 'wrong-token-0123456789abcdef';
    const error = await openRepository(path.join(tmp, `bad-${name}`), { url: server.url(name), credentials: { token: wrong } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportError);
    expect((error as Error).message).toMatch(/^authentication failed for http:\/\/127\.0\.0\.1:\d+\/sites-\d+\.git/);
    expect((error as Error).message).not.toContain(wrong);

    const { clone } = await fresh();
    await exportExample(clone);
    const push = await pushSite({ dir: clone, branch: 'site/plant-a', token: wrong });
    expect(push.status).toBe('auth-failed');
    expect(push.status === 'auth-failed' && push.message).toMatch(/authentication failed/);
    expect(JSON.stringify(push)).not.toContain(wrong);
  });

  it('a clone whose origin is an SSH remote commits, but push says SSH is not supported', async () => {
    const { clone } = await fresh();
    await gitCli(['remote', 'set-url', 'origin', 'git@git.plant-a.example.com:ot/acp-sites.git'], clone);
    expect((await exportExample(clone)).status).toBe('committed');
    const push = await pushSite({ dir: clone, branch: 'site/plant-a', token: TOKEN });
    expect(push).toMatchObject({ status: 'failed', pending: 1 });
    expect(push.status === 'failed' && push.message).toContain("SSH remotes are not supported; use the repository's HTTPS URL with a token");
  });

  it('an SSH remote is refused with a plain message', async () => {
    for (const url of ['git@github.com:ot/acp-sites.git', 'ssh://git@git.plant-a.example.com/ot/acp-sites.git']) {
      await expect(openRepository(path.join(tmp, 'ssh'), { url, credentials: { token: TOKEN } })).rejects.toThrow(
        "SSH remotes are not supported; use the repository's HTTPS URL with a token",
      );
    }
  });

  it('commits the whole bundle even where the repository’s .gitignore would drop files', async () => {
    const name = `sites-${++counter}`;
    await server.createRepo(name, { 'README.md': '# sites\n', '.gitignore': '*.json\nSHA256SUMS\n' });
    const clone = path.join(tmp, `clone-${name}`);
    await openRepository(clone, { url: server.url(name), credentials: { token: TOKEN } });
    const result = await exportExample(clone);
    expect(result.status === 'committed' && result.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['sites/plant-a/bundle.json', 'sites/plant-a/validation.json', 'sites/plant-a/SHA256SUMS']),
    );
  });

  it('refuses when the site’s own folder (site.yaml, .sitekit/) is the folder export replaces', async () => {
    const { clone } = await fresh();
    await expect(exportExample(clone, 'plant-a.site.yaml', undefined, { workspace: path.join(clone, 'sites', 'plant-a') })).rejects.toThrow(
      /is the folder the export replaces/,
    );
    expect(await gitCli(['status', '--porcelain'], clone)).toBe('');
  });

  it('export needs an author', async () => {
    const { clone } = await fresh();
    await expect(exportExample(clone, 'plant-a.site.yaml', undefined, { author: {} })).rejects.toThrow(/--author-name and --author-email/);
  });

  it('refuses to commit what someone staged outside the site folder', async () => {
    const { clone } = await fresh();
    await writeFile(path.join(clone, 'other.txt'), 'x\n');
    await gitCli(['add', 'other.txt'], clone);
    await expect(exportExample(clone)).rejects.toThrow(/staged changes outside sites\/plant-a \(other.txt\)/);
  });
});
