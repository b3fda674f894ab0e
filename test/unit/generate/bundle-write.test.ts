// writeBundle: the target is always the old bundle or the new one, complete; a failure
// anywhere leaves no half bundle and no temporary folder; a crash at any step of the swap
// leaves folders from which recoverBundle (and the next writeBundle) restores a complete bundle.
import * as nodeFs from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTree as tree } from '../../helpers/sitekit-fixtures';
import { recoverBundle, writeBundle, type BundleFs, type SwapPoint } from '../../../main/core/generate/bundle';
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
    ['rename', 1, 'when marking the new bundle complete'],
    ['rename', 2, 'when moving the previous bundle aside'],
    ['rename', 3, 'when renaming the new bundle in'],
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

const asTree = (files: GeneratedFile[]) => Object.fromEntries(files.map((f) => [f.path, f.content]));

/** A fault hook that "kills" the writer at `at`: the writer stops there and cleans up nothing. */
function crashAt(at: SwapPoint) {
  return (point: SwapPoint) => {
    if (point === at) throw new Error(`crash at ${point}`);
  };
}

/** A process id that is certainly not running: one of a child that has exited. */
async function deadPid(): Promise<number> {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('writeBundle after a crash: recovery', () => {
  // What recovery must leave after a crash at each point of a swap that replaces bundle "one"
  // with "two": before the commit point (the old bundle moved aside) the old bundle, after it the new.
  const replacing: Array<[SwapPoint, 'one' | 'two']> = [
    ['written', 'one'],
    ['sealed', 'one'],
    ['moved-aside', 'two'],
    ['placed', 'two'],
    ['discarding', 'two'],
  ];
  for (const [point, survivor] of replacing) {
    it(`a crash at "${point}" leaves a recoverable bundle: recoverBundle restores "${survivor}" and removes every leftover`, async () => {
      const target = path.join(dir, 'plant-a');
      await writeBundle(target, bundle('one'));
      await expect(writeBundle(target, bundle('two'), { faults: crashAt(point) })).rejects.toThrow(`crash at ${point}`);
      if (point === 'moved-aside') {
        // The state the two-rename swap could leave: no bundle at the target at all.
        expect(await readdir(dir)).not.toContain('plant-a');
      }
      expect((await readdir(dir)).some((name) => name.startsWith('.plant-a.sitekit-'))).toBe(true);
      await recoverBundle(target);
      expect(await tree(target)).toEqual(asTree(bundle(survivor)));
      expect(await readdir(dir)).toEqual(['plant-a']);
    });

    it(`a crash at "${point}": the next writeBundle recovers first, then writes`, async () => {
      const target = path.join(dir, 'plant-a');
      await writeBundle(target, bundle('one'));
      await expect(writeBundle(target, bundle('two'), { faults: crashAt(point) })).rejects.toThrow(/crash/);
      await writeBundle(target, bundle('three'));
      expect(await tree(target)).toEqual(asTree(bundle('three')));
      expect(await readdir(dir)).toEqual(['plant-a']);
    });
  }

  for (const [point, survivor] of [
    ['written', undefined],
    ['sealed', 'one'],
    ['placed', 'one'],
  ] as const) {
    it(`a first run crashed at "${point}" recovers to ${survivor ? 'the complete new bundle' : 'no bundle (nothing was complete)'}`, async () => {
      const target = path.join(dir, 'plant-a');
      await expect(writeBundle(target, bundle('one'), { faults: crashAt(point) })).rejects.toThrow(/crash/);
      await recoverBundle(target);
      if (survivor) {
        expect(await tree(target)).toEqual(asTree(bundle(survivor)));
        expect(await readdir(dir)).toEqual(['plant-a']);
      } else {
        expect(await readdir(dir)).toEqual([]);
      }
    });
  }

  for (const swapPoint of ['written', 'moved-aside', 'placed'] as const) {
    for (const recoveryPoint of ['recovery-removed', 'recovery-placed', 'recovery-discarding'] as const) {
      it(`a crash of the recovery itself (${recoveryPoint}, after a crash at "${swapPoint}") is recovered by the next run`, async () => {
        const target = path.join(dir, 'plant-a');
        await writeBundle(target, bundle('one'));
        await expect(writeBundle(target, bundle('two'), { faults: crashAt(swapPoint) })).rejects.toThrow(/crash/);
        await recoverBundle(target, { faults: crashAt(recoveryPoint) }).catch((error: Error) => expect(error.message).toMatch(/crash/));
        await recoverBundle(target);
        expect(await tree(target)).toEqual(asTree(bundle(swapPoint === 'written' ? 'one' : 'two')));
        expect(await readdir(dir)).toEqual(['plant-a']);
      });
    }
  }

  it('cleans the leftovers of the earlier two-rename swap: a crash between its renames left no bundle at the target', async () => {
    // What Sitekit before the fix left: the old bundle renamed aside, the new one (written in
    // place, so of unknown completeness) not yet renamed in, and no target at all.
    const target = path.join(dir, 'plant-a');
    await writeBundle(path.join(dir, '.plant-a.sitekit-old-0123456789ab'), bundle('one'));
    await writeBundle(path.join(dir, '.plant-a.sitekit-new-0123456789ab'), bundle('two').slice(0, 2));
    await writeBundle(path.join(dir, 'plant-b'), bundle('b')); // another bundle's folder is not touched
    await recoverBundle(target);
    expect(await tree(target)).toEqual(asTree(bundle('one')));
    expect((await readdir(dir)).sort()).toEqual(['plant-a', 'plant-b']);
  });

  it('removes the earlier leftovers next to an intact target', async () => {
    const target = path.join(dir, 'plant-a');
    await writeBundle(target, bundle('two'));
    await writeBundle(path.join(dir, '.plant-a.sitekit-old-0123456789ab'), bundle('one'));
    await mkdir(path.join(dir, '.plant-a.sitekit-new-ba9876543210'));
    await writeBundle(target, bundle('three'));
    expect(await tree(target)).toEqual(asTree(bundle('three')));
    expect(await readdir(dir)).toEqual(['plant-a']);
  });

  it('never touches the folders of a writer that is still running', async () => {
    const target = path.join(dir, 'plant-a');
    // A swap of another, live process (our parent) in state C: no target, old and new aside.
    const live = (kind: string) => path.join(dir, `.plant-a.sitekit-${kind}-${process.ppid}-00000000000a`);
    await writeBundle(live('old'), bundle('one'));
    await writeBundle(live('new'), bundle('two'));
    await mkdir(live('tmp'));
    await recoverBundle(target);
    expect((await readdir(dir)).sort()).toEqual([live('new'), live('old'), live('tmp')].map((p) => path.basename(p)).sort());
    // Once that writer is gone, the same folders are recovered (rolled forward).
    const gone = await deadPid();
    for (const kind of ['old', 'new', 'tmp']) {
      await nodeFs.rename(live(kind), path.join(dir, `.plant-a.sitekit-${kind}-${gone}-00000000000a`));
    }
    await recoverBundle(target);
    expect(await tree(target)).toEqual(asTree(bundle('two')));
    expect(await readdir(dir)).toEqual(['plant-a']);
  });

  it('a failure when discarding the previous bundle still counts as written; the leftover goes with the next run', async () => {
    const target = path.join(dir, 'plant-a');
    await writeBundle(target, bundle('one'));
    await writeBundle(target, bundle('two'), { fs: failing('rename', 4) });
    expect(await tree(target)).toEqual(asTree(bundle('two')));
    expect((await readdir(dir)).filter((name) => name.includes('.sitekit-old-'))).toHaveLength(1);
    await recoverBundle(target);
    expect(await readdir(dir)).toEqual(['plant-a']);
  });

  it('two writes of one target in this process run one after the other', async () => {
    const target = path.join(dir, 'plant-a');
    await writeBundle(target, bundle('one'));
    await Promise.all([writeBundle(target, bundle('two')), writeBundle(target, bundle('three'))]);
    expect(await tree(target)).toEqual(asTree(bundle('three')));
    expect(await readdir(dir)).toEqual(['plant-a']);
  });
});
