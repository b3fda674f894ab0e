// The local-only ISO inputs: install-config.yaml WITH the real pull secret, and
// agent-config.yaml, ready for `openshift-install agent create image --dir <dir>`. This is
// one of the two places a secret is written (DESIGN §7; the other is argocd-secrets.ts), with
// the rules of local-secrets-folder.ts: folder 0700, files 0600, never inside a bundle or a
// Git work tree, an existing folder only when private and holding an earlier run's output.
import type { Site } from '../../site/schema';
import { toYaml, type GeneratedFile } from '../files';
import { agentConfig, installConfig } from '../install';
import { localSecretsProblem, writeLocalSecretsFolder, type LocalSecretsFolderKind } from './local-secrets-folder';

export { gitWorkTreeOf } from './local-secrets-folder';

export type PullSecretParse = { ok: true; value: string } | { ok: false; problem: string };

/** A pull secret is a docker config JSON: `{"auths": {"<registry>": {"auth": ...}}}`. */
export function parsePullSecret(text: string): PullSecretParse {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'is not JSON; download the pull secret from console.redhat.com (a JSON file with "auths")' };
  }
  const auths = (parsed as { auths?: unknown } | null)?.auths;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || auths === null || typeof auths !== 'object' || Array.isArray(auths)) {
    return { ok: false, problem: 'is JSON but has no "auths" map; it is not a pull secret' };
  }
  if (Object.keys(auths).length === 0) return { ok: false, problem: 'has an empty "auths" map' };
  return { ok: true, value: JSON.stringify(parsed) };
}

/** Written first into every ISO inputs folder: it marks the files next to it as Sitekit's. */
export const ISO_INPUTS_MARKER = '.sitekit-iso-inputs';

const ISO_INPUTS: LocalSecretsFolderKind = {
  marker: ISO_INPUTS_MARKER,
  markerText:
    'ACP Sitekit wrote this folder (sitekit generate --iso-inputs): install-config.yaml, with the pull secret,\n' +
    'and agent-config.yaml. Sitekit writes over them again on the next run and refuses the folder once it\n' +
    'holds anything else. Keep the folder local; never commit it.\n',
  names: ['install-config.yaml', 'agent-config.yaml'],
  secret: 'the pull secret',
  reader: 'openshift-install',
  foreignHint:
    'Choose a new or empty folder (openshift-install leaves its state and the ISO in the folder: use a new one for every ISO)',
};

/** Why the ISO inputs may not go to `isoDir`, or undefined when they may. */
export async function isoInputsProblem(isoDir: string, bundleDir: string | undefined): Promise<string | undefined> {
  return localSecretsProblem(isoDir, bundleDir === undefined ? [] : [{ dir: bundleDir, what: 'the bundle folder' }], ISO_INPUTS);
}

export function isoInputFiles(site: Site, pullSecret: string): GeneratedFile[] {
  return [
    { path: 'install-config.yaml', content: toYaml({ ...installConfig(site), pullSecret }) },
    { path: 'agent-config.yaml', content: toYaml(agentConfig(site)) },
  ];
}

/**
 * Writes the ISO inputs into `dir`: a new folder is created 0700; an existing one must pass
 * the checks of isoInputsProblem (checked here again) and keeps its mode. Files are 0600.
 */
export async function writeIsoInputs(dir: string, files: readonly GeneratedFile[]): Promise<void> {
  await writeLocalSecretsFolder(dir, ISO_INPUTS, files);
}
