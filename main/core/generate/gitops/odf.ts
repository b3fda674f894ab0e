// gitops/odf: node labels, the storage network NAD and the StorageCluster (internal mode on
// the LocalVolume PVs), manifests.md §3.
import { effectiveDisks } from '../../site/model';
import type { Site } from '../../site/schema';
import { ODF_NAMESPACE, WAVES, waveAnnotations, type GenerateIssue, type GitopsDocument, type K8sObject } from './common';
import { LOCAL_STORAGE_CLASS } from './local-storage';
import { ocHookObjects } from './oc-hook';
import { consolePluginDocument, storageSystemObjects } from './odf-console';
import { storageNetworkObjects, STORAGE_NAD } from './storage-network';

export { ODF_NAMESPACE } from './common';
export const STORAGE_LABEL = 'cluster.ocs.openshift.io/openshift-storage';
/** Topology label of each failure domain (§3.1 rack: topology.rook.io/rack; zone: the well-known label). */
export const TOPOLOGY_LABEL = { rack: 'topology.rook.io/rack', zone: 'topology.kubernetes.io/zone' } as const;

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const LABELER = 'sitekit-node-labeler';

export const NODE_LABELS_COMMENT = `How the node labels get there (manifests.md §3.1).
ODF runs only on nodes labelled ${STORAGE_LABEL}="" and, for a rack or zone
failure domain, reads the topology label of each node. The agent-based installer has no
node-label input, and Argo CD cannot add a label to a Node without owning (and on prune,
deleting) the Node object. So, as gitops-catalog's node-labeler does, an Argo CD Sync hook
Job runs \`oc label node ... --overwrite\` for the planned nodes on every sync (idempotent,
re-created before each run), before the StorageCluster wave. The node names and values are
passed as arguments, never through a shell. Disconnected sites: install/imageset-config.yaml
lists the oc image, and the ImageTagMirrorSet sends its pull to the mirror registry.`;

/** Labels each node gets: the ODF label, plus its rack or zone for that failure domain. */
export function nodeLabels(site: Site): { hostname: string; labels: Record<string, string> }[] {
  const domain = site.odf.failureDomain ?? 'host';
  return site.nodes.map((node) => {
    const labels: Record<string, string> = { [STORAGE_LABEL]: '' };
    if (domain !== 'host') {
      const value = node[domain];
      if (value !== undefined) labels[TOPOLOGY_LABEL[domain]] = value;
    }
    return { hostname: node.hostname, labels };
  });
}

function labelerObjects(site: Site): K8sObject[] {
  return ocHookObjects(site, {
    account: LABELER,
    job: 'sitekit-node-labels',
    namespace: ODF_NAMESPACE,
    wave: WAVES.instance,
    rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'patch'] }],
    containers: nodeLabels(site).map(({ hostname, labels }, i) => ({
      name: `label-node-${i + 1}`,
      command: ['oc'],
      args: ['label', 'node', hostname, ...Object.entries(labels).map(([k, v]) => `${k}=${v}`), '--overwrite'],
    })),
  });
}

/** Device sets per failure domain (§3.2): host = flexible scaling, replica 1, count = all PVs. */
export function deviceSetShape(site: Site): { flexibleScaling: boolean; replica: number; count: number } {
  const perNode = site.nodes.map((node) => effectiveDisks(site, node).odf.length);
  const domain = site.odf.failureDomain ?? 'host';
  if (domain === 'host') return { flexibleScaling: true, replica: 1, count: perNode.reduce((a, b) => a + b, 0) };
  // rack/zone: one device set per failure domain (replica 3), `count` devices in each.
  return { flexibleScaling: false, replica: 3, count: Math.min(...perNode) };
}

export function storageCluster(site: Site): K8sObject {
  const shape = deviceSetShape(site);
  const storageNetwork = site.odf.storageNetwork !== undefined;
  return {
    apiVersion: 'ocs.openshift.io/v1',
    kind: 'StorageCluster',
    metadata: {
      name: 'ocs-storagecluster',
      namespace: ODF_NAMESPACE,
      annotations: {
        ...waveAnnotations(WAVES.storageCluster, { customResource: true }),
        'cluster.ocs.openshift.io/local-devices': 'true', // §3.2: the console's marker for LSO-backed clusters
      },
    },
    spec: {
      ...(shape.flexibleScaling ? { flexibleScaling: true } : {}),
      monDataDirHostPath: '/var/lib/rook',
      managedResources: {
        // The operator marks the RBD class default (storageclass.kubernetes.io/is-default-class);
        // hosted control planes keep etcd on it (DESIGN §2).
        cephBlockPools: {
          defaultStorageClass: true,
          ...(site.virtualization.enabled ? { defaultVirtualizationStorageClass: true } : {}),
        },
      },
      ...(storageNetwork
        ? {
            // Replication only (DESIGN §2: the storage network has no gateway and carries ODF
            // replication); client I/O stays on the pod network, so no public selector and no
            // per-node macvlan shim are needed (§3.4).
            network: { provider: 'multus', selectors: { cluster: `${ODF_NAMESPACE}/${STORAGE_NAD}` } },
          }
        : {}),
      storageDeviceSets: [
        {
          name: `ocs-deviceset-${LOCAL_STORAGE_CLASS}`,
          count: shape.count,
          replica: shape.replica,
          portable: false,
          ...(site.odf.deviceClass ? { deviceClass: site.odf.deviceClass } : {}),
          dataPVCTemplate: {
            spec: {
              storageClassName: LOCAL_STORAGE_CLASS,
              accessModes: ['ReadWriteOnce'],
              volumeMode: 'Block',
              // A PVC binds a whole local PV, so the request is nominal (§3.2, console uses "1").
              resources: { requests: { storage: '1' } },
            },
          },
        },
      ],
    },
  };
}

export function odfDocuments(site: Site, issues: GenerateIssue[]): GitopsDocument[] {
  const domain = site.odf.failureDomain ?? 'host';
  nodeLabels(site).forEach(({ hostname, labels }, i) => {
    for (const [key, value] of Object.entries(labels)) {
      if (value.length <= 63 && LABEL_VALUE.test(value)) continue;
      issues.push({
        id: 'generate.node-label-invalid',
        severity: 'error',
        path: `/nodes/${i}/${domain}`,
        message: `The ${domain} "${value}" of ${hostname} cannot be a Kubernetes label value (${key}).`,
        hint: 'Use letters, digits, "-", "_" and "." only, at most 63 characters, starting and ending with a letter or digit.',
      });
    }
  });
  const docs: GitopsDocument[] = [{ path: 'odf/node-labels.yaml', comment: NODE_LABELS_COMMENT, objects: labelerObjects(site) }];
  const network = storageNetworkObjects(site, issues);
  if (network.length > 0) docs.push({ path: 'odf/storage-network.yaml', objects: network });
  docs.push({ path: 'odf/storagecluster.yaml', objects: [storageCluster(site), ...storageSystemObjects(site)] });
  docs.push(consolePluginDocument(site));
  return docs;
}
