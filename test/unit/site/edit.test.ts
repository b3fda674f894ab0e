// Field edits by JSON pointer on site.yaml text (what site.edit does): the edited field
// changes, everything else — comments, order, quoting — stays as written.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyFieldEdits, applyPointerEdits, FieldEditError, parsePointer } from '../../../main/core/site/edit';
import { parseSiteText } from '../../../main/core/site/load';

const EXAMPLE = readFileSync(fileURLToPath(new URL('../../../resources/examples/plant-a.site.yaml', import.meta.url)), 'utf8');

function editError(run: () => unknown): FieldEditError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(FieldEditError);
    return error as FieldEditError;
  }
  throw new Error('expected a FieldEditError');
}

/** Lines of `after` that are not in `before`, and the other way round. */
function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  return { removed: a.filter((l) => !b.includes(l)), added: b.filter((l) => !a.includes(l)) };
}

describe('applyFieldEdits', () => {
  it('changes one value and keeps every comment, the modeline and the order', () => {
    const out = applyFieldEdits(EXAMPLE, [{ path: '/networks/0/vlan', value: 11 }]);
    expect(changedLines(EXAMPLE, out)).toEqual({
      removed: ['    vlan: 10       # tagged: bond0 runs at MTU 9000 for storage, cluster stays at 1500'],
      added: ['    vlan: 11       # tagged: bond0 runs at MTU 9000 for storage, cluster stays at 1500'],
    });
    expect(out.startsWith('# yaml-language-server: $schema=../schemas/site.schema.json\n')).toBe(true);
    const parsed = parseSiteText(out);
    expect(parsed.status).toBe('ok');
    if (parsed.status === 'ok') expect(parsed.site.networks[0]!.vlan).toBe(11);
  });

  it('keeps quoting of a changed string', () => {
    const out = applyFieldEdits(EXAMPLE, [{ path: '/metadata/contact/phone', value: '+49 30 9999' }]);
    expect(out).toContain('    phone: "+49 30 9999"\n');
  });

  it('applies several edits in order', () => {
    const out = applyFieldEdits(EXAMPLE, [
      { path: '/metadata/location', value: 'Plant A, hall 4' },
      { path: '/metadata/location', value: 'Plant A, hall 5' },
      { path: '/cluster/name', value: 'acp2' },
    ]);
    const data = parse(out) as { metadata: { location: string }; cluster: { name: string } };
    expect(data.metadata.location).toBe('Plant A, hall 5');
    expect(data.cluster.name).toBe('acp2');
    expect(out).toContain('  # Disconnected site: every image comes from the plant');
  });

  it('removes a key when the value is absent, and a list entry by index', () => {
    const out = applyFieldEdits(EXAMPLE, [{ path: '/metadata/contact/phone' }, { path: '/cluster/ntpServers/1' }]);
    const data = parse(out) as { metadata: { contact: Record<string, unknown> }; cluster: { ntpServers: string[] } };
    expect(data.metadata.contact).not.toHaveProperty('phone');
    expect(data.cluster.ntpServers).toEqual(['10.10.0.3']);
    expect(out).not.toContain('phone:');
    expect(out).toContain('# Example ACP site following the reference architecture');
  });

  it('removing a field that is not there changes nothing', () => {
    expect(applyFieldEdits(EXAMPLE, [{ path: '/metadata/nothing' }, { path: '/absent/section/key' }])).toBe(EXAMPLE);
  });

  it('appends with - and with the index equal to the length', () => {
    const out = applyFieldEdits(EXAMPLE, [
      { path: '/cluster/dnsServers/-', value: '10.10.0.4' },
      { path: '/cluster/dnsServers/2', value: '10.10.0.7' },
    ]);
    expect((parse(out) as { cluster: { dnsServers: string[] } }).cluster.dnsServers).toEqual(['10.10.0.2', '10.10.0.4', '10.10.0.7']);
    expect(out).toContain('dnsServers: [10.10.0.2, 10.10.0.4, 10.10.0.7]'); // flow style kept
  });

  it('creates missing sections on the way to a key', () => {
    const out = applyFieldEdits(EXAMPLE, [{ path: '/metadata/labels/team/name', value: 'ot' }]);
    expect((parse(out) as { metadata: { labels: unknown } }).metadata.labels).toEqual({ team: { name: 'ot' } });
    expect(changedLines(EXAMPLE, out).removed).toEqual([]);
  });

  it('reads escaped pointers: ~1 is a slash, ~0 a tilde', () => {
    expect(parsePointer('/a~1b/c~0d/~01')).toEqual(['a/b', 'c~d', '~1']);
    const out = applyFieldEdits('a: 1\n', [
      { path: '/x~1y', value: 'slash' },
      { path: '/t~0', value: 'tilde' },
    ]);
    expect(parse(out)).toEqual({ a: 1, 'x/y': 'slash', 't~': 'tilde' });
  });

  it('edits a readable document that does not match the site format', () => {
    const text = '# my notes\nkind: Site\nnodes: nope # wrong type\n';
    const out = applyFieldEdits(text, [{ path: '/metadata/name', value: 'plant-z' }]);
    expect(out).toContain('# my notes\n');
    expect(out).toContain('nodes: nope # wrong type');
    expect(parse(out)).toEqual({ kind: 'Site', nodes: 'nope', metadata: { name: 'plant-z' } });
  });

  it('fills an empty document, keeping its leading comments', () => {
    const text = '# yaml-language-server: $schema=../schemas/site.schema.json\n# a new plan\n';
    const out = applyFieldEdits(text, [{ path: '/kind', value: 'Site' }]);
    expect(out).toBe('# yaml-language-server: $schema=../schemas/site.schema.json\n# a new plan\nkind: Site\n');
    expect(applyFieldEdits('', [{ path: '/kind', value: 'Site' }])).toBe('kind: Site\n');
  });

  it('sets a whole section or list as a value', () => {
    const out = applyFieldEdits(EXAMPLE, [{ path: '/cluster/apiVIPs', value: ['10.10.0.8', '10.10.0.9'] }]);
    expect((parse(out) as { cluster: { apiVIPs: string[] } }).cluster.apiVIPs).toEqual(['10.10.0.8', '10.10.0.9']);
  });

  describe('errors', () => {
    it('unreadable YAML names the problem and its line', () => {
      const error = editError(() => applyFieldEdits('metadata:\n  name: [unclosed\n', [{ path: '/metadata/name', value: 'x' }]));
      expect(error.kind).toBe('unreadable');
      expect(error.message).toMatch(/not readable YAML \(\d+:\d+: /);
    });

    it('a duplicate key is unreadable too', () => {
      const error = editError(() => applyFieldEdits('a: 1\na: 2\n', [{ path: '/a', value: 3 }]));
      expect(error.kind).toBe('unreadable');
      expect(error.message).toMatch(/'a' appears twice/);
    });

    it('an index past the end of a list names the path', () => {
      const error = editError(() => applyFieldEdits(EXAMPLE, [{ path: '/cluster/dnsServers/5', value: 'x' }]));
      expect(error).toMatchObject({ kind: 'bad-path', path: '/cluster/dnsServers/5' });
      expect(error.message).toMatch(/\/cluster\/dnsServers\/5.*past the end.*1 entries/);
    });

    it('removing a list entry that does not exist names the path', () => {
      const error = editError(() => applyFieldEdits(EXAMPLE, [{ path: '/cluster/dnsServers/3' }]));
      expect(error.message).toMatch(/\/cluster\/dnsServers\/3/);
    });

    it('a path through a single value names the path and the value', () => {
      const error = editError(() => applyFieldEdits(EXAMPLE, [{ path: '/metadata/name/first', value: 'x' }]));
      expect(error).toMatchObject({ kind: 'bad-path', path: '/metadata/name/first' });
      expect(error.message).toMatch(/\/metadata\/name is a single value \("plant-a"\)/);
    });

    it('a word as a list index, and an intermediate index past the end', () => {
      expect(editError(() => applyFieldEdits(EXAMPLE, [{ path: '/networks/first/vlan', value: 1 }])).message).toMatch(
        /"first" is not a position in the list at \/networks\./,
      );
      expect(editError(() => applyFieldEdits(EXAMPLE, [{ path: '/networks/01', value: 1 }])).kind).toBe('bad-path');
      expect(editError(() => applyFieldEdits(EXAMPLE, [{ path: '/networks/9/vlan', value: 1 }])).message).toMatch(/past the end/);
    });

    it('a document that is a single value cannot get fields', () => {
      expect(editError(() => applyFieldEdits('just text\n', [{ path: '/a', value: 1 }])).kind).toBe('bad-path');
    });

    it('a bad escape is not a pointer', () => {
      expect(editError(() => parsePointer('/a~2')).kind).toBe('bad-path');
    });

    it('an error in a later edit changes nothing (the text is returned only when all apply)', () => {
      expect(() => applyFieldEdits(EXAMPLE, [{ path: '/cluster/name', value: 'x' }, { path: '/cluster/name/y', value: 1 }])).toThrow(
        FieldEditError,
      );
    });
  });
});

describe('applyPointerEdits', () => {
  it('does not change its input, and appends a new entry on the way with -', () => {
    const input = { nodes: [{ hostname: 'a' }] };
    const out = applyPointerEdits(input, [{ path: '/nodes/-/hostname', value: 'b' }]);
    expect(out).toEqual({ nodes: [{ hostname: 'a' }, { hostname: 'b' }] });
    expect(input).toEqual({ nodes: [{ hostname: 'a' }] });
  });

  it('treats an empty value (null) on the way as a missing section', () => {
    expect(applyPointerEdits({ metadata: null }, [{ path: '/metadata/name', value: 'x' }])).toEqual({ metadata: { name: 'x' } });
  });

  it('keeps __proto__ a plain key', () => {
    const out = applyPointerEdits({}, [{ path: '/__proto__/polluted', value: true }]) as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(['__proto__']);
  });
});
