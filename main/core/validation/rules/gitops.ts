// GitOps: the repository Argo CD pulls the site from, the branch and the folder.
import type { Rule } from '../engine';
import { defineRule, pointer } from './common';

function parseRepoUrl(text: string): URL | undefined {
  try {
    return new URL(text.trim());
  } catch {
    return undefined;
  }
}

const SSH_STYLE = /^(ssh:\/\/|git:\/\/|git\+ssh:\/\/|[\w.-]+@[\w.-]+:)/i;

/** Why a branch name is not a valid Git ref name (git check-ref-format), or undefined. */
export function branchProblem(branch: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f]/.test(branch)) return 'contains a space or control character';
  if (/[~^:?*[\\]/.test(branch)) return 'contains one of ~ ^ : ? * [ \\';
  if (branch === '@') return 'is "@"';
  if (branch.includes('..')) return 'contains ".."';
  if (branch.includes('@{')) return 'contains "@{"';
  if (branch.startsWith('-')) return 'starts with "-"';
  if (branch.startsWith('/') || branch.endsWith('/') || branch.includes('//')) return 'has a "/" at the start or end, or two in a row';
  if (branch.endsWith('.')) return 'ends with "."';
  for (const part of branch.split('/')) {
    if (part.startsWith('.')) return `has a part starting with "." (${part})`;
    if (part.endsWith('.lock')) return `has a part ending in ".lock" (${part})`;
  }
  return undefined;
}

/** Why a repository folder is not a plain relative path, or undefined. */
export function repoPathProblem(path: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(path)) return 'contains a control character';
  if (path.includes('\\')) return 'contains "\\"; use "/" between folders';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'is absolute; give a folder relative to the repository root';
  if (path.split('/').includes('..')) return 'contains "..", which would leave the repository';
  return undefined;
}

export const gitopsRules: Rule[] = [
  defineRule('gitops.repo-url-ssh', 'The repository URL is not an SSH URL', function* (site) {
    const url = site.gitops?.repoURL;
    if (url === undefined || !SSH_STYLE.test(url.trim())) return;
    yield {
      severity: 'error',
      path: pointer('gitops', 'repoURL'),
      message: `Repository ${url} is an SSH or git:// address; Sitekit pushes and Argo CD pulls over HTTPS with a token.`,
      hint: 'Use an HTTPS URL with a token, e.g. https://git.example.com/acp/sites.git.',
    };
  }),

  defineRule('gitops.repo-url-invalid', 'The repository URL is a well-formed HTTPS URL', function* (site) {
    const url = site.gitops?.repoURL;
    if (url === undefined || SSH_STYLE.test(url.trim())) return;
    const parsed = parseRepoUrl(url);
    let why: string | undefined;
    if (!parsed) why = 'is not a URL';
    else if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') why = `uses ${parsed.protocol}// instead of https://`;
    else if (parsed.hostname === '') why = 'has no host';
    else if (parsed.pathname === '' || parsed.pathname === '/') why = 'names no repository (no path after the host)';
    else if (parsed.search !== '' || parsed.hash !== '') why = 'has a query or fragment';
    if (!why) return;
    yield {
      severity: 'error',
      path: pointer('gitops', 'repoURL'),
      message: `Repository URL "${url}" ${why}.`,
      hint: 'Use the HTTPS clone URL of the sites repository, e.g. https://git.example.com/acp/sites.git.',
    };
  }),

  defineRule('gitops.repo-url-credentials', 'The repository URL holds no credentials', function* (site) {
    const url = site.gitops?.repoURL;
    const parsed = url === undefined ? undefined : parseRepoUrl(url);
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return; // SSH: gitops.repo-url-ssh
    if (parsed.username === '' && parsed.password === '') return;
    yield {
      severity: 'error',
      path: pointer('gitops', 'repoURL'),
      // Never echo the URL: it holds a user name and perhaps a token.
      message: 'The repository URL contains a user name or token; site.yaml must not hold credentials.',
      hint: 'Remove "user:token@" from the URL and store the Git token in the Sitekit secret store.',
    };
  }),

  defineRule('gitops.repo-url-insecure', 'The repository URL uses HTTPS', function* (site) {
    const url = site.gitops?.repoURL;
    const parsed = url === undefined ? undefined : parseRepoUrl(url);
    if (parsed?.protocol !== 'http:') return;
    yield {
      severity: 'warning',
      path: pointer('gitops', 'repoURL'),
      message: `Repository ${url} uses plain http; the Git token would cross the network unencrypted.`,
      hint: 'Use the https:// URL of the repository.',
    };
  }),

  defineRule('gitops.branch-invalid', 'The branch is a valid Git branch name', function* (site) {
    const branch = site.gitops?.branch;
    const problem = branch === undefined ? undefined : branchProblem(branch);
    if (!problem) return;
    yield {
      severity: 'error',
      path: pointer('gitops', 'branch'),
      message: `Branch "${branch}" ${problem}, which Git does not allow.`,
      hint: `Use a name such as site/${site.metadata.name}, or leave branch out.`,
    };
  }),

  defineRule('gitops.path-invalid', 'The site folder is a relative path inside the repository', function* (site) {
    const path = site.gitops?.path;
    const problem = path === undefined ? undefined : repoPathProblem(path);
    if (!problem) return;
    yield {
      severity: 'error',
      path: pointer('gitops', 'path'),
      message: `Site folder "${path}" ${problem}.`,
      hint: `Use a folder such as sites/${site.metadata.name}, or leave path out.`,
    };
  }),
];
