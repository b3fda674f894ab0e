// The fixture objects (test/kube/fixtures, SOURCES.md) seed the test API server and come back
// through the real client: every kind they use is served, and the facts the cluster checks
// rely on are where the real objects keep them.

import * as k8s from '@kubernetes/client-node';
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR, loadFixture, seedFixtures } from '../../kube/api-server/fixtures.js';
import { startTestApiServer, type TestApiServer } from '../../kube/api-server/index.js';

let server: TestApiServer;
let objects: k8s.KubernetesObjectApi;

const fixtureFiles = [
  ...readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.yaml')),
  ...readdirSync(`${FIXTURES_DIR}plant-a`).filter((f) => f.endsWith('.yaml')).map((f) => `plant-a/${f}`),
];

beforeAll(async () => {
  server = await startTestApiServer();
  const kc = new k8s.KubeConfig();
  kc.loadFromString(server.kubeconfig({ server: server.url }));
  objects = k8s.KubernetesObjectApi.makeApiClient(kc);
});

afterAll(async () => {
  await server.close();
});

describe('fixtures', () => {
  it.each(fixtureFiles)('%s seeds the store and reads back through client-node', async (file) => {
    const seeded = seedFixtures(server.store, file);
    expect(seeded.length).toBeGreaterThan(0);
    for (const object of seeded) {
      const metadata = object.metadata as { name: string; namespace?: string };
      const read = await objects.read({ apiVersion: String(object.apiVersion), kind: String(object.kind), metadata });
      expect(read.metadata?.name).toBe(metadata.name);
    }
  });

  it('gives a compact cluster: three nodes with every role and an InternalIP', () => {
    const nodes = loadFixture('plant-a/nodes.yaml');
    expect(nodes.map((n) => (n.metadata as { name: string }).name)).toEqual(['acp-1', 'acp-2', 'acp-3']);
    for (const node of nodes) {
      const labels = (node.metadata as { labels: Record<string, string> }).labels;
      expect(Object.keys(labels)).toEqual(expect.arrayContaining(['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master', 'node-role.kubernetes.io/worker']));
      const addresses = (node.status as { addresses: { type: string; address: string }[] }).addresses;
      expect(addresses.find((a) => a.type === 'InternalIP')?.address).toMatch(/^10\.10\.0\.1[123]$/);
    }
  });

  it('keeps install progress in the ClusterVersion Progressing message', () => {
    const [installing] = loadFixture('plant-a/clusterversion-installing.yaml');
    const conditions = (installing!.status as { conditions: { type: string; status: string; message?: string }[] }).conditions;
    expect(conditions.find((c) => c.type === 'Progressing')?.message).toMatch(/^Working towards 4\.18\.9: \d+ of \d+ done \(\d+% complete\)/);
    expect(conditions.find((c) => c.type === 'Available')?.status).toBe('False');
    const clusterOperators = loadFixture('clusteroperators-completed.yaml');
    expect(clusterOperators.length).toBeGreaterThan(20);
    expect(clusterOperators.every((co) => co.kind === 'ClusterOperator')).toBe(true);
  });

  it('has the VIPs in the Infrastructure platform status', () => {
    const [infrastructure] = loadFixture('plant-a/infrastructure.yaml');
    expect(infrastructure!.status).toMatchObject({ platformStatus: { type: 'BareMetal', baremetal: { apiServerInternalIPs: ['10.10.0.5'], ingressIPs: ['10.10.0.6'] } } });
  });
});
