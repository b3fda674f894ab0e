// Pushing the site branch, separately from committing: on site there is often no network,
// so commits wait locally and are pushed when asked. A push never forces: when the branch
// moved on the server, the server's new commits are fetched and reported, the local commit
// stays, and the user decides.
import * as fs from 'node:fs';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import { commitsNotIn, defaultBranch, localRef, remoteRef, resolveLocal, resolveRemote } from './branch';
import { diskRemoteUrl, fetchFromDisk, pushToDisk } from './local-remote';
import { authCallback, checkRemoteUrl, ExportError, networkError, REMOTE, remoteUrl, type GitCredentials } from './repository';
import { changedFiles } from './tree';

export interface RemoteCommit {
  oid: string;
  author: string;
  /** First line of the message. */
  subject: string;
  files: string[];
}

export type PushResult =
  | { status: 'pushed'; branch: string; oid: string; commits: number }
  | { status: 'up-to-date'; branch: string; oid: string }
  | { status: 'rejected'; branch: string; localOid: string; remoteOid?: string; remoteCommits: RemoteCommit[]; message: string }
  | { status: 'offline'; branch: string; message: string; pending: number }
  | { status: 'auth-failed'; branch: string; message: string; pending: number }
  | { status: 'failed'; branch: string; message: string; pending: number };

/**
 * Progress of a push. isomorphic-git 1.44 reserves push's onProgress without emitting, so
 * the phases are ours (checking, sending n commits, done), plus the server's own
 * `remote:` lines as `message`, plus whatever isomorphic-git reports in later versions.
 */
export interface PushProgress {
  phase: string;
  loaded: number;
  total: number;
  message?: string;
}

export interface PushOptions {
  dir: string;
  branch: string;
  token?: string;
  username?: string;
  /** The only origin the token may go to (see GitCredentials.tokenFor). */
  tokenFor?: string;
  onProgress?: (event: PushProgress) => void;
}

/** How many commits of the local branch the server does not have (by the last fetch or push). */
export async function pendingPush(dir: string, branch: string): Promise<number> {
  const local = await resolveLocal(dir, branch);
  if (!local) return 0;
  let base: string | undefined = (await resolveRemote(dir, branch)) ? remoteRef(branch) : undefined;
  if (!base) {
    // A branch never pushed: what it adds to the default branch as the server has it.
    const main = await defaultBranch(dir);
    if (main && (await resolveRemote(dir, main))) base = remoteRef(main);
  }
  return (await commitsNotIn(dir, localRef(branch), base)).length;
}

async function remoteCommits(dir: string, branch: string, local: string): Promise<RemoteCommit[]> {
  const remote = await resolveRemote(dir, branch);
  if (!remote) return [];
  const commits = await commitsNotIn(dir, remote, local);
  return Promise.all(
    commits.map(async (c) => ({
      oid: c.oid,
      author: `${c.commit.author.name} <${c.commit.author.email}>`,
      subject: c.commit.message.split('\n')[0] ?? '',
      files: (await changedFiles(dir, c.commit.parent[0], c.oid)).map((f) => f.path),
    })),
  );
}

export async function pushSite(options: PushOptions): Promise<PushResult> {
  const { dir, branch } = options;
  const credentials: GitCredentials = {
    token: options.token,
    username: options.username,
    ...(options.tokenFor !== undefined ? { tokenFor: options.tokenFor } : {}),
  };
  const local = await resolveLocal(dir, branch);
  if (!local) return { status: 'failed', branch, message: `there is no local branch ${branch} to push`, pending: 0 };
  const url = await remoteUrl(dir);
  if (!url) return { status: 'failed', branch, message: `the clone has no remote "${REMOTE}" to push to`, pending: await pendingPush(dir, branch) };
  const before = await pendingPush(dir, branch);
  const progress = (phase: string, loaded: number, message?: string) =>
    options.onProgress?.({ phase, loaded, total: before, ...(message !== undefined ? { message } : {}) });
  const disk = diskRemoteUrl(url);
  if (disk) return pushSiteToDisk(dir, branch, disk, local, before, progress);
  try {
    checkRemoteUrl(url); // a clone made by hand may point at an SSH remote
  } catch (error) {
    return { status: 'failed', branch, message: `cannot push to ${url}: ${(error as Error).message}`, pending: before };
  }
  const auth = { onAuth: authCallback(credentials), onAuthFailure: () => ({ cancel: true }) };
  try {
    progress(`Pushing ${branch} (${before} commit${before === 1 ? '' : 's'} waiting) to ${url}`, 0);
    const result = await git.push({
      fs,
      http,
      dir,
      remote: REMOTE,
      ref: branch,
      remoteRef: branch,
      onProgress: (e) => options.onProgress?.(e),
      onMessage: (line) => progress('remote', 0, line.trimEnd()),
      ...auth,
    });
    const status = result.refs[localRef(branch)];
    if (!result.ok || (status && !status.ok)) throw Object.assign(new Error(status?.error ?? result.error ?? 'refused'), { code: 'GitPushError' });
    progress('Pushed', before);
    // isomorphic-git records the pushed state as refs/remotes/origin/<branch>; make sure.
    await git.writeRef({ fs, dir, ref: remoteRef(branch), value: local, force: true });
    return before === 0 ? { status: 'up-to-date', branch, oid: local } : { status: 'pushed', branch, oid: local, commits: before };
  } catch (error) {
    let code = (error as { code?: string }).code;
    if (code === 'GitPushError') {
      // The server itself refused the update (a hook, a protected branch, or it moved under us).
      const reason = (error as Error).message.trim();
      if (!/non-fast-forward|fetch first|stale|failed to lock/i.test(reason)) {
        return { status: 'failed', branch, message: `the server refused the push of ${branch}: ${reason}`, pending: before };
      }
      code = 'PushRejectedError';
    }
    // NotFoundError: the server's tip is a commit this clone has never seen, i.e. it moved.
    if (code === 'PushRejectedError' || code === 'NotFoundError') {
      try {
        await git.fetch({ fs, http, dir, remote: REMOTE, ref: branch, singleBranch: true, tags: false, ...auth });
      } catch (fetchError) {
        return failed(networkError(fetchError, url, credentials), branch, before);
      }
      return rejected(dir, branch, local);
    }
    return failed(networkError(error, url, credentials), branch, before);
  }
}

/** The branch moved on the remote: its new commits (fetched already) are listed, nothing is overwritten. */
async function rejected(dir: string, branch: string, local: string): Promise<PushResult> {
  const commits = await remoteCommits(dir, branch, local);
  const remoteOid = await resolveRemote(dir, branch);
  return {
    status: 'rejected',
    branch,
    localOid: local,
    ...(remoteOid ? { remoteOid } : {}),
    remoteCommits: commits,
    message:
      `the server's ${branch} has ${commits.length} commit${commits.length === 1 ? '' : 's'} this export does not build on; ` +
      'the local commit is kept and nothing was overwritten — review the server’s changes and decide how to combine them',
  };
}

async function pushSiteToDisk(
  dir: string,
  branch: string,
  url: string,
  local: string,
  before: number,
  progress: (phase: string, loaded: number) => void,
): Promise<PushResult> {
  try {
    progress(`Pushing ${branch} (${before} commit${before === 1 ? '' : 's'} waiting) to ${url}`, 0);
    const result = await pushToDisk(dir, REMOTE, url, branch);
    if (result.status === 'rejected') {
      await fetchFromDisk(dir, REMOTE, url);
      return rejected(dir, branch, local);
    }
    progress('Pushed', before);
    return result.status === 'up-to-date' || before === 0 ? { status: 'up-to-date', branch, oid: local } : { status: 'pushed', branch, oid: local, commits: before };
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return failed(new ExportError(`${url}: ${(error as Error).message}`, missing ? 'offline' : 'repository'), branch, before);
  }
}

function failed(failure: ExportError, branch: string, pending: number): PushResult {
  if (failure.kind === 'offline') return { status: 'offline', branch, message: `${failure.message}; the commit stays local until a push succeeds`, pending };
  return { status: failure.kind === 'auth' ? 'auth-failed' : 'failed', branch, message: failure.message, pending };
}
