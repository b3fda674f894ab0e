// connectCluster against the test API server, through the "API VIP" 127.0.0.1 with the API
// name kept for TLS: first contact, acceptance, pinned, pin changed after a CA rotation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectCluster, normalizeFingerprint, planRoutes } from '../../../main/core/cluster/connect';
import type { ApiPin, ApiRoute } from '../../../main/core/cluster/types';
import { startTestApiServer, type TestApiServer } from '../../kube/api-server/index';
import { closedPort } from './helpers/tls-bed';

let server: TestApiServer;
let route: ApiRoute;
let pin: ApiPin | undefined;
const now = () => new Date('2025-03-01T10:00:00Z');

beforeAll(async () => {
  server = await startTestApiServer();
  route = { server: `https://${server.hostName}:${server.port}`, viaAddress: '127.0.0.1' };
  // ClusterVersion after an install (openshift/api config/v1 ClusterVersionStatus fields).
  server.store.put({
    apiVersion: 'config.openshift.io/v1',
    kind: 'ClusterVersion',
    metadata: { name: 'version' },
    spec: { clusterID: '2b3d7e5c-4a61-4f38-9b1e-0c2d5f7a9e10' },
  });
  server.store.setStatus(
    { apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', name: 'version' },
    {
      desired: { version: '4.16.12', image: 'quay.io/openshift-release-dev/ocp-release@sha256:1f0ae1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e' },
      history: [{ state: 'Completed', version: '4.16.12', startedTime: '2025-03-01T08:02:11Z', completionTime: '2025-03-01T08:41:53Z', verified: false, image: 'quay.io/openshift-release-dev/ocp-release@sha256:1f0ae1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e' }],
    },
  );
});
afterAll(async () => {
  await server?.close();
});

describe('connectCluster', () => {
  it('first contact stops at needs-acceptance with the fingerprints to compare', async () => {
    const { result, client, newPin } = await connectCluster({ kubeconfigText: server.kubeconfig(), route, now });
    expect(result.state).toBe('needs-acceptance');
    expect(result.identity?.ca.sha256).toBe(server.caSha256);
    expect(result.identity?.leaf.sha256).toBe(server.leafSha256);
    expect(result.failure?.kind).toBe('pin-unknown');
    expect(result.failure?.message).toContain(server.caSha256);
    // The CA is the kubeconfig's own: the message says so instead of asking for a comparison.
    expect(result.identity?.caFromKubeconfig).toBe(true);
    expect(result.failure?.message).toContain('the one in the kubeconfig openshift-install wrote');
    expect(client).toBeUndefined();
    expect(newPin).toBeUndefined();
  });

  it('first contact with a kubeconfig that has no CA: the presented CA, and how to check it', async () => {
    const withoutCa = server.kubeconfig().replace(/^\s*certificate-authority-data:.*\n/m, '');
    expect(withoutCa).not.toContain('certificate-authority-data');
    const { result } = await connectCluster({ kubeconfigText: withoutCa, route, now });
    expect(result.state).toBe('needs-acceptance');
    expect(result.identity?.caFromKubeconfig).toBe(false);
    // The test server presents only its leaf: that is the top of the chain shown.
    expect(result.identity?.ca.sha256).toBe(server.leafSha256);
    expect(result.failure?.message).toContain('the kubeconfig has no CA');
    expect(result.failure?.message).toContain('openssl x509 -noout -fingerprint -sha256');
  });

  it('a fingerprint that is not the one shown is not an acceptance', async () => {
    const wrong = 'SHA256:' + '00:'.repeat(31) + '00';
    const { result } = await connectCluster({ kubeconfigText: server.kubeconfig(), route, acceptCaSha256: wrong });
    expect(result.state).toBe('needs-acceptance');
    expect(result.failure?.message).toMatch(/not the one the API server shows now/);
  });

  it('accepted (pasted in any case, without colons): connected, with the pin to save and the versions', async () => {
    const pasted = server.caSha256.replace(/^SHA256:/, '').replace(/:/g, '').toLowerCase();
    const { result, client, newPin } = await connectCluster({ kubeconfigText: server.kubeconfig(), route, acceptCaSha256: pasted, now });
    expect(result).toMatchObject({ state: 'connected', user: 'system:admin', openshiftVersion: '4.16.12', route });
    expect(result.kubernetesVersion).toMatch(/^v1\./);
    expect(newPin).toEqual({ server: route.server, caSha256: server.caSha256, caPem: server.caPem, acceptedAt: '2025-03-01T10:00:00.000Z' });
    expect(result.pinned).toEqual({ caSha256: server.caSha256, acceptedAt: '2025-03-01T10:00:00.000Z' });
    expect((await client?.list('config.openshift.io/v1', 'ClusterVersion'))?.items).toHaveLength(1);
    pin = newPin;
  });

  it('pinned: connects without asking; the result never carries a credential', async () => {
    const { result, client, newPin } = await connectCluster({ kubeconfigText: server.kubeconfig(), route, pin });
    expect(result.state).toBe('connected');
    expect(newPin).toBeUndefined();
    expect(client).toBeDefined();
    const shown = JSON.stringify(result);
    expect(shown).not.toMatch(/PRIVATE KEY|client-key-data|BEGIN CERTIFICATE/);
  });

  it('a user the cluster does not accept: failed, with the sentence', async () => {
    const text = server.kubeconfig({ user: 'token' }).replace(/token: \S+/, 'token: wrong-token');
    const { result, client } = await connectCluster({ kubeconfigText: text, route, pin });
    expect(result.state).toBe('failed');
    expect(result.failure?.kind).toBe('unauthorized');
    expect(client).toBeUndefined();
  });

  it('nothing listening: failed with refused, no identity', async () => {
    const port = await closedPort();
    const text = server.kubeconfig({ server: `https://${server.hostName}:${port}` });
    const { result } = await connectCluster({ kubeconfigText: text, route: { server: `https://${server.hostName}:${port}`, viaAddress: '127.0.0.1' } });
    expect(result).toMatchObject({ state: 'failed', failure: { kind: 'refused', retryable: true } });
    expect(result.identity).toBeUndefined();
  });

  it('a kubeconfig Sitekit refuses: failed with bad-kubeconfig', async () => {
    const text = server.kubeconfig().replace('    server:', '    insecure-skip-tls-verify: true\n    server:');
    const { result } = await connectCluster({ kubeconfigText: text, route });
    expect(result).toMatchObject({ state: 'failed', failure: { kind: 'bad-kubeconfig' } });
  });

  it('after the CA changed: pin-changed with both fingerprints; the old kubeconfig alone is not enough either', async () => {
    const oldKubeconfig = server.kubeconfig();
    await server.rotateCa();
    const changed = await connectCluster({ kubeconfigText: server.kubeconfig(), route, pin });
    expect(changed.result.state).toBe('pin-changed');
    expect(changed.result.pinned?.caSha256).toBe(pin?.caSha256);
    expect(changed.result.identity?.ca.sha256).toBe(server.caSha256);
    expect(changed.result.identity?.ca.sha256).not.toBe(pin?.caSha256);
    expect(changed.client).toBeUndefined();

    // Without a pin, a CA the kubeconfig does not vouch for is never offered for acceptance.
    const untrusted = await connectCluster({ kubeconfigText: oldKubeconfig, route, acceptCaSha256: server.caSha256 });
    expect(untrusted.result).toMatchObject({ state: 'failed', failure: { kind: 'tls-untrusted' } });

    // A reinstalled cluster: the technician compares and explicitly accepts the new CA.
    const accepted = await connectCluster({ kubeconfigText: server.kubeconfig(), route, pin, acceptCaSha256: server.caSha256 });
    expect(accepted.result.state).toBe('connected');
    expect(accepted.newPin?.caSha256).toBe(server.caSha256);
  });

  it('a pin never stands in for the kubeconfig’s CA: a pinned CA the kubeconfig does not vouch for is refused', async () => {
    // A server that presents its CA after the leaf (as one in the middle can present any chain).
    const other = await startTestApiServer({ presentCaInChain: true });
    try {
      const otherRoute: ApiRoute = { server: `https://${other.hostName}:${other.port}`, viaAddress: '127.0.0.1' };
      const kubeconfigOfFirstCa = other.kubeconfig();
      await other.rotateCa();
      // .sitekit/cluster/api-pin.json for the CA now presented (planted in a copied site folder, say).
      const planted: ApiPin = { server: otherRoute.server, caSha256: other.caSha256, caPem: other.caPem, acceptedAt: '2025-03-01T10:00:00.000Z' };
      const outcome = await connectCluster({ kubeconfigText: kubeconfigOfFirstCa, route: otherRoute, pin: planted });
      expect(outcome.result).toMatchObject({ state: 'failed', failure: { kind: 'tls-untrusted' } });
      expect(outcome.result.failure?.message).toContain('not by the kubeconfig');
      expect(outcome.client).toBeUndefined();
      // The kubeconfig of that CA connects with the same pin.
      expect((await connectCluster({ kubeconfigText: other.kubeconfig(), route: otherRoute, pin: planted })).result.state).toBe('connected');
    } finally {
      await other.close();
    }
  });

  it('every request is verified against exactly the pinned CA', async () => {
    // Pinned to the current CA; the server then rotates: the client made earlier refuses it.
    const current = await connectCluster({ kubeconfigText: server.kubeconfig(), route, acceptCaSha256: server.caSha256 });
    expect(current.result.state).toBe('connected');
    await server.rotateCa();
    const error = await current.client?.list('v1', 'Node').catch((e: unknown) => e);
    expect((error as { failure?: { kind: string } }).failure?.kind).toBe('tls-untrusted');
  });
});

describe('planRoutes and fingerprints', () => {
  it('offers the API name, then each API VIP with the name kept', () => {
    const planned = planRoutes({ cluster: { name: 'acp', baseDomain: 'plant-a.example.com', apiVIPs: ['10.10.0.5', 'fd00:10::5'] } });
    expect(planned).toEqual({
      server: 'https://api.acp.plant-a.example.com:6443',
      apiVips: ['10.10.0.5', 'fd00:10::5'],
      routes: [
        { server: 'https://api.acp.plant-a.example.com:6443' },
        { server: 'https://api.acp.plant-a.example.com:6443', viaAddress: '10.10.0.5' },
        { server: 'https://api.acp.plant-a.example.com:6443', viaAddress: 'fd00:10::5' },
      ],
    });
  });

  it('normalizes a pasted fingerprint', () => {
    expect(normalizeFingerprint(' sha256:ab:cd:ef ')).toBe('SHA256:AB:CD:EF');
    expect(normalizeFingerprint('abcdef')).toBe('SHA256:AB:CD:EF');
  });
});
