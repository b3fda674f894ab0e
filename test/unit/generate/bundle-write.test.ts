// writeBundle: the target is always the old bundle or the new one, complete; a failure
// anywhere leaves no half bundle and no temporary folder.
import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBundle, type BundleFs } from '../../../main/core/generate/bundle';
import type { GeneratedFile } from '../../../main/core/generate/files';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-bundle-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bundle = (tag: string): GeneratedFile[] => [
  { path: 'site.yaml', content: `site ${tag}\n` },
  { path: 'gitops/apps/odf.yaml', content: `odf ${tag}\n` },
  { path: 'gitops/odf/storagecluster.yaml', content: `sc ${tag}\n` },
  { path: 'bundle.json', content: '{}\n' },
  { path: 'SHA256SUMS', content: `sums ${tag}\n` },
];

async function tree(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(root, full).split(path.sep).join('/')] = await readFile(full, 'utf8');
  }
  return out;
}

/** fs whose n-th call of `method` fails (1-based). */
function failing(method: keyof BundleFs, n: number): BundleFs {
  let calls = 0;
  const fs = { ...nodeFs } as unknown as Record<string, unknown>;
  const original = nodeFs[method] as (...args: unknown[]) => Promise<unknown>;
  fs[method] = (...args: unknown[]) => {
    calls++;
    if (calls === n) return Promise.reject(Object.assign(new Error(`injected ${method} failure`), { code: 'EIO' }));
    return original(...args);
  };
  return fs as unknown as BundleFs;
}

describe('writeBundle', () => {
  it('writes every file into a new folder (parents created)', async () => {
    const target = path.join(dir, 'sites', 'plant-a');
    await writeBundle(target, bundle('one'));
    expect(await tree(target)).toEqual(Object.fromEntries(bundle('one').map((f) => [f.path, f.content])));
    expect(await readdir(path.join(dir, 'sites'))).toEqual(['plant-a']); // no temp folder left
  });

  it('a second run replaces the first completely (a file gone from the bundle is gone)', async () => {
    const target = path.join(dir, 'plant-a');
    await writeBundle(target, [...bundle('one'), { path: 'gitops/old.yaml', content: 'old\n' }]);
    await writeBundle(target, bundle('two'));
    expect(await tree(target)).toEqual(Object.fromEntries(bundle('two').map((f) => [f.path, f.content])));
    expect(await readdir(dir)).toEqual(['plant-a']);
  });

  for (const [method, n, when] of [
    ['open', 3, 'while writing the files'],
    ['mkdir', 3, 'while creating sub-folders'],
    ['rename', 2, 'when renaming the new bundle in'],
  ] as const) {
    it(`a failure ${when} leaves the previous bundle intact and no temp folder`, async () => {
      const target = path.join(dir, 'plant-a');
      await writeBundle(target, bundle('one'));
      await expect(writeBundle(target, bundle('two'), { fs: failing(method, n) })).rejects.toThrow(/injected/);
      expect(await tree(target)).toEqual(Object.fromEntries(bundle('one').map((f) => [f.path, f.content])));
      expect(await readdir(dir)).toEqual(['plant-a']);
    });
  }

  it('a failure on a first run creates no target folder', async () => {
    const target = path.join(dir, 'plant-a');
    await expect(writeBundle(target, bundle('one'), { fs: failing('open', 2) })).rejects.toThrow(/injected/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses to replace a folder that is not a bundle', async () => {
    const target = path.join(dir, 'home');
    await mkdir(target);
    await writeFile(path.join(target, 'thesis.tex'), 'precious');
    await expect(writeBundle(target, bundle('one'))).rejects.toThrow(/not a Sitekit bundle/);
    expect(await readFile(path.join(target, 'thesis.tex'), 'utf8')).toBe('precious');
  });

  it('refuses paths that would leave the bundle', async () => {
    await expect(writeBundle(path.join(dir, 'b'), [{ path: '../escape.yaml', content: 'x' }])).rejects.toThrow(/relative path/);
    await expect(writeBundle(path.join(dir, 'b'), [{ path: '/etc/x', content: 'x' }])).rejects.toThrow(/relative path/);
    expect(await readdir(dir)).toEqual([]);
  });
});
