// `sitekit lint` and `sitekit import` as a technician runs them: a real process through
// bin/sitekit.js, on the hand-written pairs of test/fixtures/abi.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSitekit, type CliRun } from '../helpers/run-sitekit';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GOOD = 'test/fixtures/abi/good';
const BROKEN = 'test/fixtures/abi/broken';

const sitekit = (args: string[]): Promise<CliRun> => runSitekit(args);

async function lineOf(file: string, needle: string): Promise<number> {
  const index = (await readFile(path.join(ROOT, file), 'utf8')).split('\n').findIndex((l) => l.includes(needle));
  if (index === -1) throw new Error(`not in ${file}: ${needle}`);
  return index + 1;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-lint-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sitekit lint', () => {
  it('exit 0 for the good pair, one summary line per file', async () => {
    const run = await sitekit(['lint', `${GOOD}/install-config.yaml`, `${GOOD}/agent-config.yaml`]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`${GOOD}/install-config.yaml: 0 errors, 0 warnings\n${GOOD}/agent-config.yaml: 0 errors, 0 warnings\n`);
    expect(run.code).toBe(0);
  });

  it('exit 1 for the broken pair, findings at file:line:col in the installer wording', async () => {
    const run = await sitekit(['lint', `${BROKEN}/install-config.yaml`, `${BROKEN}/agent-config.yaml`]);
    expect(run.code).toBe(1);
    const ic = `${BROKEN}/install-config.yaml`;
    const ag = `${BROKEN}/agent-config.yaml`;
    expect(run.stdout).toContain(`${ic}:${await lineOf(ic, 'hostPrefx')}:7  error  unknown field "hostPrefx"`);
    expect(run.stdout).toContain(`${ag}:${await lineOf(ag, 'macAddress: "52:54:00:0a:01:01"                      #')}:21  error  `);
    expect(run.stdout).toContain('duplicate MAC address found');
    expect(run.stdout).toContain('Device Name of root device hint must be path in /dev/ or /dev/disk/by-path/');
    expect(run.stdout).toContain('expected unicast mac address, found multicast');
    expect(run.stdout).toMatch(/broken\/agent-config\.yaml: \d+ errors, 4 warnings/);
  });

  it('--json prints every finding with its file and position', async () => {
    const run = await sitekit(['lint', `${BROKEN}/install-config.yaml`, `${BROKEN}/agent-config.yaml`, '--json']);
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout) as { id: string; file: string; position?: { line: number; col: number } }[];
    expect(findings.find((f) => f.id === 'agent.hostname-duplicate')).toMatchObject({ file: `${BROKEN}/agent-config.yaml`, position: { line: 26, col: 15 } });
    expect(findings.every((f) => f.position !== undefined)).toBe(true);
  });

  it('exit 2 for garbage, a missing file, or a site.yaml given as install-config', async () => {
    const garbage = path.join(dir, 'garbage.yaml');
    await writeFile(garbage, 'apiVersion: v1\nbaseDomain: [oops\n');
    const run = await sitekit(['lint', garbage]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${garbage.replaceAll('.', '\\.')}:\\d+:\\d+: not valid YAML`));

    const missing = await sitekit(['lint', path.join(dir, 'nope.yaml')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');

    const site = await sitekit(['lint', 'resources/examples/plant-a.site.yaml']);
    expect(site.code).toBe(2);
    expect(site.stderr).toContain('not an install-config');
  });
});

describe('sitekit import', () => {
  it('writes a site.yaml that validates, prints the unmapped list, refuses to overwrite', async () => {
    const out = path.join(dir, 'imported.site.yaml');
    const run = await sitekit(['import', `${GOOD}/install-config.yaml`, `${GOOD}/agent-config.yaml`, '-o', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${out}`);
    expect(run.stdout).toContain('  - pull secret: never imported, add it to the secret store (name pull-secret)');
    expect((await stat(out)).isFile()).toBe(true);

    const validate = await sitekit(['validate', out]);
    expect(validate.code).toBe(0);

    const again = await sitekit(['import', `${GOOD}/install-config.yaml`, `${GOOD}/agent-config.yaml`, '-o', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('exit 2 when the inputs are not an installer pair', async () => {
    const run = await sitekit(['import', 'resources/examples/plant-a.site.yaml', `${GOOD}/agent-config.yaml`, '-o', path.join(dir, 'x.yaml')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not an install-config');
  });
});
