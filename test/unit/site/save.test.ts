import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { parseSiteText } from '../../../main/core/site/load';
import { saveSiteFile, updateSiteText } from '../../../main/core/site/save';
import type { Site } from '../../../main/core/site/schema';
import { spliceYamlText } from '../../../main/core/site/yaml-patch';

const EXAMPLES = ['plant-a.site.yaml', 'plant-b-racks.site.yaml'].map((name) =>
  readFileSync(fileURLToPath(new URL(`../../../resources/examples/${name}`, import.meta.url)), 'utf8'),
);
const EXAMPLE = EXAMPLES[0]!;

function siteOf(text: string): Site {
  const parsed = parseSiteText(text);
  if (parsed.status !== 'ok') throw new Error(`not a valid site: ${parsed.status}`);
  return parsed.site;
}

/** Lines removed from `before` and added in `after` (multiset difference, order-insensitive). */
function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const count = (lines: string[]) => lines.reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map<string, number>());
  const a = count(before.split('\n'));
  const b = count(after.split('\n'));
  const removed: string[] = [];
  const added: string[] = [];
  for (const [line, n] of a) for (let i = (b.get(line) ?? 0); i < n; i++) removed.push(line);
  for (const [line, n] of b) for (let i = (a.get(line) ?? 0); i < n; i++) added.push(line);
  return { removed, added };
}

function edited(change: (site: Site) => void, text = EXAMPLE): string {
  const site = structuredClone(siteOf(text));
  change(site);
  const out = updateSiteText(text, site);
  expect(siteOf(out)).toEqual(site);
  return out;
}

describe('updateSiteText', () => {
  it.each(EXAMPLES.map((text, i) => [i, text]))('leaves example %i byte-identical when nothing changed', (_, text) => {
    expect(updateSiteText(text, siteOf(text))).toBe(text);
  });

  it('changes exactly one line when one address changes, keeping comments', () => {
    const out = edited((site) => {
      site.nodes[1]!.addresses.cluster = '10.10.0.22';
    });
    expect(lineDiff(EXAMPLE, out)).toEqual({ removed: ['      cluster: 10.10.0.12'], added: ['      cluster: 10.10.0.22'] });
    expect(out).toContain('secretRef: pull-secret   # the value lives in the Sitekit secret store, never here');
  });

  it('keeps the quoting style of a changed value', () => {
    const out = edited((site) => {
      site.cluster.openshiftVersion = '4.19';
    });
    expect(lineDiff(EXAMPLE, out)).toEqual({ removed: ['  openshiftVersion: "4.18"'], added: ['  openshiftVersion: "4.19"'] });
  });

  it('changes a value inside a flow mapping in place', () => {
    const out = edited((site) => {
      site.nodes[0]!.interfaces[1]!.mac = 'b4:96:91:a1:01:99';
    });
    expect(lineDiff(EXAMPLE, out)).toEqual({
      removed: ['      - { name: ens1f0, mac: "b4:96:91:a1:01:00", switch: sw-c1, port: Ethernet1/1 }'],
      added: ['      - { name: ens1f0, mac: "b4:96:91:a1:01:99", switch: sw-c1, port: Ethernet1/1 }'],
    });
  });

  it('appends to a flow list in its own style', () => {
    const out = edited((site) => {
      site.cluster.ntpServers.push('10.10.0.4');
    });
    expect(lineDiff(EXAMPLE, out).added).toEqual(['  ntpServers: [10.10.0.3, ntp2.plant-a.example.com, 10.10.0.4]']);
  });

  it('removes a node with its lines and nothing else', () => {
    const out = edited((site) => {
      site.nodes.pop();
    });
    const { removed, added } = lineDiff(EXAMPLE, out);
    expect(added).toEqual([]);
    expect(removed).toHaveLength(14);
    expect(removed).toContain('  - hostname: acp-3');
    expect(removed).toContain('      - { name: ens2f1, mac: "b4:96:91:b2:03:01", switch: sw-c2, port: Ethernet1/13 }');
    expect(out).toContain('\n      storage: 10.30.0.12\n\nodf:\n');
  });

  it('removes a section together with the comment above it', () => {
    const out = edited((site) => {
      delete site.cluster.mirror;
    });
    expect(out).not.toContain('Disconnected site');
    expect(out).toContain('  ntpServers: [10.10.0.3, ntp2.plant-a.example.com]\n  sshPublicKey:');
  });

  it('removes the first key of a list entry, keeping the dash', () => {
    const data = parseDocument(EXAMPLE).toJS();
    delete data.nodes[0].hostname;
    const out = updateSiteText(EXAMPLE, data);
    expect(parseDocument(out).toJS()).toEqual(data);
    expect(lineDiff(EXAMPLE, out)).toEqual({
      removed: ['  - hostname: acp-1', '    ssh: { host: 10.10.0.11, user: core }'],
      added: ['  - ssh: { host: 10.10.0.11, user: core }'],
    });
  });

  it('appends a new key at the end of its section, at the section indentation', () => {
    const out = edited((site) => {
      site.networks[1]!.gateway = '10.30.0.1';
      site.cluster.proxy = { httpProxy: 'http://proxy:3128', noProxy: ['.local'] };
    });
    expect(out).toContain('    mtu: 9000\n    gateway: 10.30.0.1\n  - name: vm-prod');
    expect(out).toContain('    secretRef: pull-secret   # the value lives in the Sitekit secret store, never here\n  proxy:\n    httpProxy: http://proxy:3128\n    noProxy:\n      - .local\n\nnetworks:');
  });

  it('adds a node that looks like its siblings', () => {
    const out = edited((site) => {
      site.nodes.push({ ...structuredClone(site.nodes[2]!), hostname: 'acp-4' });
    });
    const { removed, added } = lineDiff(EXAMPLE, out);
    expect(removed).toEqual([]);
    expect(added).toHaveLength(14);
    expect(added).toContain('  - hostname: acp-4');
    expect(added).toContain('      - { name: eno1, mac: "3c:ec:ef:10:03:01" }');
    expect(added).toContain('      - { name: ens2f1, mac: "b4:96:91:b2:03:01", switch: sw-c2, port: Ethernet1/13 }');
  });

  it('writes an emptied list as []', () => {
    const out = edited((site) => {
      site.layout.disks!.odf = [];
    });
    expect(out).toContain('    odf: []\n');
  });

  it('re-renders a changed block scalar at its indentation', () => {
    const out = edited((site) => {
      site.cluster.mirror!.caBundle = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    });
    expect(out).toContain('    caBundle: |\n      -----BEGIN CERTIFICATE-----\n      AAAA\n      -----END CERTIFICATE-----\n  sshPublicKey:');
  });

  it('keeps Windows line ends and a byte order mark', () => {
    for (const text of [EXAMPLE.replaceAll('\n', '\r\n'), '\uFEFF' + EXAMPLE]) {
      expect(updateSiteText(text, siteOf(text))).toBe(text);
      const site = structuredClone(siteOf(text));
      site.nodes.pop();
      site.cluster.proxy = { httpProxy: 'http://proxy:3128', noProxy: ['.local'] };
      const out = updateSiteText(text, site);
      expect(siteOf(out)).toEqual(site);
      expect(out.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
      if (text.includes('\r\n')) expect(out.replaceAll('\r\n', '')).not.toContain('\n');
    }
  });

  it('ends with a newline even when the original did not', () => {
    const text = EXAMPLE.trimEnd();
    const out = updateSiteText(text, { ...siteOf(EXAMPLE), odf: { ...siteOf(EXAMPLE).odf, replica: 3 } });
    expect(out.endsWith('\n')).toBe(true);
  });

  it('keeps the data exact under many random edits without falling back', () => {
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)]!;
    const document = parseDocument(EXAMPLE);
    for (let round = 0; round < 120; round++) {
      const site = structuredClone(siteOf(EXAMPLE)) as unknown as Record<string, unknown>;
      const change = pick(['set', 'delete', 'push', 'add']);
      const containers: [Record<string, unknown> | unknown[], string | number][] = [];
      const walk = (value: unknown) => {
        if (value && typeof value === 'object') {
          for (const [k, v] of Object.entries(value)) {
            containers.push([value as Record<string, unknown>, Array.isArray(value) ? Number(k) : k]);
            walk(v);
          }
        }
      };
      walk(site);
      const [parent, key] = pick(containers);
      if (change === 'set') (parent as Record<string, unknown>)[key] = pick(['x', 7, true, ['a'], { k: 'v' }, 'two\nlines\n']);
      else if (change === 'delete') Array.isArray(parent) ? parent.splice(key as number, 1) : delete parent[key as string];
      else if (change === 'push' && Array.isArray(parent)) parent.push(structuredClone(parent[0]));
      else if (!Array.isArray(parent)) parent[`extra${round}`] = 'y';
      const json = JSON.parse(JSON.stringify(site));
      const out = spliceYamlText(EXAMPLE, document, json);
      expect(out, `round ${round}`).toBeDefined();
      expect(parseDocument(out!).toJS()).toEqual(json);
    }
  });

  it('still saves when the original cannot be patched (not YAML any more)', () => {
    const out = updateSiteText('this: [is broken', siteOf(EXAMPLE));
    expect(siteOf(out)).toEqual(siteOf(EXAMPLE));
  });
});

describe('saveSiteFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sitekit-save-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('updates an existing file in place, atomically, leaving no temp file', async () => {
    const file = path.join(dir, 'site.yaml');
    await writeFile(file, EXAMPLE);
    const site = structuredClone(siteOf(EXAMPLE));
    site.metadata.location = 'Plant A, hall 4';
    await saveSiteFile(file, site);
    const text = await readFile(file, 'utf8');
    expect(lineDiff(EXAMPLE, text)).toEqual({
      removed: ['  location: Plant A, hall 3, rack row C'],
      added: ['  location: Plant A, hall 4'],
    });
    expect(await readdir(dir)).toEqual(['site.yaml']);
  });

  it('uses the given original text instead of reading the file', async () => {
    const file = path.join(dir, 'given.yaml');
    await writeFile(file, 'whatever: is on disk\n');
    await saveSiteFile(file, siteOf(EXAMPLE), EXAMPLE);
    expect(await readFile(file, 'utf8')).toBe(EXAMPLE);
  });

  it('keeps a symlinked site.yaml a link and writes through to the file it points to', async () => {
    const real = path.join(dir, 'repo', 'sites', 'plant-a.yaml');
    await mkdir(path.dirname(real), { recursive: true });
    await writeFile(real, EXAMPLE);
    const workspace = path.join(dir, 'workspace');
    await mkdir(workspace);
    const link = path.join(workspace, 'site.yaml');
    const hop = path.join(workspace, 'hop.yaml');
    await symlink('../repo/sites/plant-a.yaml', hop); // relative, and a chain of two links
    await symlink('hop.yaml', link);
    const site = structuredClone(siteOf(EXAMPLE));
    site.metadata.location = 'Plant A, hall 5';
    await saveSiteFile(link, site);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe('hop.yaml');
    expect((await lstat(hop)).isSymbolicLink()).toBe(true);
    expect(await readFile(real, 'utf8')).toContain('location: Plant A, hall 5');
    expect((await readdir(workspace)).sort()).toEqual(['hop.yaml', 'site.yaml']);
    expect(await readdir(path.dirname(real))).toEqual(['plant-a.yaml']); // no temp file left
  });

  it('a link to a file not created yet: the file is created where the link points', async () => {
    const real = path.join(dir, 'elsewhere', 'site.yaml');
    await mkdir(path.dirname(real));
    const link = path.join(dir, 'dangling.yaml');
    await symlink(real, link);
    await saveSiteFile(link, siteOf(EXAMPLE));
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(siteOf(await readFile(real, 'utf8'))).toEqual(siteOf(EXAMPLE));
  });

  it('writes a new file with the schema modeline', async () => {
    const file = path.join(dir, 'new', 'site.yaml');
    await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(file)));
    await saveSiteFile(file, siteOf(EXAMPLE));
    const text = await readFile(file, 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\S*site\.schema\.json$/);
    expect(siteOf(text)).toEqual(siteOf(EXAMPLE));
    expect(text.endsWith('\n')).toBe(true);
  });
});
