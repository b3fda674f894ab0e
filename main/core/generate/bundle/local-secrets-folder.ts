// A local-only folder that receives a secret (DESIGN §7): the ISO inputs with the pull secret
// (iso-inputs.ts) and the Argo CD repository Secret (argocd-secrets.ts). Folder 0700, files
// 0600, never inside a bundle or a Git work tree, where it could be committed. An existing
// folder is used only when it is private (owned by this user, writable by no one else) and
// holds nothing but an earlier run's output of the same kind; its mode is left as it is.
import { chmod, mkdir, readdir, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../fs/atomic-write';
import type { GeneratedFile } from '../files';

/** What one kind of local-only folder holds and how its refusals speak. */
export interface LocalSecretsFolderKind {
  /** Written first into the folder: it marks the files next to it as Sitekit's. */
  marker: string;
  markerText: string;
  /** The files Sitekit writes there, besides the marker. */
  names: readonly string[];
  /** The secret in words, e.g. "the pull secret". */
  secret: string;
  /** Who reads the files, e.g. "openshift-install". */
  reader: string;
  /** Said after the list of foreign files (what to do instead). */
  foreignHint: string;
}

export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function isPresent(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * The real path of `p` (symbolic links resolved), also when `p` does not exist yet: the real
 * path of its nearest existing folder with the rest appended.
 */
export async function realPathOf(p: string): Promise<string> {
  const absolute = path.resolve(p);
  let existing = absolute;
  for (;;) {
    try {
      return path.join(await realpath(existing), path.relative(existing, absolute));
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      existing = parent;
    }
  }
}

/** The Git work tree that contains `dir` (a folder with `.git` above it), if any. */
export async function gitWorkTreeOf(dir: string): Promise<string | undefined> {
  let current = path.resolve(dir);
  for (;;) {
    if (await isPresent(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** writeFileAtomic's temporary file of one of the kind's files, left by a crash (may hold the secret). */
function staleTemp(kind: LocalSecretsFolderKind): RegExp {
  const names = [...kind.names, kind.marker.replace(/^\./, '')].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^\\.(${names.join('|')})\\.[0-9a-f]{12}\\.tmp$`);
}

function listed(names: readonly string[]): string {
  return names.length <= 5 ? names.join(', ') : `${names.slice(0, 5).join(', ')} and ${names.length - 5} more`;
}

/**
 * Why the existing folder `dir` may not receive the files: it is shared (another owner, or
 * writable by its group or everyone), or it holds files Sitekit did not write. A missing
 * folder is fine: it is created 0700.
 */
export async function localFolderProblem(dir: string, kind: LocalSecretsFolderKind): Promise<string | undefined> {
  let info;
  try {
    info = await stat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!info.isDirectory()) return `${dir} exists and is not a folder`;
  const uid = process.getuid?.();
  if (uid !== undefined) {
    if (info.uid !== uid) {
      return `${dir} belongs to another user (uid ${info.uid}), who could read ${kind.secret} or replace the files. Choose a folder of your own`;
    }
    if ((info.mode & 0o022) !== 0) {
      const mode = (info.mode & 0o777).toString(8).padStart(3, '0');
      return (
        `${dir} is shared: it is writable by ${(info.mode & 0o002) !== 0 ? 'everyone' : 'its group'} (mode ${mode}), so others could ` +
        `replace the files before ${kind.reader} reads them. Sitekit does not change the mode of an existing folder: ` +
        'choose a new folder (it is created 0700) or make this one private yourself (chmod 700)'
      );
    }
  }
  const entries = await readdir(dir);
  const temp = staleTemp(kind);
  const foreign = entries.filter((name) => name !== kind.marker && !kind.names.includes(name) && !temp.test(name)).sort();
  if (foreign.length > 0) {
    return `${dir} holds files Sitekit did not write (${listed(foreign)}). ${kind.foreignHint}`;
  }
  const unmarked = entries.filter((name) => kind.names.includes(name)).sort();
  if (unmarked.length > 0 && !entries.includes(kind.marker)) {
    return (
      `${dir} already has ${listed(unmarked)}, not written by this Sitekit (there is no ${kind.marker} next to ` +
      `${unmarked.length === 1 ? 'it' : 'them'}), which would be overwritten. Move ${unmarked.length === 1 ? 'it' : 'them'} away, or choose a new folder`
    );
  }
  return undefined;
}

/**
 * Why `dir` may not receive the files, or undefined when it may: it overlaps `keepOut` (the
 * bundle folder, the site's folder), lies inside a Git work tree, or fails localFolderProblem.
 */
export async function localSecretsProblem(
  dir: string,
  keepOut: ReadonlyArray<{ dir: string; what: string }>,
  kind: LocalSecretsFolderKind,
): Promise<string | undefined> {
  // Compared by real path too: a symbolic link must not lead the secret into the bundle or a
  // Git work tree.
  const target = await realPathOf(dir);
  for (const other of keepOut) {
    const resolved = await realPathOf(other.dir);
    if (isInside(target, resolved) || isInside(resolved, target)) {
      return `${dir} overlaps ${other.what} ${other.dir}; ${kind.secret} must never be part of a bundle`;
    }
  }
  const workTree = (await gitWorkTreeOf(target)) ?? (await gitWorkTreeOf(path.resolve(dir)));
  if (workTree !== undefined) {
    return `${dir} is inside the Git work tree ${workTree}; ${kind.secret} could be committed. Choose a folder outside any repository`;
  }
  return localFolderProblem(dir, kind);
}

/**
 * Writes `files` into `dir`: a new folder is created 0700; an existing one must pass
 * localFolderProblem (checked here again) and keeps its mode. Files are 0600.
 */
export async function writeLocalSecretsFolder(dir: string, kind: LocalSecretsFolderKind, files: readonly GeneratedFile[]): Promise<void> {
  const problem = await localFolderProblem(path.resolve(dir), kind);
  if (problem) throw new Error(problem);
  const created = await mkdir(dir, { recursive: true, mode: 0o700 });
  if (created !== undefined) await chmod(dir, 0o700); // ours: private whatever the umask
  const temp = staleTemp(kind);
  for (const name of await readdir(dir)) {
    if (temp.test(name)) await rm(path.join(dir, name), { force: true });
  }
  // The marker first: after a crash between the files the next run still knows them as its own.
  await writeFileAtomic(path.join(dir, kind.marker), kind.markerText, { mode: 0o600 });
  for (const file of files) await writeFileAtomic(path.join(dir, file.path), file.content, { mode: 0o600 });
}
