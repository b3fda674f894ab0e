// What a newcomer meets first: `sitekit new` without --name, and follow-up hints that can be
// pasted as they are (the same form the person used to start Sitekit, paths quoted).
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHint } from '../../main/cli/io';
import { runSitekit } from '../helpers/run-sitekit';

let dir: string | undefined;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-newcomer-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('sitekit new without --name', () => {
  it('names the site after its folder and says so', async () => {
    const target = path.join(dir!, 'sites', 'plant-c');
    const run = await runSitekit(['new', target], { unset: ['npm_command'] });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("for site 'plant-c' from the reference example (the name comes from the folder; --name chooses another)");
    const text = await readFile(path.join(target, 'site.yaml'), 'utf8');
    expect(text).toContain('\nmetadata:\n  name: plant-c\n');
    expect(text).not.toContain('name: plant-a\n');
  });

  it('a folder name that cannot be a site name asks for --name', async () => {
    const target = path.join(dir!, 'Plant C (old)');
    const run = await runSitekit(['new', target]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("the folder name 'Plant C (old)' cannot be a site name");
    expect(run.stderr).toContain('--name <name>');
  });
});

describe('follow-up hints', () => {
  it('say `npx sitekit` when started through npx, with paths quoted for the shell', async () => {
    const target = path.join(dir!, 'with space', 'plant-d');
    await mkdir(path.dirname(target), { recursive: true });
    const run = await runSitekit(['new', target], { env: { npm_command: 'exec' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`  npx sitekit validate '${path.join(target, 'site.yaml')}'\n`);
  });

  it('say plain `sitekit` when it is on the PATH', async () => {
    const target = path.join(dir!, 'plant-e');
    const run = await runSitekit(['new', target], { unset: ['npm_command'] });
    expect(run.stdout).toContain(`  sitekit validate ${path.join(target, 'site.yaml')}\n`);
  });

  it('quote every shell-special character', () => {
    expect(runHint({ command: 'sitekit' }, 'validate', "it's here/site.yaml")).toBe(`sitekit validate 'it'\\''s here/site.yaml'`);
    expect(runHint({}, 'export', 'a.yaml', '--repo', 'https://git.example.com/x.git')).toBe('sitekit export a.yaml --repo https://git.example.com/x.git');
  });
});
