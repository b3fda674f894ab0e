// secrets.*: values go in (renderer → main) and never come back; only names and whether one
// is stored. There is deliberately no `get`.
import type { SecretStatus } from '../../contract/api';
import type { HandlerContext, ImplTable } from './common';

export function secretsHandlers(ctx: HandlerContext): ImplTable<'secrets.set' | 'secrets.has' | 'secrets.delete' | 'secrets.status'> {
  return {
    'secrets.set': async ({ name, value }) => {
      await ctx.secretStore().set(name, value);
      return { name, stored: true as const };
    },
    'secrets.has': ({ name }) => ctx.secretStore().has(name),
    'secrets.delete': ({ name }) => ctx.secretStore().delete(name),
    'secrets.status': async (): Promise<SecretStatus> => {
      const store = ctx.secretStore();
      const status: SecretStatus = { protection: store.protection(), names: await store.names() };
      const warning = store.protectionWarning();
      if (warning) status.warning = warning;
      return status;
    },
  };
}
