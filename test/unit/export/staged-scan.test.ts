// The second gate: what is staged in the index under the site folder is read back from Git
// and scanned, so a file that reached the index some other way is still caught.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanFiles } from '../../../main/core/export/secret-scan';
import { stagedFiles } from '../../../main/core/export/tree';
import { gitCli } from '../../helpers/git-server';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('staged tree scan', () => {
  it('reads the staged blobs under the folder only and finds a planted key', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sitekit-staged-'));
    await gitCli(['init', '-q', '-b', 'main', dir]);
    await mkdir(path.join(dir, 'sites/plant-a/inventory'), { recursive: true });
    await writeFile(path.join(dir, 'sites/plant-a/site.yaml'), 'kind: Site\n');
    await writeFile(path.join(dir, 'sites/plant-a/inventory/id_ed25519'), 'x\n-----BEGIN OPENSSH PRIVATE KEY-----\n');
    await writeFile(path.join(dir, 'elsewhere.txt'), 'password: not-in-the-folder\n');
    await gitCli(['add', '-A'], dir);
    const staged = await stagedFiles(dir, 'sites/plant-a');
    expect(staged.map((f) => f.path).sort()).toEqual(['sites/plant-a/inventory/id_ed25519', 'sites/plant-a/site.yaml']);
    expect(scanFiles(staged)).toEqual([{ path: 'sites/plant-a/inventory/id_ed25519', line: 2, kind: 'private-key', message: 'looks like a private key' }]);
  });
});
