// What Argo CD needs to read a private Git server: credentials for a plant or company host, a
// usable CA; and the list of secrets a plan needs (for the readiness checklist).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requiredSecrets } from '../../../main/core/site/required-secrets';
import { privateHostReason } from '../../../main/core/validation/rules/gitops';
import { exampleSite, findingsOf, mutate, ruleCases } from '../../helpers/example-site';

const CA = readFileSync(fileURLToPath(new URL('../../fixtures/argocd/test-git-ca.pem', import.meta.url)), 'utf8');
const repo = (url: string) => mutate((s) => void (s.gitops!.repoURL = url));

ruleCases([
  {
    id: 'gitops.credentials-missing',
    severity: 'warning',
    path: '/gitops/credentials',
    name: '.local Git server without credentials',
    change: (s) => void (s.gitops!.repoURL = 'https://git.plant-c.local/ot/sites.git'),
    message: /git\.plant-c\.local .*ComparisonError/,
  },
  {
    id: 'gitops.credentials-missing',
    severity: 'warning',
    path: '/gitops/credentials',
    name: 'private address without credentials',
    change: (s) => void (s.gitops!.repoURL = 'https://10.20.0.5:3000/ot/sites.git'),
    message: /a private address/,
  },
  {
    id: 'gitops.ca-invalid',
    severity: 'error',
    path: '/gitops/caBundle',
    name: 'not a certificate',
    change: (s) => void (s.gitops!.caBundle = 'paste the CA here'),
    message: /no PEM certificate/,
  },
  {
    id: 'gitops.ca-unused',
    severity: 'warning',
    path: '/gitops/caBundle',
    name: 'CA for an IPv6 host',
    change: (s) => {
      s.gitops!.repoURL = 'https://[fd00::5]/ot/sites.git';
      s.gitops!.caBundle = CA;
    },
    message: /argocd-tls-certs-cm/,
  },
]);

describe('Argo CD access rules', () => {
  it('stay quiet with credentials, for a public-looking host and for a valid CA', () => {
    const withCredentials = mutate((s) => {
      s.gitops!.repoURL = 'https://git.plant-c.local/ot/sites.git';
      s.gitops!.credentials = { username: 'argocd-reader', password: { secretRef: 'gitops-repo-password' } };
      s.gitops!.caBundle = CA;
    });
    for (const id of ['gitops.credentials-missing', 'gitops.ca-invalid', 'gitops.ca-unused']) expect(findingsOf(withCredentials, id)).toEqual([]);
    expect(findingsOf(repo('https://gitlab.com/acme/sites.git'), 'gitops.credentials-missing')).toEqual([]);
  });

  it('tell a plant host from a public one', () => {
    expect(privateHostReason('git')).toBe('a name without a domain');
    expect(privateHostReason('git.plant.lan')).toBe('an internal name (.lan)');
    expect(privateHostReason('192.168.10.4')).toBe('a private address');
    expect(privateHostReason('[fd00::5]')).toBe('a private address');
    expect(privateHostReason('git.example.com')).toBeUndefined();
    expect(privateHostReason('8.8.8.8')).toBeUndefined();
  });
});

describe('requiredSecrets', () => {
  it('lists the pull secret, each BMC password and the Git password, by name and field', () => {
    const site = mutate((s) => {
      s.gitops!.credentials = { username: 'argocd-reader', password: { secretRef: 'gitops-repo-password' } };
    });
    const list = requiredSecrets(site);
    expect(list.map((s) => [s.name, s.path])).toEqual([
      ['pull-secret', '/cluster/pullSecret/secretRef'],
      ...site.nodes.flatMap((n, i) => (n.bmc?.credentials ? [[n.bmc.credentials.secretRef, `/nodes/${i}/bmc/credentials/secretRef`]] : [])),
      ['gitops-repo-password', '/gitops/credentials/password/secretRef'],
    ]);
    expect(list.every((s) => s.what.length > 5)).toBe(true);
  });

  it('names no Git password when the plan has no credentials', () => {
    expect(requiredSecrets(exampleSite()).some((s) => s.path.startsWith('/gitops'))).toBe(false);
  });
});
