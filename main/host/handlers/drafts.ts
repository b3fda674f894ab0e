// site.autosave and site.discardRecovery: unsaved text kept per site file so a crash loses
// nothing; site.open/openExample offer it back (withRecovery) and site.save forgets it.
import type { AutosaveResult, SiteDocument } from '../../contract/api';
import { fsError, HandlerError, resolveAbsolute, type HandlerContext, type ImplTable } from './common';

export function draftHandlers(ctx: HandlerContext): ImplTable<'site.autosave' | 'site.discardRecovery'> {
  return {
    'site.autosave': async ({ path: p, text }): Promise<AutosaveResult> => {
      const file = resolveAbsolute(p);
      try {
        return { savedAt: await ctx.drafts.put(file, text) };
      } catch (error) {
        const failure = fsError(error, ctx.deps.settingsDir ?? file);
        if (failure) throw new HandlerError(failure.code, `The unsaved changes could not be kept: ${failure.message}`);
        throw error;
      }
    },

    'site.discardRecovery': async ({ path: p }) => {
      const file = resolveAbsolute(p);
      try {
        return await ctx.drafts.remove(file);
      } catch (error) {
        throw fsError(error, ctx.deps.settingsDir ?? file) ?? error;
      }
    },
  };
}

/**
 * The document with the draft of its file, when there is one that differs from the file's
 * text; a draft equal to the file is forgotten. Problems with drafts never fail the open.
 */
export async function withRecovery(ctx: HandlerContext, doc: SiteDocument): Promise<SiteDocument> {
  if (doc.path === undefined) return doc;
  try {
    const draft = await ctx.drafts.get(doc.path);
    if (!draft) return doc;
    if (draft.text === doc.text) {
      await ctx.drafts.remove(doc.path);
      return doc;
    }
    return { ...doc, recovery: draft };
  } catch (error) {
    ctx.deps.logError?.(`Could not look for unsaved changes of ${doc.path}`, error);
    return doc;
  }
}

/** After a successful save the draft is obsolete; failing to remove it only logs. */
export async function forgetDraft(ctx: HandlerContext, file: string): Promise<void> {
  try {
    await ctx.drafts.remove(file);
  } catch (error) {
    ctx.deps.logError?.(`Could not remove the unsaved changes kept for ${file}`, error);
  }
}
