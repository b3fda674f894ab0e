// The sites repository: an existing clone on disk, or a clone made from an HTTPS URL with a
// token. The token only ever travels through isomorphic-git's onAuth callback: it is never
// part of a URL (so never in .git/config), never in an error message.
import * as fs from 'node:fs';
import path from 'node:path';
import git, { type AuthCallback, type GitProgressEvent } from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { cloneFromDisk, fetchFromDisk, isFileUrl } from './local-remote';

export interface GitCredentials {
  token?: string;
  /** User name sent with the token; hosting services accept any, GitHub wants `x-access-token`. */
  username?: string;
  /**
   * The origin (`https://git.example.com`) the token is for: asked by any other URL, the
   * token is not given (the app binds its stored token to one server; see host/secret-binding.ts).
   */
  tokenFor?: string;
}

export type ProgressListener = (event: GitProgressEvent) => void;

export class ExportError extends Error {
  constructor(
    message: string,
    readonly kind: 'ssh' | 'auth' | 'offline' | 'usage' | 'repository' = 'usage',
  ) {
    super(message);
  }
}

export const SSH_REFUSED = "SSH remotes are not supported; use the repository's HTTPS URL with a token";
export const DEFAULT_GIT_USER = 'x-access-token';
export const REMOTE = 'origin';

export function isSshRemote(url: string): boolean {
  return /^ssh:\/\//i.test(url) || /^git\+ssh:\/\//i.test(url) || /^[A-Za-z0-9._-]+@[^:/\s]+:/.test(url);
}

export function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** Refuses what this module cannot or must not use as a remote. */
export function checkRemoteUrl(url: string): void {
  if (isSshRemote(url)) throw new ExportError(SSH_REFUSED, 'ssh');
  if (isFileUrl(url)) return; // a repository on this computer's disks: no credentials travel
  if (!isHttpUrl(url)) throw new ExportError(`${url} is not an HTTPS or file:// URL of a Git repository`, 'usage');
  if (/^https?:\/\/[^/]*@/i.test(url)) {
    throw new ExportError('the repository URL must not carry credentials; give the token through SITEKIT_GIT_TOKEN or a token file', 'usage');
  }
  // The token travels in every request: plain HTTP only to this machine itself.
  if (/^http:/i.test(url) && !/^http:\/\/(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?\//i.test(url)) {
    throw new ExportError(`${url} is plain HTTP; use the repository's https:// URL so the token is not sent in clear text`, 'usage');
  }
}

/** onAuth for isomorphic-git: answers once; a second ask means the token was refused. */
export function authCallback(credentials: GitCredentials): AuthCallback {
  return (url) => {
    if (!credentials.token) return { cancel: true };
    if (credentials.tokenFor !== undefined && originOf(url) !== credentials.tokenFor) return { cancel: true };
    return { username: credentials.username || DEFAULT_GIT_USER, password: credentials.token };
  };
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Turns a network or HTTP failure into a plain message without the token. */
export function networkError(error: unknown, url: string, credentials: GitCredentials): ExportError {
  const e = error as { code?: string; data?: { statusCode?: number }; message?: string; cause?: { code?: string } };
  const status = e.data?.statusCode;
  const code = e.code ?? e.cause?.code;
  let result: ExportError;
  if (status === 401 || status === 403 || code === 'UserCanceledError') {
    result = new ExportError(
      `authentication failed for ${url}: ${credentials.token ? 'the server refused the token' : 'no token given (SITEKIT_GIT_TOKEN or --token-file)'}`,
      'auth',
    );
  } else if (code && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE'].includes(code)) {
    result = new ExportError(`cannot reach ${url} (${code})`, 'offline');
  } else if (status === 404) {
    result = new ExportError(`${url}: no such repository on the server (HTTP 404)`, 'usage');
  } else {
    result = new ExportError(`${url}: ${e.message ?? String(error)}`, 'repository');
  }
  return redact(result, credentials);
}

/** Belt and braces: whatever a library put into a message, the token is cut out. */
export function redact<T extends Error>(error: T, credentials: GitCredentials): T {
  if (credentials.token && error.message.includes(credentials.token)) error.message = error.message.split(credentials.token).join('***');
  return error;
}

export async function isRepository(dir: string): Promise<boolean> {
  try {
    await git.findRoot({ fs, filepath: dir });
    return fs.existsSync(path.join(dir, '.git'));
  } catch {
    return false;
  }
}

export async function remoteUrl(dir: string): Promise<string | undefined> {
  return ((await git.getConfig({ fs, dir, path: `remote.${REMOTE}.url` })) as string | undefined) ?? undefined;
}

export interface OpenOptions {
  /** Clone (or refresh) from this URL into `dir`; without it `dir` must be a clone already. */
  url?: string;
  credentials?: GitCredentials;
  onProgress?: ProgressListener;
}

export interface OpenedRepository {
  dir: string;
  /** True when the clone was made now. */
  cloned: boolean;
  /** Set when a refresh from the server was wanted and the server could not be reached. */
  offline?: string;
}

/**
 * With a URL: clone into `dir`, or fetch into the existing clone there (best effort — on
 * site there may be no network, and the export then builds on what the clone has).
 */
export async function openRepository(dir: string, options: OpenOptions = {}): Promise<OpenedRepository> {
  const credentials = options.credentials ?? {};
  if (options.url === undefined) {
    if (!(await isRepository(dir))) throw new ExportError(`${dir} is not a Git clone (no .git folder)`, 'usage');
    return { dir, cloned: false };
  }
  const url = options.url;
  checkRemoteUrl(url);
  if (isFileUrl(url)) return openFromDisk(dir, url);
  const onAuth = authCallback(credentials);
  const onAuthFailure = () => ({ cancel: true });
  if (await isRepository(dir)) {
    const existing = await remoteUrl(dir);
    if (existing !== url) throw new ExportError(`${dir} is a clone of ${existing ?? 'nothing'}, not of ${url}; remove it or use another folder`, 'usage');
    try {
      await git.fetch({ fs, http, dir, remote: REMOTE, onAuth, onAuthFailure, onProgress: options.onProgress, tags: false });
    } catch (error) {
      const failure = networkError(error, url, credentials);
      if (failure.kind !== 'offline') throw failure;
      return { dir, cloned: false, offline: failure.message };
    }
    return { dir, cloned: false };
  }
  await fs.promises.mkdir(dir, { recursive: true });
  try {
    await git.clone({ fs, http, dir, url, onAuth, onAuthFailure, onProgress: options.onProgress, noTags: true });
  } catch (error) {
    await fs.promises.rm(path.join(dir, '.git'), { recursive: true, force: true }).catch(() => undefined);
    const failure = networkError(error, url, credentials);
    if (failure.kind === 'offline') failure.message += '; the first export needs the server once to clone it (or give an existing clone with --repo <folder>)';
    throw failure;
  }
  return { dir, cloned: true };
}

/** openRepository for a remote on disk: a missing drive is "offline", like an unreachable server. */
async function openFromDisk(dir: string, url: string): Promise<OpenedRepository> {
  const diskError = (error: unknown) =>
    new ExportError(`${url}: ${(error as Error).message}`, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'offline' : 'repository');
  if (await isRepository(dir)) {
    const existing = await remoteUrl(dir);
    if (existing !== url) throw new ExportError(`${dir} is a clone of ${existing ?? 'nothing'}, not of ${url}; remove it or use another folder`, 'usage');
    try {
      await fetchFromDisk(dir, REMOTE, url);
    } catch (error) {
      const failure = diskError(error);
      if (failure.kind !== 'offline') throw failure;
      return { dir, cloned: false, offline: failure.message };
    }
    return { dir, cloned: false };
  }
  await fs.promises.mkdir(dir, { recursive: true });
  try {
    await cloneFromDisk(dir, REMOTE, url);
  } catch (error) {
    await fs.promises.rm(path.join(dir, '.git'), { recursive: true, force: true }).catch(() => undefined);
    throw diskError(error);
  }
  return { dir, cloned: true };
}
