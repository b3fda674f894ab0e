import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSiteText, positionOf } from '../../../main/core/site/load';

const EXAMPLE = readFileSync(fileURLToPath(new URL('../../../resources/examples/plant-a.site.yaml', import.meta.url)), 'utf8');

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`not in text: ${needle}`);
  return index + 1;
}

function invalid(text: string) {
  const result = parseSiteText(text);
  if (result.status !== 'invalid') throw new Error(`expected invalid, got ${result.status}`);
  return result.findings;
}

describe('parseSiteText', () => {
  it('reads the example as a site', () => {
    const result = parseSiteText(EXAMPLE);
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.site.metadata.name).toBe('plant-a');
    expect(result.site.nodes).toHaveLength(3);
  });

  it('names an unknown key, suggests the closest known one and points at the key', () => {
    const text = EXAMPLE.replace('    hostPrefix: 23', '    hostPrefx: 23');
    const findings = invalid(text);
    // The misspelt key is reported once, not also as "hostPrefix is missing".
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      id: 'schema.unrecognized-keys',
      severity: 'error',
      path: '/cluster/clusterNetwork/hostPrefx',
      step: 'site',
      position: { line: lineOf(text, 'hostPrefx'), col: 5 },
    });
    expect(findings[0]!.message).toBe("unknown field 'hostPrefx' — did you mean 'hostPrefix'?");
  });

  it('lists the allowed fields when an unknown key is not close to any', () => {
    const text = EXAMPLE.replace('  fips: false', '  fips: false\n  colour: blue');
    const [finding] = invalid(text);
    expect(finding!.message).toBe("unknown field 'colour'");
    expect(finding!.hint).toContain('sshPublicKey');
  });

  it('reports wrong types, values and formats with the field name and the value found', () => {
    const text = EXAMPLE.replace('  fips: false', '  fips: nope')
      .replace('    vlan: 30', '    vlan: 5000')
      .replace('  failureDomain: host', '  failureDomain: datacenter')
      .replace('mac: "3c:ec:ef:10:01:01"', 'mac: "zz"');
    const findings = invalid(text);
    const byPath = Object.fromEntries(findings.map((f) => [f.path, f]));
    expect(byPath['/cluster/fips']).toMatchObject({ id: 'schema.invalid-type', message: "'fips' must be true or false, not 'nope'" });
    expect(byPath['/networks/1/vlan']).toMatchObject({ id: 'schema.too-big', step: 'networks' });
    expect(byPath['/networks/1/vlan']!.message).toContain('4094');
    expect(byPath['/odf/failureDomain']).toMatchObject({ id: 'schema.invalid-value', step: 'storage' });
    expect(byPath['/odf/failureDomain']!.message).toBe("'failureDomain' must be one of 'host', 'rack', 'zone', not 'datacenter'");
    expect(byPath['/nodes/0/interfaces/0/mac']).toMatchObject({ id: 'schema.invalid-format' });
    expect(byPath['/nodes/0/interfaces/0/mac']!.message).toContain("found 'zz'");
    expect(byPath['/nodes/0/interfaces/0/mac']!.position).toEqual({ line: lineOf(text, 'mac: "zz"'), col: 28 });
    // Document order.
    const lines = findings.map((f) => f.position!.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('reports a missing required field at the section it is missing from', () => {
    const text = EXAMPLE.replace('  baseDomain: plant-a.example.com\n', '');
    const [finding] = invalid(text);
    expect(finding).toMatchObject({
      id: 'schema.invalid-type',
      path: '/cluster/baseDomain',
      message: "required field 'baseDomain' is missing",
      position: { line: lineOf(text, 'cluster:'), col: 1 },
    });
  });

  it('describes a union in words', () => {
    const [finding] = invalid(EXAMPLE.replace('    vlan: 30', '    vlan: thirty'));
    expect(finding!.message).toBe("'vlan' must be a number or 'untagged', not 'thirty'");
  });

  it('treats YAML syntax errors as unusable with line and column', () => {
    const text = EXAMPLE.replace('  apiVIPs: [10.10.0.5]', '  apiVIPs: [10.10.0.5');
    const result = parseSiteText(text);
    expect(result.status).toBe('unusable');
    if (result.status !== 'unusable') return;
    expect(result.error).toMatch(/^\d+:\d+: not valid YAML: /);
    expect(result.position!.line).toBeGreaterThanOrEqual(lineOf(text, 'apiVIPs'));
  });

  it('treats duplicate keys as unusable', () => {
    const text = EXAMPLE.replace('  fips: false', '  fips: false\n  fips: true');
    const result = parseSiteText(text);
    expect(result).toMatchObject({
      status: 'unusable',
      error: `${lineOf(text, 'fips: true')}:3: the key 'fips' appears twice in the same section; keep only one`,
    });
  });

  it('refuses files that are not a Sitekit site', () => {
    expect(parseSiteText(EXAMPLE.replace('kind: Site', 'kind: Foo'))).toMatchObject({
      status: 'unusable',
      error: "this file is not a Sitekit site: kind is 'Foo', expected 'Site'",
      position: { line: lineOf(EXAMPLE, 'kind: Site'), col: 7 },
    });
    expect(parseSiteText(EXAMPLE.replace('apiVersion: sitekit.acp.io/v1alpha1', 'apiVersion: v1'))).toMatchObject({
      status: 'unusable',
      error: "this file is not a Sitekit site: apiVersion is 'v1', expected 'sitekit.acp.io/v1alpha1'",
    });
    const newer = parseSiteText(EXAMPLE.replace('sitekit.acp.io/v1alpha1', 'sitekit.acp.io/v2'));
    expect(newer.status === 'unusable' && newer.error).toContain("written for apiVersion 'sitekit.acp.io/v2'");
    expect(parseSiteText('- a\n- b\n')).toMatchObject({ status: 'unusable' });
    expect(parseSiteText('just text\n')).toMatchObject({ status: 'unusable' });
    expect(parseSiteText('# only a comment\n')).toMatchObject({ status: 'unusable', error: expect.stringContaining('empty') });
    expect(parseSiteText('apiVersion: sitekit.acp.io/v1alpha1\n')).toMatchObject({ status: 'unusable' });
    expect(parseSiteText('a: 1\n---\nb: 2\n')).toMatchObject({ status: 'unusable', error: expect.stringContaining('more than one') });
    expect(parseSiteText('a: *nowhere\n')).toMatchObject({ status: 'unusable' });
  });

  it('never throws, whatever the text', () => {
    for (const text of ['', '\u0000', ':', '{', '[', '- : -', '!!binary x', '? [a]\n: b', 'a: !!int x', '\t\ta: 1']) {
      expect(() => parseSiteText(text)).not.toThrow();
    }
  });
});

describe('positionOf', () => {
  const result = parseSiteText(EXAMPLE);
  if (result.status !== 'ok') throw new Error('example must parse');
  const { document, lineCounter } = result;

  it('finds values, keys and list entries', () => {
    expect(positionOf(document, lineCounter, '/nodes/1/addresses/cluster')).toEqual({
      line: lineOf(EXAMPLE, 'cluster: 10.10.0.12'),
      col: 16,
    });
    expect(positionOf(document, lineCounter, '/nodes/1/addresses/cluster', 'key')).toEqual({
      line: lineOf(EXAMPLE, 'cluster: 10.10.0.12'),
      col: 7,
    });
    expect(positionOf(document, lineCounter, '/networks/1')).toEqual({ line: lineOf(EXAMPLE, 'name: storage'), col: 5 });
    expect(positionOf(document, lineCounter, '/cluster/apiVIPs/0')).toEqual({ line: lineOf(EXAMPLE, 'apiVIPs'), col: 13 });
  });

  it('falls back to the deepest node that exists', () => {
    expect(positionOf(document, lineCounter, '/networks/1/gateway')).toEqual({ line: lineOf(EXAMPLE, 'name: storage'), col: 5 });
    const odfLine = EXAMPLE.split('\n').indexOf('odf:') + 1;
    expect(positionOf(document, lineCounter, '/odf/nothing/deeper')).toEqual({ line: odfLine, col: 1 });
    expect(positionOf(document, lineCounter, '')).toEqual({ line: lineOf(EXAMPLE, 'apiVersion'), col: 1 });
  });
});
