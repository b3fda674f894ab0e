// cluster.connect's kubeconfigPath is a file the renderer names, so it is read like every other
// one: in the desktop app only a file chosen in the native dialog (site.choose 'kubeconfig'),
// never Sitekit's own data or the secret store's file, a regular file of at most 1 MiB — and a
// store that cannot encrypt keeps it only with consent. Nothing of the file comes back.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SafeStorageSecretStore, type SafeStorageLike } from '../../../main/electron/secrets';
import { createPathAllowList } from '../../../main/electron/path-policy';
import { PLAIN_TEXT_CONSENT_LABEL } from '../../../main/host/handlers';
import type { SiteDialogs } from '../../../main/host/handlers/common';
import { FileSecretStore } from '../../../main/host/secret-store';
import { EXAMPLE_PATH, makeTempDir, readExample } from '../../helpers/sitekit-fixtures';
import { direct, failure } from './transports';

const KUBECONFIG_LIKE = `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: https://api.acp.plant-a.example.com:6443
  name: acp
contexts:
- context:
    cluster: acp
    user: admin
  name: admin
current-context: admin
users:
- name: admin
  user:
    token: sha256~notARealTokenButLongEnoughToBeOne0123456789
`;

function basicTextStorage(): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    encryptString: (s: string) => Buffer.from(s, 'utf8'),
    decryptString: (b: Buffer) => b.toString('utf8'),
    getSelectedStorageBackend: () => 'basic_text',
  };
}

describe('kubeconfig import', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let site: string;
  let kubeconfig: string;
  let dataDir: string;

  beforeEach(async () => {
    tmp = await makeTempDir();
    site = path.join(tmp.dir, 'plant-a', 'site.yaml');
    kubeconfig = path.join(tmp.dir, 'plant-a', 'install', 'auth', 'kubeconfig');
    dataDir = path.join(tmp.dir, 'data');
    await mkdir(path.dirname(kubeconfig), { recursive: true });
    await mkdir(dataDir, { recursive: true });
    await writeFile(site, await readExample());
    await writeFile(kubeconfig, KUBECONFIG_LIKE);
  });
  afterEach(async () => tmp.cleanup());

  it('desktop app: only a kubeconfig chosen in the dialog is read', async () => {
    const policy = createPathAllowList();
    policy.grant(site);
    const dialogs: SiteDialogs = {
      chooseSiteToOpen: async () => undefined,
      chooseSaveLocation: async () => undefined,
      chooseFolder: async () => undefined,
      chooseKubeconfig: async () => kubeconfig,
    };
    const { api } = await direct.start({ pathPolicy: policy, dialogs, settingsDir: dataDir, secrets: new FileSecretStore(path.join(dataDir, 'secrets.json')) });
    const refused = await failure(api.cluster.connect({ sitePath: site, kubeconfigPath: kubeconfig }));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('was not chosen in Sitekit');
    expect(await api.site.choose({ purpose: 'kubeconfig' })).toEqual({ supported: true, path: kubeconfig });
    // Chosen now: read, checked and stored (the connection itself fails: nothing listens there).
    const result = await api.cluster.connect({ sitePath: site, kubeconfigPath: kubeconfig, viaAddress: '127.0.0.1' });
    expect(result.state).toBe('failed');
    expect(await api.secrets.has({ name: 'kubeconfig' })).toBe(true);
    expect(JSON.stringify(result)).not.toContain('notARealToken');
  });

  it("never reads Sitekit's own data, a folder or an oversized file as a kubeconfig", async () => {
    const secretsFile = path.join(dataDir, 'secrets.json');
    const { api } = await direct.start({ settingsDir: dataDir, secretsFile, secrets: new FileSecretStore(secretsFile) });
    await api.secrets.set({ name: 'git-token', value: 'ghp_secretvalue' });
    const own = await failure(api.cluster.connect({ sitePath: site, kubeconfigPath: secretsFile }));
    expect(own.code).toBe('forbidden');
    expect(own.message).not.toContain('ghp_secretvalue');
    expect((await failure(api.cluster.connect({ sitePath: site, kubeconfigPath: path.dirname(kubeconfig) }))).code).toBe('invalid-input');
    const big = path.join(tmp.dir, 'big');
    await writeFile(big, 'x'.repeat(1024 * 1024 + 1));
    expect((await failure(api.cluster.connect({ sitePath: site, kubeconfigPath: big }))).code).toBe('too-large');
    expect((await failure(api.cluster.connect({ sitePath: site, kubeconfigPath: path.join(tmp.dir, 'missing') }))).code).toBe('not-found');
  });

  it('a file that is not a kubeconfig is answered with why, and nothing is stored', async () => {
    const { api } = await direct.start({ settingsDir: dataDir, secrets: new FileSecretStore(path.join(dataDir, 'secrets.json')) });
    await writeFile(kubeconfig, KUBECONFIG_LIKE.replace('    token:', '    exec:\n      command: /bin/evil\n    tokenx:'));
    const result = await api.cluster.connect({ sitePath: site, kubeconfigPath: kubeconfig });
    expect(result.state).toBe('failed');
    expect(result.failure?.kind).toBe('bad-kubeconfig');
    expect(await api.secrets.has({ name: 'kubeconfig' })).toBe(false);
  });

  it('a kubeconfig never gets in through secrets.set: only the checked import binds it to this site\'s API', async () => {
    const { api } = await direct.start({ settingsDir: dataDir, secrets: new FileSecretStore(path.join(dataDir, 'secrets.json')) });
    const refused = await failure(api.secrets.set({ name: 'kubeconfig', value: KUBECONFIG_LIKE }));
    expect(refused.code).toBe('invalid-input');
    expect(refused.message).toContain('Cluster step');
    expect(refused.message).not.toContain('sha256~');
    expect(await api.secrets.has({ name: 'kubeconfig' })).toBe(false);
  });

  it('the bundled example has no cluster: nothing is written next to it', async () => {
    const { api } = await direct.start({ settingsDir: dataDir, secrets: new FileSecretStore(path.join(dataDir, 'secrets.json')) });
    const refused = await failure(api.cluster.connect({ sitePath: EXAMPLE_PATH, kubeconfigPath: kubeconfig }));
    expect(refused.code).toBe('read-only');
    expect(await api.secrets.has({ name: 'kubeconfig' })).toBe(false);
  });

  it('a store that cannot encrypt keeps the kubeconfig only with consent', async () => {
    const { api } = await direct.start({ settingsDir: dataDir, secrets: new SafeStorageSecretStore(basicTextStorage(), path.join(dataDir, 'secrets.json')) });
    const refused = await failure(api.cluster.connect({ sitePath: site, kubeconfigPath: kubeconfig }));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain(PLAIN_TEXT_CONSENT_LABEL);
    expect(await api.secrets.has({ name: 'kubeconfig' })).toBe(false);
    await api.cluster.connect({ sitePath: site, kubeconfigPath: kubeconfig, viaAddress: '127.0.0.1', allowPlainText: true });
    expect(await api.secrets.has({ name: 'kubeconfig' })).toBe(true);
  });
});
