// A LiveVerification of plant-a as cluster.verify would save it: three Ready nodes, the plan
// checks, a few ClusterOperators, ODF, the Argo CD applications, one drifted NNCP and one HA
// warning. Shapes follow main/core/cluster/types.ts; values follow the example site.
import type { LiveVerification } from '../../main/core/cluster/types';

export function plantAVerification(overrides: Partial<LiveVerification> = {}): LiveVerification {
  return {
    verifiedAt: '2026-11-24T09:15:00.000Z',
    server: 'https://api.acp.plant-a.example.com:6443',
    kubernetesVersion: 'v1.29.8+f10c92d',
    openshiftVersion: '4.16.12',
    nodes: ['acp-1', 'acp-2', 'acp-3'].map((name, i) => ({
      name,
      ready: true,
      roles: ['control-plane', 'master', 'worker'],
      addresses: [`10.10.10.${11 + i}`],
      schedulable: true,
    })),
    checks: [
      { id: 'cluster.version', title: 'OpenShift version', state: 'ok', expected: '4.16', actual: '4.16.12' },
      { id: 'node.names', title: 'Node names', state: 'ok', expected: 'acp-1, acp-2, acp-3', actual: 'acp-1, acp-2, acp-3' },
      { id: 'vip.api', title: 'API VIP', state: 'ok', expected: '10.10.10.5', actual: '10.10.10.5' },
      { id: 'vip.ingress', title: 'Ingress VIP', state: 'ok', expected: '10.10.10.6', actual: '10.10.10.6' },
    ],
    operators: [
      { name: 'authentication', available: true, progressing: false, degraded: false, version: '4.16.12' },
      { name: 'kube-apiserver', available: true, progressing: false, degraded: false, version: '4.16.12' },
    ],
    odf: { phase: 'Ready', cephHealth: 'HEALTH_OK', capacityBytes: 46.08e12, usedBytes: 1.2e12 },
    applications: [
      { name: 'plant-a', sync: 'Synced', health: 'Healthy' },
      { name: 'plant-a-nmstate', sync: 'Synced', health: 'Healthy' },
    ],
    drift: {
      at: '2026-11-24T09:15:00.000Z',
      objects: [
        {
          apiVersion: 'nmstate.io/v1',
          kind: 'NodeNetworkConfigurationPolicy',
          name: 'acp-1-bond0',
          file: 'gitops/sites/plant-a/nmstate/acp-1.yaml',
          state: 'different',
          managedBy: 'plant-a-nmstate',
          differences: [{ path: 'spec.desiredState.interfaces[name=bond0].mtu', expected: '9000', actual: '1500' }],
        },
        { apiVersion: 'v1', kind: 'Namespace', name: 'openshift-storage', file: 'gitops/sites/plant-a/odf/namespace.yaml', state: 'same', managedBy: 'plant-a-odf', differences: [] },
      ],
      summary: { same: 1, different: 1, missing: 0, unknown: 0 },
    },
    ha: [
      {
        severity: 'warning',
        rule: 'ha.single-replica',
        object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'historian', namespace: 'plant-apps' },
        where: 'live',
        message: 'Deployment plant-apps/historian runs one replica: it stops while its node is down.',
        fix: 'Run 2 or 3 replicas spread over the nodes.',
      },
    ],
    state: 'problems',
    ...overrides,
  };
}
