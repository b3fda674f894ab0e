// gitops/local-storage: per node, LocalVolumes listing exactly the planned ODF devices of that
// node by their stable path (manifests.md §2.2: per-node devices, one nodeSelector per CR —
// "easier to review"). Never a LocalVolumeSet: a filter would also consume a disk nobody chose.
// Storage class `localblock`, Block mode, as ODF needs (§2, §3.2).
//
// Wiping: ODF needs clean disks (§2.2), and the Local Storage Operator wipes a device only when
// its storageClassDevices entry says forceWipeDevicesAndDestroyAllData (`wipefs -a -f`, once,
// when it first claims the device: openshift/local-storage-operator
// pkg/diskmaker/controllers/lv/reconcile.go createSymlink, commit 0fc5ee54). The flag is per
// entry, and the diskmaker keys its config by storage class name (generateConfig:
// `Disks[storageClassName] = …`), so two entries of one LocalVolume with the same class would
// overwrite each other. Several LocalVolumes may share one storage class (the operator keeps a
// list of owners per class: pkg/common/storage_class_owner.go), so the devices the technician
// acknowledged (nodes[].disks.wipe) get a LocalVolume of their own with the flag set, and the
// others one without: exactly the acknowledged devices are wiped, never another.
import { effectiveDisks, wipeDevices } from '../../site/model';
import type { Site, SiteNode } from '../../site/schema';
import { WAVES, waveAnnotations, type GitopsDocument, type K8sObject } from './common';

export const LOCAL_STORAGE_CLASS = 'localblock';
export const LSO_NAMESPACE = 'openshift-local-storage';

/** The node's LocalVolume of devices used as they are. */
export function localVolumeName(node: SiteNode): string {
  return `localblock-${node.hostname}`;
}

/** The node's LocalVolume of the devices the technician agreed to wipe. */
export function wipeLocalVolumeName(node: SiteNode): string {
  return `localblock-${node.hostname}-wipe`;
}

/** The node's ODF devices, split into those to wipe (acknowledged) and those to keep as they are. */
export function odfDevicesByWipe(site: Site, node: SiteNode): { keep: string[]; wipe: string[] } {
  const acknowledged = new Set(wipeDevices(node));
  const devices = effectiveDisks(site, node).odf;
  return { keep: devices.filter((d) => !acknowledged.has(d)), wipe: devices.filter((d) => acknowledged.has(d)) };
}

function localVolumeOf(node: SiteNode, name: string, devicePaths: readonly string[], wipe: boolean): K8sObject {
  return {
    apiVersion: 'local.storage.openshift.io/v1',
    kind: 'LocalVolume',
    metadata: {
      name,
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
          devicePaths: [...devicePaths],
          // true only on the devices listed in nodes[].disks.wipe: their data is destroyed.
          forceWipeDevicesAndDestroyAllData: wipe,
        },
      ],
    },
  };
}

/** The node's LocalVolumes: devices kept as they are, then devices to wipe; none without devices. */
export function localVolumes(site: Site, node: SiteNode): K8sObject[] {
  const { keep, wipe } = odfDevicesByWipe(site, node);
  return [
    ...(keep.length > 0 ? [localVolumeOf(node, localVolumeName(node), keep, false)] : []),
    ...(wipe.length > 0 ? [localVolumeOf(node, wipeLocalVolumeName(node), wipe, true)] : []),
  ];
}

export function localStorageDocuments(site: Site): GitopsDocument[] {
  return site.nodes.flatMap((node) =>
    localVolumes(site, node).map((object) => ({ path: `local-storage/${object.metadata.name}.yaml`, objects: [object] })),
  );
}
