// HA readiness of the workloads on a compact cluster (issue 13 §4): on the live cluster and on
// the manifests of the sites repository, with the peer tools that flag the same objects.
export { COMPACT_NODES, haCheckLive, haCheckManifestObjects, haCheckManifests, isPlatformNamespace, type HaCheckOptions } from './check';
export { MANIFEST_FOLDER_LIMITS, ManifestFolderError, readManifestFolder, type ManifestFolder, type ManifestSkip } from './manifest-folder';
export { readManifests, type ManifestFile, type ManifestRead } from './manifests';
export { PEER_CHECKS, UNSHARED_PEER_CHECKS, alsoFlaggedBy, type PeerCheck, type PeerTool } from './peer-rules';
export { HA_RULES, type HaRuleId } from './rules';
