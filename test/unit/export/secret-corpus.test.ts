// The secret scan against the corpus of fake, real-format secrets in test/fixtures/secrets
// (see its README): every planted secret is found on its lines with its kind, nothing else in
// those files is flagged, and no finding repeats the secret. Then the other side: the shipped
// examples and the hardware fixtures give no finding at all, also in the shapes the new rules
// read (comments, JSON strings, HTML, base64 runs).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatSecretFinding, scanText, type SecretFinding, type SecretKind } from '../../../main/core/export/secret-scan';

const CORPUS = fileURLToPath(new URL('../../fixtures/secrets/', import.meta.url));
const HW = fileURLToPath(new URL('../../fixtures/hw/', import.meta.url));
const EXAMPLES = fileURLToPath(new URL('../../../resources/examples/', import.meta.url));

interface Planted {
  what: string;
  kind: SecretKind;
  lines: [number, number];
}

const EXPECTED = JSON.parse(readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as Record<string, Planted[]>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

/** Every planted secret found on its lines with its kind; every finding on a planted secret's lines. */
function checkCorpusFile(file: string, found: readonly SecretFinding[]): void {
  const planted = EXPECTED[file]!;
  const missed = planted.filter((p) => !found.some((f) => f.line >= p.lines[0] && f.line <= p.lines[1] && f.kind === p.kind));
  expect(missed.map((p) => `${p.what} (${p.kind}, lines ${p.lines.join('-')})`), 'planted secrets not found').toEqual([]);
  const stray = found.filter((f) => !planted.some((p) => f.line >= p.lines[0] && f.line <= p.lines[1]));
  expect(stray.map(formatSecretFinding), 'findings on lines without a planted secret').toEqual([]);
}

describe('secret corpus (fake secrets, real formats)', () => {
  // Every file of the corpus folder (not only those expected.json names) is scanned.
  const corpus = files(CORPUS)
    .map((f) => path.relative(CORPUS, f).split(path.sep).join('/'))
    .filter((f) => !['README.md', 'expected.json', 'make-corpus.mjs'].includes(f))
    .sort();
  for (const file of corpus) {
    it(`finds every secret planted in ${file} at its line, and nothing else`, () => {
      expect(EXPECTED[file]?.length, `${file} in expected.json`).toBeGreaterThan(0);
      const text = readFileSync(path.join(CORPUS, file), 'utf8');
      const found = scanText(file, text);
      checkCorpusFile(file, found);
      // Never the secret itself: a message is plain words and the file's position.
      for (const f of found) {
        const line = text.split('\n')[f.line - 1]!;
        for (const word of line.match(/[A-Za-z0-9+/=_~.-]{12,}/g) ?? []) expect(formatSecretFinding(f)).not.toContain(word);
      }
    });
  }
});

/** A planted line from the corpus: its text and what it is. */
function plantedLine(file: string, what: string): string {
  const planted = EXPECTED[file]!.find((p) => p.what === what)!;
  return readFileSync(path.join(CORPUS, file), 'utf8').split('\n')[planted.lines[0] - 1]!;
}

// Each case pairs a clean file (no finding at all) with the same file and one corpus secret added:
// exactly that line is flagged. The scan is quiet on real material and still sharp in it.
describe('no false positives', () => {
  it('on the shipped examples, also read as a JSON string and HTML-escaped; a password in a comment added is the one finding', () => {
    const comment = plantedLine('plan-comments.site.yaml', 'BMC password in an indented comment');
    const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const file of examples) {
      const text = readFileSync(path.join(EXAMPLES, file), 'utf8');
      expect(scanText(file, text).map(formatSecretFinding), file).toEqual([]);
      expect(scanText(`${file}.json`, JSON.stringify({ text })).map(formatSecretFinding), file).toEqual([]);
      const html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      expect(scanText(`${file}.html`, `<pre>${html}</pre>`).map(formatSecretFinding), file).toEqual([]);

      const lines = text.split('\n');
      const at = lines.findIndex((l) => /secretRef: /.test(l)) + 1;
      const planted = [...lines.slice(0, at), comment, ...lines.slice(at)].join('\n');
      expect(scanText(file, planted), file).toEqual([expect.objectContaining({ line: at + 1, kind: 'password' })]);
    }
  });

  it('on every hardware fixture, raw and as the evidence of an inventory; a Google API key added is the one finding', () => {
    const key = plantedLine('tokens.txt', 'Google API key');
    const hw = files(HW);
    expect(hw.length).toBeGreaterThan(40);
    for (const file of hw) {
      const text = readFileSync(file, 'utf8');
      const name = path.relative(HW, file);
      expect(scanText(name, text).map(formatSecretFinding), name).toEqual([]);
      const inventory = (stdout: string) => JSON.stringify({ node: 'acp-1', sections: { [name]: { ok: true, stdout } } }, null, 2);
      expect(scanText(`inventory/${name}.json`, inventory(text)).map(formatSecretFinding), name).toEqual([]);

      const planted = `${text}${text.endsWith('\n') ? '' : '\n'}Asset tag: ${key}\n`;
      expect(scanText(name, planted), name).toEqual([expect.objectContaining({ line: planted.split('\n').length - 1, kind: 'token' })]);
      const evidence = inventory(planted);
      const stdoutLine = evidence.split('\n').findIndex((l) => l.includes('"stdout"')) + 1;
      expect(scanText(`inventory/${name}.json`, evidence), name).toEqual([expect.objectContaining({ line: stdoutLine, kind: 'token' })]);
    }
  });
});
