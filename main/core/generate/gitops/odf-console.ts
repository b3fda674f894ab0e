// What the OpenShift web console needs to show ODF: the `odf-console` plugin enabled on the
// Console operator, and, up to ODF 4.18, the StorageSystem the ODF console's dashboards list
// storage by (manifests.md §3.3).
import type { Site } from '../../site/schema';
import { ocpMinor, ODF_NAMESPACE, WAVES, waveAnnotations, type GitopsDocument, type K8sObject } from './common';
import { ocHookObjects } from './oc-hook';

const STORAGE_CLUSTER = 'ocs-storagecluster';
/** The ConsolePlugin odf-operator ships (CSV annotation console.openshift.io/plugins: '["odf-console"]'). */
export const ODF_CONSOLE_PLUGIN = 'odf-console';
const ENABLER = 'sitekit-console-plugin';

/**
 * Adds the plugin named by $1 to consoles.operator.openshift.io/cluster spec.plugins unless it
 * is there. The list is atomic, so the patch writes the whole list: every entry read plus
 * ours, conditional on the resourceVersion read with it. A change by anyone in between makes
 * the API server answer 409 Conflict instead of losing that change (the patched object's
 * resourceVersion is a precondition: kubernetes/kubernetes#63104, the mechanism behind
 * controller-runtime's MergeFromWithOptimisticLock), the Job fails and retries. Nothing is
 * ever removed. Fixed text: the plugin name is an argument, not part of the script.
 */
export const ENABLE_PLUGIN_SCRIPT = [
  'set -euo pipefail',
  'plugin="$1"',
  `state="$(oc get consoles.operator.openshift.io cluster -o jsonpath='{.metadata.resourceVersion}{"\\n"}{range .spec.plugins[*]}{@}{"\\n"}{end}')"`,
  'version="$(printf \'%s\\n\' "$state" | head -n 1)"',
  'enabled="$(printf \'%s\\n\' "$state" | tail -n +2)"',
  'if printf \'%s\\n\' "$enabled" | grep -qxF -- "$plugin"; then echo "console plugin $plugin is already enabled"; exit 0; fi',
  'list="$(printf \'%s\\n\' "$enabled" "$plugin" | grep -v \'^$\' | sed \'s/[\\\\"]/\\\\&/g; s/.*/"&"/\' | paste -sd, -)"',
  'oc patch consoles.operator.openshift.io cluster --type=merge -p "{\\"metadata\\":{\\"resourceVersion\\":\\"$version\\"},\\"spec\\":{\\"plugins\\":[$list]}}"',
  'echo "console plugin $plugin enabled"',
].join('\n');

export const CONSOLE_PLUGIN_COMMENT = `The ODF console plugin (${ODF_CONSOLE_PLUGIN}).
odf-operator ships the ConsolePlugin but enables it only when installed from the web
console's OperatorHub (its CSV annotation console.openshift.io/plugins). Installed from Git,
the plugin must be added to consoles.operator.openshift.io/cluster spec.plugins. That list is
atomic and other operators add their plugins to it, so Argo CD must not own it (a merge patch
or server-side apply would replace the list). This Sync hook Job adds ${ODF_CONSOLE_PLUGIN} only
when it is missing, guarded by the resourceVersion it read, and never removes an entry
(the same job as gitops-catalog's enable-odf-console-plugin, without its substring match).`;

export function consolePluginObjects(site: Site): K8sObject[] {
  return ocHookObjects(site, {
    account: ENABLER,
    job: 'sitekit-odf-console-plugin',
    namespace: ODF_NAMESPACE,
    wave: WAVES.storageCluster,
    rules: [{ apiGroups: ['operator.openshift.io'], resources: ['consoles'], resourceNames: ['cluster'], verbs: ['get', 'patch'] }],
    containers: [{ name: 'enable-odf-console', command: ['/bin/bash', '-c', ENABLE_PLUGIN_SCRIPT, 'enable-console-plugin'], args: [ODF_CONSOLE_PLUGIN] }],
  });
}

export function consolePluginDocument(site: Site): GitopsDocument {
  return { path: 'odf/console-plugin.yaml', comment: CONSOLE_PLUGIN_COMMENT, objects: consolePluginObjects(site) };
}

/** Whether ODF of this site still has StorageSystem: its controller went in 4.19 (§3.3). */
export function needsStorageSystem(site: Site): boolean {
  const [major, minor] = ocpMinor(site).split('.').map(Number);
  return major === 4 && minor! <= 18;
}

/**
 * ODF ≤ 4.18: the StorageSystem the console wizard creates next to the StorageCluster
 * (odf-operator release-4.17/4.18 config/samples/ocs-storagecluster-storagesystem.yaml).
 */
export function storageSystemObjects(site: Site): K8sObject[] {
  if (!needsStorageSystem(site)) return [];
  return [
    {
      apiVersion: 'odf.openshift.io/v1alpha1',
      kind: 'StorageSystem',
      metadata: {
        name: `${STORAGE_CLUSTER}-storagesystem`,
        namespace: ODF_NAMESPACE,
        annotations: waveAnnotations(WAVES.storageCluster, { customResource: true }),
      },
      spec: { kind: 'storagecluster.ocs.openshift.io/v1', name: STORAGE_CLUSTER, namespace: ODF_NAMESPACE },
    },
  ];
}
