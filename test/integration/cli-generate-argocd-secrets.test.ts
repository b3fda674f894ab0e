// `sitekit generate --argocd-secrets <dir> --git-password-file <file>` as a technician runs it:
// the repository Secret goes to a private local folder (0700/0600) with the command to apply
// it, never into the bundle; the password is never printed; unsafe folders are refused.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_PATH } from '../helpers/sitekit-fixtures';
import { runSitekit } from '../helpers/run-sitekit';

const PASSWORD = 'glro-Plant-C-r3ad-0nly-7Kq';
const posix = process.platform !== 'win32';

let dir: string;
let site: string;
let passwordFile: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-cli-argocd-'));
  const doc = YAML.parseDocument(await readFile(EXAMPLE_PATH, 'utf8'));
  doc.setIn(['gitops', 'repoURL'], 'https://git.plant-c.local/ot/sites.git');
  doc.setIn(['gitops', 'credentials'], { username: 'argocd-reader', password: { secretRef: 'gitops-repo-password' } });
  // The site in a folder of its own: the secret folder may not be inside it.
  await mkdir(path.join(dir, 'plant-c'));
  site = path.join(dir, 'plant-c', 'site.yaml');
  await writeFile(site, doc.toString());
  passwordFile = path.join(dir, 'git-token');
  await writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function listAll(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.join(entry.parentPath, entry.name));
  }
  return out;
}

describe('sitekit generate --argocd-secrets', () => {
  it('writes the repository Secret 0600 in a new 0700 folder, prints the oc command, never the password', async () => {
    const out = path.join(dir, 'bundle');
    const secrets = path.join(dir, 'argocd');
    const run = await runSitekit(['generate', site, '-o', out, '--argocd-secrets', secrets, '--git-password-file', passwordFile]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`Argo CD repository secret written to ${secrets} (mode 0600`);
    expect(run.stdout).toContain(`oc apply -f ${secrets}`);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    const secret = YAML.parse(await readFile(path.join(secrets, 'argocd-repository.yaml'), 'utf8'));
    expect(secret.metadata.labels).toEqual({ 'argocd.argoproj.io/secret-type': 'repository' });
    expect(secret.stringData).toEqual({ type: 'git', url: 'https://git.plant-c.local/ot/sites.git', username: 'argocd-reader', password: PASSWORD });
    if (posix) {
      expect((await stat(secrets)).mode & 0o777).toBe(0o700);
      expect((await stat(path.join(secrets, 'argocd-repository.yaml'))).mode & 0o777).toBe(0o600);
    }
    for (const file of await listAll(out)) expect(await readFile(file, 'utf8'), file).not.toContain(PASSWORD);
  });

  it("refuses a folder inside the site's folder, and a repository address that is not plain https", async () => {
    const inside = path.join(dir, 'plant-c', 'argocd');
    const run = await runSitekit(['generate', site, '-o', path.join(dir, 'bundle-in'), '--argocd-secrets', inside, '--git-password-file', passwordFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/overlaps the site's folder/);
    expect(existsSync(inside)).toBe(false);

    const doc = YAML.parseDocument(await readFile(site, 'utf8'));
    doc.setIn(['gitops', 'repoURL'], 'http://git.plant-c.local/ot/sites.git');
    const plain = path.join(dir, 'plant-c', 'plain-http.yaml');
    await writeFile(plain, doc.toString());
    const secrets = path.join(dir, 'argocd-http');
    const http = await runSitekit(['generate', plain, '-o', path.join(dir, 'bundle-http'), '--argocd-secrets', secrets, '--git-password-file', passwordFile]);
    expect(http.code).toBe(2);
    expect(http.stderr).toMatch(/not a plain https:\/\/ address/);
    expect(existsSync(path.join(secrets, 'argocd-repository.yaml'))).toBe(false);
    expect(http.stdout + http.stderr).not.toContain(PASSWORD);
  });

  it('refuses a folder inside a Git work tree before writing anything', async () => {
    const repo = path.join(dir, 'repo');
    await mkdir(path.join(repo, '.git'), { recursive: true });
    const out = path.join(dir, 'bundle-2');
    const run = await runSitekit(['generate', site, '-o', out, '--argocd-secrets', path.join(repo, 'argocd'), '--git-password-file', passwordFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/refusing --argocd-secrets: .* is inside the Git work tree/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(path.join(repo, 'argocd'))).toBe(false);
  });

  it('needs both options, and credentials in the plan', async () => {
    const alone = await runSitekit(['generate', site, '-o', path.join(dir, 'b3'), '--argocd-secrets', path.join(dir, 'a3')]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--argocd-secrets <dir> and --git-password-file <file> go together');

    await mkdir(path.join(dir, 'plain'));
    const plain = path.join(dir, 'plain', 'site.yaml');
    await writeFile(plain, await readFile(EXAMPLE_PATH, 'utf8'));
    const run = await runSitekit(['generate', plain, '-o', path.join(dir, 'b4'), '--argocd-secrets', path.join(dir, 'a4'), '--git-password-file', passwordFile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Argo CD secrets not written: the plan has no gitops\.credentials \(\/gitops\/credentials\)/);
    expect(existsSync(path.join(dir, 'a4'))).toBe(false);
  });
});
