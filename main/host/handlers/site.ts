// site.*: open, check, save and start sites; the recent list is kept in the settings.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { summarize, type AppInfo, type SaveResult } from '../../contract/api';
import { writeFileAtomic } from '../../core/fs/atomic-write';
import { parseSiteText } from '../../core/site/load';
import { schemaModeline, schemaRefFor, updateSiteText } from '../../core/site/save';
import { fsError, HandlerError, resolveAbsolute, type HandlerContext, type ImplTable } from './common';

type SiteChannels = 'app.info' | 'site.openExample' | 'site.open' | 'site.check' | 'site.save' | 'site.new' | 'site.recent';

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
      const info: AppInfo = { name: 'ACP Sitekit', version: deps.version, mode: deps.mode, examplePath };
      if (deps.initialSitePath) info.initialSitePath = path.resolve(deps.initialSitePath);
      return info;
    },

    'site.openExample': () => ctx.openFile(examplePath),

    'site.open': async ({ path: p }) => {
      const doc = await ctx.openFile(resolveAbsolute(p));
      if (!doc.readOnly && doc.path) await remember(doc.path);
      return doc;
    },

    'site.check': async ({ text }) => ctx.toDocument(text, undefined, false),

    'site.save': async ({ path: p, text }): Promise<SaveResult> => {
      const file = resolveAbsolute(p);
      if (!/\.ya?ml$/i.test(file)) {
        throw new HandlerError('invalid-input', `path must end in .yaml or .yml (got "${path.basename(file)}").`);
      }
      if (await ctx.isExample(file)) {
        throw new HandlerError(
          'read-only',
          'The bundled example is read-only. Save your changes as a new file (for example site.yaml in the site folder).',
        );
      }
      const check = ctx.checkSiteText(text);
      if (check.status !== 'ok' || check.site === undefined) {
        const reason =
          check.status === 'unusable'
            ? `it is not readable YAML${check.error ? ` (${check.error})` : ''}`
            : `${summarize(check.findings).errors || 'some'} field(s) do not match the site format`;
        throw new HandlerError('invalid-site', `The plan was not saved: ${reason}. Fix it and save again.`);
      }
      try {
        await ctx.saveSiteFile(file, check.site, text);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException | undefined)?.code;
        if (code === 'ENOENT') throw new HandlerError('not-found', `The folder ${path.dirname(file)} does not exist.`);
        throw fsError(error, file) ?? error;
      }
      const savedAt = new Date().toISOString();
      const saved = await ctx.openFile(file);
      ctx.emit('site.saved', { path: file, savedAt });
      await remember(file);
      return { ...saved, path: file, savedAt };
    },

    'site.new': async ({ dir: d, name }): Promise<SaveResult> => {
      const dir = resolveAbsolute(d, 'dir');
      const target = path.join(dir, 'site.yaml');
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
      const doc = await ctx.openFile(target);
      ctx.emit('site.saved', { path: target, savedAt });
      await remember(target);
      return { ...doc, path: target, savedAt };
    },

    'site.recent': async () => (await ctx.settings.get()).recentSites,
  };
}
