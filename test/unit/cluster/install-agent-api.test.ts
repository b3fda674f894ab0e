// The agent REST API client and what its answers mean, against the test agent API (real HTTP on
// loopback, assisted-service's sample objects and auth rules: test/kube/agent-api/SOURCES.md).
import { afterEach, describe, expect, it } from 'vitest';
import { AgentApiClient, agentAuthHeaderFor, rendezvousAddress } from '../../../main/core/cluster/install/agent-api';
import { agentInstallProgress } from '../../../main/core/cluster/install/agent-progress';
import type { InstallProgress as P } from '../../../main/core/cluster/types';
import { ClusterError } from '../../../main/core/cluster/failure';
import { startTestAgentApi, type TestAgentApi } from '../../kube/agent-api/index';
import { plantACluster, plantAInstallSteps } from '../../kube/agent-api/plant-a';
import { exampleSite } from '../../helpers/example-site';

const site = exampleSite();
const planned = site.nodes.map((n) => n.hostname);
let api: TestAgentApi | undefined;

afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function registered(options: Parameters<typeof startTestAgentApi>[0] = {}): Promise<TestAgentApi> {
  api = await startTestAgentApi(options);
  const { cluster, infraEnv } = plantACluster(site);
  api.register(cluster, infraEnv);
  return api;
}

function clientFor(server: TestAgentApi, token: string | undefined, openshiftVersion = '4.18') {
  return new AgentApiClient({ address: server.address, port: server.port, authToken: token, openshiftVersion, clusterName: 'acp' });
}

async function failureOf(promise: Promise<unknown>): Promise<ClusterError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ClusterError) return error;
    throw error;
  }
  throw new Error('expected a ClusterError');
}

describe('agent API: where and how', () => {
  it('finds the rendezvous host where agent-config puts it: the first node on the cluster network', () => {
    expect(rendezvousAddress(site)).toBe('10.10.0.11');
  });

  it('sends the token in Watcher-Authorization from 4.18, in Authorization before', () => {
    expect(agentAuthHeaderFor('4.18')).toBe('Watcher-Authorization');
    expect(agentAuthHeaderFor('4.19.3')).toBe('Watcher-Authorization');
    expect(agentAuthHeaderFor('4.17.9')).toBe('Authorization');
    expect(agentAuthHeaderFor('4.16')).toBe('Authorization');
  });

  it('reads the cluster with its hosts and the newest event, with the watcher token in its header', async () => {
    const server = await registered();
    server.addEvent('Updated status of the cluster to insufficient');
    const client = clientFor(server, server.tokens.watcher);
    const snapshot = await client.snapshot();
    expect(snapshot.cluster?.name).toBe('acp');
    expect(snapshot.cluster?.hosts?.map((h) => h.requested_hostname)).toEqual(planned);
    expect(snapshot.lastEvent?.message).toBe('Updated status of the cluster to insufficient');
    expect(server.requests.map((r) => r.path)).toEqual([
      '/api/assisted-install/v2/clusters',
      `/api/assisted-install/v2/clusters/${snapshot.cluster?.id}`,
      '/api/assisted-install/v2/events',
    ]);
    expect(server.requests.every((r) => r.authHeaders.join() === 'watcher-authorization' && r.status === 200)).toBe(true);
    expect(server.requests[2]!.query).toMatchObject({ limit: '1', order: 'descending' });

    // The cluster id is kept: the next look does not list again.
    await client.snapshot();
    expect(server.requests.filter((r) => r.path.endsWith('/v2/clusters'))).toHaveLength(1);
  });

  it('takes a token pasted with its line break (Node refuses a header value with one)', async () => {
    const server = await registered();
    const snapshot = await clientFor(server, `${server.tokens.watcher}\n`).snapshot();
    expect(snapshot.cluster?.name).toBe('acp');
  });

  it('says the cluster is not registered yet while the list is empty', async () => {
    api = await startTestAgentApi();
    const snapshot = await clientFor(api, api.tokens.watcher).snapshot();
    expect(snapshot.cluster).toBeUndefined();
    const progress = agentInstallProgress(snapshot, planned);
    expect(progress.overall.state).toBe('waiting');
    expect(progress.overall.message).toMatch(/not registered yet/);
    expect(progress.nodes.map((n) => n.stage)).toEqual(['Not registered yet', 'Not registered yet', 'Not registered yet']);
  });

  it('falls back to the Authorization header of 4.17 when the plan says 4.18 but the ISO is older', async () => {
    const server = await registered({ authHeader: 'Authorization' });
    const client = clientFor(server, server.tokens.watcher, '4.18');
    expect((await client.snapshot()).cluster?.status).toBe('insufficient');
    // First try refused (401), the other header worked and is kept.
    expect(server.requests[0]).toMatchObject({ status: 401, authHeaders: ['watcher-authorization'] });
    expect(server.requests.slice(1).every((r) => r.status === 200 && r.authHeaders.join() === 'authorization')).toBe(true);
  });

  it('explains a missing token, a wrong one and the wrong persona, without ever showing the token', async () => {
    const server = await registered();
    const missing = await failureOf(clientFor(server, undefined).snapshot());
    expect(missing.failure.kind).toBe('unauthorized');
    expect(missing.failure.message).toMatch(/WatcherAuthToken \(OpenShift 4\.17: AgentAuthToken\).*\.openshift_install_state\.json.*agent-auth-token/);

    const wrong = await failureOf(clientFor(server, 'eyJhbGciOiJFUzI1NiJ9.e30.not-this-iso').snapshot());
    expect(wrong.failure.kind).toBe('unauthorized');
    expect(JSON.stringify(wrong.failure)).not.toContain('not-this-iso');

    const agentToken = server.tokens.agent;
    const persona = await failureOf(
      new AgentApiClient({ address: server.address, port: server.port, authToken: agentToken, authHeader: 'Watcher-Authorization' }).snapshot(),
    );
    expect(persona.failure.kind).toBe('forbidden');
    expect(persona.failure.message).toMatch(/watcher token/);
    expect(persona.failure.detail).toContain('authClaim agentAuth is unauthorized to access');
    for (const error of [missing, wrong, persona]) {
      const text = JSON.stringify({ failure: error.failure, message: error.message });
      for (const token of Object.values(server.tokens)) expect(text).not.toContain(token);
    }
  });

  it('says the rendezvous host is not answering when the port is closed', async () => {
    const server = await registered();
    const client = clientFor(server, server.tokens.watcher);
    await server.close();
    const refused = await failureOf(client.snapshot());
    expect(refused.failure.kind).toBe('refused');
    expect(refused.failure.retryable).toBe(true);
    expect(refused.failure.message).toMatch(/rendezvous host/);
  });

  it('stops at once when cancelled', async () => {
    const server = await registered();
    const controller = new AbortController();
    controller.abort();
    const cancelled = await failureOf(clientFor(server, server.tokens.watcher).snapshot(controller.signal));
    expect(cancelled.failure.kind).toBe('cancelled');
  });
});

describe('agent API: what the install looks like', () => {
  it('follows plant-a from discovery to the bootstrap reboot, per node and overall', async () => {
    const server = await registered();
    const client = clientFor(server, server.tokens.watcher);
    const seen = [agentInstallProgress(await client.snapshot(), planned)];
    for (const step of plantAInstallSteps(site)) {
      step(server);
      seen.push(agentInstallProgress(await client.snapshot(), planned));
    }
    expect(seen).toHaveLength(8);
    const [discovered, ready, preparing, starting, writing, rebooting, joined, bootstrapReboot] = seen as [P, P, P, P, P, P, P, P];

    expect(discovered.source).toBe('agent-api');
    expect(discovered.overall).toMatchObject({ state: 'waiting' });
    expect(discovered.overall.message).toMatch(/^Cluster is not ready for install\. Check validations/);
    expect(discovered.nodes.map((n) => n.state)).toEqual(['waiting', 'waiting', 'waiting']);
    expect(discovered.nodes[0]!.message).toBe('Waiting for host to send hardware details');

    expect(ready.overall.message).toMatch(/^Cluster is ready for install/);
    expect(preparing.overall).toMatchObject({ state: 'running', percent: 5 });
    expect(starting.nodes.map((n) => n.stage)).toEqual(['Starting installation', 'Starting installation', 'Starting installation']);
    expect(starting.nodes[0]!.role).toBe('master, bootstrap');

    expect(writing.overall.state).toBe('running');
    expect(writing.overall.message).toMatch(/^Cluster installation in progress\. Installation in progress\. Last event: Host acp-2/);
    expect(writing.nodes[1]).toMatchObject({ name: 'acp-2', state: 'running', stage: 'Writing image to disk (56%)', percent: 37 });

    expect(rebooting.nodes.map((n) => n.stage)).toEqual(['Waiting for control plane', 'Rebooting', 'Rebooting']);
    expect(joined.nodes.map((n) => n.stage)).toEqual(['Waiting for controller', 'Joined', 'Joined']);
    expect(bootstrapReboot.nodes[0]).toMatchObject({ stage: 'Rebooting', percent: 72 });

    const percents = seen.map((p) => p.overall.percent ?? 0);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
    expect(bootstrapReboot.overall.percent).toBeGreaterThan(50);
  });

  it('marks installed as done, a failed host with its reason, and a host waiting for the technician', async () => {
    const server = await registered();
    const client = clientFor(server, server.tokens.watcher);
    server.setCluster({ status: 'installing-pending-user-action', status_info: 'Cluster has hosts pending user action' });
    server.setHost('acp-3', {
      status: 'installing-pending-user-action',
      status_info:
        'Expected the host to boot from disk, but it booted the installation image - please reboot and fix boot order to boot from disk HGST_HUS722T2TALA604 (sda)',
    });
    const pending = agentInstallProgress(await client.snapshot(), planned);
    expect(pending.overall.state).toBe('waiting');
    expect(pending.overall.message).toMatch(/acp-3: Action needed: Expected the host to boot from disk/);
    expect(pending.nodes[2]).toMatchObject({ state: 'waiting' });

    server.setCluster({ status: 'error', status_info: 'cluster has hosts in error' });
    server.setHost('acp-2', {
      status: 'error',
      status_info: 'Host failed to install because its installation stage Writing image to disk did not sufficiently progress in the last 20m0s.',
      progress: { current_stage: 'Writing image to disk', progress_info: '12%' },
    });
    const failed = agentInstallProgress(await client.snapshot(), planned);
    expect(failed.overall.state).toBe('failed');
    expect(failed.nodes[1]).toMatchObject({ state: 'failed', stage: 'Writing image to disk (12%)' });
    expect(failed.overall.message).toMatch(/acp-2: Host failed to install because its installation stage Writing image to disk/);
    expect(failed.overall.message).toContain('"ssh core@127.0.0.1 agent-gather -O > agent-gather.tar.xz"');

    for (const name of planned) server.setHost(name, { status: 'installed', status_info: 'Done', progress: { current_stage: 'Done', installation_percentage: 100 } });
    server.setCluster({ status: 'installed', status_info: 'Cluster is installed', progress: { total_percentage: 100 } });
    const installed = agentInstallProgress(await client.snapshot(), planned);
    expect(installed.overall).toMatchObject({ state: 'done', percent: 100, message: 'Cluster is installed.' });
    expect(installed.nodes.every((n) => n.state === 'done' && n.percent === 100)).toBe(true);
  });

  it('lists a host the plan does not know after the planned ones, and a planned host that never registered', async () => {
    const server = await registered();
    const cluster = server.cluster()!;
    const hosts = cluster.hosts as Record<string, unknown>[];
    server.setCluster({ hosts: [hosts[0], hosts[1], { ...hosts[2], requested_hostname: 'localhost', id: 'a5bd1ec4-0000-4000-8000-000000000003' }] });
    const progress = agentInstallProgress(await clientFor(server, server.tokens.watcher).snapshot(), planned);
    expect(progress.nodes.map((n) => n.name)).toEqual(['acp-1', 'acp-2', 'acp-3', 'localhost']);
    expect(progress.nodes[2]).toMatchObject({ state: 'waiting', stage: 'Not registered yet' });
  });
});
