// SOURCE_DATE_EPOCH on the command line: `sitekit generate` twice gives byte-identical
// bundles (bundle.json and SHA256SUMS included); a malformed value stops with exit 2 and
// writes nothing. validation.json records what the CLI cannot know as "unknown".
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSitekit } from '../helpers/run-sitekit';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = path.join(ROOT, 'resources', 'examples', 'plant-a.site.yaml');

async function tree(root: string): Promise<Map<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)));
  return new Map(await Promise.all(files.sort().map(async (f) => [f, await readFile(path.join(root, f), 'utf8')] as const)));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-reproducible-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sitekit generate with SOURCE_DATE_EPOCH', { timeout: 120_000 }, () => {
  it('two runs give byte-identical bundles, bundle.json and SHA256SUMS included', async () => {
    const env = { SOURCE_DATE_EPOCH: '1767225600' };
    const a = await runSitekit(['generate', EXAMPLE, '-o', path.join(dir, 'a')], { env });
    expect(a.code, a.stderr + a.stdout).toBe(0);
    const b = await runSitekit(['generate', EXAMPLE, '-o', path.join(dir, 'b')], { env });
    expect(b.code, b.stderr + b.stdout).toBe(0);
    const first = await tree(path.join(dir, 'a'));
    expect(first.has('bundle.json') && first.has('SHA256SUMS')).toBe(true);
    expect(await tree(path.join(dir, 'b'))).toEqual(first);
    expect(JSON.parse(first.get('bundle.json')!).generatedAt).toBe('2026-01-01T00:00:00.000Z');
    // The CLI has no secret store and does not export: said so, never "ready".
    const readiness = JSON.parse(first.get('validation.json')!).readiness as { ready: boolean; items: { id: string; state: string }[] };
    expect(readiness.ready).toBe(false);
    expect(readiness.items.find((i) => i.id === 'secrets')!.state).toBe('unknown');
    expect(a.stdout).toContain('plant-a: Not ready: ');
    expect(a.stdout).toMatch(/^plant-a: Not ready: .*\. The checklist is in validation\.json\.$/m);
  });

  it('a malformed value is an error (exit 2), not the clock, and nothing is written', async () => {
    for (const value of ['', 'yesterday', '1.5']) {
      const out = path.join(dir, `bad-${value.length}`);
      const run = await runSitekit(['generate', EXAMPLE, '-o', out], { env: { SOURCE_DATE_EPOCH: value } });
      expect(run.code, value).toBe(2);
      expect(run.stderr).toContain(`sitekit generate: SOURCE_DATE_EPOCH=${JSON.stringify(value)} is not a time`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('sitekit report uses it for the time in the report', async () => {
    const out = path.join(dir, 'report.html');
    const run = await runSitekit(['report', EXAMPLE, '-o', out], { env: { SOURCE_DATE_EPOCH: '1767225600' } });
    expect(run.code, run.stderr).toBe(0);
    expect(await readFile(out, 'utf8')).toContain('Generated 2026-01-01 00:00:00 UTC');
    const bad = await runSitekit(['report', EXAMPLE, '-o', path.join(dir, 'bad.html')], { env: { SOURCE_DATE_EPOCH: 'x' } });
    expect(bad.code).toBe(2);
  });
});
