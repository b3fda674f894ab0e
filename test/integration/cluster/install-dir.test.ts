// cluster.connect with installDir: the install folder `openshift-install agent create image`
// leaves (test/kube/install-folder: auth/kubeconfig from the test API server, auth/kubeadmin-password,
// a real-shaped .openshift_install_state.json) through the handler table, with the real
// @kubernetes/client-node against the test API server playing plant-a. The kubeconfig, the
// kubeadmin password and the agent API token are kept in the secret store, bound to the API
// server; the answer names what was kept and what is missing; the watcher token is what reaches
// the agent API; and no answer, event or log line ever carries a token, the password or a key.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterConnectResult, SitekitEvent } from '../../../main/contract/api';
import { createPathAllowList } from '../../../main/electron/path-policy';
import type { HandlerDeps, SiteDialogs } from '../../../main/host/handlers/common';
import { FileSecretStore } from '../../../main/host/secret-store';
import { SafeStorageSecretStore } from '../../../main/electron/secrets';
import { PLAIN_TEXT_CONSENT_LABEL } from '../../../main/host/handlers';
import { startTestAgentApi } from '../../kube/agent-api/index';
import { plantACluster } from '../../kube/agent-api/plant-a';
import { writeInstallFolder, type FakeInstallFolder, type InstallFolderOptions } from '../../kube/install-folder/index';
import { exampleSite } from '../../helpers/example-site';
import { direct, failure, type Api } from '../../unit/contract/transports';
import { keyMaterial, startLivePlantA, type LivePlantA } from './live-plant-a';

const NAMES = ['kubeconfig', 'kubeadmin-password', 'agent-auth-token'] as const;

let live: LivePlantA;
/** Everything that left the handlers: answers, errors, events, log lines. */
const seen: unknown[] = [];
/** Every secret any folder of these tests held. */
const secrets: string[] = [];
let folderCount = 0;

beforeAll(async () => {
  live = await startLivePlantA();
  secrets.push(...keyMaterial(live.kubeconfigText));
});
afterAll(async () => {
  // The last guard: not one secret in anything that came back.
  const all = JSON.stringify(seen);
  for (const secret of secrets) expect(all.includes(secret), 'a secret left Sitekit').toBe(false);
  await live?.close();
});

async function folder(options: InstallFolderOptions = {}): Promise<FakeInstallFolder> {
  const made = await writeInstallFolder(path.join(live.dir, `install-${++folderCount}`), { kubeconfig: live.kubeconfigText, ...options });
  secrets.push(...made.secrets);
  return made;
}

async function start(deps: Partial<HandlerDeps> = {}): Promise<{ api: Api; store: FileSecretStore }> {
  const dataDir = path.join(live.dir, `data-${++folderCount}`);
  const store = new FileSecretStore(path.join(dataDir, 'secrets.json'));
  const { api } = await direct.start({
    mode: 'browser',
    secrets: store,
    settingsDir: dataDir,
    secretsFile: path.join(dataDir, 'secrets.json'),
    logError: (message, error) => seen.push(`${message}: ${error instanceof Error ? `${error.message}\n${error.stack}` : String(error)}`),
    ...deps,
  });
  api.onEvent((e: SitekitEvent) => seen.push(e));
  return { api, store };
}

async function keep<T>(call: Promise<T>): Promise<T> {
  try {
    const value = await call;
    seen.push(value);
    return value;
  } catch (error) {
    seen.push({ error: (error as Error).message });
    throw error;
  }
}

const origin = () => `https://api.acp.plant-a.example.com:${live.server.port}`;

describe('cluster.connect with the install folder', () => {
  it('keeps the kubeconfig, the kubeadmin password and the watcher token, bound to the API server, and says so by name', async () => {
    const made = await folder({ generation: '4.18', ignitionBytes: 2 * 1024 * 1024 });
    const { api, store } = await start();
    const first = await keep(api.cluster.connect({ sitePath: live.siteFile, installDir: made.dir, viaAddress: '127.0.0.1' }));
    expect(first.state).toBe('needs-acceptance');
    expect(first.installDir).toEqual({ folder: made.dir, stored: [...NAMES], missing: [], agentTokenField: 'WatcherAuthToken' });

    // In the store: exactly what the files hold; the token is the watcher's, not the agent's or the user's.
    expect(await store.get('kubeconfig')).toBe(live.kubeconfigText);
    expect(await store.get('kubeadmin-password')).toBe(made.password);
    expect(await store.get('agent-auth-token')).toBe(made.tokens.watcher);
    const status = await keep(api.secrets.status());
    for (const name of NAMES) expect(status.bindings?.[name], name).toEqual([origin()]);

    // The stored kubeconfig and the pin are enough from now on.
    const accepted = await keep(api.cluster.connect({ sitePath: live.siteFile, viaAddress: '127.0.0.1', acceptCaSha256: first.identity!.ca.sha256 }));
    expect(accepted.state).toBe('connected');
    expect(accepted.installDir).toBeUndefined();
  });

  it('the imported watcher token is what reaches the agent API, in the Watcher-Authorization header', async () => {
    const made = await folder({ generation: '4.18' });
    const { api } = await start();
    const agent = await startTestAgentApi({ tokens: { agent: made.tokens.agent!, user: made.tokens.user!, watcher: made.tokens.watcher! } });
    try {
      const { cluster, infraEnv } = plantACluster(exampleSite());
      agent.register({ ...cluster, status: 'installed', status_info: 'Cluster is installed' }, infraEnv);
      await keep(api.cluster.connect({ sitePath: live.siteFile, installDir: made.dir, viaAddress: '127.0.0.1', acceptCaSha256: live.server.caSha256 }));
      const result = await keep(api.cluster.watchInstall({ sitePath: live.siteFile, taskId: 'install-dir-watch', agentAddress: `127.0.0.1:${agent.port}` }));
      expect(result.progress.failure).toBeUndefined();
      const asked = agent.requests.filter((r) => r.path.startsWith('/api/assisted-install/v2/clusters'));
      expect(asked.length).toBeGreaterThan(0);
      for (const request of asked) {
        expect(request.authHeaders).toEqual(['watcher-authorization']);
        expect(request.status).toBe(200);
      }
    } finally {
      await agent.close();
    }
  });

  it('the token goes in plain HTTP: never to an address that is neither a node of the plan nor this computer', async () => {
    const made = await folder({ generation: '4.18' });
    const { api } = await start();
    await keep(api.cluster.connect({ sitePath: live.siteFile, installDir: made.dir, viaAddress: '127.0.0.1', acceptCaSha256: live.server.caSha256 }));
    // 192.0.2.50 (TEST-NET-1) is none of plant-a's node addresses: refused before any request.
    const refused = await failure(keep(api.cluster.watchInstall({ sitePath: live.siteFile, taskId: 'elsewhere-watch', agentAddress: '192.0.2.50:8090' })));
    expect(refused.code).toBe('invalid-input');
    expect(refused.message).toContain('only to an address of this site');
    expect(refused.message).toContain('127.0.0.1:8090');
    // A name could resolve anywhere.
    const named = await failure(keep(api.cluster.watchInstall({ sitePath: live.siteFile, taskId: 'named-watch', agentAddress: 'agent.example.net' })));
    expect(named.code).toBe('invalid-input');
  });

  it('4.17: the one AgentAuthToken; 4.16: no token and no password file, each missing with what to do', async () => {
    const { api, store } = await start();
    const older = await folder({ generation: '4.17' });
    const r17 = await keep(api.cluster.connect({ sitePath: live.siteFile, installDir: older.dir, viaAddress: '127.0.0.1' }));
    expect(r17.installDir).toMatchObject({ stored: [...NAMES], missing: [], agentTokenField: 'AgentAuthToken' });
    expect(await store.get('agent-auth-token')).toBe(older.tokens.agent);

    const oldest = await folder({ generation: '4.16', kubeadminPassword: null });
    const r16 = await keep(api.cluster.connect({ sitePath: live.siteFile, installDir: oldest.dir, viaAddress: '127.0.0.1' }));
    expect(r16.installDir?.stored).toEqual(['kubeconfig']);
    expect(r16.installDir?.agentTokenField).toBeUndefined();
    const missing = Object.fromEntries(r16.installDir!.missing.map((m) => [m.name, m.message]));
    expect(Object.keys(missing).sort()).toEqual(['agent-auth-token', 'kubeadmin-password']);
    expect(missing['kubeadmin-password']).toContain(`${path.join(oldest.dir, 'auth', 'kubeadmin-password')} is not there`);
    expect(missing['agent-auth-token']).toContain('has no *gencrypto.AuthConfig entry: openshift-install 4.16 and older make no agent API token');
  });

  it('an empty password file (a hash-only install) and no state file are said in words', async () => {
    const { api } = await start();
    const made = await folder({ kubeadminPassword: '', noState: true });
    const result = await keep(api.cluster.connect({ sitePath: live.siteFile, installDir: made.dir, viaAddress: '127.0.0.1' }));
    const missing = Object.fromEntries(result.installDir!.missing.map((m) => [m.name, m.message]));
    expect(missing['kubeadmin-password']).toContain('is empty: the install was given only a password hash');
    expect(missing['agent-auth-token']).toContain('.openshift_install_state.json is not there, so the agent API token is not either');
    expect(result.installDir?.stored).toEqual(['kubeconfig']);
  });

  it('keeps nothing from the folder of another cluster, or from a folder without auth/kubeconfig', async () => {
    const { api } = await start();
    const other = await folder({ kubeconfig: live.server.kubeconfig({ server: 'https://api.lab.example.net:6443' }) });
    const refused = await keep(api.cluster.connect({ sitePath: live.siteFile, installDir: other.dir }));
    expect(refused.state).toBe('failed');
    expect(refused.failure?.kind).toBe('bad-kubeconfig');
    expect(refused.failure?.message).toContain(`Nothing was kept from ${other.dir}.`);
    expect(refused.failure?.message).toContain("this site's API is https://api.acp.plant-a.example.com:6443");
    expect(refused.installDir?.stored).toEqual([]);

    const bare = path.join(live.dir, 'not-an-install');
    await mkdir(bare, { recursive: true });
    const empty = await keep(api.cluster.connect({ sitePath: live.siteFile, installDir: bare }));
    expect(empty.failure?.kind).toBe('no-kubeconfig');
    expect(empty.installDir?.missing.map((m) => m.name)).toEqual([...NAMES]);
    expect(empty.installDir?.missing[0]?.message).toContain('choose the folder `openshift-install agent create image` ran in');
    for (const name of NAMES) expect(await api.secrets.has({ name }), name).toBe(false);
  });

  it('refuses a file, a missing folder and kubeconfigPath together with installDir', async () => {
    const { api } = await start();
    const made = await folder();
    expect((await failure(keep(api.cluster.connect({ sitePath: live.siteFile, installDir: path.join(made.dir, 'auth', 'kubeconfig') })))).code).toBe('invalid-input');
    expect((await failure(keep(api.cluster.connect({ sitePath: live.siteFile, installDir: path.join(live.dir, 'nowhere') })))).code).toBe('not-found');
    const both = await failure(keep(api.cluster.connect({ sitePath: live.siteFile, installDir: made.dir, kubeconfigPath: live.kubeconfigFile })));
    expect(both.code).toBe('invalid-input');
    expect(both.message).toContain('installDir goes without kubeconfigPath');
  });

  it('desktop app: only a folder chosen in the install-folder dialog is read', async () => {
    const made = await folder();
    const policy = createPathAllowList();
    policy.grant(live.siteFile);
    const dialogs: SiteDialogs = {
      chooseSiteToOpen: async () => undefined,
      chooseSaveLocation: async () => undefined,
      chooseFolder: async () => undefined,
      chooseInstallDir: async () => made.dir,
    };
    const { api } = await start({ mode: 'electron', pathPolicy: policy, dialogs });
    const refused = await failure(keep(api.cluster.connect({ sitePath: live.siteFile, installDir: made.dir })));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('was not chosen in Sitekit: choose the install folder');
    expect(await keep(api.site.choose({ purpose: 'install-dir' }))).toEqual({ supported: true, path: made.dir });
    const result = await keep(api.cluster.connect({ sitePath: live.siteFile, installDir: made.dir, viaAddress: '127.0.0.1' }));
    expect(result.installDir?.stored).toEqual([...NAMES]);
  });

  it('a store that cannot encrypt keeps the folder only with consent', async () => {
    const made = await folder();
    const dataDir = path.join(live.dir, 'plain');
    await mkdir(dataDir, { recursive: true });
    const plain = new SafeStorageSecretStore(
      {
        isEncryptionAvailable: () => true,
        encryptString: (s: string) => Buffer.from(s, 'utf8'),
        decryptString: (b: Buffer) => b.toString('utf8'),
        getSelectedStorageBackend: () => 'basic_text',
      },
      path.join(dataDir, 'secrets.json'),
    );
    const { api } = await start({ secrets: plain, settingsDir: dataDir, secretsFile: path.join(dataDir, 'secrets.json') });
    const refused = await failure(keep(api.cluster.connect({ sitePath: live.siteFile, installDir: made.dir })));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('kubeconfig, kubeadmin-password, agent-auth-token');
    expect(refused.message).toContain(PLAIN_TEXT_CONSENT_LABEL);
    for (const name of NAMES) expect(await api.secrets.has({ name }), name).toBe(false);
    const agreed: ClusterConnectResult = await keep(api.cluster.connect({ sitePath: live.siteFile, installDir: made.dir, viaAddress: '127.0.0.1', allowPlainText: true }));
    expect(agreed.installDir?.stored).toEqual([...NAMES]);
  });

  it("a token kept with another cluster's folder is not sent to this site's rendezvous host", async () => {
    const made = await folder();
    const { api } = await start();
    await keep(api.cluster.connect({ sitePath: live.siteFile, installDir: made.dir, viaAddress: '127.0.0.1' }));
    // Site B: the same plan for another cluster name.
    const siteB = path.join(live.dir, 'site-b', 'site.yaml');
    await mkdir(path.dirname(siteB), { recursive: true });
    await writeFile(siteB, (await readFile(live.siteFile, 'utf8')).replace(/^ {2}name: acp$/m, '  name: acp-b'));
    const refused = await failure(keep(api.cluster.watchInstall({ sitePath: siteB, taskId: 'b-watch', agentAddress: '127.0.0.1:1' })));
    expect(refused.message).toContain(`The stored agent API token came with the install folder of ${origin()}, not this site's cluster`);
  });
});
