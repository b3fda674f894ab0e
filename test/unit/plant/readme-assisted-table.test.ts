// The README's table of Assisted Installer validations is the rendering of the data in
// main/core/plant/assisted-validations.ts, so the two cannot drift apart.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { assistedValidationsMarkdown } from '../../../main/core/plant/assisted-validations';

const START = '<!-- assisted-validations:start -->';
const END = '<!-- assisted-validations:end -->';

it('README.md holds exactly assistedValidationsMarkdown() between its markers', () => {
  const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  expect(start, `README.md has no ${START} marker`).toBeGreaterThanOrEqual(0);
  expect(end, `README.md has no ${END} after ${START}`).toBeGreaterThan(start);
  expect(readme.indexOf(START, start + 1), 'the start marker appears twice').toBe(-1);
  const between = readme.slice(start + START.length, end);
  // The rendering sits on its own lines between the markers.
  expect(between).toBe(`\n${assistedValidationsMarkdown()}`);
});
