// What `--repo` (or the app's repository field) names, and where the commit is made:
// - a clone on disk (a folder with .git): committed there; pushed to its own origin;
// - an https:// URL: cloned into .sitekit/repo/ next to site.yaml;
// - a bare repository, a file:// URL, or an empty folder or a new one in an existing folder (a
//   USB stick; a new bare repository is made there): cloned into .sitekit/repo-disk-<hash>/,
//   pushed back onto the disk. A remote used before that is not there now (the stick is not
//   plugged in) is offline, like an unreachable server: the commit waits in the clone.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { workspaceDir } from '../probe/store';
import { fileUrlOf, initBareRepository, isBareRepository, isFileUrl } from './local-remote';
import { ExportError, isHttpUrl, isSshRemote, SSH_REFUSED } from './repository';

export interface RepoTarget {
  /** The clone the commit is made in. */
  dir: string;
  /** The remote to clone from and push to, when Sitekit keeps the clone itself. */
  url?: string;
  /** Set when an empty bare repository was made now at this folder. */
  created?: string;
}

export const REPO_KINDS = 'a Git clone folder, a bare repository or an empty folder (e.g. on a USB stick), a file:// URL or an https:// URL';

/** With `create: false` (a question, not an export) a missing or empty folder gives undefined. */
export async function resolveRepoTarget(repo: string, siteFile: string, options: { create: false }): Promise<RepoTarget | undefined>;
export async function resolveRepoTarget(repo: string, siteFile: string, options?: { create: true }): Promise<RepoTarget>;
export async function resolveRepoTarget(repo: string, siteFile: string, options: { create: boolean } = { create: true }): Promise<RepoTarget | undefined> {
  if (isSshRemote(repo)) throw new ExportError(SSH_REFUSED, 'ssh');
  const workspace = workspaceDir(path.dirname(path.resolve(siteFile)));
  if (isHttpUrl(repo)) return { dir: path.join(workspace, 'repo'), url: repo };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repo) && !isFileUrl(repo)) throw new ExportError(`${repo}: only ${REPO_KINDS} can be used`, 'usage');

  const folder = isFileUrl(repo) ? fileURLToPath(repo) : path.resolve(repo);
  const onDisk = (created?: string): RepoTarget => {
    const url = fileUrlOf(folder);
    // One clone per disk remote, so an HTTPS clone in .sitekit/repo with waiting commits is never touched.
    const id = createHash('sha256').update(url).digest('hex').slice(0, 12);
    return { dir: path.join(workspace, `repo-disk-${id}`), url, ...(created ? { created } : {}) };
  };
  if (fs.existsSync(path.join(folder, '.git'))) return isFileUrl(repo) ? onDisk() : { dir: folder };
  if (isBareRepository(folder)) return onDisk();
  if (!fs.existsSync(folder)) {
    // Used before: the drive is just not connected now; commit onto the clone, push later.
    if (fs.existsSync(path.join(onDisk().dir, '.git'))) return onDisk();
    // Never make a repository where a drive should be mounted but is not.
    if (!fs.existsSync(path.dirname(folder))) {
      throw new ExportError(`${folder} does not exist, nor does ${path.dirname(folder)} (is the drive or USB stick connected?)`, 'usage');
    }
  } else {
    const entries = await fs.promises.readdir(folder).catch(() => undefined);
    if (entries === undefined) throw new ExportError(`${folder} is a file, not a folder; --repo takes ${REPO_KINDS}`, 'usage');
    if (entries.length > 0) throw new ExportError(`${folder} is neither a Git clone nor a bare repository, and not empty; --repo takes ${REPO_KINDS}`, 'usage');
  }
  if (!options.create) return undefined;
  await initBareRepository(folder);
  return onDisk(folder);
}
