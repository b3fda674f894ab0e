// The site's branch: found, fast-forwarded to what the server has, or created from the
// repository's default branch — all from local refs, so it works without a network.
import * as fs from 'node:fs';
import git from 'isomorphic-git';
import { ExportError, REMOTE } from './repository';

async function resolve(dir: string, ref: string): Promise<string | undefined> {
  try {
    return await git.resolveRef({ fs, dir, ref });
  } catch {
    return undefined;
  }
}

export function localRef(branch: string): string {
  return `refs/heads/${branch}`;
}

export function remoteRef(branch: string): string {
  return `refs/remotes/${REMOTE}/${branch}`;
}

export const resolveLocal = (dir: string, branch: string) => resolve(dir, localRef(branch));
export const resolveRemote = (dir: string, branch: string) => resolve(dir, remoteRef(branch));

/** origin's HEAD as cloned, else main or master (remote first), else the checked-out branch. */
export async function defaultBranch(dir: string): Promise<string | undefined> {
  try {
    const target = await git.resolveRef({ fs, dir, ref: `refs/remotes/${REMOTE}/HEAD`, depth: 2 });
    const prefix = `refs/remotes/${REMOTE}/`;
    if (target.startsWith(prefix) && (await resolve(dir, target))) return target.slice(prefix.length);
  } catch {
    // no symbolic origin/HEAD (a clone by an older tool, or no remote): fall back below
  }
  for (const name of ['main', 'master']) {
    if ((await resolveRemote(dir, name)) || (await resolveLocal(dir, name))) return name;
  }
  const current = await git.currentBranch({ fs, dir }).catch(() => undefined);
  return current && (await resolveLocal(dir, current)) ? current : undefined;
}

/**
 * Checks out `branch`: the local branch, fast-forwarded when the server's copy is strictly
 * ahead; else the server's copy; else a new branch from the default branch (or an empty
 * history when the repository has no commit yet).
 */
export async function checkoutSiteBranch(dir: string, branch: string): Promise<{ created: boolean; base?: string }> {
  const local = await resolveLocal(dir, branch);
  const remote = await resolveRemote(dir, branch);
  let created = false;
  let base: string | undefined;
  if (local && remote && local !== remote && (await git.isDescendent({ fs, dir, oid: remote, ancestor: local, depth: -1 }))) {
    await git.writeRef({ fs, dir, ref: localRef(branch), value: remote, force: true });
  } else if (!local) {
    base = remote ? `${REMOTE}/${branch}` : await defaultBranch(dir);
    const start = remote ?? (base ? ((await resolveRemote(dir, base)) ?? (await resolveLocal(dir, base))) : undefined);
    if (start) {
      await git.branch({ fs, dir, ref: branch, object: start });
    } else {
      // An empty repository: the first commit starts the branch.
      await git.writeRef({ fs, dir, ref: 'HEAD', value: localRef(branch), symbolic: true, force: true });
      return { created: true };
    }
    created = true;
  }
  await git.setConfig({ fs, dir, path: `branch.${branch}.remote`, value: REMOTE });
  await git.setConfig({ fs, dir, path: `branch.${branch}.merge`, value: localRef(branch) });
  try {
    await git.checkout({ fs, dir, ref: branch });
  } catch (error) {
    const e = error as { code?: string; data?: { filepaths?: string[] } };
    if (e.code === 'CheckoutConflictError') {
      throw new ExportError(
        `cannot switch ${dir} to ${branch}: local changes in ${(e.data?.filepaths ?? []).join(', ')} would be overwritten; commit or discard them first`,
        'repository',
      );
    }
    throw error;
  }
  return { created, ...(base ? { base } : {}) };
}

/** Commits reachable from `tip` but not from `base` (newest first). */
export async function commitsNotIn(dir: string, tip: string, base: string | undefined): Promise<Awaited<ReturnType<typeof git.log>>> {
  const known = new Set<string>();
  if (base) for (const c of await git.log({ fs, dir, ref: base })) known.add(c.oid);
  return (await git.log({ fs, dir, ref: tip })).filter((c) => !known.has(c.oid));
}
