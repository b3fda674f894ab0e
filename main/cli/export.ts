// `sitekit export`: the site bundle (with inventories and report.html) as a commit on the
// site's branch of the sites repository, pushed with --push. The token comes from
// SITEKIT_GIT_TOKEN or a 0600 file, never from an argument (arguments show in `ps`).
// Exit 0 committed/pushed or nothing to do, 1 not done (plan errors, a secret, push
// rejected or the server unreachable — the commit is kept), 2 unusable input.
import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { readTextBounded } from '../core/fs/read-bounded';
import {
  ExportError,
  exportSite,
  formatSecretFinding,
  completeAuthor,
  openRepository,
  pendingPush,
  pushSite,
  REPO_KINDS,
  reportFile,
  resolveRepoTarget,
  siteInventories,
  type PushResult,
} from '../core/export';
import { sourceDateEpoch } from '../core/generate/bundle/source-date-epoch';
import { siteBranch } from '../core/site/model';
import { readPlan } from './site-input';
import { formatFindings } from './format';
import { toolVersion } from './generate';
import { runHint, type CliIo } from './io';
import { CLI_UNKNOWN, storedInventories } from './readiness';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './validate';

export interface ExportCommandOptions {
  repo?: string;
  push?: boolean;
  force?: boolean;
  authorName?: string;
  authorEmail?: string;
  tokenFile?: string;
  gitUser?: string;
}

class UsageError extends Error {}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A token file must be readable by its owner only, like an SSH key. */
async function readToken(options: ExportCommandOptions, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  if (options.tokenFile === undefined) return env.SITEKIT_GIT_TOKEN || undefined;
  const info = await stat(options.tokenFile).catch(() => undefined);
  if (!info) throw new UsageError(`the token file ${options.tokenFile} does not exist`);
  if ((info.mode & 0o077) !== 0) {
    throw new UsageError(`the token file ${options.tokenFile} can be read by others (mode ${(info.mode & 0o777).toString(8)}); run chmod 600 ${options.tokenFile}`);
  }
  // A token is a line of text: read no more than 64 KiB of whatever the path names.
  const token = (await readTextBounded(options.tokenFile, { maxBytes: 64 * 1024, what: 'a token file' })).trim();
  if (!token) throw new UsageError(`the token file ${options.tokenFile} is empty`);
  return token;
}

function shortOid(oid: string): string {
  return oid.slice(0, 7);
}

export async function exportCommand(file: string, options: ExportCommandOptions, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (!options.repo) {
    io.err(`sitekit export: give the sites repository with --repo: ${REPO_KINDS}\n`);
    return EXIT_UNUSABLE;
  }
  const plan = await readPlan(file, io, 'not exported');
  if (!plan.ok) return plan.code;
  const { site, text, findings } = plan;
  const branch = siteBranch(site);
  const siteDir = path.dirname(path.resolve(file));
  let token: string | undefined;
  try {
    token = await readToken(options, env);
  } catch (error) {
    io.err(`sitekit export: ${(error as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  let now: Date | undefined;
  try {
    now = sourceDateEpoch(env); // the bundle's time; the commit keeps the clock's
  } catch (error) {
    io.err(`sitekit export: ${(error as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  const credentials = { token, username: options.gitUser ?? env.SITEKIT_GIT_USER };
  const given = { name: options.authorName ?? env.SITEKIT_GIT_AUTHOR_NAME, email: options.authorEmail ?? env.SITEKIT_GIT_AUTHOR_EMAIL };
  // One line per phase, plus its final count: Git reports every object, which would flood a terminal.
  let last = '';
  const progress = (phase: string, loaded: number, total: number) => {
    const done = total > 0 && loaded >= total;
    const line = `  ${phase}${done ? `: ${loaded}/${total}` : ''}\n`;
    if (line === last || (phase === last.slice(2, -1) && !done)) return;
    last = line;
    io.err(line);
  };

  try {
    const target = await resolveRepoTarget(options.repo, file);
    const { dir } = target;
    if (target.created) io.err(`made an empty bare repository at ${target.created}\n`);
    const opened = await openRepository(dir, target.url ? { url: target.url, credentials, onProgress: (e) => progress(e.phase, e.loaded, e.total) } : {});
    if (opened.cloned) io.err(`cloned ${options.repo} into ${dir}\n`);
    if (opened.offline) io.err(`${opened.offline}; exporting onto the clone as it is\n`);
    // Like git itself: what is not given comes from git config (the clone's, then the user's).
    const { author, fromGitConfig } = await completeAuthor(given, dir);
    if (fromGitConfig) io.err(`author: ${author.name ?? '?'} <${author.email ?? '?'}> (from git config user.name / user.email)\n`);

    const version = toolVersion();
    const inventories = await siteInventories(siteDir);
    const { hardware } = await storedInventories(site, file);
    const result = await exportSite({
      dir,
      workspace: siteDir,
      site,
      siteText: text,
      findings,
      toolVersion: version,
      author,
      force: options.force === true,
      inventories,
      ...(now ? { now } : {}),
      readiness: { hardwareFindings: hardware, unknown: { secrets: CLI_UNKNOWN.secrets } },
      extraFiles: reportFile({ site, siteText: text, findings: [...findings, ...hardware], inventories: inventories.inventories, toolVersion: version }),
    });

    switch (result.status) {
      case 'refused': {
        const errors = result.findings.filter((f) => f.severity === 'error');
        io.out(formatFindings(file, errors, io.color));
        io.out(`${site.metadata.name}: not exported: ${plural(errors.length, 'error')} in the plan (fix them, or use --force to export anyway; the override is recorded)\n`);
        return EXIT_FINDINGS;
      }
      case 'blocked':
        for (const secret of result.secrets) io.out(`${formatSecretFinding(secret)}\n`);
        io.out(`${site.metadata.name}: not exported: ${plural(result.secrets.length, 'line')} look${result.secrets.length === 1 ? 's' : ''} like a secret; nothing was committed. Remove the secret from the source file and export again.\n`);
        return EXIT_FINDINGS;
      case 'unchanged':
        io.out(`${site.metadata.name}: nothing changed; ${branch} stays at ${shortOid(result.oid)}\n`);
        break;
      case 'committed': {
        io.out(`${site.metadata.name}: committed ${shortOid(result.oid)} on ${branch} (${result.path}/, ${plural(result.files.length, 'file')} changed)${result.forced ? ' — forced with errors (recorded in the commit and validation.json)' : ''}\n`);
        const mark = { added: 'A', modified: 'M', deleted: 'D' } as const;
        for (const f of result.files) io.out(`  ${mark[f.change]} ${f.path}\n`);
        break;
      }
    }

    if (!options.push) {
      const waiting = await pendingPush(dir, branch);
      if (waiting > 0) io.out(`${plural(waiting, 'commit')} on ${branch} waiting to be pushed (${runHint(io, 'export', file, '--repo', options.repo, '--push')})\n`);
      return EXIT_OK;
    }
    const pushed = await pushSite({ dir, branch, token: credentials.token, username: credentials.username, onProgress: (e) => (e.message !== undefined ? io.err(`  remote: ${e.message}\n`) : progress(e.phase, e.loaded, e.total)) });
    return reportPush(pushed, io);
  } catch (error) {
    const message = token ? (error as Error).message.split(token).join('***') : (error as Error).message;
    io.err(`sitekit export: ${message}\n`);
    // A clone that refuses (local changes in the way) is a refusal; anything else is unusable input.
    return error instanceof ExportError && error.kind === 'repository' ? EXIT_FINDINGS : EXIT_UNUSABLE;
  }
}

function reportPush(result: PushResult, io: CliIo): number {
  switch (result.status) {
    case 'pushed':
      io.out(`pushed ${plural(result.commits, 'commit')} to ${result.branch} (${shortOid(result.oid)})\n`);
      return EXIT_OK;
    case 'up-to-date':
      io.out(`${result.branch} is up to date on the server (${shortOid(result.oid)})\n`);
      return EXIT_OK;
    case 'rejected':
      io.out(`push rejected: ${result.message}\n`);
      io.out(`commits on the server's ${result.branch} that this export does not contain:\n`);
      for (const c of result.remoteCommits) {
        io.out(`  ${shortOid(c.oid)} ${c.subject} — ${c.author}\n`);
        for (const f of c.files) io.out(`      ${f}\n`);
      }
      io.out(`your commit ${shortOid(result.localOid)} is kept locally; nothing was force-pushed\n`);
      return EXIT_FINDINGS;
    case 'offline':
      io.out(`not pushed: ${result.message}; ${plural(result.pending, 'commit')} waiting — run again with --push when the server is reachable\n`);
      return EXIT_FINDINGS;
    case 'auth-failed':
      io.err(`sitekit export: ${result.message}\n`);
      return EXIT_UNUSABLE;
    case 'failed':
      io.out(`not pushed: ${result.message}\n`);
      return EXIT_FINDINGS;
  }
}

/** Adds the `export` command to the program; `done` receives the exit code. */
export function registerExport(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('export')
    .summary('commit the site bundle to the site branch of the sites repository (and push)')
    .description(
      'Generate the site bundle (with the inventories from .sitekit/inventory and report.html) and commit it on ' +
        'the branch site/<name> (or gitops.branch) of the sites repository, into sites/<name>/ (or gitops.path), ' +
        'replacing that folder. The branch starts from the repository’s default branch. Every file is scanned for ' +
        'secrets first; a hit blocks the commit and names file and line. A plan with errors is refused unless --force, ' +
        'which is recorded in the commit message and validation.json. Without --push the commit stays local (no ' +
        'network needed) and is reported as waiting; a rejected push (the branch moved on the server) is never forced.\n\n' +
        '--repo is a clone on disk (committed there, pushed to its origin); an HTTPS URL (cloned into .sitekit/repo/ next ' +
        'to site.yaml); or a repository on this computer\'s disks for plants without a network: a bare repository, a ' +
        'file:// URL, or a missing or empty folder (for example on a USB stick), where an empty bare repository is made ' +
        '(cloned into .sitekit/repo-disk-*/, pushed back onto the disk with --push). SSH remotes are not supported. ' +
        'The token (HTTPS only): SITEKIT_GIT_TOKEN or --token-file (mode 0600), sent as the password with user ' +
        'x-access-token (or --git-user / SITEKIT_GIT_USER). The author: --author-name/--author-email, ' +
        'SITEKIT_GIT_AUTHOR_NAME/SITEKIT_GIT_AUTHOR_EMAIL, or else git config user.name/user.email (as git does).\n\n' +
        'Exit code: 0 committed, pushed or nothing to do, 1 not done (plan errors, a secret found, push rejected or the ' +
        'server unreachable — a commit made is kept), 2 unusable input (file, repository, token, author).',
    )
    .argument('<site.yaml>', 'site file to export')
    .option('--repo <path|url>', 'sites repository: a clone folder, a bare repository or empty folder (USB stick), a file:// or https:// URL')
    .option('--push', 'push the site branch after committing (also pushes commits still waiting)')
    .option('--force', 'export although the plan has errors (recorded in the commit message and validation.json)')
    .option('--author-name <name>', 'commit author name (default: SITEKIT_GIT_AUTHOR_NAME, else git config user.name)')
    .option('--author-email <email>', 'commit author email (default: SITEKIT_GIT_AUTHOR_EMAIL, else git config user.email)')
    .option('--token-file <file>', 'file holding the Git token (mode 0600); default: SITEKIT_GIT_TOKEN')
    .option('--git-user <name>', 'user name sent with the token (default x-access-token)')
    .addHelpText(
      'after',
      '\nExamples:\n  SITEKIT_GIT_TOKEN=... sitekit export site.yaml --repo https://git.example.com/ot/acp-sites.git --push \\\n' +
        '    --author-name "Tess Technician" --author-email tess@example.com\n' +
        '  sitekit export site.yaml --repo ~/src/acp-sites        # commit only; push later with --push\n' +
        '  sitekit export site.yaml --repo /media/usb/acp-sites.git --push   # no network: carry the commits out on a USB stick\n',
    )
    .action(async (file: string, options: ExportCommandOptions) => {
      done(await exportCommand(file, options, io));
    });
}
