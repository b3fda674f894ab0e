// The secrets a plan refers to and that must be in the Sitekit secret store before the site
// can be brought up: the pull secret (ISO inputs), each node's BMC credentials (when given),
// the password Argo CD reads the Git repository with (gitops.credentials). Only names and
// where the plan names them; never a value. For the readiness checklist.
import type { Site } from './schema';

export interface RequiredSecret {
  /** Name in the secret store (the plan's secretRef). */
  name: string;
  /** JSON pointer of the secretRef in site.yaml. */
  path: string;
  /** What it is, in a few words for the technician (readiness shows `name (what)`). */
  what: string;
}

export function requiredSecrets(site: Site): RequiredSecret[] {
  const list: RequiredSecret[] = [
    { name: site.cluster.pullSecret.secretRef, path: '/cluster/pullSecret/secretRef', what: 'pull secret for the installation image' },
  ];
  site.nodes.forEach((node, i) => {
    const ref = node.bmc?.credentials?.secretRef;
    if (ref) list.push({ name: ref, path: `/nodes/${i}/bmc/credentials/secretRef`, what: `BMC password of ${node.hostname}` });
  });
  const git = site.gitops?.credentials?.password.secretRef;
  if (git) list.push({ name: git, path: '/gitops/credentials/password/secretRef', what: 'password Argo CD reads the Git repository with' });
  return list;
}
