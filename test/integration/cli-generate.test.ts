// `sitekit generate` as a technician runs it: a real process through bin/sitekit.js.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSitekit, type CliRun } from '../helpers/run-sitekit';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLE = path.join(ROOT, 'resources', 'examples', 'plant-a.site.yaml');
const RACKS = path.join(ROOT, 'resources', 'examples', 'plant-b-racks.site.yaml');
const SECRET_TOKEN = 'c2l0ZWtpdC10ZXN0LXB1bGwtc2VjcmV0';
const PULL_SECRET = JSON.stringify({ auths: { 'cloud.openshift.com': { auth: SECRET_TOKEN, email: 'tech@example.com' } } });

const sitekit = (args: string[]): Promise<CliRun> => runSitekit(args);

async function filesUnder(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/')).sort();
}

let dir: string;
let example: string;
let secretFile: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-generate-'));
  example = await readFile(EXAMPLE, 'utf8');
  secretFile = path.join(dir, 'pull-secret.json');
  await writeFile(secretFile, PULL_SECRET, { mode: 0o600 });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sitekit generate', () => {
  it('generates the example: exit 0, the bundle layout, checksums that sha256sum accepts', async () => {
    const out = path.join(dir, 'ok', 'plant-a');
    const run = await sitekit(['generate', EXAMPLE, '-o', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^plant-a: bundle written to .*plant-a \(\d+ files\)\nplant-a: Not ready: .*\. The checklist is in validation\.json\.\n$/);
    const files = await filesUnder(out);
    for (const f of ['site.yaml', 'install/install-config.yaml', 'install/agent-config.yaml', 'validation.json', 'bundle.json', 'SHA256SUMS', 'gitops/odf/storagecluster.yaml']) {
      expect(files).toContain(f);
    }
    expect(await readFile(path.join(out, 'site.yaml'), 'utf8')).toBe(example);
    const sums = spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
    if (!sums.error) expect(sums.status, sums.stdout + sums.stderr).toBe(0);
  });

  it('refuses a plan with errors: exit 1, the errors listed, no output folder created', async () => {
    const broken = path.join(dir, 'broken.yaml');
    await writeFile(broken, example.replace('cluster: 10.10.0.12', 'cluster: 10.10.0.11'));
    const out = path.join(dir, 'broken-out');
    const run = await sitekit(['generate', broken, '-o', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('error');
    expect(run.stdout).toMatch(/plant-a: not generated: \d+ errors? in the plan \(fix them, or use --force/);
    expect(existsSync(out)).toBe(false);
  });

  it('--force generates a plan with errors and records it in validation.json', async () => {
    const broken = path.join(dir, 'broken-forced.yaml');
    await writeFile(broken, example.replace('cluster: 10.10.0.12', 'cluster: 10.10.0.11'));
    const out = path.join(dir, 'forced');
    const run = await sitekit(['generate', broken, '-o', out, '--force']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('forced with');
    const validation = JSON.parse(await readFile(path.join(out, 'validation.json'), 'utf8'));
    expect(validation.forced).toBe(true);
    expect(validation.findings.some((f: { severity: string }) => f.severity === 'error')).toBe(true);
  });

  it('exit 2 for a file that is not a site, and without -o', async () => {
    expect((await sitekit(['generate', path.join(dir, 'missing.yaml'), '-o', path.join(dir, 'x')])).code).toBe(2);
    const run = await sitekit(['generate', EXAMPLE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--output');
  });

  it('a second generate replaces the first atomically: new content, nothing left over', async () => {
    const parent = path.join(dir, 'again');
    const out = path.join(parent, 'plant-a');
    expect((await sitekit(['generate', EXAMPLE, '-o', out])).code).toBe(0);
    const changed = path.join(dir, 'changed.yaml');
    await writeFile(changed, example.replace('Plant A, hall 3, rack row C', 'Plant A, hall 4'));
    expect((await sitekit(['generate', changed, '-o', out])).code).toBe(0);
    expect(await readFile(path.join(out, 'site.yaml'), 'utf8')).toContain('Plant A, hall 4');
    expect(await readdir(parent)).toEqual(['plant-a']);
  });

  it('generates several sites into <dir>/<site>/', async () => {
    const out = path.join(dir, 'many');
    const run = await sitekit(['generate', EXAMPLE, RACKS, '-o', out]);
    expect(run.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['plant-a', 'plant-b']);
  });
});

describe('sitekit generate --iso-inputs', () => {
  it('writes install-config.yaml with the pull secret and agent-config.yaml, 0600 in a 0700 folder; the bundle has none', async () => {
    const out = path.join(dir, 'iso-bundle');
    const iso = path.join(dir, 'iso', 'plant-a');
    const run = await sitekit(['generate', EXAMPLE, '-o', out, '--iso-inputs', iso, '--pull-secret', secretFile]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('openshift-install agent create image');
    expect((await stat(iso)).mode & 0o777).toBe(0o700);
    expect((await readdir(iso)).sort()).toEqual(['.sitekit-iso-inputs', 'agent-config.yaml', 'install-config.yaml']);
    for (const f of ['.sitekit-iso-inputs', 'agent-config.yaml', 'install-config.yaml']) expect((await stat(path.join(iso, f))).mode & 0o777).toBe(0o600);
    expect(await readFile(path.join(iso, 'install-config.yaml'), 'utf8')).toContain(SECRET_TOKEN);
    for (const f of await filesUnder(out)) {
      const text = await readFile(path.join(out, f), 'utf8');
      expect(text, f).not.toContain(SECRET_TOKEN);
      expect(text, f).not.toContain('"auths"');
    }
  });

  it('writes over its own earlier output, but refuses a shared folder or foreign files without touching them', async () => {
    const iso = path.join(dir, 'iso-again');
    const first = await sitekit(['generate', EXAMPLE, '-o', path.join(dir, 'again-bundle'), '--iso-inputs', iso, '--pull-secret', secretFile]);
    expect(first.code).toBe(0);
    const again = await sitekit(['generate', EXAMPLE, '-o', path.join(dir, 'again-bundle'), '--iso-inputs', iso, '--pull-secret', secretFile]);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);

    const shared = path.join(dir, 'iso-shared');
    await mkdir(shared);
    await chmod(shared, 0o777);
    const refused = await sitekit(['generate', EXAMPLE, '-o', path.join(dir, 'shared-bundle'), '--iso-inputs', shared, '--pull-secret', secretFile]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('refusing --iso-inputs');
    expect(refused.stderr).toContain('writable by everyone (mode 777)');
    expect((await stat(shared)).mode & 0o777).toBe(0o777);
    expect(await readdir(shared)).toEqual([]);
    expect(existsSync(path.join(dir, 'shared-bundle'))).toBe(false);

    const used = path.join(dir, 'iso-used');
    await mkdir(used, { mode: 0o700 });
    await writeFile(path.join(used, 'install-config.yaml'), 'hand-written\n');
    const foreign = await sitekit(['generate', EXAMPLE, '-o', path.join(dir, 'used-bundle'), '--iso-inputs', used, '--pull-secret', secretFile]);
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toContain('not written by this Sitekit');
    expect(await readFile(path.join(used, 'install-config.yaml'), 'utf8')).toBe('hand-written\n');
  });

  it('refuses an ISO folder inside the bundle folder', async () => {
    const out = path.join(dir, 'iso-inside');
    const run = await sitekit(['generate', EXAMPLE, '-o', out, '--iso-inputs', path.join(out, 'iso'), '--pull-secret', secretFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('must never be part of a bundle');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an ISO folder inside a Git work tree', async () => {
    const repo = path.join(dir, 'repo');
    await mkdir(path.join(repo, '.git'), { recursive: true });
    const run = await sitekit(['generate', EXAMPLE, '-o', path.join(dir, 'b2'), '--iso-inputs', path.join(repo, 'iso'), '--pull-secret', secretFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('inside the Git work tree');
    expect(existsSync(path.join(repo, 'iso'))).toBe(false);
  });

  it('refuses a pull secret that is not JSON with auths, and --iso-inputs without --pull-secret', async () => {
    const bad = path.join(dir, 'bad-secret.json');
    await writeFile(bad, 'hunter2');
    const run = await sitekit(['generate', EXAMPLE, '-o', path.join(dir, 'b3'), '--iso-inputs', path.join(dir, 'iso3'), '--pull-secret', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('is not JSON');
    expect(run.stderr).not.toContain('hunter2');
    const alone = await sitekit(['generate', EXAMPLE, '-o', path.join(dir, 'b4'), '--iso-inputs', path.join(dir, 'iso4')]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('go together');
  });
});
