// Watching the plant-a install end to end with the real clients: the agent REST API (test
// stand-in over HTTP, test/kube/agent-api) while the rendezvous host serves it, then the cluster
// through @kubernetes/client-node against the test API server (HTTPS, LIST+WATCH), the cluster
// moved along by the test as the install would. No timing is asserted: the agent API advances one
// step per poll and the cluster one step per progress report.
import { afterEach, describe, expect, it } from 'vitest';
import { createClusterClient, type ClusterClient } from '../../../main/core/cluster/client';
import { ClusterError } from '../../../main/core/cluster/failure';
import { watchClusterInstall } from '../../../main/core/cluster/install/cluster-progress';
import { fetchLivePlanInput } from '../../../main/core/cluster/install/live-plan-input';
import { checkLiveAgainstPlan } from '../../../main/core/cluster/install/plan-check';
import { watchInstall } from '../../../main/core/cluster/install/watch-install';
import { kubeConfigFor } from '../../../main/core/cluster/kubeconfig';
import type { InstallProgress, LiveCheck } from '../../../main/core/cluster/types';
import { startTestAgentApi, type TestAgentApi } from '../../kube/agent-api/index';
import { plantACluster, plantAInstallSteps, playOnEachPoll } from '../../kube/agent-api/plant-a';
import { seedFixtures, loadFixture } from '../../kube/api-server/fixtures';
import { startTestApiServer, type JsonObject, type TestApiServer } from '../../kube/api-server/index';
import { exampleSite } from '../../helpers/example-site';
import { consoleStarting, fixture, nodeNetworkStateOf, schedulerObject } from '../../unit/cluster/install-live-objects';

const site = exampleSite();
const planned = site.nodes.map((n) => n.hostname);
const immediately = async (_ms: number, signal?: AbortSignal) => {
  if (signal?.aborted) throw new Error('aborted');
  await new Promise<void>((resolve) => setImmediate(resolve));
};

let servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

async function apiServer(): Promise<TestApiServer> {
  const server = await startTestApiServer();
  servers.push(server);
  return server;
}

async function agentApi(options: Parameters<typeof startTestAgentApi>[0] = {}): Promise<TestAgentApi> {
  const api = await startTestAgentApi(options);
  servers.push(api);
  return api;
}

/** The requests for objects (client-node's discovery of /api/v1 and /apis/<group>/<version> left out). */
function resourceRequests(server: TestApiServer) {
  return server.requests.filter((r) => !/^\/(api\/v1|apis\/[^/]+\/[^/]+)$/.test(r.path));
}

function clientOf(server: TestApiServer): ClusterClient {
  return createClusterClient(kubeConfigFor(server.kubeconfig({ server: server.url })));
}

/** plant-a mid-install: the CVO at 56%, the console not available yet, the nodes, Infrastructure, Scheduler, NMState. */
function seedInstalling(server: TestApiServer): void {
  seedFixtures(server.store, 'plant-a/clusterversion-installing.yaml', 'plant-a/nodes.yaml', 'plant-a/infrastructure.yaml');
  for (const operator of consoleStarting(fixture('clusteroperators-completed.yaml'))) server.store.put(operator as unknown as JsonObject);
  server.store.put(schedulerObject() as unknown as JsonObject);
  for (const node of planned) server.store.put(nodeNetworkStateOf(site, node) as unknown as JsonObject);
}

/** What the cluster version operator and the console operator write when the install completes. */
function completeInstall(server: TestApiServer): void {
  const [installed] = loadFixture('plant-a/clusterversion-installed.yaml');
  server.store.setStatus({ apiVersion: 'config.openshift.io/v1', kind: 'ClusterVersion', name: 'version' }, installed!.status as JsonObject);
  const consoleOperator = loadFixture('clusteroperators-completed.yaml').find((o) => (o.metadata as { name: string }).name === 'console')!;
  server.store.setStatus({ apiVersion: 'config.openshift.io/v1', kind: 'ClusterOperator', name: 'console' }, consoleOperator.status as JsonObject);
}

describe('the cluster part of the install, with watches', () => {
  it('follows ClusterVersion, ClusterOperators and Nodes until installed, without polling', async () => {
    const server = await apiServer();
    seedInstalling(server);
    const seen: InstallProgress[] = [];
    const final = await watchClusterInstall(clientOf(server), planned, {
      onProgress: (progress) => {
        seen.push(progress);
        if (seen.length === 1) completeInstall(server);
      },
    });
    expect(seen[0]!.overall).toMatchObject({ state: 'running', percent: 56 });
    expect(final.overall).toMatchObject({ state: 'done', percent: 100 });
    expect(final.overall.message).toBe('OpenShift 4.18.9 is installed; 33 of 33 operators available; 3 of 3 nodes Ready.');
    // One LIST per kind, then watches: the changes came as watch events, nothing was read twice.
    const reads = resourceRequests(server).filter((r) => !r.query.watch);
    expect(reads.map((r) => r.path).sort()).toEqual([
      '/api/v1/nodes',
      '/apis/config.openshift.io/v1/clusteroperators',
      '/apis/config.openshift.io/v1/clusterversions',
    ]);
    expect(resourceRequests(server).filter((r) => r.query.watch).length).toBeLessThanOrEqual(3);
  });

  it('reads what the plan check needs in five requests and finds the installed plant-a as planned', async () => {
    const server = await apiServer();
    seedInstalling(server);
    completeInstall(server);
    const live = await fetchLivePlanInput(clientOf(server));
    expect(live.unavailable).toBeUndefined();
    const checks = checkLiveAgainstPlan(site, live);
    expect(checks.filter((c) => c.state !== 'ok')).toEqual([]);
    expect(resourceRequests(server)).toHaveLength(5);
  });

  it('says why the MACs cannot be checked while NMState has reported nothing', async () => {
    const server = await apiServer();
    seedFixtures(server.store, 'plant-a/clusterversion-installing.yaml', 'plant-a/nodes.yaml');
    const live = await fetchLivePlanInput(clientOf(server));
    expect(live.unavailable).toMatchObject({
      nodeNetworkStates: 'NMState has not reported any node yet.',
      infrastructure: 'The cluster has no Infrastructure "cluster" object yet.',
    });
    const checks = checkLiveAgainstPlan(site, live);
    expect(checks.find((c) => c.id === 'node.mac')).toMatchObject({ state: 'unknown', note: 'NMState has not reported any node yet.' });
    expect(checks.find((c) => c.id === 'node.ip' && c.node === 'acp-1')?.state).toBe('ok');
  });
});

describe('watching the whole install', () => {
  it('goes from the agent API to the cluster when the rendezvous host reboots, and ends installed with the plan checks', async () => {
    const server = await apiServer();
    seedInstalling(server);
    const agent = await agentApi();
    const { cluster, infraEnv } = plantACluster(site);
    agent.register(cluster, infraEnv);
    playOnEachPoll(agent, plantAInstallSteps(site));

    const seen: InstallProgress[] = [];
    let completed = false;
    const checkRounds: LiveCheck[][] = [];
    const result = await watchInstall({
      site,
      agent: { address: agent.address, port: agent.port, authToken: agent.tokens.watcher },
      cluster: clientOf(server),
      agentPollMs: 0,
      sleep: immediately,
      onChecks: (checks) => checkRounds.push(checks),
      onProgress: (progress) => {
        seen.push(progress);
        if (progress.source === 'cluster' && progress.overall.state === 'running' && !completed) {
          completed = true;
          completeInstall(server);
        }
      },
    });

    const sources = seen.map((p) => p.source);
    const firstCluster = sources.indexOf('cluster');
    expect(firstCluster).toBeGreaterThan(5);
    expect(sources.slice(0, firstCluster).every((s) => s === 'agent-api')).toBe(true);
    expect(sources.slice(firstCluster).every((s) => s === 'cluster')).toBe(true);
    expect(seen.some((p) => p.nodes.some((n) => n.stage === 'Writing image to disk (56%)'))).toBe(true);
    expect(seen[firstCluster - 1]!.nodes[0]).toMatchObject({ name: 'acp-1', stage: 'Rebooting' });

    expect(result.progress.source).toBe('cluster');
    expect(result.progress.overall.state).toBe('done');
    expect(result.progress.failure).toBeUndefined();
    expect(result.checks?.filter((c) => c.state !== 'ok')).toEqual([]);
    expect(checkRounds.length).toBeGreaterThanOrEqual(1);
    // The watcher token went only in its header, never into what was reported.
    expect(JSON.stringify({ seen, result })).not.toContain(agent.tokens.watcher);
    expect(agent.requests.every((r) => r.authHeaders.join() === 'watcher-authorization')).toBe(true);
  });

  it('goes straight to the cluster when the install is already past the agent phase', async () => {
    const server = await apiServer();
    seedInstalling(server);
    completeInstall(server);
    const agent = await agentApi();
    await agent.close(); // the rendezvous host has long rebooted: its port refuses
    const result = await watchInstall({
      site,
      agent: { address: agent.address, port: agent.port, authToken: agent.tokens.watcher },
      cluster: clientOf(server),
      sleep: immediately,
    });
    expect(result.progress).toMatchObject({ source: 'cluster', overall: { state: 'done' } });
  });

  it('stops with the reason when the agent API refuses the token and there is no cluster connection', async () => {
    const agent = await agentApi();
    agent.register(plantACluster(site).cluster);
    const seen: InstallProgress[] = [];
    const result = await watchInstall({
      site,
      agent: { address: agent.address, port: agent.port, authToken: agent.tokens.agent },
      sleep: immediately,
      onProgress: (progress) => seen.push(progress),
    });
    expect(result.progress.failure).toMatchObject({ kind: 'forbidden' });
    expect(result.progress.failure?.message).toMatch(/watcher token \(WatcherAuthToken of \.openshift_install_state\.json\)/);
    expect(JSON.stringify({ seen, result })).not.toContain(agent.tokens.agent);
  });

  it('follows the cluster instead when the token is refused, showing the refusal until installed', async () => {
    const server = await apiServer();
    seedInstalling(server);
    const agent = await agentApi();
    agent.register(plantACluster(site).cluster);
    const seen: InstallProgress[] = [];
    let completed = false;
    const result = await watchInstall({
      site,
      agent: { address: agent.address, port: agent.port, authToken: 'not-the-token' },
      cluster: clientOf(server),
      sleep: immediately,
      onProgress: (progress) => {
        seen.push(progress);
        if (progress.source === 'cluster' && progress.overall.state === 'running' && !completed) {
          completed = true;
          completeInstall(server);
        }
      },
    });
    expect(seen.find((p) => p.source === 'cluster')?.failure?.kind).toBe('unauthorized');
    expect(result.progress.overall.state).toBe('done');
    expect(result.progress.failure).toBeUndefined();
  });

  it('ends failed when the agent API reports the cluster in error', async () => {
    const agent = await agentApi();
    agent.register(plantACluster(site).cluster);
    agent.setCluster({ status: 'error', status_info: 'cluster has hosts in error' });
    agent.setHost('acp-2', { status: 'error', status_info: 'Host failed to install due to timeout while connecting to host during the installation phase.' });
    const result = await watchInstall({
      site,
      agent: { address: agent.address, port: agent.port, authToken: agent.tokens.watcher },
      sleep: immediately,
    });
    expect(result.progress.overall.state).toBe('failed');
    expect(result.progress.overall.message).toMatch(/acp-2: Host failed to install due to timeout/);
  });

  it('says the rendezvous host went away when there is no cluster connection to go on with', async () => {
    const agent = await agentApi();
    agent.register(plantACluster(site).cluster);
    playOnEachPoll(agent, plantAInstallSteps(site));
    const result = await watchInstall({
      site,
      agent: { address: agent.address, port: agent.port, authToken: agent.tokens.watcher },
      agentPollMs: 0,
      sleep: immediately,
    });
    expect(result.progress.overall.state).toBe('unknown');
    expect(result.progress.overall.message).toMatch(/Connect to the cluster \(its kubeconfig\) to follow the rest/);
    expect(result.progress.nodes[0]).toMatchObject({ stage: 'Rebooting' });
  });

  it('can be cancelled while waiting for the rendezvous host', async () => {
    const agent = await agentApi();
    await agent.close();
    const controller = new AbortController();
    let reports = 0;
    const watching = watchInstall({
      site,
      agent: { address: agent.address, port: agent.port },
      signal: controller.signal,
      sleep: immediately,
      onProgress: () => {
        reports += 1;
        if (reports === 2) controller.abort();
      },
    });
    const error = await watching.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).failure.kind).toBe('cancelled');
  });

  it('gives up with a timeout failure naming where it stood', async () => {
    const agent = await agentApi();
    await agent.close();
    const result = await watchInstall({
      site,
      agent: { address: agent.address, port: agent.port },
      timeoutMs: 1,
      agentPollMs: 5,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    });
    expect(result.progress.failure).toMatchObject({ kind: 'timeout' });
    expect(result.progress.failure?.message).toMatch(/^The install did not finish within 1 s: The agent API on 127\.0\.0\.1:\d+ refused the connection/);
  });
});
