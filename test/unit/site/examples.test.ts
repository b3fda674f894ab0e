// The shipped examples are what `sitekit new` starts from and what people copy: they must
// pass every rule with no error, and with no finding at all except the ones listed here.
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

  /**
   * The findings each example is expected to have ("severity id path"); an example not
   * listed has none. The 802.3ad bonds are cabled to two switches, so each asks the network
   * team for an MLAG/vPC pair (one note per bond of the shared layout).
   */
  const EXPECTED: Record<string, string[]> = {
    'plant-a.site.yaml': ['info bond.lacp-across-switches /layout/bonds/0'],
    'plant-b-racks.site.yaml': [
      'info bond.lacp-across-switches /layout/bonds/0',
      'info bond.lacp-across-switches /layout/bonds/1',
      // plant-b keeps its VM VLAN on the single NIC eno1 (one cable, one switch port).
      'warning vmnet.no-redundancy /layout/uplinks/2/device',
    ],
    'plant-c-shared-bond.site.yaml': ['info bond.lacp-across-switches /layout/bonds/0'],
  };

  it.each(EXAMPLES)('%s passes with exactly its expected findings', (name) => {
    const result = checkSiteText(readFileSync(path.join(DIR, name), 'utf8'));
    expect(result.status).toBe('ok');
    expect(result.findings.map((f) => `${f.severity} ${f.id} ${f.path}`)).toEqual(EXPECTED[name] ?? []);
  });

  it('plant-a: the MLAG note names both switches and every node once', () => {
    const result = checkSiteText(readFileSync(path.join(DIR, 'plant-a.site.yaml'), 'utf8'));
    expect(result.findings[0]!.message).toMatch(/^Bond bond0 in the shared layout .* sw-c1 and sw-c2 on acp-1, acp-2 and acp-3: .*MLAG\/vPC/);
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
