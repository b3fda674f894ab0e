// Cluster-scoped configuration objects every installed OpenShift 4.18 cluster has before any
// GitOps wave, as the plant-a scenario starts from them (sources in SOURCES.md here):
// - consoles.operator.openshift.io `cluster`: created by the cluster version operator from
//   openshift/console-operator manifests/01-operator-config.yaml (spec.managementState Managed,
//   create-only), then the platform's own plugins are added to spec.plugins: the cluster network
//   operator's networking-console-plugin (4.17+, bindata/networking-console-plugin) and the
//   cluster monitoring operator's monitoring-plugin (pkg/client/client.go RegisterConsolePlugin
//   appends it with a JSON patch).
// - schedulers.config.openshift.io `cluster`: written by openshift-install
//   (pkg/asset/manifests/scheduler.go): mastersSchedulable true when install-config has no compute
//   replicas, as on a compact cluster.
import type { JsonObject } from '../api-server/index';

export const CONSOLE_REF = { apiVersion: 'operator.openshift.io/v1', kind: 'Console', name: 'cluster' } as const;
export const SCHEDULER_REF = { apiVersion: 'config.openshift.io/v1', kind: 'Scheduler', name: 'cluster' } as const;

/** The plugins a fresh 4.18 cluster has enabled, in the order the operators added them. */
export const PLATFORM_CONSOLE_PLUGINS = ['networking-console-plugin', 'monitoring-plugin'] as const;

export function consoleAtInstall(): JsonObject {
  return {
    apiVersion: CONSOLE_REF.apiVersion,
    kind: CONSOLE_REF.kind,
    metadata: {
      name: CONSOLE_REF.name,
      annotations: {
        'capability.openshift.io/name': 'Console',
        'include.release.openshift.io/hypershift': 'true',
        'include.release.openshift.io/ibm-cloud-managed': 'true',
        'include.release.openshift.io/self-managed-high-availability': 'true',
        'include.release.openshift.io/single-node-developer': 'true',
        'release.openshift.io/create-only': 'true',
      },
    },
    spec: { managementState: 'Managed', plugins: [...PLATFORM_CONSOLE_PLUGINS] },
  };
}

/** The installer's Scheduler for a cluster without compute nodes: the control plane runs workloads. */
export function schedulerAtInstall(): JsonObject {
  return {
    apiVersion: SCHEDULER_REF.apiVersion,
    kind: SCHEDULER_REF.kind,
    metadata: { name: SCHEDULER_REF.name },
    spec: { mastersSchedulable: true, policy: { name: '' } },
    status: {},
  };
}
