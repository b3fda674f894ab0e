// A bundle's objects on the test API server as a synced cluster holds them: each object as the
// bundle writes it, with what Argo CD adds (the tracking-id annotation on what an Application
// syncs, argo-cd docs user-guide/resource_tracking.md) and what the API server and the
// operators do to it on a real cluster, which drift must not report. Bootstrap objects and Sync
// hooks carry no tracking mark, as Sitekit applies them (or Argo CD runs them) outside any
// Application's tracked resources; what the hooks set (Node labels, the console plugin) is on
// the Nodes and the Console as the hooks left it.
//
// Where the cluster's changes come from:
// - LocalVolume: the local-storage-operator adds its finalizer with a full Update of its typed
//   object after SetDefaults: spec.logLevel Normal and spec.managementState Managed appear, and
//   `forceWipeDevicesAndDestroyAllData: false` is dropped (a bool with omitempty):
//   openshift/local-storage-operator pkg/controllers/localvolume/localvolume_controller.go
//   syncLocalVolumeProvider/addFinalizer @ 45d753e0c080e8af3e54adb0a219a7f9a14c37dc,
//   api/v1/localvolume_types.go @ d77907d81b32d4f1c07a5d4aca86708064e46201.
// - Job: kube-apiserver's defaults (k8s.io/kubernetes pkg/apis/batch/v1/defaults.go, core/v1
//   defaults.go): completions, parallelism, the controller-uid selector and template labels,
//   imagePullPolicy, terminationMessagePath/Policy, dnsPolicy, schedulerName.
// - Subscription: OLM's operator label `operators.coreos.com/<package>.<namespace>`; OperatorGroup:
//   the CRD default spec.upgradeStrategy Default (operator-framework/api pkg/operators/v1
//   UpgradeStrategyDefault) and the olm.providedAPIs annotation.
// - Namespace: kubernetes.io/metadata.name, OpenShift's pod-security label sync and SCC range
//   annotations (openshift.io/sa.scc.*), spec.finalizers [kubernetes].
// - ServiceAccount: OpenShift adds the <sa>-dockercfg-… pull secret to imagePullSecrets.
// - NNCP: the kubernetes-nmstate mutating webhook's timestamp annotation.
// - StorageCluster / HyperConverged: their operators' finalizers and defaults (additions only).
import { applicationForFile, type BundleObject } from '../../../main/core/cluster/drift/bundle-objects';
import type { JsonObject, TestApiServer } from '../api-server/index';
import { consoleAtInstall, PLATFORM_CONSOLE_PLUGINS } from './installed-config';

const ARGO_MANAGER = 'argocd-controller';
const CONDITION_TIME = '2026-11-24T08:02:11Z';

type Json = Record<string, unknown>;

function record(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

/** What the live copy of `object` carries beyond the bundle, or how an operator rewrote it. */
function asTheClusterKeepsIt(object: JsonObject): JsonObject {
  const live = structuredClone(object) as Json;
  const metadata = record(live.metadata) as Json & { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] };
  live.metadata = metadata;
  const spec = record(live.spec);
  switch (object.kind) {
    case 'Namespace':
      metadata.labels = {
        ...metadata.labels,
        'kubernetes.io/metadata.name': metadata.name,
        'pod-security.kubernetes.io/audit': 'privileged',
        'pod-security.kubernetes.io/warn': 'privileged',
      };
      metadata.annotations = {
        ...metadata.annotations,
        'openshift.io/sa.scc.mcs': 's0:c27,c19',
        'openshift.io/sa.scc.supplemental-groups': '1000740000/10000',
        'openshift.io/sa.scc.uid-range': '1000740000/10000',
      };
      live.spec = { finalizers: ['kubernetes'] };
      live.status = { phase: 'Active' };
      break;
    case 'ServiceAccount':
      live.imagePullSecrets = [...((live.imagePullSecrets as unknown[]) ?? []), { name: `${metadata.name}-dockercfg-7xk2p` }];
      break;
    case 'Subscription':
      metadata.labels = { ...metadata.labels, [`operators.coreos.com/${String(spec.name)}.${metadata.namespace}`]: '' };
      live.status = { state: 'AtLatestKnown', catalogHealth: [] };
      break;
    case 'OperatorGroup':
      metadata.annotations = { ...metadata.annotations, 'olm.providedAPIs': '' };
      live.spec = { upgradeStrategy: 'Default', ...spec };
      break;
    case 'LocalVolume':
      metadata.finalizers = [...(metadata.finalizers ?? []), 'storage.openshift.com/local-volume-protection'];
      live.spec = {
        ...spec,
        logLevel: 'Normal',
        managementState: 'Managed',
        storageClassDevices: ((spec.storageClassDevices as Json[] | undefined) ?? []).map((device) => {
          const { forceWipeDevicesAndDestroyAllData, ...kept } = device;
          return forceWipeDevicesAndDestroyAllData === false ? kept : device;
        }),
      };
      live.status = { managementState: 'Managed', readyReplicas: 0, conditions: [{ type: 'Available', status: 'True', message: 'Ready', lastTransitionTime: CONDITION_TIME }] };
      break;
    case 'Job': {
      const template = record(spec.template);
      const pod = record(template.spec);
      const uid = '0d5e7f8a-3c1b-4b7e-9a6f-2f1c0e9d8b71';
      const jobLabels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': metadata.name, 'controller-uid': uid, 'job-name': metadata.name };
      live.spec = {
        ...spec,
        completions: 1,
        parallelism: 1,
        completionMode: 'NonIndexed',
        suspend: false,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
        template: {
          ...template,
          metadata: { ...record(template.metadata), labels: { ...record(record(template.metadata).labels), ...jobLabels } },
          spec: {
            ...pod,
            dnsPolicy: 'ClusterFirst',
            schedulerName: 'default-scheduler',
            terminationGracePeriodSeconds: 30,
            containers: ((pod.containers as Json[] | undefined) ?? []).map((c) => ({
              ...c,
              imagePullPolicy: 'IfNotPresent',
              resources: {},
              terminationMessagePath: '/dev/termination-log',
              terminationMessagePolicy: 'File',
            })),
          },
        },
      };
      live.status = { succeeded: 1, ready: 0, conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: CONDITION_TIME }] };
      break;
    }
    case 'NodeNetworkConfigurationPolicy':
      metadata.annotations = { ...metadata.annotations, 'nmstate.io/webhook-mutating-timestamp': '1764000000000000000' };
      live.status = {
        conditions: [
          { type: 'Available', status: 'True', reason: 'SuccessfullyConfigured', message: '1/1 nodes successfully configured', lastTransitionTime: CONDITION_TIME, lastHeartbeatTime: CONDITION_TIME },
          { type: 'Degraded', status: 'False', reason: 'SuccessfullyConfigured', message: '', lastTransitionTime: CONDITION_TIME, lastHeartbeatTime: CONDITION_TIME },
        ],
      };
      break;
    case 'StorageCluster':
      metadata.finalizers = [...(metadata.finalizers ?? []), 'storagecluster.ocs.openshift.io'];
      live.spec = {
        ...spec,
        arbiter: {},
        encryption: { kms: {} },
        externalStorage: {},
        version: '4.18.0',
        storageDeviceSets: ((spec.storageDeviceSets as Json[] | undefined) ?? []).map((set) => ({ ...set, config: {}, placement: {}, preparePlacement: {} })),
      };
      live.status = { phase: 'Ready' };
      break;
    case 'HyperConverged':
      metadata.finalizers = [...(metadata.finalizers ?? []), 'kubevirt.io/hyperconverged'];
      live.spec = { ...spec, featureGates: { deployKubeSecondaryDNS: false }, uninstallStrategy: 'BlockUninstallIfWorkloadsExist' };
      break;
    case 'Application':
      live.status = { sync: { status: 'Synced' }, health: { status: 'Healthy' } };
      break;
    default:
      break;
  }
  return live as JsonObject;
}

/** The group of an apiVersion, as the tracking id writes it ("" for core). */
function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/**
 * What the Sync hooks set lives on objects of the cluster's own: a Node with its role and
 * hostname labels, the Console as installed (installed-config.ts) with the hook's plugin added.
 */
function hostObject(object: JsonObject): JsonObject {
  const metadata = object.metadata as { name: string; labels?: Record<string, string> };
  if (object.kind === 'Node') {
    const labels = {
      'kubernetes.io/hostname': metadata.name,
      'kubernetes.io/os': 'linux',
      'node-role.kubernetes.io/control-plane': '',
      'node-role.kubernetes.io/master': '',
      'node-role.kubernetes.io/worker': '',
      ...metadata.labels,
    };
    return { ...object, metadata: { ...metadata, labels }, spec: {}, status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }] } };
  }
  if (object.kind === 'Console') {
    const installed = consoleAtInstall();
    const platform: readonly string[] = PLATFORM_CONSOLE_PLUGINS;
    const plugins = ((object.spec as { plugins?: string[] } | undefined)?.plugins ?? []).filter((p) => !platform.includes(p));
    return { ...installed, spec: { ...(installed.spec as JsonObject), plugins: [...platform, ...plugins] } };
  }
  return object;
}

/** Puts every bundle object on the server as a synced cluster has it. */
export function seedSyncedBundle(server: TestApiServer, objects: readonly BundleObject[]): void {
  for (const { file, object, effect } of objects) {
    if (effect) {
      server.store.put(hostObject(object as unknown as JsonObject), { manager: 'kubectl-label' });
      continue;
    }
    const live = asTheClusterKeepsIt(object as unknown as JsonObject);
    const app = applicationForFile(objects, file);
    const metadata = live.metadata as { name: string; namespace?: string; annotations?: Record<string, string> };
    const hook = metadata.annotations?.['argocd.argoproj.io/hook'] !== undefined;
    if (app && !hook) {
      metadata.annotations = {
        ...metadata.annotations,
        'argocd.argoproj.io/tracking-id': `${app}:${groupOf(object.apiVersion)}/${object.kind}:${metadata.namespace ?? ''}/${metadata.name}`,
      };
    }
    server.store.put(live, { manager: ARGO_MANAGER });
  }
}
