// site.*: open, check, edit, save and start sites, and the native file dialogs; the recent
// list is kept in the settings. Autosaved drafts are in drafts.ts.
import { mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { MAX_TEXT_BYTES, type AppInfo, type ChooseResult, type SaveResult } from '../../contract/api';
import { writeFileAtomic } from '../../core/fs/atomic-write';
import { FieldEditError } from '../../core/site/edit';
import { parseSiteText } from '../../core/site/load';
import { schemaModeline, schemaRefFor, updateSiteText } from '../../core/site/save';
import { fsError, HandlerError, resolveAbsolute, type HandlerContext, type ImplTable } from './common';
import { forgetDraft, withRecovery } from './drafts';

type SiteChannels =
  | 'app.info'
  | 'site.openExample'
  | 'site.open'
  | 'site.check'
  | 'site.edit'
  | 'site.choose'
  | 'site.save'
  | 'site.new'
  | 'site.recent';

export function siteHandlers(ctx: HandlerContext): ImplTable<SiteChannels> {
  const { deps, examplePath } = ctx;
  const remember = async (file: string) => {
    try {
      await ctx.settings.touchRecent(file);
    } catch (error) {
      deps.logError?.('Could not update the recent sites', error);
    }
  };

  return {
    'app.info': async (): Promise<AppInfo> => {
      const info: AppInfo = {
        name: 'ACP Sitekit',
        version: deps.version,
        mode: deps.mode,
        examplePath,
        sitesDir: deps.sitesDir ?? path.join(homedir(), 'acp-sites'),
      };
      if (deps.initialSitePath) info.initialSitePath = path.resolve(deps.initialSitePath);
      return info;
    },

    'site.openExample': async () => withRecovery(ctx, await ctx.openFile(examplePath)),

    'site.open': async ({ path: p }) => {
      const doc = await ctx.openFile(resolveAbsolute(p));
      if (!doc.readOnly && doc.path) await remember(doc.path);
      return withRecovery(ctx, doc);
    },

    'site.check': async ({ text }) => ctx.toDocument(text, undefined, false),

    'site.edit': async ({ text, edits }) => {
      let edited: string;
      try {
        edited = await ctx.editText(text, edits);
      } catch (error) {
        if (!(error instanceof FieldEditError)) throw error;
        throw new HandlerError(error.kind === 'unreadable' ? 'invalid-site' : 'invalid-input', error.message);
      }
      if (Buffer.byteLength(edited, 'utf8') > MAX_TEXT_BYTES) {
        throw new HandlerError('too-large', `The edited plan would be larger than ${MAX_TEXT_BYTES / (1024 * 1024)} MiB; nothing was changed.`);
      }
      return ctx.toDocument(edited, undefined, false);
    },

    'site.choose': async ({ purpose, defaultPath }): Promise<ChooseResult> => {
      const dialogs = deps.dialogs;
      if (!dialogs) return { supported: false };
      const start = defaultPath === undefined ? undefined : resolveAbsolute(defaultPath, 'defaultPath');
      const chosen =
        purpose === 'open-site'
          ? await dialogs.chooseSiteToOpen(start)
          : purpose === 'save-site'
            ? await dialogs.chooseSaveLocation(start)
            : purpose === 'kubeconfig'
              ? await (dialogs.chooseKubeconfig ?? dialogs.chooseSiteToOpen)(start)
              : purpose === 'install-dir'
                ? await (dialogs.chooseInstallDir ?? dialogs.chooseFolder)(start)
                : await dialogs.chooseFolder(start);
      if (!chosen) return { supported: true };
      // The person chose it: from now on the renderer may name it (desktop path policy).
      const picked = path.resolve(chosen);
      ctx.files.grant(picked);
      return { supported: true, path: picked };
    },

    'site.save': async ({ path: p, text }): Promise<SaveResult> => {
      const file = resolveAbsolute(p);
      if (!/\.ya?ml$/i.test(file)) {
        throw new HandlerError('invalid-input', `path must end in .yaml or .yml (got "${path.basename(file)}").`);
      }
      await ctx.files.refusePrivate(file, 'path');
      if (await ctx.isExample(file)) {
        throw new HandlerError(
          'read-only',
          'The bundled example is read-only. Save your changes as a new file (for example site.yaml in the site folder).',
        );
      }
      const check = await ctx.checkText(text);
      if (check.status !== 'ok' || check.site === undefined) {
        const reason =
          check.status === 'unusable'
            ? `it is not readable YAML${check.error ? ` (${check.error})` : ''}`
            : `${check.findings.filter((f) => f.id.startsWith('schema.')).length || 'some'} field(s) do not match the site format`;
        throw new HandlerError('invalid-site', `The plan was not saved: ${reason}. Fix it and save again.`);
      }
      try {
        // "Save as" into a new site folder is the usual case: create the folder.
        await mkdir(path.dirname(file), { recursive: true });
        await ctx.saveSiteFile(file, check.site, text);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException | undefined)?.code;
        if (code === 'ENOENT') throw new HandlerError('not-found', `The folder ${path.dirname(file)} cannot be created.`);
        if (code === 'EEXIST' || code === 'ENOTDIR') {
          throw new HandlerError('invalid-input', `path ${file}: a file is in the way of its folder.`);
        }
        throw fsError(error, file) ?? error;
      }
      await forgetDraft(ctx, file);
      const savedAt = new Date().toISOString();
      ctx.files.grant(file); // the person's own text, just written
      const saved = await ctx.openFile(file);
      ctx.emit('site.saved', { path: file, savedAt });
      await remember(file);
      return { ...saved, path: file, savedAt };
    },

    'site.new': async ({ dir: d, name }): Promise<SaveResult> => {
      const dir = resolveAbsolute(d, 'dir');
      const target = path.join(dir, 'site.yaml');
      await ctx.files.refusePrivate(dir, 'dir');
      let text = await readFile(examplePath, 'utf8');
      const parsed = parseSiteText(text);
      if (parsed.status !== 'ok') throw new Error('the bundled example is not a valid site');
      text = updateSiteText(text, { ...parsed.site, metadata: { ...parsed.site.metadata, name } });
      text = text.replace(/^# yaml-language-server: \$schema=.*$/m, schemaModeline(schemaRefFor(target)));
      try {
        await mkdir(dir, { recursive: true });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST' || code === 'ENOTDIR') throw new HandlerError('invalid-input', `dir ${dir}: a file of that name is in the way.`);
        throw fsError(error, dir) ?? error;
      }
      try {
        await writeFileAtomic(target, text, { exclusive: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new HandlerError('io-error', `${target} already exists; Sitekit never overwrites a site. Choose another folder.`);
        }
        throw fsError(error, target) ?? error;
      }
      const savedAt = new Date().toISOString();
      ctx.files.grant(target);
      const doc = await ctx.openFile(target);
      ctx.emit('site.saved', { path: target, savedAt });
      await remember(target);
      return { ...doc, path: target, savedAt };
    },

    'site.recent': async () => (await ctx.settings.get()).recentSites,
  };
}
