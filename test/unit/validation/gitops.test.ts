import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

const url = (u: string) => mutate((s) => void (s.gitops!.repoURL = u));

ruleCases([
  { id: 'gitops.repo-url-ssh', severity: 'error', path: '/gitops/repoURL', name: 'git@ URL', change: (s) => void (s.gitops!.repoURL = 'git@git.example.com:acp/sites.git'), message: /HTTPS/ },
  { id: 'gitops.repo-url-ssh', severity: 'error', path: '/gitops/repoURL', name: 'ssh:// URL', change: (s) => void (s.gitops!.repoURL = 'ssh://git@git.example.com/acp/sites.git') },
  { id: 'gitops.repo-url-invalid', severity: 'error', path: '/gitops/repoURL', name: 'no path', change: (s) => void (s.gitops!.repoURL = 'https://git.example.com/') },
  { id: 'gitops.repo-url-invalid', severity: 'error', path: '/gitops/repoURL', name: 'not a URL', change: (s) => void (s.gitops!.repoURL = 'git.example.com/acp/sites.git') },
  { id: 'gitops.repo-url-invalid', severity: 'error', path: '/gitops/repoURL', name: 'ftp', change: (s) => void (s.gitops!.repoURL = 'ftp://git.example.com/acp/sites.git') },
  {
    id: 'gitops.repo-url-credentials',
    severity: 'error',
    path: '/gitops/repoURL',
    name: 'token in URL',
    change: (s) => void (s.gitops!.repoURL = 'https://oauth2:glpat-secret123@git.example.com/acp/sites.git'),
  },
  { id: 'gitops.repo-url-insecure', severity: 'warning', path: '/gitops/repoURL', name: 'plain http', change: (s) => void (s.gitops!.repoURL = 'http://git.example.com/acp/sites.git') },
  { id: 'gitops.branch-invalid', severity: 'error', path: '/gitops/branch', name: 'space in branch', change: (s) => void (s.gitops!.branch = 'site/plant a') },
  { id: 'gitops.branch-invalid', severity: 'error', path: '/gitops/branch', name: 'double dot', change: (s) => void (s.gitops!.branch = 'site/..plant-a') },
  { id: 'gitops.branch-invalid', severity: 'error', path: '/gitops/branch', name: '.lock', change: (s) => void (s.gitops!.branch = 'site/plant-a.lock') },
  { id: 'gitops.path-invalid', severity: 'error', path: '/gitops/path', name: 'parent folder', change: (s) => void (s.gitops!.path = 'sites/../../etc'), message: /\.\./ },
  { id: 'gitops.path-invalid', severity: 'error', path: '/gitops/path', name: 'absolute', change: (s) => void (s.gitops!.path = '/sites/plant-a') },
]);

describe('gitops rules', () => {
  it('never echoes credentials', () => {
    const [f] = findingsOf(url('https://oauth2:glpat-secret123@git.example.com/acp/sites.git'), 'gitops.repo-url-credentials');
    expect(f?.message).not.toMatch(/glpat/);
    expect(f?.hint).not.toMatch(/glpat/);
  });
  it('accepts a plain branch and path and an http URL as valid (only insecure)', () => {
    const site = mutate((s) => {
      s.gitops!.branch = 'site/plant-a';
      s.gitops!.path = 'sites/plant-a';
    });
    expect(findingsOf(site, 'gitops.branch-invalid')).toEqual([]);
    expect(findingsOf(site, 'gitops.path-invalid')).toEqual([]);
    expect(findingsOf(url('http://git.example.com/acp/sites.git'), 'gitops.repo-url-invalid')).toEqual([]);
  });
  it('an SSH URL is reported once, as SSH', () => {
    const site = url('git@git.example.com:acp/sites.git');
    expect(findingsOf(site, 'gitops.repo-url-invalid')).toEqual([]);
    expect(findingsOf(site, 'gitops.repo-url-credentials')).toEqual([]);
  });
});
