// Add-on `hosted-control-planes` (DESIGN §2): multicluster engine (its Subscription is in
// operators/multicluster-engine), the MultiClusterEngine instance, wildcard routes on the
// default IngressController (hosted clusters on KubeVirt publish their ingress as
// wildcard routes), and the ODF RBD class as the default storage class — set in the
// StorageCluster (managedResources.cephBlockPools.defaultStorageClass, see odf.ts), so
// the ODF operator itself puts storageclass.kubernetes.io/is-default-class on
// ocs-storagecluster-ceph-rbd and no StorageClass object is patched here.
import type { Site } from '../../site/schema';
import { hasAddon, WAVES, waveAnnotations, type GitopsDocument } from './common';

export function hostedControlPlaneDocuments(site: Site): GitopsDocument[] {
  if (!hasAddon(site, 'hosted-control-planes')) return [];
  return [
    {
      path: 'hosted-control-planes/multiclusterengine.yaml',
      objects: [
        {
          apiVersion: 'multicluster.openshift.io/v1',
          kind: 'MultiClusterEngine',
          metadata: { name: 'multiclusterengine', annotations: waveAnnotations(WAVES.addon, { customResource: true }) },
          // The hypershift component is on by default in the engine.
          spec: {},
        },
      ],
    },
    {
      path: 'hosted-control-planes/ingresscontroller-default.yaml',
      comment:
        'Server-side apply: Argo CD owns only routeAdmission of the default IngressController\n' +
        'the ingress operator created; every other field stays the operator\'s.',
      objects: [
        {
          apiVersion: 'operator.openshift.io/v1',
          kind: 'IngressController',
          metadata: {
            name: 'default',
            namespace: 'openshift-ingress-operator',
            annotations: waveAnnotations(WAVES.addon, { syncOptions: ['ServerSideApply=true'] }),
          },
          spec: { routeAdmission: { wildcardPolicy: 'WildcardsAllowed' } },
        },
      ],
    },
  ];
}
