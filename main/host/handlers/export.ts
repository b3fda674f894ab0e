// export.*: the bundle (with inventories and report.html) as a commit on site/<name> of the
// sites repository, pushed on request. The Git token comes from the secret store
// ('git-token'), the author from the settings; neither ever comes back in an answer. The
// token goes only to the origin it is bound to (secret-binding.ts): anywhere else, and when
// it was never bound, the call stops with `needs-confirmation` until the technician confirms
// the server (`allowTokenFor`). A repository on disk never gets it.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ExportRunResult } from '../../contract/api';
import {
  ExportError,
  exportSite,
  formatSecretFinding,
  completeAuthor,
  openRepository,
  pendingPush,
  pushSite,
  remoteUrl,
  reportFile,
  resolveRepoTarget,
  siteInventories,
} from '../../core/export';
import { siteBranch } from '../../core/site/model';
import { httpOrigin, originLabel, readBinding, writeBinding } from '../secret-binding';
import { HandlerError, redact, resolveAbsolute, type HandlerContext, type ImplTable } from './common';
import { bundleTime, hostReadinessFacts } from './readiness-facts';

export const GIT_TOKEN = 'git-token';

export function exportHandlers(ctx: HandlerContext): ImplTable<'export.run' | 'export.pending'> {

  const asHandlerError = (error: unknown, token: string | undefined): unknown => {
    if (error instanceof HandlerError) return error;
    if (error instanceof ExportError) {
      const code = error.kind === 'usage' || error.kind === 'ssh' ? 'invalid-input' : error.kind === 'offline' ? 'unavailable' : 'io-error';
      return new HandlerError(code, redact(error.message, [token]));
    }
    if (token && error instanceof Error && error.message.includes(token)) return new Error(redact(error.message, [token]));
    return error;
  };

  /**
   * The stored token when it may go to `origin`: bound to it, or confirmed now (`allowed`),
   * which binds it there. Undefined when none is stored. Otherwise stops and asks.
   */
  const tokenFor = async (origin: string, allowed: string | undefined): Promise<string | undefined> => {
    const store = ctx.deps.secrets;
    const token = (await store?.get(GIT_TOKEN)) || undefined;
    if (!store || !token) return undefined;
    const bound = await readBinding(store, GIT_TOKEN);
    if (bound?.includes(origin)) return token;
    if (allowed !== undefined && httpOrigin(allowed) === origin) {
      await writeBinding(store, GIT_TOKEN, [origin]);
      return token;
    }
    const there = originLabel(origin);
    const message = bound?.length
      ? `The stored Git token is for ${bound.map(originLabel).join(', ')}, but this export would send it to ${there}. ` +
        `Nothing was sent. If ${there} really is your sites server, confirm to use the token for ${there} (from then on only there); ` +
        'otherwise check the repository address — it may come from the plan (gitops.repoURL).'
      : `The stored Git token is not bound to a server yet (it was stored without a repository address, or by an older Sitekit). ` +
        `This export would send it to ${there}. Nothing was sent. If ${there} really is your sites server, confirm to use the token for it (from then on only there).`;
    throw new HandlerError('needs-confirmation', message, { secret: 'git-token', boundTo: bound ?? [], targets: [origin] });
  };

  return {
    'export.run': async ({ sitePath, repo, push, force, allowTokenFor }): Promise<ExportRunResult> => {
      const plan = await ctx.loadPlan(resolveAbsolute(sitePath, 'sitePath'));
      const siteDir = path.dirname(plan.file);
      const settings = await ctx.settings.get();
      const notes: string[] = [];
      // As git does: user.name / user.email from git config when the settings have none.
      const { author, fromGitConfig } = await completeAuthor({ name: settings.gitAuthorName, email: settings.gitAuthorEmail }, siteDir);
      if (!author.name || !author.email) {
        throw new HandlerError('invalid-input', 'Set the Git author name and e-mail in the settings before exporting.');
      }
      if (fromGitConfig) notes.push(`Author ${author.name} <${author.email}> from git config (user.name / user.email).`);
      // Read only once it is known where it would go (below).
      let token: string | undefined;
      const branch = siteBranch(plan.site);
      const progress = (phase: string, loaded?: number, total?: number, message?: string) =>
        ctx.emit('export.progress', {
          phase,
          ...(loaded !== undefined ? { loaded } : {}),
          ...(total !== undefined ? { total } : {}),
          ...(message !== undefined ? { message: redact(message, [token]) } : {}),
        });
      try {
        progress('opening the repository');
        const target = await resolveRepoTarget(repo, plan.file);
        const { dir } = target;
        if (target.created) notes.push(`Made an empty bare repository at ${target.created}.`);
        // Where a token would travel: the address cloned or fetched from, or (pushing from a
        // clone on disk) that clone's own remote. Nowhere when the remote is on disk.
        const network = target.url !== undefined || push === true;
        const destination = network ? (target.url ?? (await remoteUrl(dir).catch(() => undefined))) : undefined;
        const origin = destination !== undefined ? httpOrigin(destination) : undefined;
        if (origin) token = await tokenFor(origin, allowTokenFor);
        const credentials = token && origin ? { token, tokenFor: origin } : {};
        const opened = await openRepository(
          dir,
          target.url ? { url: target.url, credentials, onProgress: (e) => progress(e.phase, e.loaded, e.total) } : {},
        );
        if (opened.cloned) notes.push(`Cloned ${repo} into ${dir}.`);
        if (opened.offline) notes.push(`${redact(opened.offline, [token])}; exported onto the clone as it is.`);

        progress('committing');
        const inventories = await siteInventories(siteDir);
        // The readiness recorded in the commit: hardware checks and the secret store's names.
        const { readiness } = await hostReadinessFacts(ctx, plan.site, plan.file);
        const now = bundleTime();
        const result = await exportSite({
          dir,
          workspace: siteDir,
          site: plan.site,
          siteText: plan.text,
          findings: plan.check.findings,
          toolVersion: ctx.deps.version,
          author,
          force: force === true,
          inventories,
          readiness: { hardwareFindings: readiness.hardwareFindings, storedSecrets: readiness.storedSecrets, unknown: readiness.unknown },
          ...(now ? { now } : {}),
          extraFiles: reportFile({
            site: plan.site,
            siteText: plan.text,
            findings: [...plan.check.findings, ...(readiness.hardwareFindings ?? [])],
            inventories: inventories.inventories,
            toolVersion: ctx.deps.version,
          }),
        });
        const out: ExportRunResult = { status: result.status, findings: [], pending: 0, notes };
        switch (result.status) {
          case 'refused':
            out.findings = result.findings;
            return out;
          case 'blocked':
            out.secrets = result.secrets.map(formatSecretFinding);
            return out;
          case 'unchanged':
            Object.assign(out, { branch: result.branch, oid: result.oid, findings: result.findings, forced: result.forced });
            break;
          case 'committed':
            Object.assign(out, {
              branch: result.branch,
              oid: result.oid,
              findings: result.findings,
              forced: result.forced,
              files: result.files.map((f) => ({ path: f.path, change: f.change })),
            });
            break;
        }
        if (push) {
          progress('pushing');
          const pushed = await pushSite({
            dir,
            branch,
            ...credentials,
            onProgress: (e) => progress(e.phase, e.loaded, e.total, e.message),
          });
          out.push = { status: pushed.status };
          if ('message' in pushed) out.push.message = redact(pushed.message, [token]);
          if ('commits' in pushed && typeof pushed.commits === 'number') out.push.commits = pushed.commits;
          if ('pending' in pushed) out.push.pending = pushed.pending;
        }
        out.pending = await pendingPush(dir, branch);
        progress('done');
        return out;
      } catch (error) {
        throw asHandlerError(error, token);
      }
    },

    'export.pending': async ({ sitePath, repo }) => {
      const plan = await ctx.loadPlan(resolveAbsolute(sitePath, 'sitePath'));
      const target = await resolveRepoTarget(repo, plan.file, { create: false }).catch((error: unknown) => {
        throw asHandlerError(error, undefined);
      });
      if (!target) return 0;
      const { dir } = target;
      const hasGit = await fs.stat(path.join(dir, '.git')).then(
        () => true,
        () => false,
      );
      if (!hasGit) return 0;
      try {
        return await pendingPush(dir, siteBranch(plan.site));
      } catch (error) {
        throw asHandlerError(error, undefined);
      }
    },
  };
}
