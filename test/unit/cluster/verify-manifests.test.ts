// verifyCluster with the manifests of a sites-repository folder (issue 13 §4: HA readiness of
// "the live cluster and the manifests in the sites repo"): the real @kubernetes/client-node
// against the test API server for the live part, a folder read by readManifestFolder for the
// repository; the repository's findings join the live ones with file:line, a file that is not
// plain YAML is left out and named, and the verification says which folder was checked.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterClient, type ClusterClient } from '../../../main/core/cluster/client';
import { readManifestFolder } from '../../../main/core/cluster/ha/manifest-folder';
import { kubeConfigFor } from '../../../main/core/cluster/kubeconfig';
import { isHealthy, verifyCluster } from '../../../main/core/cluster/verify';
import { plantAVerification } from '../../helpers/live-verification';
import { exampleSite } from '../../helpers/example-site';
import { makeSitesRepo, SITES_REPO_FILES, SITES_REPO_SKIPPED } from '../../helpers/sites-repo';
import { startTestApiServer, type TestApiServer } from '../../kube/api-server/index';

let server: TestApiServer;
let client: ClusterClient;
let dir: string;

beforeAll(async () => {
  server = await startTestApiServer();
  const route = { server: `https://${server.hostName}:${server.port}`, viaAddress: '127.0.0.1' };
  client = createClusterClient(kubeConfigFor(server.kubeconfig(), { route }), { route });
  // One single-replica Deployment live, in the site's namespace.
  server.store.put({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'opc-gateway', namespace: 'plant-apps' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'opc-gateway' } },
      template: { metadata: { labels: { app: 'opc-gateway' } }, spec: { containers: [{ name: 'main', image: 'registry.example.com/plant/opc-gateway:1.0' }] } },
    },
  });
  dir = await makeSitesRepo();
});
afterAll(async () => {
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('verifyCluster with the manifests of the sites repository', () => {
  it('adds the repository’s HA findings with file:line to the live ones and records the folder', async () => {
    const folder = await readManifestFolder(dir);
    const v = await verifyCluster(client, exampleSite(), { manifests: folder.files, manifestsFrom: { dir: folder.dir, skipped: folder.skipped } });
    const single = v.ha.filter((f) => f.rule === 'ha.single-replica').map((f) => `${f.object.name} ${f.where}`);
    expect(single).toEqual(['opc-gateway live', 'historian apps/historian.yaml:9']);
    expect(v.ha.find((f) => f.where === 'apps/historian.yaml:9')?.object).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'historian', namespace: 'plant-apps' });
    expect(v.haSources).toEqual({
      live: true,
      manifestsDir: dir,
      files: SITES_REPO_FILES,
      skipped: SITES_REPO_SKIPPED,
    });
    // A budget in one file judged with the Deployment of another; errors come first.
    expect(v.ha[0]).toMatchObject({ severity: 'error', rule: 'ha.pdb-blocks-drain', where: 'apps/historian-pdb.yaml:7' });
  });

  it('an HA error in the repository alone makes the verification one with problems', async () => {
    const folder = await readManifestFolder(dir);
    const v = await verifyCluster(client, exampleSite(), { manifests: folder.files });
    const healthy = plantAVerification({ ha: [] });
    const clean = { ...healthy, drift: { ...healthy.drift, summary: { same: 1, different: 0, missing: 0, unknown: 0 } }, ha: v.ha };
    expect(isHealthy({ ...clean, ha: v.ha.filter((f) => f.where === 'live') })).toBe(true);
    expect(isHealthy(clean)).toBe(false);
    // Manifests handed in without their folder: counted, the folder not named.
    expect(v.haSources).toEqual({ live: true, files: SITES_REPO_FILES, skipped: SITES_REPO_SKIPPED });
  });

  it('without manifests says only the live cluster was checked', async () => {
    const v = await verifyCluster(client, exampleSite());
    expect(v.haSources).toEqual({ live: true });
    expect(v.ha.every((f) => f.where === 'live')).toBe(true);
  });
});
