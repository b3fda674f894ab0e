// bundle.writeArgoCdSecrets over every transport: the Git password goes from the secret store
// into the local-only folder and nowhere else — no answer, no error and no other call returns it.
// It is written only for the Git server it is bound to (the origin of gitops.repoURL): for any
// other, or unbound, the call asks (`needs-confirmation`) and writes once confirmed.
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPathAllowList } from '../../../main/electron/path-policy';
import { FileSecretStore } from '../../../main/host/secret-store';
import { EXAMPLE_PATH, makeTempDir } from '../../helpers/sitekit-fixtures';
import { direct, failure, http, preloadIpc, type Api } from './transports';

const PASSWORD = 'argo-Read-0nly-T0ken-zz81';
const REPO = 'https://git.plant-c.local/ot/sites.git';
const ORIGIN = 'https://git.plant-c.local';

for (const transport of [direct, preloadIpc, http]) {
  describe(`bundle.writeArgoCdSecrets (${transport.name})`, () => {
    let api: Api;
    let stop: () => Promise<void>;
    let tmp: { dir: string; cleanup: () => Promise<void> };
    let sitePath: string;
    let plainSite: string;

    beforeAll(async () => {
      tmp = await makeTempDir();
      const doc = YAML.parseDocument(await readFile(EXAMPLE_PATH, 'utf8'));
      doc.setIn(['gitops', 'repoURL'], 'https://git.plant-c.local/ot/sites.git');
      doc.setIn(['gitops', 'credentials'], { username: 'argocd-reader', password: { secretRef: 'gitops-repo-password' } });
      await mkdir(path.join(tmp.dir, 'plant-c'));
      sitePath = path.join(tmp.dir, 'plant-c', 'site.yaml');
      await writeFile(sitePath, doc.toString());
      await mkdir(path.join(tmp.dir, 'plant-a'));
      plainSite = path.join(tmp.dir, 'plant-a', 'site.yaml');
      await writeFile(plainSite, await readFile(EXAMPLE_PATH, 'utf8'));
      ({ api, stop } = await transport.start({ secrets: new FileSecretStore(path.join(tmp.dir, 'data', 'secrets.json')) }));
    });
    afterAll(async () => {
      await stop?.();
      await tmp?.cleanup();
    });

    it('says which secret is missing before it is stored, and writes nothing', async () => {
      const dir = path.join(tmp.dir, 'argocd-missing');
      const error = await failure(api.bundle.writeArgoCdSecrets({ sitePath, dir }));
      expect(error.code).toBe('not-found');
      expect(error.message).toMatch(/gitops-repo-password is not in Sitekit's secret store/);
      await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('writes the Secret with the stored password and answers only the folder, the file and the command', async () => {
      await api.secrets.set({ name: 'gitops-repo-password', value: PASSWORD, boundTo: REPO });
      const dir = path.join(tmp.dir, 'argocd');
      const answer = await api.bundle.writeArgoCdSecrets({ sitePath, dir });
      expect(answer).toEqual({ dir, files: ['argocd-repository.yaml'], command: `oc apply -f ${dir}` });
      expect(JSON.stringify(answer)).not.toContain(PASSWORD);
      const secret = YAML.parse(await readFile(path.join(dir, 'argocd-repository.yaml'), 'utf8'));
      expect(secret.stringData.password).toBe(PASSWORD);
      if (process.platform !== 'win32') expect((await stat(path.join(dir, 'argocd-repository.yaml'))).mode & 0o777).toBe(0o600);
      // No other call gives it back.
      const status = await api.secrets.status();
      expect(JSON.stringify(status)).not.toContain(PASSWORD);
      expect(status.bindings?.['gitops-repo-password']).toEqual([ORIGIN]);
      expect(await api.secrets.has({ name: 'gitops-repo-password' })).toBe(true);
      const preview = await api.bundle.preview({ sitePath });
      expect(JSON.stringify(preview)).not.toContain(PASSWORD);
      expect(JSON.stringify(preview)).not.toContain('argocd.argoproj.io/secret-type');
    });

    it('refuses a folder in the site folder (where the bundle and the Git clone live) without the password in the message', async () => {
      const dir = path.join(tmp.dir, 'plant-c', 'argocd');
      const error = await failure(api.bundle.writeArgoCdSecrets({ sitePath, dir }));
      expect(error.code).toBe('invalid-input');
      expect(error.message).toMatch(/overlaps the site's folder/);
      expect(error.message).not.toContain(PASSWORD);
      await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('refuses a folder that holds other files, naming them but not the password', async () => {
      const dir = path.join(tmp.dir, 'busy');
      await mkdir(dir, { mode: 0o700 });
      await writeFile(path.join(dir, 'notes.txt'), 'x');
      const error = await failure(api.bundle.writeArgoCdSecrets({ sitePath, dir }));
      expect(error.message).toMatch(/notes\.txt/);
      expect(error.message).not.toContain(PASSWORD);
      await rm(dir, { recursive: true });
    });

    it('refuses a plan without gitops.credentials', async () => {
      const error = await failure(api.bundle.writeArgoCdSecrets({ sitePath: plainSite, dir: path.join(tmp.dir, 'argocd-plain') }));
      expect(error.code).toBe('invalid-site');
      expect(error.message).toMatch(/\/gitops\/credentials/);
    });

    it('refuses a relative folder at the boundary', async () => {
      const error = await failure(api.bundle.writeArgoCdSecrets({ sitePath, dir: 'argocd' }));
      expect(error.code).toBe('invalid-input');
    });
  });
}

for (const transport of [direct, preloadIpc, http]) {
  describe(`bundle.writeArgoCdSecrets: the password only for its Git server (${transport.name})`, () => {
    let api: Api;
    let stop: () => Promise<void>;
    let tmp: { dir: string; cleanup: () => Promise<void> };
    let ours: string; // gitops.repoURL on the plant's Git server
    let crafted: string; // the same plan pointing Argo CD at someone else's server
    let counter = 0;
    const freshDir = () => path.join(tmp.dir, `argocd-${++counter}`);

    const siteWith = async (name: string, gitops: Record<string, unknown>) => {
      const doc = YAML.parseDocument(await readFile(EXAMPLE_PATH, 'utf8'));
      for (const [key, value] of Object.entries(gitops)) doc.setIn(['gitops', key], value);
      await mkdir(path.join(tmp.dir, name));
      const file = path.join(tmp.dir, name, 'site.yaml');
      await writeFile(file, doc.toString());
      return file;
    };
    const credentials = (secretRef = 'gitops-repo-password') => ({ username: 'argocd-reader', password: { secretRef } });
    const bindings = async () => (await api.secrets.status()).bindings?.['gitops-repo-password'];

    beforeAll(async () => {
      tmp = await makeTempDir();
      ours = await siteWith('plant-c', { repoURL: REPO, credentials: credentials() });
      crafted = await siteWith('crafted', { repoURL: 'https://git.stranger.example:8443/x/sites.git', credentials: credentials() });
      ({ api, stop } = await transport.start({ secrets: new FileSecretStore(path.join(tmp.dir, 'data', 'secrets.json')) }));
    });
    afterAll(async () => {
      await stop?.();
      await tmp?.cleanup();
    });

    it('stored without a server: asks before writing it for the plan\'s repository, writes nothing', async () => {
      await api.secrets.set({ name: 'gitops-repo-password', value: PASSWORD });
      expect(await bindings()).toBeUndefined();
      const dir = freshDir();
      const error = await failure(api.bundle.writeArgoCdSecrets({ sitePath: ours, dir }));
      expect(error.code).toBe('needs-confirmation');
      expect(error.question).toEqual({ secret: 'gitops-repo-password', boundTo: [], targets: [ORIGIN] });
      expect(error.message).toMatch(/^The stored Argo CD password is not bound to a Git server yet/);
      expect(error.message).toContain("The plan's repository, gitops.repoURL (/gitops/repoURL), is on git.plant-c.local. Nothing was written.");
      expect(error.message).not.toContain(PASSWORD);
      await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await bindings()).toBeUndefined();
    });

    it('confirmed for the plan\'s server: written and bound there', async () => {
      const dir = freshDir();
      const answer = await api.bundle.writeArgoCdSecrets({ sitePath: ours, dir, allowPasswordFor: ORIGIN });
      expect(answer.files).toEqual(['argocd-repository.yaml']);
      const secret = YAML.parse(await readFile(path.join(dir, 'argocd-repository.yaml'), 'utf8'));
      expect(secret.stringData).toMatchObject({ url: REPO, password: PASSWORD });
      expect(await bindings()).toEqual([ORIGIN]);
      // From then on it is written for that server without asking.
      const again = freshDir();
      await api.bundle.writeArgoCdSecrets({ sitePath: ours, dir: again });
      expect(YAML.parse(await readFile(path.join(again, 'argocd-repository.yaml'), 'utf8')).stringData.password).toBe(PASSWORD);
    });

    it('a plan pointing at another server: asks, naming both, and writes nothing', async () => {
      const dir = freshDir();
      const error = await failure(api.bundle.writeArgoCdSecrets({ sitePath: crafted, dir }));
      expect(error.code).toBe('needs-confirmation');
      expect(error.question).toEqual({ secret: 'gitops-repo-password', boundTo: [ORIGIN], targets: ['https://git.stranger.example:8443'] });
      expect(error.message).toContain(
        "The stored Argo CD password is for git.plant-c.local, but the plan's repository, gitops.repoURL (/gitops/repoURL), is on git.stranger.example:8443. Nothing was written.",
      );
      expect(error.message).not.toContain(PASSWORD);
      await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
      // A confirmation for another server than the plan's is no confirmation.
      const wrong = await failure(api.bundle.writeArgoCdSecrets({ sitePath: crafted, dir, allowPasswordFor: REPO }));
      expect(wrong.code).toBe('needs-confirmation');
      await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
      expect(await bindings()).toEqual([ORIGIN]);
    });

    it('confirmed for the other server: written there and bound only there', async () => {
      const dir = freshDir();
      await api.bundle.writeArgoCdSecrets({ sitePath: crafted, dir, allowPasswordFor: 'https://git.stranger.example:8443/x/sites.git' });
      expect(YAML.parse(await readFile(path.join(dir, 'argocd-repository.yaml'), 'utf8')).stringData.password).toBe(PASSWORD);
      expect(await bindings()).toEqual(['https://git.stranger.example:8443']);
      const back = await failure(api.bundle.writeArgoCdSecrets({ sitePath: ours, dir: freshDir() }));
      expect(back.question).toEqual({ secret: 'gitops-repo-password', boundTo: ['https://git.stranger.example:8443'], targets: [ORIGIN] });
    });

    it('stored for the plan\'s server (as the GitOps step does): written without asking', async () => {
      await api.secrets.set({ name: 'gitops-repo-password', value: PASSWORD, boundTo: `${REPO}?ignored=1` });
      expect(await bindings()).toEqual([ORIGIN]);
      const dir = freshDir();
      expect((await api.bundle.writeArgoCdSecrets({ sitePath: ours, dir })).files).toEqual(['argocd-repository.yaml']);
      // Storing a new value without a server unbinds it again.
      await api.secrets.set({ name: 'gitops-repo-password', value: PASSWORD });
      expect((await failure(api.bundle.writeArgoCdSecrets({ sitePath: ours, dir: freshDir() }))).code).toBe('needs-confirmation');
      await api.secrets.set({ name: 'gitops-repo-password', value: PASSWORD, boundTo: REPO });
    });

    it('takes only https:// confirmations and bindings, and binds only the Git secrets', async () => {
      const plainHttp = await failure(api.bundle.writeArgoCdSecrets({ sitePath: crafted, dir: freshDir(), allowPasswordFor: 'http://git.stranger.example' }));
      expect(plainHttp.code).toBe('invalid-input');
      expect(plainHttp.message).toMatch(/allowPasswordFor.*must be an https:\/\/ address/);
      for (const name of ['pull-secret', 'ssh-password', 'bmc-acp-1']) {
        const refused = await failure(api.secrets.set({ name, value: 'x', boundTo: REPO }));
        expect(refused.code).toBe('invalid-input');
        expect(refused.message).toMatch(/only the Git token and the Argo CD Git password are bound when stored/);
        expect(await api.secrets.has({ name })).toBe(false);
      }
      const noServer = await failure(api.secrets.set({ name: 'gitops-repo-password', value: PASSWORD, boundTo: 'https://user@git.plant-c.local/x.git' }));
      expect(noServer.code).toBe('invalid-input');
    });

    it('refuses a plan whose repository is not a plain https:// address, without echoing it', async () => {
      for (const [name, repoURL] of [
        ['plain-http', 'http://git.plant-c.local/ot/sites.git'],
        ['with-token', 'https://reader:s3cr3t-in-url@git.plant-c.local/ot/sites.git'],
      ] as const) {
        const file = await siteWith(name, { repoURL, credentials: credentials() });
        const dir = freshDir();
        const error = await failure(api.bundle.writeArgoCdSecrets({ sitePath: file, dir, allowPasswordFor: ORIGIN }));
        expect(error.code).toBe('invalid-site');
        expect(error.message).toMatch(/gitops\.repoURL \(\/gitops\/repoURL\) is not a plain https:\/\/ address/);
        expect(error.message).not.toContain('s3cr3t-in-url');
        await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
      }
    });

    it('never writes another Sitekit secret the plan names (the SSH password) into the repository Secret', async () => {
      await api.secrets.set({ name: 'ssh-password', value: 'node-Ssh-Pa55' });
      const file = await siteWith('ssh-ref', { repoURL: REPO, credentials: credentials('ssh-password') });
      const dir = freshDir();
      const error = await failure(api.bundle.writeArgoCdSecrets({ sitePath: file, dir, allowPasswordFor: ORIGIN }));
      expect(error.code).toBe('invalid-site');
      expect(error.message).toMatch(/\/gitops\/credentials\/password\/secretRef\) is ssh-password, which is not the Argo CD read password/);
      expect(error.message).not.toContain('node-Ssh-Pa55');
      await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it("never puts the export's Git token (it may push) on the cluster as Argo CD's password", async () => {
      await api.secrets.set({ name: 'git-token', value: 'glpat-Push-T0ken', boundTo: REPO });
      const file = await siteWith('token-ref', { repoURL: REPO, credentials: credentials('git-token') });
      const dir = freshDir();
      const error = await failure(api.bundle.writeArgoCdSecrets({ sitePath: file, dir, allowPasswordFor: ORIGIN }));
      expect(error.code).toBe('invalid-site');
      expect(error.message).toMatch(/is git-token, which is not the Argo CD read password/);
      expect(error.message).not.toContain('glpat-Push-T0ken');
      await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    });
  });
}

describe('bundle.writeArgoCdSecrets in the desktop app', () => {
  it('writes only into a folder the person chose in the dialog', async () => {
    const tmp = await makeTempDir();
    try {
      const sitePath = path.join(tmp.dir, 'plant-c', 'site.yaml');
      const doc = YAML.parseDocument(await readFile(EXAMPLE_PATH, 'utf8'));
      doc.setIn(['gitops', 'credentials'], { username: 'argocd-reader', password: { secretRef: 'gitops-repo-password' } });
      await mkdir(path.dirname(sitePath));
      await writeFile(sitePath, doc.toString());
      const policy = createPathAllowList();
      policy.grant(sitePath);
      const { api, stop } = await direct.start({ pathPolicy: policy, secrets: new FileSecretStore(path.join(tmp.dir, 'data', 'secrets.json')) });
      await api.secrets.set({ name: 'gitops-repo-password', value: PASSWORD, boundTo: 'https://git.example.com/acp/sites.git' });
      const dir = path.join(tmp.dir, 'argocd');
      const error = await failure(api.bundle.writeArgoCdSecrets({ sitePath, dir }));
      expect(error.code).toBe('forbidden');
      await expect(stat(dir)).rejects.toMatchObject({ code: 'ENOENT' });
      policy.grant(dir);
      expect((await api.bundle.writeArgoCdSecrets({ sitePath, dir })).files).toEqual(['argocd-repository.yaml']);
      await stop();
    } finally {
      await tmp.cleanup();
    }
  });
});
