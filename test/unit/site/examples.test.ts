// The shipped examples are what `sitekit new` starts from and what people copy: they must
// pass every rule with no finding at all.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSiteText } from '../../../main/core/site/check';

const DIR = fileURLToPath(new URL('../../../resources/examples/', import.meta.url));
const EXAMPLES = readdirSync(DIR).filter((name) => name.endsWith('.site.yaml'));

describe('examples', () => {
  it('has both reference examples', () => {
    expect(EXAMPLES).toEqual(expect.arrayContaining(['plant-a.site.yaml', 'plant-b-racks.site.yaml']));
  });

  it.each(EXAMPLES)('%s passes with no findings', (name) => {
    const result = checkSiteText(readFileSync(path.join(DIR, name), 'utf8'));
    expect(result.status).toBe('ok');
    expect(result.findings).toEqual([]);
  });

  it('plant-b spreads ODF over three racks on its own storage bond', () => {
    const result = checkSiteText(readFileSync(path.join(DIR, 'plant-b-racks.site.yaml'), 'utf8'));
    const site = result.site!;
    expect(site.metadata.name).toBe('plant-b');
    expect(site.odf.failureDomain).toBe('rack');
    expect(new Set(site.nodes.map((n) => n.rack)).size).toBe(3);
    const storageUplink = site.layout.uplinks.find((u) => u.networks.includes('storage'))!;
    expect(storageUplink.networks).toEqual(['storage']);
  });

  it('each starts with the modeline that points at the shipped schema', () => {
    for (const name of EXAMPLES) {
      const first = readFileSync(path.join(DIR, name), 'utf8').split('\n')[0];
      expect(first).toBe('# yaml-language-server: $schema=../schemas/site.schema.json');
    }
  });
});
