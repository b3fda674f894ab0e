// Drift of the live cluster against the bundle (issue 13 §4): what the host, the CLI and the
// verification use. driftCheck(client, bundleObjectsOf(gitopsFiles(site).files)).
export { applicationForFile, bundleObjectsOf, type BundleFile, type BundleObject } from './bundle-objects';
export { driftCheck, type DriftOptions } from './compare';
export { diffObject } from './diff';
export { managedBy, trackingApplication } from './managed-by';
