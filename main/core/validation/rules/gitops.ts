// GitOps: the repository Argo CD pulls the site from, the branch and the folder, and what
// Argo CD needs to read a private Git server (its CA, read credentials).
import { gitServerHost } from '../../generate/gitops/argocd-instance';
import { cidrContains, parseCidr, parseIp } from '../../net/ip';
import type { Rule } from '../engine';
import { defineRule, pointer } from './common';
import { caBundleProblem } from './services';

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

/** Address ranges no public Git service uses: private, shared, loopback, link-local, ULA. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', 'fc00::/7', 'fe80::/10', '::1/128'].map(
  (c) => parseCidr(c)!,
);
/** Names only a plant or company network resolves (RFC 6762 .local, RFC 8375 home.arpa, common internal suffixes). */
const INTERNAL_SUFFIXES = ['.local', '.lan', '.internal', '.intranet', '.corp', '.home', '.home.arpa', '.localdomain', '.private'];

/** Why the host of the repository is a plant or company server rather than a public Git service, or undefined. */
export function privateHostReason(hostname: string): string | undefined {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const ip = parseIp(host);
  if (ip) return PRIVATE_RANGES.some((range) => range.family === ip.family && cidrContains(range, ip)) ? 'a private address' : undefined;
  if (!host.includes('.')) return 'a name without a domain';
  const suffix = INTERNAL_SUFFIXES.find((s) => host.endsWith(s));
  return suffix ? `an internal name (${suffix})` : undefined;
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

  defineRule('gitops.credentials-missing', 'Argo CD can log in to a private Git server', function* (site) {
    const url = site.gitops?.repoURL;
    const parsed = url === undefined ? undefined : parseRepoUrl(url);
    if (!parsed || parsed.protocol !== 'https:' || site.gitops?.credentials) return;
    const reason = privateHostReason(parsed.hostname);
    if (!reason) return;
    yield {
      severity: 'warning',
      path: pointer('gitops', 'credentials'),
      message:
        `The repository is on ${parsed.hostname} (${reason}), a plant or company Git server, and the plan gives Argo CD no credentials. ` +
        'Unless the repository can be read without logging in, Argo CD on the cluster cannot fetch it and every Application shows a ComparisonError.',
      hint:
        'In the GitOps step, give the user name of a read-only account and store its password or token; then write the Argo CD repository secret and apply it with oc apply -f <folder>.',
    };
  }),

  defineRule('gitops.ca-invalid', 'The Git server CA bundle holds PEM certificates', function* (site) {
    const pem = site.gitops?.caBundle;
    const problem = pem === undefined ? undefined : caBundleProblem(pem);
    if (!problem) return;
    yield {
      severity: 'error',
      path: pointer('gitops', 'caBundle'),
      message: `The Git server CA bundle ${problem}.`,
      hint: "Paste the PEM certificate of the CA that signed the Git server's certificate, including the BEGIN and END lines.",
    };
  }),

  defineRule('gitops.ca-unused', 'The Git server CA can be given to Argo CD', function* (site) {
    const gitops = site.gitops;
    if (!gitops?.caBundle?.trim() || parseRepoUrl(gitops.repoURL) === undefined) return;
    if (gitServerHost(gitops.repoURL) !== undefined) return;
    yield {
      severity: 'warning',
      path: pointer('gitops', 'caBundle'),
      message:
        `The plan has a Git server CA, but Argo CD trusts a CA per host name of an https:// repository, and ${gitops.repoURL} ` +
        'is not https:// or its host (an IPv6 address) cannot be named in argocd-tls-certs-cm. The CA is left out of the bundle.',
      hint: 'Use the https:// URL of the Git server with its host name.',
    };
  }),
];
