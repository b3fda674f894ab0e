// Reads the manifests of a sites-repository folder for the HA readiness check (issue 13 §4):
// every *.yaml, *.yml and *.json below it, as {path, text} with the path relative to the
// folder (apps/historian/deployment.yaml), ready for readManifests / haCheckManifests.
// The folder is named by a person and may be anything (their home folder, a clone with its
// history), so the walk is bounded: at most MAX_FILES files of at most MAX_FILE_BYTES each,
// MAX_TOTAL_BYTES together, MAX_DEPTH folders deep and MAX_ENTRIES entries looked at; .git and
// node_modules are not entered; a symbolic link is followed only when its target is inside the
// folder (compared by real path), so a link cannot make Sitekit read elsewhere. All of it is
// asynchronous file system work, so the app's main process is never blocked by a large tree.
// A file that cannot be used is left out and named in `skipped` with why; the folder itself
// not being usable, or being too large to read whole, is a ManifestFolderError naming it.
import type { Dirent } from 'node:fs';
import { opendir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { BoundedReadError, describeBytes, readFileBounded } from '../../fs/read-bounded';
import type { ManifestFile } from './manifests';

export const MANIFEST_FOLDER_LIMITS = Object.freeze({
  maxFiles: 2_000,
  maxFileBytes: 2 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  /** Folders below the chosen one (sites/plant-a/apps/x/overlays/prod is 5). */
  maxDepth: 12,
  /** Files and folders looked at, manifests or not: a home folder is not a sites repository. */
  maxEntries: 100_000,
});

export type ManifestFolderLimits = { -readonly [K in keyof typeof MANIFEST_FOLDER_LIMITS]: number };

/** Folders that never hold a site's manifests and can be very large. */
const NOT_ENTERED = new Set(['.git', 'node_modules']);
const MANIFEST_FILE = /\.(?:ya?ml|json)$/i;

export interface ManifestSkip {
  /** Relative to the folder, `/`-separated; a folder ends with `/`. */
  path: string;
  reason: string;
}

export interface ManifestFolder {
  /** The folder as given. */
  dir: string;
  files: ManifestFile[];
  skipped: ManifestSkip[];
}

export interface ReadManifestFolderOptions {
  signal?: AbortSignal;
  /** Smaller limits (tests); never larger than MANIFEST_FOLDER_LIMITS. */
  limits?: Partial<ManifestFolderLimits>;
  /**
   * Called with the real path of every folder about to be entered and file about to be read;
   * a reason leaves it out (the host keeps Sitekit's own data folder out this way).
   */
  exclude?: (realPath: string) => Promise<string | undefined>;
}

/** The folder cannot be used, or is too large to read whole; the message names it. */
export class ManifestFolderError extends Error {
  constructor(
    readonly problem: 'not-found' | 'not-folder' | 'permission' | 'too-large',
    message: string,
  ) {
    super(message);
    this.name = 'ManifestFolderError';
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function why(error: unknown): string {
  const code = errnoOf(error);
  if (code === 'EACCES' || code === 'EPERM') return 'it cannot be read (permission denied)';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'it went away while the folder was read';
  return `it cannot be read (${code ?? (error as Error)?.message ?? String(error)})`;
}

const CHOOSE_SMALLER = "choose the folder of this site's manifests (e.g. sites/plant-a in the sites repository)";

interface Candidate {
  rel: string;
  real: string;
  viaLink: boolean;
}

/** Reads the manifest files below `dir` (see the header). */
export async function readManifestFolder(dir: string, options: ReadManifestFolderOptions = {}): Promise<ManifestFolder> {
  const limits: ManifestFolderLimits = { ...MANIFEST_FOLDER_LIMITS };
  for (const [key, value] of Object.entries(options.limits ?? {}) as [keyof ManifestFolderLimits, number][]) {
    limits[key] = Math.min(value, MANIFEST_FOLDER_LIMITS[key]);
  }
  const { signal } = options;
  const folder = path.resolve(dir);
  let root: string;
  try {
    root = await realpath(folder);
    if (!(await stat(root)).isDirectory()) throw new ManifestFolderError('not-folder', `${dir} is a file, not a folder: ${CHOOSE_SMALLER}.`);
  } catch (error) {
    if (error instanceof ManifestFolderError) throw error;
    const code = errnoOf(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ManifestFolderError('not-found', `The manifests folder ${dir} is not there.`);
    if (code === 'EACCES' || code === 'EPERM') throw new ManifestFolderError('permission', `The manifests folder ${dir} cannot be read (permission denied).`);
    throw error;
  }
  const excluded = async (real: string) => (options.exclude ? options.exclude(real) : undefined);
  const rootExcluded = await excluded(root);
  if (rootExcluded) throw new ManifestFolderError('permission', `The manifests folder ${dir} is not read: ${rootExcluded}.`);

  const skipped: ManifestSkip[] = [];
  const candidates: Candidate[] = [];
  // Folders by real path: a link to a folder already read (or to a parent) is not read again.
  const entered = new Set<string>([root]);
  const queue: { real: string; rel: string; depth: number }[] = [{ real: root, rel: '', depth: 0 }];
  let entries = 0;

  const tooMany = (what: string) =>
    new ManifestFolderError('too-large', `${dir} has more than ${what}, more than Sitekit reads as one sites repository: ${CHOOSE_SMALLER}.`);

  while (queue.length > 0) {
    signal?.throwIfAborted();
    const current = queue.shift()!;
    let listing: Dirent[];
    try {
      listing = [];
      for await (const entry of await opendir(current.real)) {
        if (++entries > limits.maxEntries) throw tooMany(`${limits.maxEntries.toLocaleString('en')} files and folders`);
        listing.push(entry);
      }
    } catch (error) {
      if (error instanceof ManifestFolderError) throw error;
      if (current.rel === '') throw new ManifestFolderError('permission', `The manifests folder ${dir} cannot be read: ${why(error)}.`);
      skipped.push({ path: `${current.rel}/`, reason: why(error) });
      continue;
    }
    listing.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of listing) {
      if (NOT_ENTERED.has(entry.name)) continue;
      const rel = current.rel ? `${current.rel}/${entry.name}` : entry.name;
      let real = path.join(current.real, entry.name);
      let isFolder = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          real = await realpath(real);
          const info = await stat(real);
          isFolder = info.isDirectory();
          isFile = info.isFile();
        } catch {
          if (MANIFEST_FILE.test(entry.name)) skipped.push({ path: rel, reason: 'it is a link to nothing (its target is not there)' });
          continue;
        }
        if (!isInside(real, root)) {
          if (isFolder || MANIFEST_FILE.test(entry.name)) skipped.push({ path: isFolder ? `${rel}/` : rel, reason: `it links outside ${dir}, so it is not read` });
          continue;
        }
      }
      if (isFolder) {
        if (entered.has(real)) continue;
        if (current.depth + 1 > limits.maxDepth) {
          skipped.push({ path: `${rel}/`, reason: `it is more than ${limits.maxDepth} folders deep, so it is not read` });
          continue;
        }
        const reason = await excluded(real);
        if (reason) {
          skipped.push({ path: `${rel}/`, reason });
          continue;
        }
        entered.add(real);
        queue.push({ real, rel, depth: current.depth + 1 });
      } else if (MANIFEST_FILE.test(entry.name)) {
        if (!isFile) {
          skipped.push({ path: rel, reason: 'it is not a regular file (a device, pipe or socket)' });
          continue;
        }
        if (candidates.length >= limits.maxFiles) throw tooMany(`${limits.maxFiles.toLocaleString('en')} .yaml, .yml and .json files`);
        candidates.push({ rel, real, viaLink: entry.isSymbolicLink() });
      }
    }
  }

  // The same file through a link and by its own name: read once, under its own name.
  const byReal = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const known = byReal.get(candidate.real);
    if (!known || (known.viaLink && !candidate.viaLink)) byReal.set(candidate.real, candidate);
  }
  const files: ManifestFile[] = [];
  let total = 0;
  for (const candidate of [...byReal.values()].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0))) {
    signal?.throwIfAborted();
    const reason = await excluded(candidate.real);
    if (reason) {
      skipped.push({ path: candidate.rel, reason });
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = await readFileBounded(candidate.real, { maxBytes: limits.maxFileBytes, what: 'a manifest' });
    } catch (error) {
      if (!(error instanceof BoundedReadError)) throw error;
      skipped.push({
        path: candidate.rel,
        reason:
          error.problem === 'too-large'
            ? `it is larger than ${describeBytes(limits.maxFileBytes)}, the most Sitekit reads as one manifest file`
            : error.problem === 'permission'
              ? 'it cannot be read (permission denied)'
              : error.reason,
      });
      continue;
    }
    total += bytes.length;
    if (total > limits.maxTotalBytes) throw tooMany(`${describeBytes(limits.maxTotalBytes)} of manifests`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      skipped.push({ path: candidate.rel, reason: 'it is not UTF-8 text' });
      continue;
    }
    files.push({ path: candidate.rel, text });
  }
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { dir, files, skipped };
}
