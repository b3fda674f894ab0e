// The plant parsers' corpus: test/fixtures/plant/<tool>/<case>.out (stdout) and <case>.err
// (stderr), either may be absent. Every case in a folder must have an expectation in its test,
// and every expectation a case, so a new fixture cannot be forgotten.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

export const PLANT_FIXTURES = join(__dirname, '../../fixtures/plant');

export interface CorpusCase {
  name: string;
  stdout: string;
  stderr: string;
}

export function corpus(tool: string): CorpusCase[] {
  const dir = join(PLANT_FIXTURES, tool);
  const names = new Set<string>();
  for (const file of readdirSync(dir)) {
    const ext = ['.out', '.err'].find((e) => file.endsWith(e));
    if (ext) names.add(file.slice(0, -ext.length));
  }
  const read = (file: string): string => {
    try {
      return readFileSync(join(dir, file), 'utf8');
    } catch {
      return '';
    }
  };
  return [...names].sort().map((name) => ({ name, stdout: read(`${name}.out`), stderr: read(`${name}.err`) }));
}

/** One test that the corpus folder and the expectation table list the same cases. */
export function itCoversTheCorpus(cases: CorpusCase[], expectations: Record<string, unknown>): void {
  it('has an expectation for every corpus file, and a corpus file for every expectation', () => {
    expect(cases.map((c) => c.name).sort()).toEqual(Object.keys(expectations).sort());
  });
}

/** Whole files of a folder (e.g. resolv.conf copies), by name without the extension. */
export function corpusFiles(tool: string, extension: string): Array<{ name: string; text: string }> {
  const dir = join(PLANT_FIXTURES, tool);
  return readdirSync(dir)
    .filter((file) => file.endsWith(extension))
    .sort()
    .map((file) => ({ name: file.slice(0, -extension.length), text: readFileSync(join(dir, file), 'utf8') }));
}
