// Import of existing Agent-based Installer inputs into a site plan.
export { importSite, type ImportResult } from './import-site';
