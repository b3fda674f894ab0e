// The one table of kinds the test API server serves. A kind missing here answers like a cluster
// without that CRD: its group/version discovery is 404 (or the kind is absent from the
// APIResourceList), which client-node's KubernetesObjectApi reports as a failure.
// Names (plural, singular, shortNames) follow `oc api-resources` on OpenShift 4.16 and the
// upstream CRDs (argo-cd manifests/crds, kubernetes-nmstate, ocs-operator, rook, hco).

export interface KindDef {
  group: string; // '' for core
  version: string;
  kind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  /** Has a `/status` subresource: writes to the main resource keep the stored status, and the reverse. */
  status: boolean;
  shortNames?: string[];
  /**
   * Served by kube-apiserver itself (not a CRD): list items carry no apiVersion/kind, like real
   * built-in lists; strategic merge patch is accepted.
   */
  builtin: boolean;
}

type Row = [kind: string, plural: string, namespaced: boolean, status: boolean, shortNames?: string[]];

function group(groupName: string, version: string, builtin: boolean, rows: Row[]): KindDef[] {
  return rows.map(([kind, plural, namespaced, status, shortNames]) => ({
    group: groupName,
    version,
    kind,
    plural,
    singular: kind.toLowerCase(),
    namespaced,
    status,
    ...(shortNames ? { shortNames } : {}),
    builtin,
  }));
}

export const KINDS: readonly KindDef[] = [
  ...group('', 'v1', true, [
    ['Namespace', 'namespaces', false, true, ['ns']],
    ['Node', 'nodes', false, true, ['no']],
    ['Secret', 'secrets', true, false],
    ['ConfigMap', 'configmaps', true, false, ['cm']],
    ['PersistentVolume', 'persistentvolumes', false, true, ['pv']],
    ['PersistentVolumeClaim', 'persistentvolumeclaims', true, true, ['pvc']],
    ['Pod', 'pods', true, true, ['po']],
    ['Service', 'services', true, true, ['svc']],
    ['ServiceAccount', 'serviceaccounts', true, false, ['sa']],
    ['Event', 'events', true, false, ['ev']],
  ]),
  ...group('apps', 'v1', true, [
    ['Deployment', 'deployments', true, true, ['deploy']],
    ['StatefulSet', 'statefulsets', true, true, ['sts']],
    ['DaemonSet', 'daemonsets', true, true, ['ds']],
  ]),
  ...group('batch', 'v1', true, [['Job', 'jobs', true, true]]),
  ...group('policy', 'v1', true, [['PodDisruptionBudget', 'poddisruptionbudgets', true, true, ['pdb']]]),
  ...group('coordination.k8s.io', 'v1', true, [['Lease', 'leases', true, false]]),
  ...group('storage.k8s.io', 'v1', true, [['StorageClass', 'storageclasses', false, false, ['sc']]]),
  ...group('rbac.authorization.k8s.io', 'v1', true, [
    ['ClusterRole', 'clusterroles', false, false],
    ['ClusterRoleBinding', 'clusterrolebindings', false, false],
    ['Role', 'roles', true, false],
    ['RoleBinding', 'rolebindings', true, false],
  ]),
  ...group('config.openshift.io', 'v1', false, [
    ['ClusterVersion', 'clusterversions', false, true],
    ['ClusterOperator', 'clusteroperators', false, true, ['co']],
    ['Infrastructure', 'infrastructures', false, true],
    ['OperatorHub', 'operatorhubs', false, true],
    ['Scheduler', 'schedulers', false, true],
    ['ImageDigestMirrorSet', 'imagedigestmirrorsets', false, true, ['idms']],
    ['ImageTagMirrorSet', 'imagetagmirrorsets', false, true, ['itms']],
  ]),
  ...group('operator.openshift.io', 'v1', false, [
    ['Console', 'consoles', false, true],
    ['IngressController', 'ingresscontrollers', true, true],
  ]),
  ...group('console.openshift.io', 'v1', false, [['ConsolePlugin', 'consoleplugins', false, false]]),
  ...group('route.openshift.io', 'v1', false, [['Route', 'routes', true, true]]),
  ...group('operators.coreos.com', 'v1alpha1', false, [
    ['Subscription', 'subscriptions', true, true, ['sub', 'subs']],
    ['ClusterServiceVersion', 'clusterserviceversions', true, true, ['csv', 'csvs']],
    ['CatalogSource', 'catalogsources', true, true, ['catsrc']],
    ['InstallPlan', 'installplans', true, true, ['ip']],
  ]),
  ...group('operators.coreos.com', 'v1', false, [['OperatorGroup', 'operatorgroups', true, true, ['og']]]),
  ...group('nmstate.io', 'v1', false, [
    ['NMState', 'nmstates', false, true],
    ['NodeNetworkConfigurationPolicy', 'nodenetworkconfigurationpolicies', false, true, ['nncp']],
  ]),
  ...group('nmstate.io', 'v1beta1', false, [
    ['NodeNetworkConfigurationEnactment', 'nodenetworkconfigurationenactments', false, true, ['nnce']],
    ['NodeNetworkState', 'nodenetworkstates', false, true, ['nns']],
  ]),
  ...group('local.storage.openshift.io', 'v1', false, [['LocalVolume', 'localvolumes', true, true]]),
  ...group('ocs.openshift.io', 'v1', false, [['StorageCluster', 'storageclusters', true, true, ['storcluster']]]),
  ...group('ceph.rook.io', 'v1', false, [['CephCluster', 'cephclusters', true, true, ['ceph']]]),
  ...group('odf.openshift.io', 'v1alpha1', false, [['StorageSystem', 'storagesystems', true, true, ['storsys']]]),
  ...group('hco.kubevirt.io', 'v1beta1', false, [['HyperConverged', 'hyperconvergeds', true, true, ['hco']]]),
  ...group('multicluster.openshift.io', 'v1', false, [['MultiClusterEngine', 'multiclusterengines', false, true, ['mce']]]),
  ...group('k8s.cni.cncf.io', 'v1', false, [
    ['NetworkAttachmentDefinition', 'network-attachment-definitions', true, false, ['net-attach-def']],
  ]),
  // Argo CD's Application and AppProject CRDs have no status subresource (argo-cd manifests/crds).
  ...group('argoproj.io', 'v1alpha1', false, [
    ['Application', 'applications', true, false, ['app', 'apps']],
    ['AppProject', 'appprojects', true, false, ['appproj', 'appprojs']],
  ]),
  ...group('argoproj.io', 'v1beta1', false, [['ArgoCD', 'argocds', true, true]]),
];

export function apiVersionOf(def: KindDef): string {
  return def.group ? `${def.group}/${def.version}` : def.version;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function findKind(apiVersion: string, kind: string): KindDef | undefined {
  const { group: g, version } = splitApiVersion(apiVersion);
  return KINDS.find((def) => def.group === g && def.version === version && def.kind === kind);
}

export function findResource(groupName: string, version: string, plural: string): KindDef | undefined {
  return KINDS.find((def) => def.group === groupName && def.version === version && def.plural === plural);
}

/** `configmaps` or `deployments.apps`: how kube-apiserver names a resource in messages. */
export function qualifiedResource(def: KindDef): string {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}
