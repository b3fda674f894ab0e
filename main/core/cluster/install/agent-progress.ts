// What one look at the agent API means for the technician: the overall install state and every
// node's stage, the way the Assisted Installer UI shows it. The words for the cluster statuses
// are the installer's own (openshift/installer pkg/agent/cluster.go humanFriendlyClusterInstallStatus,
// commit f4e8e5745f2234fffc734865ba58ca5c0876b057); the stage lists per role are assisted-service's
// (internal/host/common.go BootstrapStages/MasterStages, commit 063b257950f726d6b291dc94b806bc243a1b56de),
// used when a host does not report its installation_percentage.
import type { InstallProgress, NodeInstallProgress, ProgressState } from '../types';
import type { AgentCluster, AgentHost, AgentSnapshot } from './agent-api';

const CLUSTER_STATUS_WORDS: Record<string, string> = {
  'adding-hosts': 'Cluster is adding hosts',
  cancelled: 'Cluster installation cancelled',
  error: 'Cluster has hosts in error',
  finalizing: 'Finalizing cluster installation',
  installing: 'Cluster installation in progress',
  'installing-pending-user-action': 'Cluster has hosts requiring user input',
  insufficient: 'Cluster is not ready for install. Check validations',
  'pending-for-input': 'User input is required to continue cluster installation',
  'preparing-for-installation': 'Preparing cluster for installation',
  ready: 'Cluster is ready for install',
  installed: 'Cluster is installed',
  unmonitored: 'Cluster is installed',
};

const CLUSTER_STATES: Record<string, ProgressState> = {
  insufficient: 'waiting',
  ready: 'waiting',
  'pending-for-input': 'waiting',
  'installing-pending-user-action': 'waiting',
  'preparing-for-installation': 'running',
  installing: 'running',
  finalizing: 'running',
  'adding-hosts': 'running',
  installed: 'done',
  unmonitored: 'done',
  error: 'failed',
  cancelled: 'failed',
};

const HOST_STATES: Record<string, ProgressState> = {
  'preparing-for-installation': 'running',
  'preparing-successful': 'running',
  'preparing-failed': 'running', // assisted-service moves it back and prepares again
  installing: 'running',
  'installing-in-progress': 'running',
  installed: 'done',
  'added-to-existing-cluster': 'done',
  error: 'failed',
  cancelled: 'failed',
};

const MASTER_STAGES = [
  'Starting installation',
  'Installing',
  'Writing image to disk',
  'Copying registry data to disk',
  'Rebooting',
  'Configuring',
  'Joined',
  'Done',
];
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

/** InstallProgress from one agent API snapshot; nodes in the plan's order, unplanned hosts after them. */
export function agentInstallProgress(snapshot: AgentSnapshot, plannedHostnames: readonly string[], at: Date = new Date()): InstallProgress {
  const cluster = snapshot.cluster;
  if (!cluster) {
    return {
      source: 'agent-api',
      at: at.toISOString(),
      overall: {
        state: 'waiting',
        message: `The agent API on the rendezvous host ${snapshot.address} answers; the cluster is not registered yet (its services are still starting).`,
      },
      nodes: plannedHostnames.map((name) => notRegistered(name)),
    };
  }
  const hosts = (cluster.hosts ?? []).map((host) => nodeOf(host));
  const nodes: NodeInstallProgress[] = [];
  for (const name of plannedHostnames) nodes.push(hosts.find((n) => n.name === name) ?? notRegistered(name));
  for (const node of hosts) if (!plannedHostnames.includes(node.name)) nodes.push(node);

  const state = CLUSTER_STATES[cluster.status] ?? 'unknown';
  const percent = state === 'done' ? 100 : clampPercent(cluster.progress?.total_percentage);
  return {
    source: 'agent-api',
    at: at.toISOString(),
    overall: { state, ...(percent !== undefined ? { percent } : {}), message: overallMessage(cluster, nodes, snapshot) },
    nodes,
  };
}

function overallMessage(cluster: AgentCluster, nodes: NodeInstallProgress[], snapshot: AgentSnapshot): string {
  const words = CLUSTER_STATUS_WORDS[cluster.status] ?? `Cluster status ${cluster.status}`;
  const info = cluster.status_info?.trim();
  const parts = [words];
  if (info && info.toLowerCase() !== words.toLowerCase()) parts.push(info);
  if (cluster.status === 'installing-pending-user-action' || cluster.status === 'insufficient' || cluster.status === 'error') {
    const attention = nodes.filter((n) => n.message && (n.state === 'failed' || n.message.startsWith('Action needed')));
    for (const node of attention) parts.push(`${node.name}: ${node.message}`);
  }
  if (cluster.status === 'finalizing' && cluster.progress?.finalizing_stage) parts.push(cluster.progress.finalizing_stage);
  const event = snapshot.lastEvent?.message?.trim();
  if (event && CLUSTER_STATES[cluster.status] === 'running') parts.push(`Last event: ${event}`);
  // What to do when it stopped (openshift-docs, installing-with-agent-based-installer: gathering log data).
  if (cluster.status === 'error') {
    parts.push(
      `The install stopped: collect the logs for support with "ssh core@${snapshot.address} agent-gather -O > agent-gather.tar.xz", fix the cause, then boot the nodes from the agent ISO again`,
    );
  }
  if (cluster.status === 'cancelled') parts.push('To start over, boot the nodes from the agent ISO again');
  return `${parts.map((p) => p.replace(/[.\s]+$/, '')).join('. ')}.`;
}

function nodeOf(host: AgentHost): NodeInstallProgress {
  const name = hostName(host);
  const stage = host.progress?.current_stage?.trim();
  const info = host.progress?.progress_info?.trim();
  const statusInfo = host.status_info?.trim();
  let state = HOST_STATES[host.status] ?? 'waiting';
  if (stage === 'Failed') state = 'failed';
  const percent = state === 'done' ? 100 : hostPercent(host, stage);
  const node: NodeInstallProgress = {
    name,
    state,
    stage: stage ? (info ? `${stage} (${info})` : stage) : statusWords(host.status),
    ...(percent !== undefined ? { percent } : {}),
    ...(host.role ? { role: host.bootstrap ? `${host.role}, bootstrap` : host.role } : {}),
  };
  if (host.status === 'installing-pending-user-action') node.message = `Action needed: ${statusInfo ?? 'the host waits for you'}`;
  else if (state === 'failed') node.message = statusInfo ?? 'The host failed to install.';
  else if (state === 'waiting' && statusInfo) node.message = statusInfo;
  return node;
}

function hostName(host: AgentHost): string {
  if (host.requested_hostname) return host.requested_hostname;
  try {
    const inventory = JSON.parse(host.inventory ?? '') as { hostname?: unknown };
    if (typeof inventory.hostname === 'string' && inventory.hostname) return inventory.hostname;
  } catch {
    // no inventory yet: the host id names it
  }
  return host.id;
}

function hostPercent(host: AgentHost, stage: string | undefined): number | undefined {
  const reported = clampPercent(host.progress?.installation_percentage);
  if (reported !== undefined) return reported;
  if (!stage) return undefined;
  const stages = host.progress_stages?.length ? host.progress_stages : host.bootstrap ? BOOTSTRAP_STAGES : MASTER_STAGES;
  const index = stages.indexOf(stage);
  return index < 0 ? undefined : Math.round(((index + 1) / stages.length) * 100);
}

function statusWords(status: string): string {
  const words = status.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function notRegistered(name: string): NodeInstallProgress {
  return {
    name,
    state: 'waiting',
    stage: 'Not registered yet',
    message:
      'The host has not registered with the rendezvous host yet: it may still be booting the agent ISO; if this lasts, check on its console that it booted the ISO and that its network configuration reaches the rendezvous host.',
  };
}

function clampPercent(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return Math.max(0, Math.min(100, Math.round(value)));
}
