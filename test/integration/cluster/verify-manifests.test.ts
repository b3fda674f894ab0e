// The HA check of the sites repository's manifests from the two doors: `sitekit cluster verify
// --manifests <dir>` and cluster.verify({sitePath, manifestsDir}) through the handler table,
// against the test API server playing plant-a with the real @kubernetes/client-node. A folder
// that cannot be used is refused before the cluster is asked; in the desktop app only a chosen
// folder is read, and never Sitekit's own data folder, not even below a chosen one.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/io';
import { main } from '../../../main/cli/program';
import type { LiveVerification } from '../../../main/core/cluster/types';
import type { PathPolicy } from '../../../main/host/file-access';
import { FileSecretStore } from '../../../main/host/secret-store';
import { makeSitesRepo, SITES_REPO_FILES, SITES_REPO_SKIPPED } from '../../helpers/sites-repo';
import { direct, failure } from '../../unit/contract/transports';
import { startLivePlantA, type LivePlantA } from './live-plant-a';

let live: LivePlantA;
let repo: string;

async function sitekit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (t) => (stdout += t), err: (t) => (stderr += t), color: false, errColor: false, errTty: false, command: 'sitekit' };
  const code = await main(['node', 'sitekit', ...args], io);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  live = await startLivePlantA();
  repo = await makeSitesRepo(live.dir);
});
afterAll(async () => {
  await live?.close();
});

describe('sitekit cluster verify --manifests', () => {
  const connect = () => ['--kubeconfig', live.kubeconfigFile, '--via', '127.0.0.1', '--accept-ca', live.server.caSha256];

  it('adds the repository’s HA findings with file:line and names the folder and what it left out', async () => {
    const run = await sitekit(['cluster', 'verify', live.siteFile, ...connect(), '--manifests', repo]);
    expect(run.stdout).toMatch(/warning ha\.single-replica Deployment plant-apps\/historian \(apps\/historian\.yaml:9\)/);
    expect(run.stdout).toMatch(/error ha\.pdb-blocks-drain PodDisruptionBudget plant-apps\/historian \(apps\/historian-pdb\.yaml:7\)/);
    expect(run.stdout).toContain(`manifests checked: ${repo} (${SITES_REPO_FILES} files)\nleft out:\n  ${SITES_REPO_SKIPPED[0]}\n  ${SITES_REPO_SKIPPED[1]}\n`);
    expect(run.code).toBe(1);
    const json = await sitekit(['cluster', 'verify', live.siteFile, ...connect(), '--manifests', path.relative(process.cwd(), repo), '--json']);
    const v = JSON.parse(json.stdout) as LiveVerification;
    expect(v.haSources).toEqual({ live: true, manifestsDir: repo, files: SITES_REPO_FILES, skipped: SITES_REPO_SKIPPED });
    expect(v.ha.find((f) => f.where === 'apps/historian.yaml:9')).toMatchObject({ rule: 'ha.single-replica', severity: 'warning' });
    // Saved for the report, which names the folder.
    const saved = JSON.parse(await readFile(path.join(live.dir, '.sitekit', 'cluster', 'verification.json'), 'utf8')) as LiveVerification;
    expect(saved.haSources?.manifestsDir).toBe(repo);
  });

  it('without --manifests says the repository was not checked', async () => {
    const run = await sitekit(['cluster', 'verify', live.siteFile, ...connect()]);
    expect(run.stdout).toContain('sites-repository manifests not checked: give the folder with --manifests <dir>');
  });

  it('a folder that is not there: exit 2, named, and the cluster is not asked', async () => {
    const before = live.server.requests.length;
    const missing = path.join(live.dir, 'no-such-repo');
    const run = await sitekit(['cluster', 'verify', live.siteFile, ...connect(), '--manifests', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`sitekit cluster verify: --manifests: The manifests folder ${missing} is not there.`);
    expect(live.server.requests.length).toBe(before);
  });

  it('is an option of verify only', async () => {
    const run = await sitekit(['cluster', 'drift', live.siteFile, ...connect(), '--manifests', repo]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("unknown option '--manifests'");
  });
});

describe('cluster.verify with manifestsDir', () => {
  /** A desktop path policy that grants what the test says was chosen. */
  function policy(granted: string[]): PathPolicy {
    const set = new Set(granted.map((p) => path.resolve(p)));
    return { grant: (p) => set.add(path.resolve(p)), isGranted: (p) => set.has(path.resolve(p)) };
  }

  async function start(pathPolicy?: PathPolicy) {
    const data = path.join(live.dir, 'data');
    const store = new FileSecretStore(path.join(data, 'secrets.json'));
    const { api } = await direct.start({
      mode: pathPolicy ? 'electron' : 'browser',
      secrets: store,
      settingsDir: data,
      secretsFile: path.join(data, 'secrets.json'),
      initialSitePath: live.siteFile,
      ...(pathPolicy ? { pathPolicy } : {}),
    });
    const connected = await api.cluster.connect({ sitePath: live.siteFile, kubeconfigPath: live.kubeconfigFile, viaAddress: '127.0.0.1', acceptCaSha256: live.server.caSha256, allowPlainText: true });
    expect(connected.state).toBe('connected');
    return api;
  }

  it('checks the folder’s manifests with the live cluster and records it', async () => {
    const api = await start();
    const v = await api.cluster.verify({ sitePath: live.siteFile, manifestsDir: repo });
    expect(v.haSources).toEqual({ live: true, manifestsDir: repo, files: SITES_REPO_FILES, skipped: SITES_REPO_SKIPPED });
    expect(v.ha.some((f) => f.where === 'apps/historian.yaml:9' && f.rule === 'ha.single-replica')).toBe(true);
    expect((await api.cluster.verify({ sitePath: live.siteFile })).haSources).toEqual({ live: true });
  });

  it('refuses a relative folder and an unknown field at the contract', async () => {
    const api = await start();
    expect((await failure(api.cluster.verify({ sitePath: live.siteFile, manifestsDir: 'sites/plant-a' }))).message).toContain('manifestsDir must be an absolute path');
    expect((await failure(api.cluster.verify({ sitePath: live.siteFile, manifests: [] } as never))).message).toContain('unknown field "manifests"');
  });

  it('desktop: only a chosen folder; never Sitekit’s own data, not even below a chosen folder', async () => {
    const chosen = policy([live.siteFile, live.kubeconfigFile]);
    const api = await start(chosen);
    const notChosen = await failure(api.cluster.verify({ sitePath: live.siteFile, manifestsDir: repo }));
    expect(notChosen.code).toBe('forbidden');
    expect(notChosen.message).toContain(`manifestsDir ${repo} was not chosen in Sitekit: choose the sites-repository folder with "Choose…".`);

    // Sitekit's data folder (here inside the site folder) holds YAML of its own: never read.
    const data = path.join(live.dir, 'data');
    await mkdir(path.join(data, 'drafts'), { recursive: true });
    await writeFile(path.join(data, 'drafts', 'draft.yaml'), 'kind: Deployment\n');
    chosen.grant(data);
    const own = await failure(api.cluster.verify({ sitePath: live.siteFile, manifestsDir: data }));
    expect(own.code).toBe('forbidden');
    expect(own.message).toContain("is in Sitekit's own data");

    chosen.grant(live.dir);
    const v = await api.cluster.verify({ sitePath: live.siteFile, manifestsDir: live.dir });
    expect(v.haSources?.skipped).toContain("data/: it is Sitekit's own data (settings, drafts, secrets), which is never read for a call");
    expect(v.ha.some((f) => f.where === 'sites-repo/apps/historian.yaml:9')).toBe(true);
  });
});
