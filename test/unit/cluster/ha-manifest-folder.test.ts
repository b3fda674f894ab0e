// The sites-repository folder reader of the HA check (ha/manifest-folder.ts): *.yaml, *.yml
// and *.json below the folder with paths relative to it; .git and node_modules not entered;
// links followed only inside the folder; each bound (files, size per file, size in all,
// depth, entries) either leaves the file out with why or refuses the folder, naming it.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANIFEST_FOLDER_LIMITS, ManifestFolderError, readManifestFolder } from '../../../main/core/cluster/ha/manifest-folder';

let base: string;
let repo: string;

async function put(rel: string, text: string | Buffer = 'kind: ConfigMap\n'): Promise<void> {
  const file = path.join(repo, rel);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'sitekit-manifests-'));
  repo = path.join(base, 'repo');
  await mkdir(repo);
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('readManifestFolder', () => {
  it('reads the manifests below the folder, sorted, relative paths; other files and .git/node_modules are not read', async () => {
    await put('sites/plant-a/apps/historian.yaml', 'kind: Deployment\n');
    await put('sites/plant-a/apps/budget.YML');
    await put('sites/plant-a/list.json', '{"kind":"List","items":[]}');
    await put('README.md', '# not a manifest');
    await put('.git/config.yaml');
    await put('tools/node_modules/pkg/x.yaml');
    const read = await readManifestFolder(repo);
    expect(read.dir).toBe(repo);
    expect(read.files.map((f) => f.path)).toEqual(['sites/plant-a/apps/budget.YML', 'sites/plant-a/apps/historian.yaml', 'sites/plant-a/list.json']);
    expect(read.files[1]!.text).toBe('kind: Deployment\n');
    expect(read.skipped).toEqual([]);
  });

  it('has the bounds of the brief', () => {
    expect(MANIFEST_FOLDER_LIMITS).toMatchObject({ maxFiles: 2000, maxFileBytes: 2 * 1024 * 1024, maxTotalBytes: 64 * 1024 * 1024, maxDepth: 12 });
  });

  it('leaves out a file over 2 MiB and one that is not UTF-8, naming them', async () => {
    await put('big.yaml', Buffer.alloc(2 * 1024 * 1024 + 1, 0x61));
    await put('latin1.yaml', Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0x0a]));
    await put('ok.yaml');
    const read = await readManifestFolder(repo);
    expect(read.files.map((f) => f.path)).toEqual(['ok.yaml']);
    expect(read.skipped).toEqual([
      { path: 'big.yaml', reason: 'it is larger than 2 MiB, the most Sitekit reads as one manifest file' },
      { path: 'latin1.yaml', reason: 'it is not UTF-8 text' },
    ]);
  });

  it('refuses a folder with more files or bytes than it reads, naming the folder', async () => {
    for (let i = 0; i < 4; i++) await put(`apps/a${i}.yaml`, 'x'.repeat(100));
    const tooMany = await readManifestFolder(repo, { limits: { maxFiles: 3 } }).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(ManifestFolderError);
    expect((tooMany as ManifestFolderError).problem).toBe('too-large');
    expect((tooMany as Error).message).toContain(`${repo} has more than 3 .yaml, .yml and .json files`);
    const tooBig = await readManifestFolder(repo, { limits: { maxTotalBytes: 350 } }).catch((e: unknown) => e);
    expect((tooBig as Error).message).toContain(`${repo} has more than 350 bytes of manifests`);
    const tooWide = await readManifestFolder(repo, { limits: { maxEntries: 3 } }).catch((e: unknown) => e);
    expect((tooWide as Error).message).toContain('more than 3 files and folders');
    // A limit given larger than the brief's is held to it.
    expect((await readManifestFolder(repo, { limits: { maxFiles: 10_000 } })).files).toHaveLength(4);
  });

  it('does not go deeper than the depth limit, and says which folder it left out', async () => {
    await put('a/b/c/deep.yaml');
    await put('a/b/shallow.yaml');
    const read = await readManifestFolder(repo, { limits: { maxDepth: 2 } });
    expect(read.files.map((f) => f.path)).toEqual(['a/b/shallow.yaml']);
    expect(read.skipped).toEqual([{ path: 'a/b/c/', reason: 'it is more than 2 folders deep, so it is not read' }]);
    const twelve = Array.from({ length: 12 }, (_, i) => `d${i + 1}`).join('/');
    await put(`${twelve}/at-twelve.yaml`);
    await put(`${twelve}/d13/at-thirteen.yaml`);
    const full = await readManifestFolder(repo);
    expect(full.files.map((f) => f.path)).toContain(`${twelve}/at-twelve.yaml`);
    expect(full.skipped).toEqual([{ path: `${twelve}/d13/`, reason: 'it is more than 12 folders deep, so it is not read' }]);
  });

  it('never follows a link out of the folder; links inside are read once, under the file’s own name', async () => {
    await writeFile(path.join(base, 'outside.yaml'), 'kind: Secret\n');
    await mkdir(path.join(base, 'elsewhere'));
    await writeFile(path.join(base, 'elsewhere', 'x.yaml'), 'kind: Secret\n');
    await put('apps/real.yaml', 'kind: Deployment\n');
    await symlink(path.join(base, 'outside.yaml'), path.join(repo, 'escape.yaml'));
    await symlink('../elsewhere', path.join(repo, 'escape-dir'));
    await symlink('../../repo/apps/real.yaml', path.join(repo, 'apps', 'alias.yaml'));
    await symlink('..', path.join(repo, 'apps', 'loop'));
    await symlink(path.join(base, 'nothing.yaml'), path.join(repo, 'dangling.yaml'));
    const read = await readManifestFolder(repo);
    expect(read.files).toEqual([{ path: 'apps/real.yaml', text: 'kind: Deployment\n' }]);
    expect(read.skipped).toEqual([
      { path: 'dangling.yaml', reason: 'it is a link to nothing (its target is not there)' },
      { path: 'escape-dir/', reason: `it links outside ${repo}, so it is not read` },
      { path: 'escape.yaml', reason: `it links outside ${repo}, so it is not read` },
    ]);
  });

  it('reads a folder reached through a link when the link is the folder given', async () => {
    await put('apps/real.yaml');
    const link = path.join(base, 'link-to-repo');
    await symlink(repo, link);
    const read = await readManifestFolder(link);
    expect(read.dir).toBe(link);
    expect(read.files.map((f) => f.path)).toEqual(['apps/real.yaml']);
  });

  it('leaves out what the caller excludes (the host: Sitekit’s own data) with the caller’s reason', async () => {
    await put('data/drafts/site.yaml');
    await put('apps/x.yaml');
    await put('apps/private.yaml');
    const excluded = new Set([path.join(repo, 'data'), path.join(repo, 'apps', 'private.yaml')]);
    const read = await readManifestFolder(repo, { exclude: async (real) => (excluded.has(real) ? "Sitekit's own data" : undefined) });
    expect(read.files.map((f) => f.path)).toEqual(['apps/x.yaml']);
    expect(read.skipped).toEqual([
      { path: 'apps/private.yaml', reason: "Sitekit's own data" },
      { path: 'data/', reason: "Sitekit's own data" },
    ]);
  });

  it('says when the folder is not there or is a file', async () => {
    await expect(readManifestFolder(path.join(base, 'nope'))).rejects.toMatchObject({ problem: 'not-found', message: `The manifests folder ${path.join(base, 'nope')} is not there.` });
    await put('file.yaml');
    await expect(readManifestFolder(path.join(repo, 'file.yaml'))).rejects.toMatchObject({ problem: 'not-folder' });
  });

  it('stops when aborted', async () => {
    await put('a.yaml');
    const controller = new AbortController();
    controller.abort();
    await expect(readManifestFolder(repo, { signal: controller.signal })).rejects.toThrow();
  });
});
