// The installer inputs of a bundle: install/install-config.yaml and install/agent-config.yaml,
// and for a disconnected site install/imageset-config.yaml (what oc-mirror must copy before
// the install). Deterministic: built in a fixed key order from the site alone, no timestamps.
import type { Site } from '../../site/schema';
import { toYaml, type GeneratedFile } from '../files';
import { gitopsTree, type GitopsDocument } from '../gitops';
import { agentConfig } from './agent-config';
import { imagesetConfigFiles } from './imageset-config';
import { installConfig } from './install-config';

export const PULL_SECRET_NOTE =
  '# pullSecret is added only in the local ISO inputs (sitekit generate --iso-inputs); never commit it.\n';

/**
 * `gitops`: the site's GitOps documents when the caller has them already (generateBundle), so
 * the image set lists their images without building the tree a second time.
 */
export function installFiles(site: Site, gitops?: readonly GitopsDocument[]): GeneratedFile[] {
  return [
    { path: 'install/install-config.yaml', content: PULL_SECRET_NOTE + toYaml(installConfig(site)) },
    { path: 'install/agent-config.yaml', content: toYaml(agentConfig(site)) },
    ...(site.cluster.mirror ? imagesetConfigFiles(site, gitops ?? gitopsTree(site).documents) : []),
  ];
}

export { agentConfig } from './agent-config';
export { installConfig } from './install-config';
export { imageDigestSources, RELEASE_SOURCES } from './mirrors';
export { imageSetConfiguration, IMAGESET_CONFIG_PATH, odfDependencies, operatorPackages } from './imageset-config';
