// writeBundle in a process that really dies: a child Sitekit writer is killed with SIGKILL at
// each step of the swap, and at random moments while it writes bundle after bundle. After
// every kill, recoverBundle leaves a complete bundle — the previous or the new one, never a
// mix — at the target, and no leftover folder next to it.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTree as tree } from '../helpers/sitekit-fixtures';
import { recoverBundle, writeBundle, type SwapPoint } from '../../main/core/generate/bundle';
import { swapBundle } from '../helpers/bundle-swap-child';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHILD = path.join(ROOT, 'test', 'helpers', 'bundle-swap-child.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-bundle-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const asTree = (tag: string) => Object.fromEntries(swapBundle(tag).map((f) => [f.path, f.content]));

function startChild(args: string[]) {
  const child = spawn(process.execPath, ['--import', TSX, CHILD, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { child, exited, stdout: () => stdout };
}

describe('writeBundle in a killed process', () => {
  const cases: Array<[SwapPoint, string]> = [
    ['written', 'one'],
    ['sealed', 'one'],
    ['moved-aside', 'two'],
    ['placed', 'two'],
    ['discarding', 'two'],
  ];
  it.each(cases)('killed at "%s": recovery leaves bundle "%s" and no leftovers', async (point, survivor) => {
    const target = path.join(dir, 'plant-a');
    await writeBundle(target, swapBundle('one'));
    const run = await startChild([target, 'two', point]).exited;
    expect(run.stderr).toBe('');
    expect(run.signal).toBe('SIGKILL');
    expect((await readdir(dir)).some((name) => name.startsWith('.plant-a.sitekit-'))).toBe(true);
    await recoverBundle(target);
    expect(await tree(target)).toEqual(asTree(survivor));
    expect(await readdir(dir)).toEqual(['plant-a']);
  });

  it('killed at random moments while writing bundle after bundle: always one complete bundle after recovery', async () => {
    const target = path.join(dir, 'plant-a');
    await writeBundle(target, swapBundle('0'));
    for (let round = 0; round < 6; round++) {
      const run = startChild([target, 'loop']);
      await expect.poll(run.stdout, { timeout: 60_000 }).toContain('ready');
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 300)));
      run.child.kill('SIGKILL');
      const exit = await run.exited;
      expect(exit.stderr).toBe('');
      await recoverBundle(target);
      const found = await tree(target);
      const tag = /"tag":"(\d+)"/.exec(found['bundle.json'] ?? '')?.[1];
      expect(tag, JSON.stringify(Object.keys(found))).toBeDefined();
      expect(found).toEqual(asTree(tag!));
      expect(await readdir(dir)).toEqual(['plant-a']);
    }
  });
});
