// `sitekit cluster … --install-dir DIR`: the kubeconfig from DIR/auth/kubeconfig, and for status
// --watch --agent the agent API token from DIR/.openshift_install_state.json (the watcher token
// reaches the agent API in its header), against the test API server playing plant-a and the
// agent API stand-in; usage errors exit 2 with what to do; no output carries a token, the
// kubeadmin password or a key.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/io';
import { main } from '../../../main/cli/program';
import { startTestAgentApi } from '../../kube/agent-api/index';
import { plantACluster } from '../../kube/agent-api/plant-a';
import { writeInstallFolder, type FakeInstallFolder } from '../../kube/install-folder/index';
import { exampleSite } from '../../helpers/example-site';
import { keyMaterial, startLivePlantA, type LivePlantA } from './live-plant-a';

let live: LivePlantA;
let folder: FakeInstallFolder;
const outputs: string[] = [];
const secrets: string[] = [];

async function sitekit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => (stdout += t), err: (t) => (stderr += t), color: false, errColor: false, errTty: false, command: 'sitekit' };
  const saved = process.env.KUBECONFIG;
  delete process.env.KUBECONFIG;
  try {
    const code = await main(['node', 'sitekit', ...args], io);
    outputs.push(stdout, stderr);
    return { code, stdout, stderr };
  } finally {
    if (saved !== undefined) process.env.KUBECONFIG = saved;
  }
}

beforeAll(async () => {
  live = await startLivePlantA();
  folder = await writeInstallFolder(path.join(live.dir, 'install'), { kubeconfig: live.kubeconfigText, generation: '4.18' });
  secrets.push(...folder.secrets, ...keyMaterial(live.kubeconfigText));
});
afterAll(async () => {
  const all = outputs.join('\n');
  for (const secret of secrets) expect(all.includes(secret), 'a secret was printed').toBe(false);
  await live?.close();
});

describe('sitekit cluster --install-dir', () => {
  it('reads the kubeconfig from the folder: first contact, then status with the CA accepted', async () => {
    const first = await sitekit(['cluster', 'status', live.siteFile, '--install-dir', folder.dir, '--via', '127.0.0.1']);
    expect(first.code).toBe(2);
    expect(first.stderr).toContain(`sitekit cluster status ${live.siteFile} --install-dir ${folder.dir} --via 127.0.0.1 --accept-ca ${live.server.caSha256}`);
    const run = await sitekit(['cluster', 'status', live.siteFile, '--install-dir', folder.dir, '--via', '127.0.0.1', '--accept-ca', live.server.caSha256]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^install: done 100%/m);
  });

  it('status --watch --agent: the watcher token of the state file goes to the agent API', async () => {
    const agent = await startTestAgentApi({ tokens: { agent: folder.tokens.agent!, user: folder.tokens.user!, watcher: folder.tokens.watcher! } });
    try {
      const { cluster, infraEnv } = plantACluster(exampleSite());
      agent.register({ ...cluster, status: 'installed', status_info: 'Cluster is installed' }, infraEnv);
      const run = await sitekit(['cluster', 'status', live.siteFile, '--install-dir', folder.dir, '--via', '127.0.0.1', '--watch', '--agent', `127.0.0.1:${agent.port}`]);
      expect(run.code, run.stderr).toBe(0);
      const asked = agent.requests.filter((r) => r.path.startsWith('/api/assisted-install/v2/clusters'));
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every((r) => r.status === 200 && r.authHeaders.join() === 'watcher-authorization')).toBe(true);
    } finally {
      await agent.close();
    }
  });

  it('a folder without a token (4.16) says so and goes on without it', async () => {
    const old = await writeInstallFolder(path.join(live.dir, 'install-416'), { kubeconfig: live.kubeconfigText, generation: '4.16' });
    secrets.push(...old.secrets);
    const agent = await startTestAgentApi({ authHeader: 'none' });
    try {
      const { cluster, infraEnv } = plantACluster(exampleSite());
      agent.register({ ...cluster, status: 'installed', status_info: 'Cluster is installed' }, infraEnv);
      const run = await sitekit(['cluster', 'status', live.siteFile, '--install-dir', old.dir, '--via', '127.0.0.1', '--watch', '--agent', `127.0.0.1:${agent.port}`]);
      expect(run.stderr).toContain('no agent API token:');
      expect(run.stderr).toContain('4.16 and older make no agent API token');
      expect(run.code, run.stderr).toBe(0);
    } finally {
      await agent.close();
    }
  });

  it('usage: not with --kubeconfig, a missing folder, a folder without auth/kubeconfig — exit 2 with what to do', async () => {
    const both = await sitekit(['cluster', 'verify', live.siteFile, '--install-dir', folder.dir, '--kubeconfig', live.kubeconfigFile]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--install-dir and --kubeconfig go one at a time');
    const missing = await sitekit(['cluster', 'drift', live.siteFile, '--install-dir', path.join(live.dir, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('is not there');
    const bare = path.join(live.dir, 'bare');
    await mkdir(bare, { recursive: true });
    const noKubeconfig = await sitekit(['cluster', 'bootstrap', live.siteFile, '--install-dir', bare]);
    expect(noKubeconfig.code).toBe(2);
    expect(noKubeconfig.stderr).toContain(`${path.join(bare, 'auth', 'kubeconfig')} is not there: choose the folder \`openshift-install agent create image\` ran in`);
  });
});
