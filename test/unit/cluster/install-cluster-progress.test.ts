// The install as the cluster reports it (ClusterVersion, ClusterOperators, Nodes), from the
// fixture objects of test/kube/fixtures. The console operator's mid-install conditions are the
// ones openshift-install prints while it waits ("Cluster operator console Available is False with
// Deployment_InsufficientReplicas…: DeploymentAvailable: 0 replicas available for console
// deployment"; the text is console-operator's evaluateDeploymentAvailability).
import { describe, expect, it } from 'vitest';
import { clusterInstallProgress } from '../../../main/core/cluster/install/cluster-progress';
import { consoleStarting, fixture, notReady, one } from './install-live-objects';

const planned = ['acp-1', 'acp-2', 'acp-3'];

describe('install progress from the cluster', () => {
  it('shows the cluster version operator at work: its percentage, the operators not there yet, the nodes', () => {
    const nodes = fixture('plant-a/nodes.yaml');
    const progress = clusterInstallProgress(
      { clusterVersion: one('plant-a/clusterversion-installing.yaml'), operators: consoleStarting(fixture('clusteroperators-completed.yaml')), nodes: [nodes[0]!, notReady(nodes[1]!)] },
      planned,
    );
    expect(progress.source).toBe('cluster');
    expect(progress.overall).toEqual({
      state: 'running',
      percent: 56,
      message: 'Working towards 4.18.9: 512 of 903 done (56% complete), waiting on etcd, kube-apiserver; 32 of 33 operators available; 1 of 3 nodes Ready.',
    });
    expect(progress.version).toEqual({ desired: '4.18.9', message: 'Working towards 4.18.9: 512 of 903 done (56% complete), waiting on etcd, kube-apiserver' });
    expect(progress.operators?.find((o) => o.name === 'console')).toMatchObject({
      available: false,
      progressing: true,
      degraded: false,
      message: 'SyncLoopRefreshProgressing: Working toward version 4.18.9, 0 replicas available',
    });
    expect(progress.nodes.map((n) => [n.name, n.state, n.stage])).toEqual([
      ['acp-1', 'done', 'Joined, Ready'],
      ['acp-2', 'running', 'Joined, not Ready'],
      ['acp-3', 'waiting', 'Not joined yet'],
    ]);
    expect(progress.nodes[1]!.message).toMatch(/^container runtime network not ready/);
    expect(progress.nodes[0]!.role).toBe('control-plane,master,worker');
  });

  it('is done when the version is applied, every operator is available and not degraded, and the three nodes are Ready', () => {
    const progress = clusterInstallProgress(
      { clusterVersion: one('plant-a/clusterversion-installed.yaml'), operators: fixture('clusteroperators-completed.yaml'), nodes: fixture('plant-a/nodes.yaml') },
      planned,
    );
    expect(progress.overall).toEqual({ state: 'done', percent: 100, message: 'OpenShift 4.18.9 is installed; 33 of 33 operators available; 3 of 3 nodes Ready.' });
    expect(progress.version).toEqual({ desired: '4.18.9', current: '4.18.9', message: 'Cluster version is 4.18.9' });
  });

  it('is not done while an operator is degraded, and says why in its words', () => {
    const operators = fixture('clusteroperators-completed.yaml').map((operator) => {
      if (operator.metadata.name !== 'ingress') return operator;
      const copy = structuredClone(operator);
      const degraded = (copy.status as { conditions: { type: string; status: string; message?: string }[] }).conditions.find((c) => c.type === 'Degraded')!;
      Object.assign(degraded, { status: 'True', reason: 'IngressDegraded', message: 'The "default" ingress controller reports Degraded=True: DegradedConditions: One or more other status conditions indicate a degraded state.' });
      return copy;
    });
    const progress = clusterInstallProgress({ clusterVersion: one('plant-a/clusterversion-installed.yaml'), operators, nodes: fixture('plant-a/nodes.yaml') }, planned);
    expect(progress.overall.state).toBe('running');
    expect(progress.overall.message).toMatch(/32 of 33 operators available/);
    expect(progress.operators?.find((o) => o.name === 'ingress')?.message).toMatch(/^The "default" ingress controller reports Degraded=True/);
  });

  it('waits while the cluster version operator has not reported', () => {
    const progress = clusterInstallProgress({ operators: [], nodes: [] }, planned);
    expect(progress.overall).toEqual({ state: 'waiting', message: 'The cluster API answers; the cluster version operator has not reported yet.' });
    expect(progress.nodes.map((n) => n.stage)).toEqual(['Not joined yet', 'Not joined yet', 'Not joined yet']);
  });

  it("passes on the Failing condition's message", () => {
    const clusterVersion = one('plant-a/clusterversion-installing.yaml');
    const failing = (clusterVersion.status as { conditions: { type: string; status: string; reason?: string; message?: string }[] }).conditions.find((c) => c.type === 'Failing')!;
    Object.assign(failing, { status: 'True', reason: 'ClusterOperatorNotAvailable', message: 'Cluster operator console is not available' });
    const progress = clusterInstallProgress({ clusterVersion, operators: [], nodes: fixture('plant-a/nodes.yaml') }, planned);
    expect(progress.overall.message).toMatch(/; Failing: Cluster operator console is not available;/);
    expect(progress.version?.message).toBe('Cluster operator console is not available');
  });
});
