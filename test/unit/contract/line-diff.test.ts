// The line diff behind bundle.diff: its output is a real unified diff (GNU patch applies it).
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MAX_CELLS, unifiedDiff } from '../../../main/host/line-diff';
import { withTempDir } from '../../helpers/sitekit-fixtures';

async function roundTrip(oldText: string, newText: string): Promise<string> {
  const diff = unifiedDiff(oldText, newText, 'a/f.txt', 'b/f.txt');
  expect(diff).toBeDefined();
  return withTempDir(async (dir) => {
    const file = path.join(dir, 'f.txt');
    await writeFile(file, oldText);
    await writeFile(path.join(dir, 'd.patch'), diff!);
    await promisify(execFile)('patch', ['-s', '-p1', '-i', 'd.patch'], { cwd: dir });
    return readFile(file, 'utf8');
  });
}

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => `${f(i)}\n`).join('');

describe('unifiedDiff', () => {
  it('shows a changed line with three lines of context', () => {
    const a = lines(10, (i) => `line ${i}`);
    const b = a.replace('line 5\n', 'line five\n');
    expect(unifiedDiff(a, b, 'a/x', 'b/x')).toBe(
      '--- a/x\n+++ b/x\n@@ -3,7 +3,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n',
    );
  });

  it('has no hunks for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'a/x', 'b/x')).toBe('--- a/x\n+++ b/x\n');
  });

  it.each([
    ['an added file', '', lines(5, (i) => `n${i}`)],
    ['a removed file', lines(5, (i) => `o${i}`), ''],
    ['edits far apart (two hunks)', lines(40, (i) => `l${i}`), lines(40, (i) => (i === 3 || i === 35 ? `changed ${i}` : `l${i}`))],
    ['edits close together (one hunk)', lines(20, (i) => `l${i}`), lines(20, (i) => (i === 8 || i === 12 ? `x${i}` : `l${i}`))],
    ['insertions and deletions', lines(30, (i) => `l${i}`), lines(30, (i) => `l${i}`).replace('l4\n', '').replace('l20\n', 'l20\nnew a\nnew b\n')],
    ['a pseudo-random rewrite', lines(60, (i) => `v${(i * 7) % 13}`), lines(55, (i) => `v${(i * 5) % 11}`)],
  ])('GNU patch turns the old text into the new: %s', async (_name, a, b) => {
    expect(await roundTrip(a, b)).toBe(b);
  });

  it('declines files too large to compare', () => {
    const n = Math.ceil(Math.sqrt(MAX_CELLS)) + 1;
    expect(unifiedDiff(lines(n, (i) => `a${i}`), lines(n, (i) => `b${i}`), 'a/x', 'b/x')).toBeUndefined();
  });
});
