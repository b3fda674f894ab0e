// Small pure helpers of the export step (no React, no DOM): sizes, folders and the manifest
// tree built from the preview's file paths. Unit-tested in plain Node.

/** `1 file`, `3 files`. */
export const count = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** Bytes in words: `512 B`, `4.2 KB`, `1.3 MB`. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const kb = bytes / 1024;
  if (kb < 1024) return `${kb < 10 ? kb.toFixed(1) : Math.round(kb)} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** POSIX `/…`, Windows `C:\…` / `C:/…` or UNC `\\server\share…` (the contract's rule). */
export function isAbsolutePath(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || /^\\\\[^\\]/.test(p);
}

/** The folder of a file path, POSIX or Windows, without Node's `path`. */
export function parentFolder(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  if (cut < 0) return '';
  if (cut === 0) return file.slice(0, 1); // "/site.yaml" → "/"
  if (/^[A-Za-z]:$/.test(file.slice(0, cut))) return file.slice(0, cut + 1); // "C:\site.yaml" → "C:\"
  return file.slice(0, cut);
}

/** Where the bundle goes unless the technician picks another folder: `<site folder>/bundle`. */
export function defaultOutDir(sitePath: string | undefined): string {
  if (!sitePath) return '';
  const dir = parentFolder(sitePath);
  if (!dir) return '';
  const sep = sitePath.includes('\\') && !sitePath.includes('/') ? '\\' : '/';
  return dir.endsWith('/') || dir.endsWith('\\') ? `${dir}bundle` : `${dir}${sep}bundle`;
}

export interface TreeFile {
  kind: 'file';
  /** Full path in the bundle, e.g. `install/agent-config.yaml`. */
  path: string;
  name: string;
  size: number;
}

export interface TreeFolder {
  kind: 'folder';
  /** Full path of the folder with a trailing slash, e.g. `gitops/`. */
  path: string;
  name: string;
  /** Number of files below it, at any depth. */
  files: number;
  /** Bytes below it, at any depth. */
  size: number;
  children: TreeEntry[];
}

export type TreeEntry = TreeFile | TreeFolder;

/** Folders first, then files, each by name; folders carry the count and size below them. */
export function buildTree(files: ReadonlyArray<{ path: string; size: number }>): TreeEntry[] {
  const root: TreeFolder = { kind: 'folder', path: '', name: '', files: 0, size: 0, children: [] };
  for (const file of files) {
    const parts = file.path.split('/').filter(Boolean);
    if (!parts.length) continue;
    let folder = root;
    folder.files++;
    folder.size += file.size;
    for (const part of parts.slice(0, -1)) {
      const path = `${folder.path}${part}/`;
      let next = folder.children.find((c): c is TreeFolder => c.kind === 'folder' && c.name === part);
      if (!next) {
        next = { kind: 'folder', path, name: part, files: 0, size: 0, children: [] };
        folder.children.push(next);
      }
      next.files++;
      next.size += file.size;
      folder = next;
    }
    folder.children.push({ kind: 'file', path: file.path, name: parts[parts.length - 1]!, size: file.size });
  }
  const sort = (entries: TreeEntry[]) => {
    entries.sort((a, b) => (a.kind !== b.kind ? (a.kind === 'folder' ? -1 : 1) : a.name.localeCompare(b.name)));
    for (const e of entries) if (e.kind === 'folder') sort(e.children);
  };
  sort(root.children);
  return root.children;
}

/** The folders that hold a file (`a/b/c.yaml` → `a/`, `a/b/`), to open them when it is selected. */
export function foldersOf(file: string): string[] {
  const parts = file.split('/').filter(Boolean).slice(0, -1);
  return parts.map((_, i) => `${parts.slice(0, i + 1).join('/')}/`);
}

export type DiffLineKind = 'add' | 'del' | 'hunk' | 'meta' | 'context';

/** How a line of a unified diff is shown. */
export function diffLineKind(line: string): DiffLineKind {
  if (line.startsWith('+++') || line.startsWith('---')) return 'meta';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  if (line.startsWith('\\')) return 'meta';
  return 'context';
}

/** Lines of a text without the empty one after a final newline. */
export function textLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
