// The drift bench (issue 13 §7): the test API server holding a 200-object bundle as a synced
// cluster has it — plant-a's own objects plus generated NNCPs, NADs and ConfigMaps — with a
// few objects drifted, then one driftCheck with the real client through HTTPS.
//   const { ms, requests, objects } = await benchDrift();
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import type { KubeObject } from '../../../main/core/cluster/client';
import { bundleObjectsOf, type BundleObject } from '../../../main/core/cluster/drift/bundle-objects';
import { driftCheck } from '../../../main/core/cluster/drift/compare';
import { gitopsFiles } from '../../../main/core/generate/gitops';
import type { DriftResult } from '../../../main/core/cluster/types';
import { siteSchema } from '../../../main/core/site/schema';
import { startTestApiServer } from '../api-server/index';
import { clientFor } from './cluster';
import { seedSyncedBundle } from './synced-bundle';

const EXAMPLE = fileURLToPath(new URL('../../../resources/examples/plant-a.site.yaml', import.meta.url));
const NODES = ['acp-1', 'acp-2', 'acp-3'];

/** A VLAN on bond0 for one node, the shape of plant-a's own day-2 policies. */
function vlanPolicy(n: number): BundleObject {
  const id = 200 + n;
  const object: KubeObject = {
    apiVersion: 'nmstate.io/v1',
    kind: 'NodeNetworkConfigurationPolicy',
    metadata: { name: `bench-vlan-${id}`, annotations: { 'argocd.argoproj.io/sync-wave': '2' } },
    spec: {
      nodeSelector: { 'kubernetes.io/hostname': NODES[n % NODES.length]! },
      desiredState: {
        interfaces: [{ name: `bond0.${id}`, type: 'vlan', state: 'up', mtu: 1500, vlan: { 'base-iface': 'bond0', id }, ipv4: { enabled: false }, ipv6: { enabled: false } }],
      },
    },
  };
  return { file: `gitops/nmstate/bench-vlan-${id}.yaml`, object };
}

/** A VM network on the br-vm bridge, the shape of plant-a's vm-prod. */
function vmNetwork(n: number): BundleObject {
  const object: KubeObject = {
    apiVersion: 'k8s.cni.cncf.io/v1',
    kind: 'NetworkAttachmentDefinition',
    metadata: { name: `bench-net-${n}`, namespace: 'default', annotations: { 'k8s.v1.cni.cncf.io/resourceName': 'bridge.network.kubevirt.io/br-vm' } },
    spec: { config: JSON.stringify({ cniVersion: '0.3.1', name: `bench-net-${n}`, type: 'bridge', bridge: 'br-vm', vlan: 300 + n, macspoofchk: true, ipam: {} }) },
  };
  return { file: `gitops/virtualization/nad-bench-net-${n}.yaml`, object };
}

function configMap(n: number): BundleObject {
  const object: KubeObject = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `bench-config-${n}`, namespace: 'plant-apps', labels: { 'app.kubernetes.io/part-of': 'plant-a' } },
    data: { 'line.conf': `line=${n}\nopc-endpoint=opc.tcp://10.40.0.${10 + (n % 200)}:4840\n` },
  };
  return { file: `gitops/apps-config/bench-config-${n}.yaml`, object };
}

/** plant-a's objects plus generated ones, `total` in all. */
export function benchBundle(total = 200): BundleObject[] {
  const site = siteSchema.parse(YAML.parse(readFileSync(EXAMPLE, 'utf8')));
  const objects = bundleObjectsOf(gitopsFiles(site).files);
  const makers = [vlanPolicy, vmNetwork, configMap];
  for (let n = 0; objects.length < total; n++) objects.push(makers[n % makers.length]!(Math.floor(n / makers.length)));
  return objects;
}

export interface DriftBench {
  ms: number;
  /** HTTP requests of the drift check (discovery included). */
  requests: number;
  objects: number;
  summary: DriftResult['summary'];
}

export async function benchDrift(options: { objects?: number } = {}): Promise<DriftBench> {
  const bundle = benchBundle(options.objects ?? 200);
  const server = await startTestApiServer();
  try {
    seedSyncedBundle(server, bundle);
    // A few drifted: two changed values, one label gone, one object deleted.
    server.store.patch({ apiVersion: 'nmstate.io/v1', kind: 'NodeNetworkConfigurationPolicy', name: 'bench-vlan-203' }, { spec: { nodeSelector: { 'kubernetes.io/hostname': 'acp-3' } } });
    server.store.patch({ apiVersion: 'v1', kind: 'ConfigMap', name: 'bench-config-7', namespace: 'plant-apps' }, { data: { 'line.conf': 'line=7\n' } });
    server.store.patch({ apiVersion: 'v1', kind: 'Namespace', name: 'openshift-storage' }, { metadata: { labels: { 'openshift.io/cluster-monitoring': null } } });
    server.store.delete({ apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', name: 'bench-net-11', namespace: 'default' });
    const client = clientFor(server);
    const before = client.requests();
    const start = performance.now();
    const result = await driftCheck(client, bundle);
    const ms = performance.now() - start;
    return { ms, requests: client.requests() - before, objects: result.objects.length, summary: result.summary };
  } finally {
    await server.close();
  }
}
