// Export = the site bundle as one commit on the site's branch, in the site's folder of the
// sites repository, replacing that folder exactly. Local only (no network): pushing is
// push.ts. Order matters for "lose nothing": everything is generated and scanned before the
// work tree is touched; a failure after that puts the folder back as it was committed.
// An export of an unchanged site makes no commit: the bundle is generated again with the
// committed generation time, and when every byte is the same the branch stays where it is.
import * as fs from 'node:fs';
import path from 'node:path';
import git from 'isomorphic-git';
import { generateBundle, writeBundle, BUNDLE_METADATA, type BundleReadinessFacts } from '../generate/bundle';
import type { GeneratedFile } from '../generate/files';
import type { Readiness } from '../readiness';
import { siteBranch, sitePath } from '../site/model';
import type { Site } from '../site/schema';
import type { Finding } from '../validation/finding';
import { checkoutSiteBranch, resolveLocal } from './branch';
import { commitMessage, type ProbedNode } from './commit-message';
import { ExportError } from './repository';
import { scanFiles, type SecretFinding } from './secret-scan';
import { changedFiles, stagedFiles, treeFiles, type ChangedFile } from './tree';

export interface GitAuthor {
  name?: string;
  email?: string;
}

export interface SiteInventories {
  /** `inventory/<node>.json` files, relative to the site folder. */
  files: GeneratedFile[];
  probed: ProbedNode[];
}

export interface ExportOptions {
  /** Work tree of a clone of the sites repository. */
  dir: string;
  site: Site;
  /** site.yaml exactly as written (the bundle carries it unchanged). */
  siteText?: string;
  findings?: readonly Finding[];
  toolVersion: string;
  author: GitAuthor;
  /** Export although the plan has errors; recorded in the commit message and validation.json. */
  force?: boolean;
  inventories?: SiteInventories;
  /**
   * The folder of site.yaml and its .sitekit workspace (inventories, host-key pins). Export
   * replaces the site folder in the clone; it refuses when that would take the workspace.
   */
  workspace?: string;
  /**
   * More bundle files (report.html); a function when they depend on the generation time or
   * show the readiness checklist.
   */
  extraFiles?: readonly GeneratedFile[] | ((now: Date, readiness: Readiness) => readonly GeneratedFile[]);
  /** Generation time written into the bundle (SOURCE_DATE_EPOCH); the clock when not given. */
  now?: Date;
  /**
   * What the caller knows for the readiness checklist (validation.json, report, commit
   * message) beyond the plan and the inventories: the secret store's names, the hardware
   * findings. Left out: recorded as not known.
   */
  readiness?: Pick<BundleReadinessFacts, 'storedSecrets' | 'hardwareFindings' | 'unknown'>;
}

export type ExportResult =
  | { status: 'refused'; findings: Finding[]; errors: number }
  | { status: 'blocked'; secrets: SecretFinding[] }
  | { status: 'unchanged'; branch: string; path: string; oid: string; findings: Finding[]; forced: boolean; readiness: Readiness }
  | {
      status: 'committed';
      branch: string;
      path: string;
      oid: string;
      parent?: string;
      files: ChangedFile[];
      message: string;
      findings: Finding[];
      forced: boolean;
      readiness: Readiness;
    };

/** The site folder must stay inside the repository. */
function checkSitePath(folder: string): string {
  const normal = path.posix.normalize(folder.replace(/\/+$/, ''));
  if (normal === '' || normal === '.' || path.posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../') || normal.split('/').includes('.git')) {
    throw new ExportError(`the site path "${folder}" must be a folder inside the repository, e.g. sites/<name>`, 'usage');
  }
  return normal;
}

function checkAuthor(author: GitAuthor): { name: string; email: string } {
  const name = author.name?.trim();
  const email = author.email?.trim();
  if (!name || !email) {
    throw new ExportError(
      'the commit author is not set: give --author-name and --author-email (or SITEKIT_GIT_AUTHOR_NAME and SITEKIT_GIT_AUTHOR_EMAIL)',
      'usage',
    );
  }
  return { name, email };
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [p, content] of a) if (b.get(p) !== content) return false;
  return true;
}

export async function exportSite(options: ExportOptions): Promise<ExportResult> {
  const { dir, site } = options;
  const author = checkAuthor(options.author);
  const folder = checkSitePath(sitePath(site));
  const branch = siteBranch(site);
  const inRepo = (p: string) => `${folder}/${p}`;
  const target = path.resolve(dir, ...folder.split('/'));
  if (options.workspace !== undefined) {
    const workspace = path.resolve(options.workspace);
    if (workspace === target || workspace.startsWith(`${target}${path.sep}`)) {
      throw new ExportError(
        `${options.workspace} (site.yaml and .sitekit/) is the folder the export replaces; keep the site's working folder outside ${target}`,
        'usage',
      );
    }
  }

  const extraFilesAt =
    (at: Date) =>
    (readiness: Readiness): GeneratedFile[] => {
      const extra = typeof options.extraFiles === 'function' ? options.extraFiles(at, readiness) : (options.extraFiles ?? []);
      return [...(options.inventories?.files ?? []), ...extra];
    };
  // The readiness written into this export: validation.json and the report travel in the
  // export commit itself, so "exported" is done for them; the rest is what the caller knows.
  const readinessFacts: BundleReadinessFacts = {
    ...options.readiness,
    ...(options.inventories ? { discovered: options.inventories.probed.map((p) => p.node) } : {}),
    exported: { state: 'this-commit' },
  };

  // 1. Generate. generateBundle scans what the caller hands in (the plan with its comments,
  //    inventories, report) and every file it generates, and refuses a secret.
  const now = options.now ?? new Date();
  const bundle = (at: Date) =>
    generateBundle(site, {
      siteText: options.siteText,
      findings: options.findings,
      toolVersion: options.toolVersion,
      now: at,
      force: options.force === true,
      extraFiles: extraFilesAt(at),
      readiness: readinessFacts,
    });
  const result = bundle(now);
  if (result.secrets.length > 0) return { status: 'blocked', secrets: result.secrets.map((s) => ({ ...s, path: inRepo(s.path) })) };
  if (result.refused) return { status: 'refused', findings: result.findings, errors: result.findings.filter((f) => f.severity === 'error').length };

  // 2. The branch, and what its site folder holds now. Switching branches rebuilds the
  //    index, so staged work of someone else is looked for before that.
  await refuseForeignStagedChanges(dir, folder);
  await checkoutSiteBranch(dir, branch);
  const head = await resolveLocal(dir, branch);
  const previous = head ? await treeFiles(dir, head, folder) : new Map<string, string>();
  const asMap = (files: readonly GeneratedFile[]) => new Map(files.map((f) => [inRepo(f.path), f.content]));

  // bundle.json (and report.html) carry the generation time; an export that changes nothing
  // else keeps the committed time, so it is recognised as "nothing changed" and makes no
  // commit. Its answer describes the commit the branch already has.
  const errors = result.findings.filter((f) => f.severity === 'error').length;
  const forced = options.force === true && errors > 0;
  const previousTime = generatedAt(previous.get(inRepo(BUNDLE_METADATA)));
  if (head && previousTime) {
    const same = bundle(previousTime);
    if (!same.refused && sameFiles(asMap(same.files), previous)) {
      return { status: 'unchanged', branch, path: folder, oid: head, findings: same.findings, forced, readiness: same.readiness };
    }
  }

  // 3. Write, stage, scan what is staged, commit.
  await writeBundle(target, result.files);
  try {
    const changed = await stageFolder(dir, folder);
    const staged = scanFiles(await stagedFiles(dir, folder));
    if (staged.length > 0) {
      await restoreFolder(dir, branch, folder);
      return { status: 'blocked', secrets: staged };
    }
    if (!changed) {
      return { status: 'unchanged', branch, path: folder, oid: head ?? '', findings: result.findings, forced, readiness: result.readiness };
    }
    const message = commitMessage({
      site,
      findings: result.findings,
      toolVersion: options.toolVersion,
      probed: options.inventories?.probed ?? [],
      forced,
      readiness: result.readiness,
    });
    // The commit's own time is when the export happened (the clock), also when the bundle's
    // time is fixed by SOURCE_DATE_EPOCH: git reads GIT_COMMITTER_DATE for that, not it.
    const oid = await git.commit({ fs, dir, message, author: { ...author, timestamp: Math.floor(Date.now() / 1000), timezoneOffset: 0 } });
    return {
      status: 'committed',
      branch,
      path: folder,
      oid,
      ...(head ? { parent: head } : {}),
      files: await changedFiles(dir, head, oid),
      message,
      findings: result.findings,
      forced,
      readiness: result.readiness,
    };
  } catch (error) {
    await restoreFolder(dir, branch, folder).catch(() => undefined);
    throw error;
  }
}

function generatedAt(bundleJson: string | undefined): Date | undefined {
  if (!bundleJson) return undefined;
  try {
    const value = (JSON.parse(bundleJson) as { generatedAt?: unknown }).generatedAt;
    const date = typeof value === 'string' ? new Date(value) : undefined;
    return date && !Number.isNaN(date.getTime()) ? date : undefined;
  } catch {
    return undefined;
  }
}

/** git.commit commits the whole index: anything staged outside the site folder would ride along. */
async function refuseForeignStagedChanges(dir: string, folder: string): Promise<void> {
  const rows = await git.statusMatrix({ fs, dir }).catch(() => []); // an empty repository has nothing staged to lose
  const foreign = rows
    .filter(([file, headStatus, , stage]) => (headStatus === 1 ? stage !== 1 : stage !== 0) && !(file === folder || file.startsWith(`${folder}/`)))
    .map(([file]) => file);
  if (foreign.length > 0) {
    throw new ExportError(`${dir} has staged changes outside ${folder} (${foreign.slice(0, 5).join(', ')}); commit or unstage them first`, 'repository');
  }
}

/** Stages the folder exactly as the work tree has it (removed files included); true when anything differs from HEAD. */
async function stageFolder(dir: string, folder: string): Promise<boolean> {
  let changed = false;
  // ignored: a .gitignore in the sites repository must not silently drop part of the bundle.
  for (const [filepath, headStatus, workdir, stage] of await git.statusMatrix({ fs, dir, filepaths: [folder], ignored: true })) {
    if (headStatus === 1 && workdir === 1 && stage === 1) continue;
    if (workdir === 0) {
      if (stage !== 0) await git.remove({ fs, dir, filepath });
    } else {
      await git.add({ fs, dir, filepath, force: true });
    }
    changed = true;
  }
  return changed;
}

/** Puts the site folder (work tree and index) back as the branch has it committed. */
async function restoreFolder(dir: string, branch: string, folder: string): Promise<void> {
  for (const [filepath, headStatus] of await git.statusMatrix({ fs, dir, filepaths: [folder], ignored: true })) {
    if (headStatus === 0) {
      await git.remove({ fs, dir, filepath }).catch(() => undefined);
      await fs.promises.rm(path.join(dir, filepath), { force: true });
    } else {
      await git.resetIndex({ fs, dir, filepath });
    }
  }
  await git.checkout({ fs, dir, ref: branch, filepaths: [folder], force: true }).catch(() => undefined);
}
