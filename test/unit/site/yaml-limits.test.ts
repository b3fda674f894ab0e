// Issue 12 §2, inputs that stall or exhaust: YAML no plan comes near is refused before the
// expensive parse (size, lines and entries, nesting), values are counted with aliases
// expanded, duplicate keys are found in linear time with the library's message and position,
// and no rule can answer a million findings. Without the limits, the first test runs for
// minutes (the library compared every key with every other) and the nesting test runs the
// process out of memory.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lintInstallerInputs } from '../../../main/core/lint';
import { checkSiteText } from '../../../main/core/site/check';
import { applyFieldEdits, FieldEditError } from '../../../main/core/site/edit';
import { parseSiteText } from '../../../main/core/site/load';
import { isYamlLimitError, parseYaml, YAML_LIMITS } from '../../../main/core/site/yaml-parse';
import { MAX_FINDINGS_PER_RULE } from '../../../main/core/validation/engine';

const EXAMPLE = readFileSync(fileURLToPath(new URL('../../../resources/examples/plant-a.site.yaml', import.meta.url)), 'utf8');
const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => `${line(i)}\n`).join('');
const inMetadata = (text: string) => EXAMPLE.replace('metadata:\n', `metadata:\n${text}`);
/** 1-based line of `metadata:` in the example: text put into it starts on the next line. */
const METADATA_LINE = EXAMPLE.split('\n').indexOf('metadata:') + 1;

describe('YAML limits', () => {
  it('refuses the 2 MB plan with 120k keys at once, with the line where it stopped', () => {
    const text = inMetadata(lines(120_000, (i) => `  k${i}: v`));
    expect(text.length).toBeGreaterThan(1_400_000);
    const result = checkSiteText(text);
    expect(result.status).toBe('unusable');
    expect(result.error).toMatch(/^\d+:3: this file is not a site plan: the YAML holds more than 20000 lines and entries by here/);
    expect(result.position!.line).toBeLessThan(20_000);
  });

  it('refuses nesting that would exhaust memory or the stack, as text and not as a crash', () => {
    for (const text of ['- '.repeat(100_000) + 'a\n', '['.repeat(100_000), '{a: '.repeat(50_000), lines(1_000, (i) => `${' '.repeat(i)}k${i}:`)]) {
      const result = checkSiteText(text);
      expect(result).toMatchObject({ status: 'unusable', error: expect.stringContaining(`nested more than ${YAML_LIMITS.maxDepth} levels deep`) });
    }
  });

  it('refuses more values than a plan has, counting each alias as what it repeats', () => {
    const many = checkSiteText(inMetadata(`  x: [${Array.from({ length: 11_000 }, (_, i) => i).join(',')}]\n`));
    expect(many.error).toMatch(/more than 10000 values by here/);
    const fanOut = inMetadata(`  big: &big [${Array.from({ length: 200 }, (_, i) => i).join(',')}]\n${lines(60, (i) => `  y${i}: *big`)}`);
    expect(checkSiteText(fanOut).error).toMatch(/more than 10000 values by here \(aliases counted as what they repeat\)/);
    const aliases = inMetadata(lines(1_100, (i) => `  a${i}: &a${i} v\n  b${i}: *a${i}`));
    expect(checkSiteText(aliases).error).toMatch(/more than 1000 aliases/);
  });

  it('refuses a text over the byte limit without reading it', () => {
    const result = checkSiteText(`# ${'x'.repeat(YAML_LIMITS.maxBytes)}\n`);
    expect(result).toMatchObject({ status: 'unusable', error: expect.stringMatching(/^this file is not a site plan: the text is larger than the 2 MiB/) });
    expect(result.position).toBeUndefined();
    // Exactly at the limit is fine (the app's own limit for a site file is the same 2 MiB).
    expect(isYamlLimitError(parseYaml(`#${' '.repeat(YAML_LIMITS.maxBytes - 2)}\n`).errors[0])).toBe(false);
  });

  it('lets real plans through with room to spare', () => {
    for (const name of ['plant-a.site.yaml', 'plant-b-racks.site.yaml']) {
      const text = readFileSync(fileURLToPath(new URL(`../../../resources/examples/${name}`, import.meta.url)), 'utf8');
      const sixteenTimes = text.replace(/\nnodes:\n([\s\S]*?)\n(?=\S)/, (_all, nodes: string) => `\nnodes:\n${nodes.repeat(16)}\n`);
      expect(parseYaml(sixteenTimes).errors.filter((e) => isYamlLimitError(e))).toEqual([]);
    }
  });

  it('finds duplicate keys in linear time, with the library’s code, message and position', () => {
    const cases = [
      'a: 1\nb: 2\na: 3\n',
      'top:\n  x: 1\n  "x": 2\n',
      '{a: 1, b: 2, a: 3}\n',
      'list:\n  - {k: 1, k: 2}\n  - k: 1\n    k: 2\n',
      '&anchor a: 1\na: 2\n',
      '1: a\n"1": b\n1: c\n',
      'null: a\n~: b\n',
      'a: [1\nb: 2\nb: 3\n',
    ];
    for (const text of cases) {
      const library = parseDocument(text, { uniqueKeys: true, prettyErrors: false }).errors.map((e) => [e.code, e.pos[0], e.message]);
      const ours = parseYaml(text).errors.map((e) => [e.code, e.pos[0], e.message]);
      expect(ours, text).toEqual(library);
    }
    // The 4000 keys take the lines after `metadata:`, the duplicate the line after them.
    // 5000 keys and a duplicate at the end: found, where the library would compare 12.5M pairs.
    const text = inMetadata(`${lines(4_000, (i) => `  k${i}: v`)}  k42: again\n`);
    const result = parseSiteText(text);
    expect(result).toMatchObject({ status: 'unusable', error: `${METADATA_LINE + 4_000 + 1}:3: the key 'k42' appears twice in the same section; keep only one` });
  });

  it('installer inputs get the same limits (lint, import)', () => {
    const installConfig = `apiVersion: v1\nmetadata:\n${lines(120_000, (i) => `  k${i}: v`)}`;
    const findings = lintInstallerInputs({ installConfigText: installConfig, installConfigFile: 'install-config.yaml' });
    expect(findings[0]).toMatchObject({ id: 'lint.not-yaml', message: expect.stringContaining('more than 20000 lines and entries') });
  });

  it('site.edit refuses a text over the limits instead of parsing it', () => {
    const text = inMetadata(lines(120_000, (i) => `  k${i}: v`));
    let error: unknown;
    try {
      applyFieldEdits(text, [{ path: '/metadata/name', value: 'x' }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FieldEditError);
    expect((error as FieldEditError).message).toMatch(/more than 20000 lines and entries/);
  });

  it('no rule answers more than its share: 1000 overlapping networks are not half a million findings', () => {
    const networks = lines(1_000, (i) => `  - name: n${i}\n    role: vm\n    vlan: ${i + 1}\n    subnet: 10.10.0.0/16`);
    const result = checkSiteText(EXAMPLE.replace('networks:\n', `networks:\n${networks}`));
    const overlaps = result.findings.filter((f) => f.id === 'network.overlap');
    expect(overlaps.length).toBe(MAX_FINDINGS_PER_RULE + 1);
    expect(overlaps.some((f) => /are not listed: it stops after 100/.test(f.message))).toBe(true);
  });
});
