// Live objects of the plant-a cluster for the install and plan-check tests, all from the fixture
// files of test/kube/fixtures (captured or assembled, see its SOURCES.md). Two more are derived
// here the same way: the NodeNetworkStates of acp-2 and acp-3 (acp-1's with their plan MACs) and
// the Scheduler the installer writes for a cluster without compute nodes (openshift/installer
// pkg/asset/manifests/scheduler.go, commit 5aa27c9aabf4e403f7fbebf9f1e58f8132999b72:
// manifests/cluster-scheduler-02-config.yml, spec.mastersSchedulable true, policy name "").
import type { KubeObject } from '../../../main/core/cluster/client';
import type { LivePlanInput } from '../../../main/core/cluster/install/live-plan-input';
import type { Site } from '../../../main/core/site/schema';
import { loadFixture } from '../../kube/api-server/fixtures';

export function fixture(name: string): KubeObject[] {
  return loadFixture(name) as unknown as KubeObject[];
}

export function one(name: string): KubeObject {
  const [object] = fixture(name);
  if (!object) throw new Error(`fixture ${name} is empty`);
  return object;
}

export function schedulerObject(mastersSchedulable = true): KubeObject {
  return {
    apiVersion: 'config.openshift.io/v1',
    kind: 'Scheduler',
    metadata: { name: 'cluster' },
    spec: { mastersSchedulable, policy: { name: '' } },
    status: {},
  };
}

/** acp-1's NodeNetworkState fixture, turned into the one of `hostname` with that node's plan MACs. */
export function nodeNetworkStateOf(site: Site, hostname: string): KubeObject {
  const base = one('plant-a/nodenetworkstate-acp-1.yaml');
  const first = site.nodes[0]!;
  const node = site.nodes.find((n) => n.hostname === hostname);
  if (!node) throw new Error(`no node ${hostname} in the plan`);
  let text = JSON.stringify(base).replaceAll('"acp-1"', JSON.stringify(hostname));
  for (const nic of first.interfaces) {
    const mac = node.interfaces.find((i) => i.name === nic.name)?.mac;
    if (mac) text = text.replaceAll(nic.mac.toUpperCase(), mac.toUpperCase());
  }
  const address = (n: typeof node) => n.addresses.cluster;
  if (address(first) && address(node)) text = text.replaceAll(`"${address(first)}"`, `"${address(node)}"`);
  return JSON.parse(text) as KubeObject;
}

/** Everything the plan check reads, from an installed plant-a. */
export function installedPlantA(site: Site): LivePlanInput {
  return {
    clusterVersion: one('plant-a/clusterversion-installed.yaml'),
    nodes: fixture('plant-a/nodes.yaml'),
    nodeNetworkStates: site.nodes.map((n) => nodeNetworkStateOf(site, n.hostname)),
    infrastructure: one('plant-a/infrastructure.yaml'),
    scheduler: schedulerObject(),
  };
}

/**
 * The console operator as openshift-install shows it while it waits ("Cluster operator console Available is False with
 * Deployment_InsufficientReplicas…: DeploymentAvailable: 0 replicas available for console deployment"; the text is
 * console-operator's evaluateDeploymentAvailability).
 */
export function consoleStarting(operators: KubeObject[]): KubeObject[] {
  return operators.map((operator) => {
    if (operator.metadata.name !== 'console') return operator;
    const copy = structuredClone(operator);
    const status = copy.status as { conditions: { type: string; status: string; reason?: string; message?: string }[] };
    for (const condition of status.conditions) {
      if (condition.type === 'Available') Object.assign(condition, { status: 'False', reason: 'Deployment_InsufficientReplicas', message: 'DeploymentAvailable: 0 replicas available for console deployment' });
      if (condition.type === 'Progressing') Object.assign(condition, { status: 'True', reason: 'SyncLoopRefresh_InProgress', message: 'SyncLoopRefreshProgressing: Working toward version 4.18.9, 0 replicas available' });
    }
    return copy;
  });
}

/** A node whose kubelet waits for the network plugin (kubelet's NetworkPluginNotReady message). */
export function notReady(node: KubeObject): KubeObject {
  const copy = structuredClone(node);
  const ready = (copy.status as { conditions: { type: string; status: string; reason?: string; message?: string }[] }).conditions.find((c) => c.type === 'Ready')!;
  Object.assign(ready, {
    status: 'False',
    reason: 'KubeletNotReady',
    message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: no CNI configuration file in /etc/kubernetes/cni/net.d/. Has your network provider started?',
  });
  return copy;
}
