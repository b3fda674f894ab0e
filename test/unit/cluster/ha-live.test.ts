// haCheckLive with the real @kubernetes/client-node against the test API server: the site's
// workloads, budgets and Leases as the API serves them (spec.replicas always set), the
// platform's own namespaces left out unless an Argo CD Application of the site tracks the
// object, and the kinds a cluster may not serve (HorizontalPodAutoscaler here) tolerated.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClusterClient, type ClusterClient } from '../../../main/core/cluster/client';
import { haCheckLive } from '../../../main/core/cluster/ha/check';
import { kubeConfigFor } from '../../../main/core/cluster/kubeconfig';
import type { HaFinding } from '../../../main/core/cluster/types';
import { startTestApiServer, type JsonObject, type TestApiServer } from '../../kube/api-server/index';

let server: TestApiServer;
let client: ClusterClient;

/** A Deployment as the API server returns it: replicas defaulted, pod labels from the selector. */
function deployment(namespace: string, name: string, replicas: number, extra: { args?: string[]; annotations?: Record<string, string>; hostSpread?: boolean } = {}): JsonObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...(extra.hostSpread
            ? { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: name } } }] }
            : {}),
          containers: [{ name: 'main', image: `registry.example.com/plant/${name}:1.0`, ...(extra.args ? { args: extra.args } : {}), imagePullPolicy: 'IfNotPresent' }],
          restartPolicy: 'Always',
          schedulerName: 'default-scheduler',
        },
      },
    },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
  };
}

const lease = (namespace: string, name: string, holder: string): JsonObject => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name, namespace },
  spec: { holderIdentity: holder, leaseDurationSeconds: 137, acquireTime: '2026-11-24T08:10:02.000000Z', renewTime: '2026-11-24T09:14:40.112093Z', leaseTransitions: 2 },
});

const named = (findings: HaFinding[]) => findings.map((f) => `${f.rule} ${f.object.kind} ${f.object.namespace}/${f.object.name}`).sort();

beforeAll(async () => {
  server = await startTestApiServer();
  const route = { server: `https://${server.hostName}:${server.port}`, viaAddress: '127.0.0.1' };
  client = createClusterClient(kubeConfigFor(server.kubeconfig(), { route }), { route });
  const put = (o: JsonObject) => server.store.put(o);
  // The site's own application namespace.
  put(deployment('plant-apps', 'historian', 1));
  put(deployment('plant-apps', 'opc-gateway', 2, { hostSpread: true }));
  put({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'opc-gateway', namespace: 'plant-apps' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'opc-gateway' } } } });
  put(deployment('plant-apps', 'line-controller', 2, { hostSpread: true, args: ['--leader-elect=true', '--metrics-bind-address=:8080'] }));
  put(deployment('plant-apps', 'batch-controller', 2, { hostSpread: true, args: ['--leader-elect', '--leader-election-id=batch-controller.plant.example.com'] }));
  put(lease('plant-apps', 'batch-controller.plant.example.com', 'batch-controller-7d9c6b5f4-x2xkq_1c5e0e1a-3a43-4f59-9d0b-6f1f2d3b1e77'));
  // The platform's: left out, unless an Application of the site tracks it.
  put(deployment('openshift-monitoring', 'telemeter-client', 1));
  put(deployment('openshift-storage', 'sitekit-report', 1, { annotations: { 'argocd.argoproj.io/tracking-id': 'site-odf:apps/Deployment:openshift-storage/sitekit-report' } }));
});
afterAll(async () => {
  await server?.close();
});

describe('haCheckLive', () => {
  it('judges the site’s workloads and budgets, leaves the platform’s alone', async () => {
    const findings = await haCheckLive(client);
    expect(named(findings)).toEqual([
      'ha.leader-without-lease Deployment plant-apps/line-controller',
      'ha.pdb-blocks-drain PodDisruptionBudget plant-apps/opc-gateway',
      'ha.single-replica Deployment openshift-storage/sitekit-report',
      'ha.single-replica Deployment plant-apps/historian',
    ]);
    expect(findings.every((f) => f.where === 'live')).toBe(true);
    expect(findings[0]).toMatchObject({ severity: 'error', rule: 'ha.pdb-blocks-drain' });
    const leader = findings.find((f) => f.rule === 'ha.leader-without-lease')!;
    expect(leader.message).toContain('runs with leader election but no Lease in plant-apps is held by one of its pods');
  });
});
