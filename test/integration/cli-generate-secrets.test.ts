// `sitekit generate` as a technician runs it, on plans with secrets in them (the corpus of fake,
// real-format secrets in test/fixtures/secrets): exit 1, every secret named by file and line and
// never by value, no output folder — and --force does not change that.
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSitekit } from '../helpers/run-sitekit';

const CORPUS = fileURLToPath(new URL('../fixtures/secrets/', import.meta.url));

let dir: string;
let expected: Record<string, { kind: string; lines: [number, number] }[]>;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-generate-secrets-'));
  expected = JSON.parse(await readFile(path.join(CORPUS, 'expected.json'), 'utf8'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sitekit generate refuses a bundle with a secret', () => {
  for (const name of ['plan-comments', 'plan-block-scalars']) {
    it(`${name}: exit 1, file:line of each secret, nothing written, with and without --force`, async () => {
      const file = path.join(dir, `${name}.site.yaml`);
      await copyFile(path.join(CORPUS, `${name}.site.yaml`), file);
      const text = await readFile(file, 'utf8');
      const planted = expected[`${name}.site.yaml`]!.map((p) => p.lines[0]);
      for (const force of [[], ['--force']]) {
        const out = path.join(dir, `${name}-out${force.length ? '-forced' : ''}`);
        const run = await runSitekit(['generate', file, '-o', out, ...force]);
        expect(run.code, run.stdout + run.stderr).toBe(1);
        // The plan's own lines carry the path the technician gave, so the line opens in an editor.
        const named = run.stdout.split('\n').flatMap((l) => (l.startsWith(`${file}:`) ? [Number(l.slice(file.length + 1).split(':')[0])] : []));
        expect(named).toEqual(planted);
        expect(run.stdout).toMatch(/plant-a: not generated: \d+ lines look like a secret; nothing was written\. A bundle never carries a secret, --force or not/);
        expect(run.stdout).not.toContain('bundle written');
        expect(existsSync(out)).toBe(false);
        // Never a value: no long word of a planted line reaches the output.
        for (const line of planted) {
          for (const word of text.split('\n')[line - 1]!.match(/[A-Za-z0-9+/=_~.-]{10,}/g) ?? []) {
            if (!/^(?:password|kubeconfig|client-key-data)$/.test(word)) expect(run.stdout + run.stderr).not.toContain(word);
          }
        }
      }
    });
  }
});
