// applyObject's outcome against the test API server with the real client: created, unchanged,
// changed — and unchanged still when an operator writes the object (its status) between
// Sitekit's read and its apply, which moves the resourceVersion without any change of Sitekit's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyObject } from '../../../main/core/cluster/bootstrap/apply';
import type { ClusterClient, KubeObject } from '../../../main/core/cluster/client';
import { startTestApiServer, type TestApiServer } from '../../kube/api-server/index';
import { clientFor } from '../../kube/scenarios/cluster';

let server: TestApiServer;
let client: ClusterClient;

beforeAll(async () => {
  server = await startTestApiServer();
  client = clientFor(server);
});
afterAll(async () => {
  await server?.close();
});

const FILE = 'gitops/bootstrap/01-gitops-operator.yaml';
const subscription = (name: string, channel: string): KubeObject => ({
  apiVersion: 'operators.coreos.com/v1alpha1',
  kind: 'Subscription',
  metadata: { name, namespace: 'openshift-gitops-operator' },
  spec: { channel, installPlanApproval: 'Automatic', name: 'openshift-gitops-operator', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' },
});
const refOf = (object: KubeObject) => ({ apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, namespace: object.metadata.namespace });

/** The client, with OLM writing the Subscription's status just before each apply reaches the server. */
function racingOlm(state: () => string): ClusterClient {
  return {
    ...client,
    apply: async (object, options) => {
      server.store.setStatus(refOf(object), { state: state(), lastUpdated: new Date().toISOString() }, { manager: 'catalog' });
      return client.apply(object, options);
    },
  };
}

describe('applyObject outcomes', () => {
  it('created, then unchanged, then changed when a value Sitekit sets differs', async () => {
    const object = subscription('plain', 'latest');
    expect((await applyObject(client, { object, file: FILE })).outcome).toBe('created');
    expect((await applyObject(client, { object, file: FILE })).outcome).toBe('unchanged');
    expect((await applyObject(client, { object: subscription('plain', 'gitops-1.15'), file: FILE })).outcome).toBe('changed');
  });

  it('an operator writing the object between the read and the apply does not make it "changed"', async () => {
    const object = subscription('raced', 'latest');
    expect((await applyObject(client, { object, file: FILE })).outcome).toBe('created');
    let n = 0;
    const racing = racingOlm(() => `UpgradePending-${++n}`);

    expect((await applyObject(racing, { object, file: FILE })).outcome).toBe('unchanged');
    expect((await applyObject(racing, { object: subscription('raced', 'gitops-1.15'), file: FILE })).outcome).toBe('changed');
  });
});
