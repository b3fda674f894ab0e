// An invalid plan is checked as far as it can be: the schema findings, plus the rule
// findings on the parts of the plan that are well-formed, at their lines in the file.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkSiteText } from '../../../main/core/site/check';
import { parseSiteText } from '../../../main/core/site/load';
import { salvageSite } from '../../../main/core/site/salvage';
import { siteSchema } from '../../../main/core/site/schema';

const EXAMPLE_PATH = fileURLToPath(new URL('../../../resources/examples/plant-a.site.yaml', import.meta.url));
const EXAMPLE = readFileSync(EXAMPLE_PATH, 'utf8');

function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`not in the text: ${from}`);
  return text.replace(from, to);
}

/** 1-based line of the n-th line containing `needle`. */
function lineOf(text: string, needle: string, occurrence = 1): number {
  let seen = 0;
  const index = text.split('\n').findIndex((line) => line.includes(needle) && ++seen === occurrence);
  if (index === -1) throw new Error(`not in the text: ${needle}`);
  return index + 1;
}

/** The data and zod issues of a text the schema rejects. */
function rejected(text: string): { data: unknown; issues: Parameters<typeof salvageSite>[1] } {
  const parsed = parseSiteText(text);
  if (parsed.status !== 'invalid') throw new Error(`expected invalid, got ${parsed.status}`);
  const result = siteSchema.safeParse(parsed.data);
  if (result.success) throw new Error('expected schema issues');
  return { data: parsed.data, issues: result.error.issues };
}

const BAD_MAC = { from: 'mac: "b4:96:91:a1:01:00"', to: 'mac: "b4:96:91:a1:01:0g"' };
const VLAN_REUSED = { from: '    vlan: 110', to: '    vlan: 100' };
const DUPLICATE_IP = { from: '      cluster: 10.10.0.12', to: '      cluster: 10.10.0.11' };
/** The example's own note (its 802.3ad bond0 across two switches needs MLAG/vPC): the rules still find it. */
const MLAG_NOTE = 'bond.lacp-across-switches';

describe('checkSiteText on an invalid plan', () => {
  it('reports a bad MAC, a reused VLAN and a duplicate IP in one check, each at its line', () => {
    let text = edit(EXAMPLE, BAD_MAC.from, BAD_MAC.to);
    text = edit(text, VLAN_REUSED.from, VLAN_REUSED.to);
    text = edit(text, DUPLICATE_IP.from, DUPLICATE_IP.to);
    const check = checkSiteText(text);

    expect(check.status).toBe('invalid');
    expect(check.site).toBeUndefined();
    expect(check.partial).toEqual({ removed: ['/nodes/0/interfaces/1'] });
    // Document order: the VLAN (networks) comes before the bond (layout), the MAC and the address (nodes).
    expect(check.findings.map((f) => [f.id, f.path, f.position])).toEqual([
      ['network.vlan-reused', '/networks/3/vlan', { line: lineOf(text, 'vlan: 100', 2), col: 11 }],
      [MLAG_NOTE, '/layout/bonds/0', { line: lineOf(text, '- name: bond0'), col: 7 }],
      ['schema.invalid-format', '/nodes/0/interfaces/1/mac', { line: lineOf(text, '01:0g'), col: 30 }],
      ['address.duplicate', '/nodes/1/addresses/cluster', { line: lineOf(text, 'cluster: 10.10.0.11', 2), col: 16 }],
    ]);
    expect(check.findings.find((f) => f.id === 'network.vlan-reused')!.message).toContain('vm-prod and vm-ot both use VLAN 100');
    // The left-out interface is not reported again as missing, mismatched or anything else.
    expect(check.findings.filter((f) => f.path.startsWith('/nodes/0/interfaces'))).toHaveLength(1);
    expect(check.findings.filter((f) => /ens1f0 on acp-1|acp-1 has no/.test(f.message))).toEqual([]);
  });

  it('reports a finding after a left-out list entry at its original index and line', () => {
    // acp-2's first interface is left out; its third MAC repeats acp-1's third MAC.
    let text = edit(EXAMPLE, 'mac: "3c:ec:ef:10:02:01"', 'mac: "zz"');
    text = edit(text, 'mac: "b4:96:91:a1:02:01"', 'mac: "b4:96:91:a1:01:01"');
    const check = checkSiteText(text);

    expect(check.status).toBe('invalid');
    expect(check.partial).toEqual({ removed: ['/nodes/1/interfaces/0'] });
    const duplicate = check.findings.find((f) => f.id === 'interfaces.mac-duplicate');
    expect(duplicate).toMatchObject({
      path: '/nodes/1/interfaces/2/mac',
      position: { line: lineOf(text, 'b4:96:91:a1:01:01', 2), col: 30 },
      step: 'networks',
    });
    expect(check.findings.map((f) => f.id)).toEqual([MLAG_NOTE, 'schema.invalid-format', 'interfaces.mac-duplicate']);
  });

  it('drops rule findings about a left-out network referred to by name', () => {
    const text = edit(EXAMPLE, '    vlan: 30', '    vlan: thirty');
    const check = checkSiteText(text);
    expect(check.partial).toEqual({ removed: ['/networks/1'] });
    // Without this, uplinks, node addresses and ODF would all report "no network 'storage'".
    expect(check.findings.map((f) => f.id)).toEqual(['schema.invalid-union', MLAG_NOTE]);
  });

  it('drops findings that count a list which lost entries, or that are about the list as a whole', () => {
    const text = edit(EXAMPLE, '  - hostname: acp-1', '  - hostname: [acp-1]');
    const check = checkSiteText(text);
    expect(check.partial).toEqual({ removed: ['/nodes/0'] });
    // The two remaining nodes are not "a plan with 2 nodes".
    expect(check.findings.map((f) => f.id)).toEqual([MLAG_NOTE, 'schema.invalid-type']);
  });

  it('keeps the rule findings next to an unknown key', () => {
    let text = edit(EXAMPLE, '  - hostname: acp-2\n', '  - hostname: acp-2\n    comment: spare\n');
    text = edit(text, DUPLICATE_IP.from, DUPLICATE_IP.to);
    const check = checkSiteText(text);
    expect(check.partial).toEqual({ removed: ['/nodes/1/comment'] });
    expect(check.findings.map((f) => [f.id, f.path])).toEqual([
      [MLAG_NOTE, '/layout/bonds/0'],
      ['schema.unrecognized-keys', '/nodes/1/comment'],
      ['address.duplicate', '/nodes/1/addresses/cluster'],
    ]);
  });

  it('shows only the schema findings when the site name is what is broken', () => {
    let text = edit(EXAMPLE, '  name: plant-a', '  name: Plant_A');
    text = edit(text, VLAN_REUSED.from, VLAN_REUSED.to);
    const check = checkSiteText(text);
    expect(check).toMatchObject({ status: 'invalid', findings: [{ id: 'schema.invalid-format', path: '/metadata/name' }] });
    expect(check.findings).toHaveLength(1);
    expect(check.partial).toBeUndefined();
    expect(check.site).toBeUndefined();
  });

  it.each([
    ['a required section is the wrong type', (t: string) => edit(t, '  clusterNetwork:\n    cidr: 10.128.0.0/14\n    hostPrefix: 23', '  clusterNetwork: wide')],
    ['a required section would have to go', (t: string) => edit(t, '  apiVIPs: [10.10.0.5]', '  apiVIPs: [10.10.0.x]')],
    ['a top-level section is missing', (t: string) => edit(t, 'virtualization:\n  enabled: true\n  vmNetworks: [vm-prod, vm-ot]\n', '')],
    ['a YAML alias refers to itself', (t: string) => edit(t, '  location: Plant A', '  description: &loop [1, *loop]\n  location: Plant A')],
  ])('shows only the schema findings when %s', (_name, change) => {
    const text = edit(change(EXAMPLE), VLAN_REUSED.from, VLAN_REUSED.to);
    const check = checkSiteText(text);
    expect(check.status).toBe('invalid');
    expect(check.partial).toBeUndefined();
    expect(check.findings.length).toBeGreaterThan(0);
    expect(check.findings.every((f) => f.id.startsWith('schema.'))).toBe(true);
  });
});

describe('salvageSite', () => {
  it('maps pointers of the salvaged site back past every entry removed from a list', () => {
    let text = edit(EXAMPLE, 'mac: "3c:ec:ef:10:02:01"', 'mac: "zz"');
    text = edit(text, 'mac: "b4:96:91:a1:02:01"', 'mac: "yy"');
    const { data, issues } = rejected(text);
    const before = JSON.stringify(data);
    const salvaged = salvageSite(data, issues)!;

    expect(salvaged.removed).toEqual(['/nodes/1/interfaces/0', '/nodes/1/interfaces/2']);
    expect(salvaged.site.nodes[1]!.interfaces.map((i) => i.name)).toEqual(['ens1f0', 'ens2f0', 'ens2f1']);
    expect(salvaged.toOriginal('/nodes/1/interfaces/0/mac')).toBe('/nodes/1/interfaces/1/mac');
    expect(salvaged.toOriginal('/nodes/1/interfaces/1')).toBe('/nodes/1/interfaces/3');
    expect(salvaged.toOriginal('/nodes/2/interfaces/0')).toBe('/nodes/2/interfaces/0');
    expect(salvaged.toOriginal('')).toBe('');
    expect(salvaged.shortenedLists).toEqual(['/nodes/1/interfaces']);
    expect(JSON.stringify(data)).toBe(before);
  });

  it('maps pointers through nested lists that both lost entries', () => {
    let text = edit(EXAMPLE, '  - hostname: acp-1', '  - hostname: 7');
    text = edit(text, 'mac: "3c:ec:ef:10:03:01"', 'mac: "zz"');
    const { data, issues } = rejected(text);
    const salvaged = salvageSite(data, issues)!;
    expect(salvaged.removed).toEqual(['/nodes/0', '/nodes/2/interfaces/0']);
    expect(salvaged.toOriginal('/nodes/1/interfaces/2/mac')).toBe('/nodes/2/interfaces/3/mac');
    expect(salvaged.toOriginal('/nodes/0/addresses/cluster')).toBe('/nodes/1/addresses/cluster');
  });

  it('names what removed entries of referenced lists defined', () => {
    const text = edit(EXAMPLE, '  interfaces: [eno1, ens1f0, ens1f1, ens2f0, ens2f1]', '  interfaces: [eno1, ens1f0, ens1f1, "ens 2f0", ens2f1]');
    const { data, issues } = rejected(text);
    const salvaged = salvageSite(data, issues)!;
    expect(salvaged.removed).toEqual(['/layout/interfaces/3']);
    expect(salvaged.removedNames).toEqual(['ens 2f0']);
  });

  it('gives up on the identity, the root and what is not a site', () => {
    const { data, issues } = rejected(edit(EXAMPLE, '  name: plant-a', '  name: Plant_A'));
    expect(salvageSite(data, issues)).toBeUndefined();
    expect(salvageSite(data, [{ code: 'custom', path: [], message: 'broken', input: data }])).toBeUndefined();
    expect(salvageSite('a string', issues)).toBeUndefined();
    expect(salvageSite(null, issues)).toBeUndefined();
  });
});
