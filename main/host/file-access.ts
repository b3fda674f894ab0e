// Which files the API may read, and what it may answer about them. Every call that returns
// a file's content (site.open, and through loadPlan probe.*, bundle.*, report.*, export.*)
// goes through here first, because the renderer — or a page that got hold of the API — names
// the path:
//   1. the desktop app's path policy: only paths the person chose in a native dialog, the
//      recent sites, the site given on the command line and the bundled example;
//   2. never Sitekit's own data folder (settings, drafts, secrets) nor the secret store's
//      file, compared by real path, so a symlink or `..` does not get around it;
//   3. only plausible site plans: at most MAX_TEXT_BYTES of UTF-8 YAML whose top level says
//      `kind: Site`. The refusal names the path only, never a byte of the file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar } from 'yaml';
import { parseSiteDocument } from '../core/site/load';
import { SITE_KIND } from '../core/site/schema';
import { HandlerError } from './handlers/common';

/**
 * The paths the renderer may name (desktop app: main/electron/path-policy.ts). The renderer
 * never types a path there: it gets them from a native dialog (site.choose) or from the recent
 * list. Browser mode has none (a page has no native dialog, so typed paths stay possible).
 */
export interface PathPolicy {
  /** Remembers a path the person chose in a native dialog, or a site Sitekit wrote for them. */
  grant(p: string): void;
  /** Whether this exact (resolved) path was granted; a granted folder grants nothing inside it. */
  isGranted(p: string): boolean;
}

export interface FileAccessOptions {
  policy?: PathPolicy;
  /** Sitekit's data folder (settings, drafts; the web host's secrets). */
  dataDir?: string;
  /** The secret store's file, wherever it is. */
  secretsFile?: string;
  /** Paths that are always allowed: the bundled example, the site from the command line. */
  alwaysAllowed: () => readonly string[];
  /** The recent sites (the settings). */
  recent: () => Promise<readonly string[]>;
}

export interface FileAccess {
  /** Path policy (desktop app), then the private folders; answers the real path to read. */
  readable(file: string, field: string): Promise<string>;
  /** A folder the renderer named that Sitekit will read from (bundle.diff `against`). */
  readableFolder(dir: string, field: string, within: string): Promise<string>;
  /** Refuses a path inside the data folder or at the secrets file (also for writing). */
  refusePrivate(p: string, field: string): Promise<string>;
  grant(p: string): void;
}

/**
 * The real path of `p`: symlinks resolved in the longest part that exists, the rest appended
 * (a file about to be written, a folder about to be made).
 */
export async function realPathOf(p: string): Promise<string> {
  const absolute = path.resolve(p);
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(await fs.realpath(current), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      rest.push(path.basename(current));
      current = parent;
    }
  }
}

/** `child` is `parent` or inside it (both absolute and normalized). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Whether the text could be a site plan: a YAML mapping with `kind: Site` at its top. */
export function looksLikeSitePlan(text: string): boolean {
  try {
    const root = parseSiteDocument(text).document.contents;
    if (!isMap(root)) return false;
    const kind = root.get('kind', true);
    return isScalar(kind) && (kind.value as unknown) === SITE_KIND;
  } catch {
    return false;
  }
}

/** The refusal of a file that is not a site plan: the path only, nothing of its content. */
export function notASitePlan(file: string): HandlerError {
  return new HandlerError(
    'invalid-site',
    `${file} is not a Sitekit site plan (a YAML file with "kind: ${SITE_KIND}" at the top), so Sitekit did not open it.`,
  );
}

export function createFileAccess(options: FileAccessOptions): FileAccess {
  const privateRoots = async (): Promise<string[]> => {
    const roots = [options.dataDir, options.secretsFile].filter((p): p is string => p !== undefined);
    return Promise.all(roots.map((p) => realPathOf(p)));
  };

  const allowedByPolicy = async (p: string): Promise<boolean> => {
    const policy = options.policy;
    if (!policy) return true;
    const resolved = path.resolve(p);
    if (policy.isGranted(resolved)) return true;
    if (options.alwaysAllowed().some((a) => path.resolve(a) === resolved)) return true;
    return (await options.recent()).some((r) => path.resolve(r) === resolved);
  };

  const refusePrivate = async (p: string, field: string): Promise<string> => {
    const real = await realPathOf(p);
    for (const root of await privateRoots()) {
      if (isInside(real, root)) {
        throw new HandlerError(
          'forbidden',
          `${field} ${p} is in Sitekit's own data (settings, unsaved drafts, secrets); Sitekit never reads or writes there for a call.`,
        );
      }
    }
    return real;
  };

  return {
    async readable(file, field) {
      if (!(await allowedByPolicy(file))) {
        throw new HandlerError(
          'forbidden',
          `${field} ${file} was not chosen in Sitekit: open a site with "Open…" or from the recent sites.`,
        );
      }
      return refusePrivate(file, field);
    },

    async readableFolder(dir, field, within) {
      const resolved = path.resolve(dir);
      if (options.policy && !options.policy.isGranted(resolved) && !isInside(resolved, path.resolve(within))) {
        throw new HandlerError(
          'forbidden',
          `${field} ${dir} was not chosen in Sitekit: choose the folder with "Choose…", or use one inside the site's folder.`,
        );
      }
      return refusePrivate(dir, field);
    },

    refusePrivate,

    grant(p) {
      options.policy?.grant(path.resolve(p));
    },
  };
}
