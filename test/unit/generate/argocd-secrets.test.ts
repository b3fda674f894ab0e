// The Argo CD repository Secret: written only into a private local folder (0700/0600), never
// inside a Git work tree or the bundle, never part of what generateBundle makes.
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { scanFiles } from '../../../main/core/export/secret-scan';
import { generateBundle } from '../../../main/core/generate/bundle';
import {
  ARGOCD_SECRETS_MARKER,
  applyCommand,
  argocdSecretFiles,
  argocdSecretsProblem,
  repositorySecret,
  repositorySecretProblem,
  writeArgocdSecrets,
} from '../../../main/core/generate/bundle/argocd-secrets';
import type { Site } from '../../../main/core/site/schema';
import { example } from './gitops/examples';

const PASSWORD = 'Rd0nly-t0ken-4-argocd-x9Q2';
const posix = process.platform !== 'win32';

function privateSite(): Site {
  const site = example('plant-a');
  site.gitops!.repoURL = 'https://git.plant-c.local/ot/sites.git';
  site.gitops!.credentials = { username: 'argocd-reader', password: { secretRef: 'gitops-repo-password' } };
  return site;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-argocd-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const modeOf = async (p: string) => (await stat(p)).mode & 0o777;

describe('repository Secret', () => {
  it('is the documented Argo CD repository Secret: label, type git, url, username, password', () => {
    const secret = repositorySecret(privateSite(), PASSWORD);
    expect(secret).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'acp-site-repository', namespace: 'openshift-gitops', labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
      type: 'Opaque',
      stringData: { type: 'git', url: 'https://git.plant-c.local/ot/sites.git', username: 'argocd-reader', password: PASSWORD },
    });
    const [file] = argocdSecretFiles(privateSite(), PASSWORD);
    expect(YAML.parse(file!.content)).toEqual(secret);
  });

  it('needs a repository and credentials in the plan, naming the field', () => {
    const site = example('plant-a');
    expect(repositorySecretProblem(site)).toMatch(/\/gitops\/credentials/);
    expect(() => repositorySecret(site, PASSWORD)).toThrow(/gitops\.credentials/);
    delete site.gitops;
    expect(repositorySecretProblem(site)).toMatch(/\/gitops\/repoURL/);
  });

  it('is what the secret scanner refuses in a bundle (so it must stay out of one)', () => {
    expect(scanFiles(argocdSecretFiles(privateSite(), PASSWORD)).length).toBeGreaterThan(0);
  });

  it('never appears in the bundle, which carries only the public parts (CA, instance settings)', () => {
    const site = privateSite();
    site.gitops!.caBundle = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
    const result = generateBundle(site, { toolVersion: 'test', now: new Date('2026-01-01T00:00:00Z') });
    expect(result.secrets).toEqual([]);
    expect(result.files.length).toBeGreaterThan(0);
    for (const file of result.files) {
      const text = typeof file.content === 'string' ? file.content : Buffer.from(file.content).toString('latin1');
      expect(text, file.path).not.toContain('argocd.argoproj.io/secret-type');
      expect(text, file.path).not.toContain(PASSWORD);
    }
    expect(result.files.map((f) => f.path)).toContain('gitops/bootstrap/argocd/git-server-ca.yaml');
  });

  it('is applied with oc apply -f <dir>, quoted when the folder needs it', () => {
    expect(applyCommand('/home/tech/argocd/plant-c')).toBe('oc apply -f /home/tech/argocd/plant-c');
    expect(applyCommand("/home/tech/Argo CD's")).toBe("oc apply -f '/home/tech/Argo CD'\\''s'");
  });
});

describe('--argocd-secrets folder', () => {
  it('creates a new folder 0700 with the files 0600, and writes over its own output again', async () => {
    const target = path.join(dir, 'argocd', 'plant-c');
    expect(await argocdSecretsProblem(target, [{ dir: path.join(dir, 'bundle'), what: 'the bundle folder' }])).toBeUndefined();
    await writeArgocdSecrets(target, argocdSecretFiles(privateSite(), PASSWORD));
    if (posix) expect(await modeOf(target)).toBe(0o700);
    expect((await readdir(target)).sort()).toEqual([ARGOCD_SECRETS_MARKER, 'argocd-repository.yaml']);
    for (const name of await readdir(target)) if (posix) expect(await modeOf(path.join(target, name)), name).toBe(0o600);
    await writeArgocdSecrets(target, argocdSecretFiles(privateSite(), 'another-token'));
    expect(await readFile(path.join(target, 'argocd-repository.yaml'), 'utf8')).toContain('another-token');
  });

  it('refuses a folder inside a Git work tree', async () => {
    await mkdir(path.join(dir, 'repo', '.git'), { recursive: true });
    const target = path.join(dir, 'repo', 'secrets');
    expect(await argocdSecretsProblem(target, [])).toMatch(/inside the Git work tree .*the Git password could be committed/);
  });

  it('follows symbolic links: a link into a Git work tree or into the bundle is refused', async () => {
    await mkdir(path.join(dir, 'repo', '.git'), { recursive: true });
    await symlink(path.join(dir, 'repo'), path.join(dir, 'looks-private'));
    expect(await argocdSecretsProblem(path.join(dir, 'looks-private', 'secrets'), [])).toMatch(/inside the Git work tree/);
    const bundle = path.join(dir, 'bundle');
    await mkdir(bundle);
    await symlink(bundle, path.join(dir, 'bundle-link'));
    expect(await argocdSecretsProblem(path.join(dir, 'bundle-link', 'secrets'), [{ dir: bundle, what: 'the bundle folder' }])).toMatch(/overlaps the bundle folder/);
  });

  it('refuses a folder that overlaps the bundle (inside it, or holding it)', async () => {
    const bundle = path.join(dir, 'bundle');
    expect(await argocdSecretsProblem(path.join(bundle, 'secrets'), [{ dir: bundle, what: 'the bundle folder' }])).toMatch(/overlaps the bundle folder/);
    expect(await argocdSecretsProblem(dir, [{ dir: bundle, what: 'the bundle folder' }])).toMatch(/overlaps the bundle folder/);
  });

  it('refuses a folder with files Sitekit did not write and leaves them alone', async () => {
    const target = path.join(dir, 'used');
    await mkdir(target, { mode: 0o700 });
    await writeFile(path.join(target, 'notes.txt'), 'mine');
    expect(await argocdSecretsProblem(target, [])).toMatch(/holds files Sitekit did not write \(notes\.txt\)/);
    await expect(writeArgocdSecrets(target, argocdSecretFiles(privateSite(), PASSWORD))).rejects.toThrow(/did not write/);
    expect(await readdir(target)).toEqual(['notes.txt']);
  });

  it('refuses an ISO inputs folder (another kind of Sitekit output)', async () => {
    const target = path.join(dir, 'iso');
    await mkdir(target, { mode: 0o700 });
    await writeFile(path.join(target, '.sitekit-iso-inputs'), 'x');
    expect(await argocdSecretsProblem(target, [])).toMatch(/\.sitekit-iso-inputs/);
  });

  it.runIf(posix)('refuses a group-writable folder without changing its mode', async () => {
    const target = path.join(dir, 'team');
    await mkdir(target);
    await chmod(target, 0o770);
    expect(await argocdSecretsProblem(target, [])).toMatch(/writable by its group \(mode 770\).*before oc reads them/);
    await expect(writeArgocdSecrets(target, argocdSecretFiles(privateSite(), PASSWORD))).rejects.toThrow(/shared/);
    expect(await modeOf(target)).toBe(0o770);
  });
});
