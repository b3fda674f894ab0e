// The plant-a install as the agent API reports it, step by step: the cluster and host objects are
// assisted-service's own sample answers (fixtures/, SOURCES.md) with the values of the plan put in,
// and every change is one the service makes during an agent install (status and status_info texts
// from internal/cluster/common.go and internal/host/common.go, stage lists from
// internal/host/common.go, percentages computed like internal/host/host.go UpdateInstallProgress
// and internal/cluster/cluster.go UpdateInstallProgress; commit 063b257950f726d6b291dc94b806bc243a1b56de).
import { readFileSync } from 'node:fs';
import type { Site } from '../../../main/core/site/schema';
import type { Json, TestAgentApi } from './index';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

export const PLANT_A_CLUSTER_ID = '948b8ba9-798f-4310-bb08-67a6b56ebdcc';

const BOOTSTRAP_STAGES = [
  'Starting installation',
  'Installing',
  'Writing image to disk',
  'Copying registry data to disk',
  'Waiting for control plane',
  'Waiting for bootkube',
  'Waiting for controller',
  'Rebooting',
  'Configuring',
  'Joined',
  'Done',
];
const MASTER_STAGES = ['Starting installation', 'Installing', 'Writing image to disk', 'Copying registry data to disk', 'Rebooting', 'Configuring', 'Joined', 'Done'];

/** The registered cluster, hosts discovered, as GET /v2/clusters/{id} returns it before the install starts. */
export function plantACluster(site: Site, openshiftVersion = '4.18.12'): { cluster: Json; infraEnv: Json } {
  const cluster = fixture('cluster.json') as Json;
  const samples = fixture('hosts.json') as Json[];
  const infraEnv = fixture('infra_env.json') as Json;
  const hosts = site.nodes.map((node, index) => {
    const sample = structuredClone(samples[index % samples.length]);
    const bootstrap = index === 0;
    return {
      ...sample,
      requested_hostname: node.hostname,
      role: 'master',
      suggested_role: 'master',
      bootstrap,
      status: 'discovering',
      status_info: 'Waiting for host to send hardware details',
      progress: { stage_started_at: '0001-01-01T00:00:00.000Z', stage_updated_at: '0001-01-01T00:00:00.000Z' },
      progress_stages: bootstrap ? BOOTSTRAP_STAGES : MASTER_STAGES,
    };
  });
  return {
    cluster: {
      ...cluster,
      id: PLANT_A_CLUSTER_ID,
      href: `/api/assisted-install/v2/clusters/${PLANT_A_CLUSTER_ID}`,
      name: site.cluster.name,
      base_dns_domain: site.cluster.baseDomain,
      openshift_version: openshiftVersion,
      ocp_release_image: `quay.io/openshift-release-dev/ocp-release:${openshiftVersion}-x86_64`,
      control_plane_count: site.nodes.length,
      schedulable_masters: true,
      status: 'insufficient',
      status_info: 'Cluster is not ready for install',
      hosts,
    },
    infraEnv: { ...infraEnv, cluster_id: PLANT_A_CLUSTER_ID, name: `${site.cluster.name}_infra-env`, openshift_version: openshiftVersion },
  };
}

/** One change of the install, applied to the test agent API. */
export type AgentStep = (api: TestAgentApi) => void;

/** The install from "hosts discovered" until the rendezvous host reboots, one step per call. */
export function plantAInstallSteps(site: Site): AgentStep[] {
  const names = site.nodes.map((n) => n.hostname);
  const [bootstrap, ...others] = names as [string, ...string[]];
  const second = others[0] ?? bootstrap;
  const stage = (api: TestAgentApi, host: string, current: string, progressInfo?: string) => {
    const stages = host === bootstrap ? BOOTSTRAP_STAGES : MASTER_STAGES;
    const percentage = Math.trunc(((stages.indexOf(current) + 1) / stages.length) * 100);
    api.setHost(host, {
      status: 'installing-in-progress',
      status_info: current,
      progress: { current_stage: current, installation_percentage: percentage, progress_info: progressInfo ?? '' },
    });
  };
  const total = (api: TestAgentApi) => {
    // internal/cluster/cluster.go UpdateInstallProgress: 10% preparing + 70% installing stages (+15% finalizing).
    const cluster = api.cluster()!;
    const hosts = cluster.hosts as Json[];
    let done = 0;
    let all = 0;
    for (const host of hosts) {
      const stages = host.bootstrap ? BOOTSTRAP_STAGES : MASTER_STAGES;
      done += stages.indexOf(String((host.progress as Json | undefined)?.current_stage ?? '')) + 1;
      all += stages.length;
    }
    const installing = Math.trunc((done / all) * 100);
    api.setCluster({
      progress: { preparing_for_installation_stage_percentage: 100, installing_stage_percentage: installing, total_percentage: Math.trunc(0.1 * 100 + 0.7 * installing) },
    });
  };
  return [
    (api) => {
      for (const name of names) api.setHost(name, { status: 'known', status_info: 'Host is ready to be installed' });
      api.setCluster({ status: 'ready', status_info: 'Cluster ready to be installed' });
    },
    (api) => {
      for (const name of names) api.setHost(name, { status: 'preparing-for-installation', status_info: 'Host is preparing for installation' });
      api.setCluster({ status: 'preparing-for-installation', status_info: 'Preparing cluster for installation', progress: { preparing_for_installation_stage_percentage: 50, total_percentage: 5 } });
      api.addEvent('Updated status of the cluster to preparing-for-installation');
    },
    (api) => {
      for (const name of names) api.setHost(name, { status: 'installing', status_info: 'Installation is in progress' });
      api.setCluster({ status: 'installing', status_info: 'Installation in progress', install_started_at: '2025-01-01T10:00:00.000Z' });
      for (const name of names) stage(api, name, 'Starting installation');
      total(api);
      api.addEvent('Updated status of the cluster to installing');
    },
    (api) => {
      for (const name of names) stage(api, name, 'Writing image to disk', '56%');
      total(api);
      api.addEvent(`Host ${second}: updated status from installing to installing-in-progress (Writing image to disk)`, { hostname: second });
    },
    (api) => {
      stage(api, bootstrap, 'Waiting for control plane');
      for (const name of others) stage(api, name, 'Rebooting');
      total(api);
    },
    (api) => {
      stage(api, bootstrap, 'Waiting for controller');
      for (const name of others) stage(api, name, 'Joined');
      total(api);
    },
    (api) => {
      stage(api, bootstrap, 'Rebooting');
      total(api);
      api.addEvent(`Host ${bootstrap}: updated status from installing-in-progress to installing-in-progress (Rebooting)`, { hostname: bootstrap });
    },
  ];
}

/**
 * Play one step after every cluster read (the watcher's poll). Once the last step has been read
 * by a full poll, the rendezvous host "reboots": the next read closes the port (that poll fails
 * half-way, as it does when the host goes down).
 */
export function playOnEachPoll(api: TestAgentApi, steps: AgentStep[], options: { closeAtEnd?: boolean } = {}): void {
  let next = 0;
  let lastRead = false;
  api.onClusterRead(() => {
    if (next < steps.length) {
      steps[next++]!(api);
      return;
    }
    if (!lastRead) {
      lastRead = true;
      return;
    }
    if (options.closeAtEnd ?? true) {
      api.onClusterRead(undefined);
      void api.close();
    }
  });
}
