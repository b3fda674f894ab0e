// Git remotes on this computer's disks: a bare repository on a file share or a USB stick, as
// air-gapped plants carry commits out on removable media. isomorphic-git speaks only HTTP, so
// fetch and push between two repositories on disk copy the missing objects and move the refs
// here, with the same rule as git: a push only ever fast-forwards the remote branch.
import * as fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import git from 'isomorphic-git';

export function isFileUrl(url: string): boolean {
  return /^file:\/\//i.test(url);
}

/** A remote on disk as a file:// URL: git writes a clone's origin as a plain path when cloned from one. */
export function diskRemoteUrl(url: string): string | undefined {
  if (isFileUrl(url)) return url;
  return path.isAbsolute(url) ? pathToFileURL(url).href : undefined;
}

/** The remote's Git directory: a bare repository, or the `.git` of a clone. */
export function gitdirOfFileUrl(url: string): string {
  const folder = fileURLToPath(url);
  const dotGit = path.join(folder, '.git');
  return fs.existsSync(dotGit) ? dotGit : folder;
}

export function fileUrlOf(folder: string): string {
  return pathToFileURL(path.resolve(folder)).href;
}

/** A bare repository has HEAD, objects/ and refs/ at its top and no work tree. */
export function isBareRepository(folder: string): boolean {
  return ['HEAD', 'objects', 'refs'].every((entry) => fs.existsSync(path.join(folder, entry))) && !fs.existsSync(path.join(folder, '.git'));
}

/** A new, empty bare repository (e.g. `acp-sites.git` on a USB stick); its default branch is main. */
export async function initBareRepository(folder: string): Promise<void> {
  await fs.promises.mkdir(folder, { recursive: true });
  await git.init({ fs, dir: folder, gitdir: folder, bare: true, defaultBranch: 'main' });
}

async function has(gitdir: string, oid: string): Promise<boolean> {
  try {
    await git.readObject({ fs, gitdir, oid, format: 'deflated' });
    return true;
  } catch {
    return false;
  }
}

async function copy(from: string, to: string, oid: string): Promise<void> {
  // 'content' works for loose and packed objects alike; writeObject hashes and compresses again.
  const { type, object } = await git.readObject({ fs, gitdir: from, oid, format: 'content' });
  await git.writeObject({ fs, gitdir: to, type: type as 'blob' | 'tree' | 'commit' | 'tag', object: object as Uint8Array, format: 'content', oid });
}

/**
 * Copies every object reachable from `tips` that `to` lacks. A commit `to` already has is
 * taken to come with its whole history, as git assumes too. Returns the number copied.
 */
export async function copyObjects(from: string, to: string, tips: readonly string[]): Promise<number> {
  let copied = 0;
  const seen = new Set<string>();
  const copyTree = async (oid: string): Promise<void> => {
    if (seen.has(oid)) return;
    seen.add(oid);
    if (await has(to, oid)) return;
    const { tree } = await git.readTree({ fs, gitdir: from, oid });
    for (const entry of tree) {
      if (entry.type === 'tree') await copyTree(entry.oid);
      else if (entry.type === 'blob' && !seen.has(entry.oid)) {
        seen.add(entry.oid);
        if (!(await has(to, entry.oid))) {
          await copy(from, to, entry.oid);
          copied++;
        }
      }
      // 'commit' entries are submodules: their objects live in another repository.
    }
    await copy(from, to, oid);
    copied++;
  };
  const commits = [...tips];
  while (commits.length > 0) {
    const oid = commits.pop()!;
    if (seen.has(oid)) continue;
    seen.add(oid);
    if (await has(to, oid)) continue;
    const { commit } = await git.readCommit({ fs, gitdir: from, oid });
    await copyTree(commit.tree);
    commits.push(...commit.parent);
    await copy(from, to, oid);
    copied++;
  }
  return copied;
}

/** Refreshes refs/remotes/<remote>/* (and its HEAD) of the clone in `dir` from a repository on disk. */
export async function fetchFromDisk(dir: string, remote: string, url: string): Promise<void> {
  const remoteGitdir = gitdirOfFileUrl(url);
  if (!fs.existsSync(remoteGitdir)) {
    throw Object.assign(new Error(`${fileURLToPath(url)} is not there (is the drive or USB stick connected?)`), { code: 'ENOENT' });
  }
  const gitdir = path.join(dir, '.git');
  const branches = await git.listBranches({ fs, gitdir: remoteGitdir });
  const tips = new Map<string, string>();
  for (const branch of branches) tips.set(branch, await git.resolveRef({ fs, gitdir: remoteGitdir, ref: `refs/heads/${branch}` }));
  await copyObjects(remoteGitdir, gitdir, [...tips.values()]);
  for (const [branch, oid] of tips) await git.writeRef({ fs, gitdir, ref: `refs/remotes/${remote}/${branch}`, value: oid, force: true });
  const head = await git.resolveRef({ fs, gitdir: remoteGitdir, ref: 'HEAD', depth: 2 }).catch(() => undefined);
  if (head?.startsWith('refs/heads/') && tips.has(head.slice('refs/heads/'.length))) {
    await git.writeRef({ fs, gitdir, ref: `refs/remotes/${remote}/HEAD`, value: `refs/remotes/${remote}/${head.slice('refs/heads/'.length)}`, symbolic: true, force: true });
  }
}

/** A clone in `dir` of the repository at the file:// `url`, with its default branch checked out. */
export async function cloneFromDisk(dir: string, remote: string, url: string): Promise<void> {
  await git.init({ fs, dir, defaultBranch: 'main' });
  await git.addRemote({ fs, dir, remote, url });
  await fetchFromDisk(dir, remote, url);
  const head = await git.resolveRef({ fs, dir, ref: `refs/remotes/${remote}/HEAD`, depth: 2 }).catch(() => undefined);
  const main = head?.slice(`refs/remotes/${remote}/`.length);
  if (!main) return; // an empty repository: the first export makes the first commit
  await git.branch({ fs, dir, ref: main, object: await git.resolveRef({ fs, dir, ref: head! }), checkout: false, force: true });
  await git.checkout({ fs, dir, ref: main });
}

export type DiskPush = { status: 'pushed' | 'up-to-date'; oid: string } | { status: 'rejected'; remoteOid: string };

/** Pushes `branch` of the clone in `dir` to the repository at `url`: fast-forward only, never forced. */
export async function pushToDisk(dir: string, remote: string, url: string, branch: string): Promise<DiskPush> {
  const remoteGitdir = gitdirOfFileUrl(url);
  if (!fs.existsSync(remoteGitdir)) {
    throw Object.assign(new Error(`${fileURLToPath(url)} is not there (is the drive or USB stick connected?)`), { code: 'ENOENT' });
  }
  const gitdir = path.join(dir, '.git');
  const ref = `refs/heads/${branch}`;
  const local = await git.resolveRef({ fs, gitdir, ref });
  const there = await git.resolveRef({ fs, gitdir: remoteGitdir, ref }).catch(() => undefined);
  if (there === local) return { status: 'up-to-date', oid: local };
  if (there && !((await has(gitdir, there)) && (await git.isDescendent({ fs, gitdir, oid: local, ancestor: there, depth: -1 })))) {
    return { status: 'rejected', remoteOid: there };
  }
  await copyObjects(gitdir, remoteGitdir, [local]);
  await git.writeRef({ fs, gitdir: remoteGitdir, ref, value: local, force: true });
  await git.writeRef({ fs, gitdir, ref: `refs/remotes/${remote}/${branch}`, value: local, force: true });
  return { status: 'pushed', oid: local };
}
