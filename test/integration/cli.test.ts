// The `sitekit` CLI as a technician runs it: a real process through bin/sitekit.js (the
// built CLI when out/main/cli.js exists, otherwise the TypeScript source through tsx).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSitekit, type CliRun } from '../helpers/run-sitekit';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE_PATH = path.join(ROOT, 'resources', 'examples', 'plant-a.site.yaml');
/** The example's one finding: its 802.3ad bond0 is cabled to sw-c1 and sw-c2, which need MLAG/vPC. */
const MLAG_NOTE = 'bond.lacp-across-switches';

const sitekit = (args: string[], cwd = ROOT): Promise<CliRun> => runSitekit(args, { cwd });

function lineOf(text: string, needle: string, occurrence = 1): number {
  let seen = 0;
  const index = text.split('\n').findIndex((line) => line.includes(needle) && ++seen === occurrence);
  if (index === -1) throw new Error(`not in text: ${needle}`);
  return index + 1;
}

let dir: string;
let example: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-cli-'));
  example = await readFile(EXAMPLE_PATH, 'utf8');
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function variant(name: string, change: (text: string) => string): Promise<{ file: string; text: string }> {
  const text = change(example);
  if (text === example) throw new Error(`variant ${name} changes nothing`);
  const file = path.join(dir, name);
  await writeFile(file, text);
  return { file, text };
}

describe('sitekit validate', () => {
  it('passes the example: exit 0 and a summary line, no colour in a pipe', async () => {
    const run = await sitekit(['validate', 'resources/examples/plant-a.site.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('resources/examples/plant-a.site.yaml:83:7  info  Bond bond0 in the shared layout is 802.3ad (LACP)');
    expect(run.stdout).toMatch(/^plant-a: 0 errors, 0 warnings, 1 note\n/m);
    // No "ready" from the error count alone: the CLI knows no secret store, bundle nor export.
    expect(run.stdout).toContain('plant-a: Not ready: ');
    expect(run.stdout).toContain('  [not known] Secrets present: ');
    expect(run.stdout).not.toContain('\u001b[');
    expect(run.stderr).toBe('');
  });

  it('exit 1 for an unknown key, naming the key, the suggestion and line:col', async () => {
    const { file, text } = await variant('unknown-key.yaml', (t) => t.replace('    hostPrefix: 23', '    hostPrefx: 23'));
    const run = await sitekit(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${file}:${lineOf(text, 'hostPrefx')}:5  error  unknown field 'hostPrefx' — did you mean 'hostPrefix'?`);
    expect(run.stdout).toContain('    → Rename it to');
    expect(run.stdout).toMatch(/^Site$/m);
    expect(run.stdout).toContain('unknown-key.yaml: 1 error, 0 warnings');
  });

  it('exit 2 for a YAML syntax error, with line:col on stderr', async () => {
    const { file, text } = await variant('syntax.yaml', (t) => t.replace('  apiVIPs: [10.10.0.5]', '  apiVIPs: [10.10.0.5'));
    const run = await sitekit(['validate', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^${file.replaceAll('.', '\\.')}:\\d+:\\d+: not valid YAML: `));
    const line = Number(/:(\d+):\d+: /.exec(run.stderr)![1]);
    expect(line).toBeGreaterThanOrEqual(lineOf(text, 'apiVIPs'));
  });

  it('exit 2 for a file of another kind', async () => {
    const { file } = await variant('kind.yaml', (t) => t.replace('kind: Site', 'kind: Deployment'));
    const run = await sitekit(['validate', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("this file is not a Sitekit site: kind is 'Deployment', expected 'Site'");
  });

  it('exit 2 for a missing file, in plain words', async () => {
    const missing = path.join(dir, 'nope.yaml');
    const run = await sitekit(['validate', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`cannot read ${missing}: no such file\n`);
  });

  it('exit 1 for a rule error, with the path and the line of the field', async () => {
    const { file, text } = await variant('duplicate-ip.yaml', (t) => t.replace('      cluster: 10.10.0.12', '      cluster: 10.10.0.11'));
    const run = await sitekit(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`${file}:${lineOf(text, 'cluster: 10.10.0.11', 2)}:16  error  `);
    expect(run.stdout).toContain('    at /nodes/1/addresses/cluster');
    expect(run.stdout).toMatch(/^Networks$/m);
    expect(run.stdout).toMatch(/^plant-a: 1 error, 0 warnings, 1 note$/m);
  });

  it('--json prints exactly an array of findings', async () => {
    const { file } = await variant('json.yaml', (t) => t.replace('      cluster: 10.10.0.12', '      cluster: 10.10.0.11'));
    const run = await sitekit(['validate', file, '--json']);
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout) as { id: string; path: string; position?: { line: number } }[];
    expect(Array.isArray(findings)).toBe(true);
    expect(findings.some((f) => f.path === '/nodes/1/addresses/cluster' && f.position!.line > 0)).toBe(true);

    const clean = await sitekit(['validate', EXAMPLE_PATH, '--json']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual([expect.objectContaining({ id: MLAG_NOTE, severity: 'info', path: '/layout/bonds/0' })]);
  });

  it('checks several files in one run; the worst decides the exit code', async () => {
    const { file: bad } = await variant('many-bad.yaml', (t) => t.replace('  fips: false', '  fips: maybe'));
    const two = await sitekit(['validate', EXAMPLE_PATH, bad]);
    expect(two.code).toBe(1);
    expect(two.stdout).toContain('plant-a: 0 errors, 0 warnings, 1 note\n');
    expect(two.stdout).toContain('many-bad.yaml: 1 error, 0 warnings, 1 note\n');
    const three = await sitekit(['validate', EXAMPLE_PATH, bad, path.join(dir, 'absent.yaml'), '--json']);
    expect(three.code).toBe(2);
    const findings = JSON.parse(three.stdout) as { file: string; id: string }[];
    expect(findings.map((f) => `${f.file} ${f.id}`)).toEqual([`${EXAMPLE_PATH} ${MLAG_NOTE}`, `${bad} schema.invalid-type`, `${bad} ${MLAG_NOTE}`]);
  });

  it('reports a format error and the rule findings on the rest of the plan in one run, with a note', async () => {
    const { file, text } = await variant('mac-vlan-ip.yaml', (t) =>
      t
        .replace('mac: "b4:96:91:a1:01:00"', 'mac: "b4:96:91:a1:01:0g"')
        .replace('    vlan: 110', '    vlan: 100')
        .replace('      cluster: 10.10.0.12', '      cluster: 10.10.0.11'),
    );
    const run = await sitekit(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`${file}:${lineOf(text, '01:0g')}:30  error  'mac' is not a MAC address`);
    expect(run.stdout).toContain(`${file}:${lineOf(text, 'vlan: 100', 2)}:11  error  Networks vm-prod and vm-ot both use VLAN 100`);
    expect(run.stdout).toContain(`${file}:${lineOf(text, 'cluster: 10.10.0.11', 2)}:16  error  Address 10.10.0.11 of acp-2`);
    expect(run.stdout).toContain('    at /nodes/1/addresses/cluster');
    expect(run.stdout).toContain(
      'mac-vlan-ip.yaml: 3 errors, 0 warnings, 1 note\n' +
        'mac-vlan-ip.yaml: the other checks ran only on the parts of the plan in the site format; ' +
        'fix the format errors and validate again, the findings may change\n',
    );

    const json = await sitekit(['validate', file, '--json']);
    expect(json.code).toBe(1);
    const ids = (JSON.parse(json.stdout) as { id: string }[]).map((f) => f.id);
    expect(ids).toEqual(['network.vlan-reused', MLAG_NOTE, 'schema.invalid-format', 'address.duplicate']);
  });

  it('prints no note when only the format could be checked', async () => {
    const { file } = await variant('bad-name.yaml', (t) => t.replace('  name: plant-a', '  name: Plant_A').replace('    vlan: 110', '    vlan: 100'));
    const run = await sitekit(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('bad-name.yaml: 1 error, 0 warnings\n');
    expect(run.stdout).not.toContain('the other checks ran only');
    expect(run.stdout).not.toContain('VLAN 100');
  });
});

describe('sitekit schema', () => {
  it('prints the JSON Schema', async () => {
    const run = await sitekit(['schema']);
    expect(run.code).toBe(0);
    const schema = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(run.stdout).toBe(await readFile(path.join(ROOT, 'resources', 'schemas', 'site.schema.json'), 'utf8'));
  });
});

describe('sitekit new', () => {
  it('writes a valid site with the given name and refuses to overwrite it', async () => {
    const target = path.join(dir, 'plant-x');
    const run = await sitekit(['new', target, '--name', 'plant-x']);
    expect(run.code).toBe(0);
    const file = path.join(target, 'site.yaml');
    expect(run.stdout).toContain(`sitekit validate ${file}`);
    const text = await readFile(file, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S+site\.schema\.json\n/);
    expect(text).toContain('\nmetadata:\n  name: plant-x\n');
    // Apart from the name and the modeline, the example is copied as it is, comments included.
    const differing = text.split('\n').filter((line, i) => line !== example.split('\n')[i]);
    expect(differing).toEqual([text.split('\n')[0], '  name: plant-x']);
    expect(text).not.toMatch(/password|BEGIN [A-Z ]*PRIVATE KEY/i);

    const check = await sitekit(['validate', file]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^plant-x: 0 errors, 0 warnings, 1 note\nplant-x: Not ready: /m);

    const again = await sitekit(['new', target]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('refuses a site name that cannot be used', async () => {
    const run = await sitekit(['new', path.join(dir, 'bad-name'), '--name', 'Plant_X']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("site name 'Plant_X' cannot be used");
  });
});

describe('sitekit help and version', () => {
  it.each([[['--help']], [['validate', '--help']], [['schema', '--help']], [['new', '--help']]])('%j exits 0 with usage', async (args) => {
    const run = await sitekit(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: sitekit/);
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await sitekit(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('an unknown command is a usage error (exit 2)', async () => {
    const run = await sitekit(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });
});
