// settings.*: the Git author and the recent sites (the latter kept by site.open/save/new).
import type { HandlerContext, ImplTable } from './common';

export function settingsHandlers(ctx: HandlerContext): ImplTable<'settings.get' | 'settings.set'> {
  return {
    'settings.get': () => ctx.settings.get(),
    'settings.set': (input) =>
      ctx.settings.update((current) => {
        const next = { ...current };
        if (input.gitAuthorName !== undefined) next.gitAuthorName = input.gitAuthorName;
        if (input.gitAuthorEmail !== undefined) next.gitAuthorEmail = input.gitAuthorEmail;
        return next;
      }),
  };
}
