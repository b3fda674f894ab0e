// A test API server that answers like plant-a's installed cluster (the captured-shape fixtures
// of test/kube/fixtures/plant-a: three Ready nodes, ClusterVersion 4.18 installed, the
// Infrastructure with the VIPs, the ClusterOperators of a finished install) and plays its
// operators for the bootstrap (test/kube/scenarios/plant-a.ts); a site folder with plant-a's
// site.yaml and the installer's auth/kubeconfig for it, as the technician has them.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { startTestApiServer, type JsonObject, type TestApiServer, type TestApiServerOptions } from '../../kube/api-server/index';
import { playPlantA, type PlantAScenario, type PlantAScenarioOptions } from '../../kube/scenarios/plant-a';

const FIXTURES = fileURLToPath(new URL('../../kube/fixtures/', import.meta.url));
export const EXAMPLE = fileURLToPath(new URL('../../../resources/examples/plant-a.site.yaml', import.meta.url));

async function fixtureObjects(file: string): Promise<JsonObject[]> {
  const data = YAML.parse(await readFile(path.join(FIXTURES, file), 'utf8')) as JsonObject & { items?: JsonObject[] };
  return data.kind === 'List' || Array.isArray(data.items) ? (data.items ?? []) : [data];
}

/**
 * The release plant-a's installed cluster runs (plant-a/clusterversion-installed.yaml) and the
 * Kubernetes line OpenShift 4.18 ships (1.31; the build suffix is illustrative). The captured
 * objects come from clusters of other releases: their operator versions, kubelet versions and
 * /version are set to these, as an installed 4.18.9 cluster reports them.
 */
export const PLANT_A_RELEASE = '4.18.9';
export const PLANT_A_KUBE_VERSION = { major: '1', minor: '31', gitVersion: 'v1.31.7+1b5f2c4', gitCommit: '1b5f2c4' };

/** Seeds the objects of an installed plant-a cluster. */
export async function seedInstalledCluster(server: TestApiServer): Promise<void> {
  for (const file of ['plant-a/nodes.yaml', 'plant-a/clusterversion-installed.yaml', 'plant-a/infrastructure.yaml', 'clusteroperators-completed.yaml']) {
    for (const object of await fixtureObjects(file)) server.store.put(asPlantARelease(object));
  }
}

function asPlantARelease(object: JsonObject): JsonObject {
  const status = object.status as { versions?: { name: string; version: string }[]; nodeInfo?: { kubeletVersion?: string } } | undefined;
  if (object.kind === 'ClusterOperator' && status?.versions) {
    status.versions = status.versions.map((v) => (v.name === 'operator' ? { ...v, version: PLANT_A_RELEASE } : v));
  }
  if (object.kind === 'Node' && status?.nodeInfo?.kubeletVersion) status.nodeInfo.kubeletVersion = PLANT_A_KUBE_VERSION.gitVersion;
  return object;
}

export interface LivePlantA {
  server: TestApiServer;
  scenario: PlantAScenario;
  dir: string;
  siteFile: string;
  kubeconfigFile: string;
  kubeconfigText: string;
  close(): Promise<void>;
}

export async function startLivePlantA(options: PlantAScenarioOptions = {}, serverOptions: TestApiServerOptions = {}): Promise<LivePlantA> {
  const server = await startTestApiServer({ ...serverOptions, version: { ...PLANT_A_KUBE_VERSION, ...serverOptions.version } });
  await seedInstalledCluster(server);
  const scenario = playPlantA(server, options);
  const dir = await mkdtemp(path.join(tmpdir(), 'sitekit-live-'));
  const siteFile = path.join(dir, 'site.yaml');
  await writeFile(siteFile, await readFile(EXAMPLE, 'utf8'));
  const kubeconfigFile = path.join(dir, 'install', 'auth', 'kubeconfig');
  await mkdir(path.dirname(kubeconfigFile), { recursive: true });
  // As openshift-install writes it: https://api.acp.plant-a.example.com:<port>, which does not
  // resolve here, so the tests go through the "API VIP" 127.0.0.1 with the name kept for TLS.
  const kubeconfigText = server.kubeconfig();
  await writeFile(kubeconfigFile, kubeconfigText, { mode: 0o600 });
  return {
    server,
    scenario,
    dir,
    siteFile,
    kubeconfigFile,
    kubeconfigText,
    async close() {
      scenario.stop();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The key material of a kubeconfig: each base64 value and the PEM lines it decodes to. */
export function keyMaterial(kubeconfigText: string): string[] {
  const values = [...kubeconfigText.matchAll(/(client-key-data|client-certificate-data|token):\s*(\S+)/g)].map((m) => m[2]!);
  const pemLines = values
    .filter((v) => /^[A-Za-z0-9+/=]+$/.test(v))
    .flatMap((v) => Buffer.from(v, 'base64').toString('utf8').split('\n'))
    .filter((line) => line.length >= 40 && !line.startsWith('-----'));
  return [...values, ...pemLines];
}
