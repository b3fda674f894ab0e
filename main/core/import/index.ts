// Import of existing Agent-based Installer inputs into a site plan.
export { importSite, type ImportResult } from './import-site';
export { MAX_FILES, OcMirrorImportError, parseClusterResources, readClusterResources, type OcMirrorImport } from './oc-mirror';
