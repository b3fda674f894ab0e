// The UI's bundle calls refuse a plan with a secret in it (here: in its comments) the way
// export's scan blocks a commit: file and line, never the value, and force does not override it.
// The corpus is test/fixtures/secrets (fake values, see its README).
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../helpers/sitekit-fixtures';
import { direct, failure, type Api } from './transports';

const CORPUS = path.resolve(__dirname, '../../fixtures/secrets');

describe('bundle calls with a secret in the plan', () => {
  let api: Api;
  let stop: () => Promise<void>;
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let sitePath: string;
  let text: string;
  let planted: number[];

  beforeAll(async () => {
    tmp = await makeTempDir();
    ({ api, stop } = await direct.start());
    text = await readFile(path.join(CORPUS, 'plan-comments.site.yaml'), 'utf8');
    const expected = JSON.parse(await readFile(path.join(CORPUS, 'expected.json'), 'utf8')) as Record<string, { lines: [number, number] }[]>;
    planted = expected['plan-comments.site.yaml']!.map((p) => p.lines[0]);
    await mkdir(path.join(tmp.dir, 'plant-a'), { recursive: true });
    sitePath = path.join(tmp.dir, 'plant-a', 'site.yaml');
    await writeFile(sitePath, text);
  });
  afterAll(async () => {
    await stop?.();
    await tmp?.cleanup();
  });

  it('bundle.preview lists each secret as an error finding with file and line, and no files', async () => {
    const preview = await api.bundle.preview({ sitePath });
    expect(preview.refused).toBe(true);
    expect(preview.files).toEqual([]);
    const lines = preview.findings.filter((f) => f.id === 'bundle.secret').map((f) => Number(/^site\.yaml:(\d+): /.exec(f.message)?.[1]));
    expect(lines).toEqual(planted);
  });

  it('bundle.write refuses, with force too, naming file and line but never the value; nothing is written', async () => {
    for (const force of [false, true]) {
      const outDir = path.join(tmp.dir, `bundle-${force}`);
      const error = await failure(api.bundle.write({ sitePath, outDir, force }));
      expect(error.code).toBe('invalid-site');
      for (const line of planted) expect(error.message).toContain(`site.yaml:${line}: `);
      expect(error.message).toMatch(/force or not/);
      // No value of the plan's comments in the message (only the file's name and line numbers).
      for (const word of text.split('\n').filter((_, i) => planted.includes(i + 1)).flatMap((l) => l.match(/[A-Za-z0-9+/=_~.-]{8,}/g) ?? [])) {
        if (!/^(?:password|site\.yaml|kubeconfig)$/i.test(word)) expect(error.message).not.toContain(word);
      }
      await expect(stat(outDir)).rejects.toMatchObject({ code: 'ENOENT' });
    }
  });

  it('bundle.diff refuses to compare a bundle that cannot be written', async () => {
    const against = path.join(tmp.dir, 'plant-a', 'old-bundle');
    await mkdir(against, { recursive: true });
    const error = await failure(api.bundle.diff({ sitePath, against }));
    expect(error.code).toBe('invalid-site');
    expect(error.message).toContain(`site.yaml:${planted[0]}: `);
  });
});
