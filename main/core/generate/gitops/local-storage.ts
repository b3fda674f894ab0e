// gitops/local-storage: one LocalVolume per node (manifests.md §2.2: per-node devices, one
// nodeSelector per CR — "easier to review"), listing exactly the planned ODF devices of
// that node by their stable path. Never a LocalVolumeSet: a filter would also consume a
// disk nobody chose. Storage class `localblock`, Block mode, as ODF needs (§2, §3.2).
import { effectiveDisks } from '../../site/model';
import type { Site, SiteNode } from '../../site/schema';
import { WAVES, waveAnnotations, type GitopsDocument, type K8sObject } from './common';

export const LOCAL_STORAGE_CLASS = 'localblock';
export const LSO_NAMESPACE = 'openshift-local-storage';

export function localVolumeName(node: SiteNode): string {
  return `localblock-${node.hostname}`;
}

export function localVolume(site: Site, node: SiteNode): K8sObject {
  return {
    apiVersion: 'local.storage.openshift.io/v1',
    kind: 'LocalVolume',
    metadata: {
      name: localVolumeName(node),
      namespace: LSO_NAMESPACE,
      annotations: waveAnnotations(WAVES.localVolume, { customResource: true }),
    },
    spec: {
      nodeSelector: {
        nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node.hostname] }] }],
      },
      storageClassDevices: [
        {
          storageClassName: LOCAL_STORAGE_CLASS,
          volumeMode: 'Block',
          devicePaths: [...effectiveDisks(site, node).odf],
          // Devices must be clean (no partitions, PV/VG/LV: §2.2); never wipe data silently.
          forceWipeDevicesAndDestroyAllData: false,
        },
      ],
    },
  };
}

export function localStorageDocuments(site: Site): GitopsDocument[] {
  return site.nodes
    .filter((node) => effectiveDisks(site, node).odf.length > 0)
    .map((node) => ({ path: `local-storage/${localVolumeName(node)}.yaml`, objects: [localVolume(site, node)] }));
}
