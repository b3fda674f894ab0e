// The local-only Argo CD secrets: the repository Secret with which Argo CD reads the site's
// private Git server (username and password from the secret store). Like the ISO inputs it is
// never part of a bundle or a Git work tree (local-secrets-folder.ts); the technician applies
// it once with `oc apply -f <dir>`. The Git server's CA is public and lives in the bundle
// (gitops/bootstrap/argocd/, main/core/generate/gitops/argocd-instance.ts).
import { GITOPS_NAMESPACE, type K8sObject } from '../gitops/common';
import type { Site } from '../../site/schema';
import { toYaml, type GeneratedFile } from '../files';
import { localSecretsProblem, writeLocalSecretsFolder, type LocalSecretsFolderKind } from './local-secrets-folder';

export const ARGOCD_SECRETS_MARKER = '.sitekit-argocd-secrets';
export const REPOSITORY_SECRET_FILE = 'argocd-repository.yaml';
/** Name of the repository Secret in openshift-gitops (one site per cluster). */
export const REPOSITORY_SECRET_NAME = 'acp-site-repository';

const ARGOCD_SECRETS: LocalSecretsFolderKind = {
  marker: ARGOCD_SECRETS_MARKER,
  markerText:
    `ACP Sitekit wrote this folder (sitekit generate --argocd-secrets): ${REPOSITORY_SECRET_FILE}, the Secret with\n` +
    "which Argo CD reads the site's Git repository, password included. Apply it with `oc apply -f <this folder>`.\n" +
    'Sitekit writes over it again on the next run and refuses the folder once it holds anything else.\n' +
    'Keep the folder local; never commit it.\n',
  names: [REPOSITORY_SECRET_FILE],
  secret: 'the Git password',
  reader: 'oc',
  foreignHint: 'Choose a new or empty folder for the Argo CD secrets',
};

/** Why the Argo CD secrets may not go to `dir`: overlapping `keepOut` folders, a Git work tree, a shared or foreign folder. */
export function argocdSecretsProblem(dir: string, keepOut: ReadonlyArray<{ dir: string; what: string }>): Promise<string | undefined> {
  return localSecretsProblem(dir, keepOut, ARGOCD_SECRETS);
}

/** Why the plan cannot give a repository Secret (no repository or no credentials), in words with the field. */
function isPlainHttps(address: string): boolean {
  try {
    const url = new URL(address);
    return url.protocol === 'https:' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

export function repositorySecretProblem(site: Site): string | undefined {
  if (!site.gitops?.repoURL.trim()) return 'the plan has no gitops.repoURL (/gitops/repoURL), so there is no repository to give Argo CD access to';
  // Argo CD sends the password to this address: plain http would carry it unencrypted, and a
  // user or token inside the URL would end up in the Secret's url too. Not echoed for that reason.
  if (!isPlainHttps(site.gitops.repoURL.trim())) {
    return 'gitops.repoURL (/gitops/repoURL) is not a plain https:// address (it is plain http, SSH, or holds a user name or token), so the password cannot safely be sent to it: use the https:// clone URL, e.g. https://git.example.com/acp/sites.git';
  }
  if (!site.gitops.credentials) {
    return 'the plan has no gitops.credentials (/gitops/credentials): set the user name Argo CD reads the repository with and the secret that holds its password';
  }
  return undefined;
}

/**
 * The repository Secret (argo-cd docs/operator-manual/declarative-setup.md "Repositories",
 * example for HTTPS: the label argocd.argoproj.io/secret-type: repository, stringData type git,
 * url, username, password). No `project`: the credential then serves every project.
 */
export function repositorySecret(site: Site, password: string): K8sObject {
  const problem = repositorySecretProblem(site);
  if (problem) throw new Error(problem);
  const gitops = site.gitops!;
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: REPOSITORY_SECRET_NAME, namespace: GITOPS_NAMESPACE, labels: { 'argocd.argoproj.io/secret-type': 'repository' } },
    type: 'Opaque',
    stringData: { type: 'git', url: gitops.repoURL.trim(), username: gitops.credentials!.username, password },
  };
}

export function argocdSecretFiles(site: Site, password: string): GeneratedFile[] {
  return [{ path: REPOSITORY_SECRET_FILE, content: toYaml(repositorySecret(site, password)) }];
}

/** Writes the files into `dir` (0700 folder, 0600 files; an existing folder must be private and Sitekit's). */
export async function writeArgocdSecrets(dir: string, files: readonly GeneratedFile[]): Promise<void> {
  await writeLocalSecretsFolder(dir, ARGOCD_SECRETS, files);
}

/** What the technician runs to apply them. */
export function applyCommand(dir: string): string {
  return `oc apply -f ${/^[\w@%+=:,./-]+$/.test(dir) ? dir : `'${dir.replaceAll("'", "'\\''")}'`}`;
}
