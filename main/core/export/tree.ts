// Reading committed and staged trees: the site folder as it is in a commit (to know whether
// an export changes anything), the files a commit touched, and the staged blobs to scan.
import * as fs from 'node:fs';
import git, { STAGE, TREE } from 'isomorphic-git';

export type FileChange = 'added' | 'modified' | 'deleted';

export interface ChangedFile {
  path: string;
  change: FileChange;
}

function under(prefix: string, filepath: string): boolean {
  return prefix === '.' || prefix === '' || filepath === prefix || filepath.startsWith(`${prefix}/`);
}

/** Every blob under `prefix` in commit `ref` (path relative to the repository root → text). */
export async function treeFiles(dir: string, ref: string, prefix: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  await git.walk({
    fs,
    dir,
    trees: [TREE({ ref })],
    map: async (filepath, [entry]) => {
      if (filepath !== '.' && !under(prefix, filepath) && !prefix.startsWith(`${filepath}/`)) return null;
      if (!entry || (await entry.type()) !== 'blob') return true;
      if (under(prefix, filepath)) files.set(filepath, Buffer.from((await entry.content()) ?? new Uint8Array()).toString('utf8'));
      return true;
    },
  });
  return files;
}

/** Files staged in the index under `prefix`, with their content. */
export async function stagedFiles(dir: string, prefix: string): Promise<{ path: string; content: Uint8Array }[]> {
  const out: { path: string; content: Uint8Array }[] = [];
  await git.walk({
    fs,
    dir,
    trees: [STAGE()],
    map: async (filepath, [entry]) => {
      if (filepath === '.' || !entry) return true;
      if (!under(prefix, filepath) && !prefix.startsWith(`${filepath}/`)) return null;
      if ((await entry.type()) !== 'blob') return true;
      const oid = await entry.oid();
      out.push({ path: filepath, content: (await git.readBlob({ fs, dir, oid })).blob });
      return true;
    },
  });
  return out;
}

/** What changed between two commits (`from` undefined: everything in `to` is added). */
export async function changedFiles(dir: string, from: string | undefined, to: string): Promise<ChangedFile[]> {
  if (!from) return [...(await treeFiles(dir, to, '')).keys()].sort().map((p) => ({ path: p, change: 'added' as const }));
  const out: ChangedFile[] = [];
  await git.walk({
    fs,
    dir,
    trees: [TREE({ ref: from }), TREE({ ref: to })],
    map: async (filepath, [a, b]) => {
      if (filepath === '.') return true;
      const [ta, tb] = [await a?.type(), await b?.type()];
      if (ta === 'tree' || tb === 'tree') {
        if (ta === 'tree' && tb === 'tree' && (await a?.oid()) === (await b?.oid())) return null; // same subtree: skip
        return true;
      }
      if (!a) out.push({ path: filepath, change: 'added' });
      else if (!b) out.push({ path: filepath, change: 'deleted' });
      else if ((await a.oid()) !== (await b.oid())) out.push({ path: filepath, change: 'modified' });
      return true;
    },
  });
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}
