// secrets.*: values go in (renderer → main) and never come back; only names, whether one
// is stored and where it may be sent (secret-binding.ts). There is deliberately no `get`.
import type { SecretStatus } from '../../contract/api';
import { bindingsOf, deleteSecret, httpOrigin, isBindingName, ORIGIN_BOUND_SECRETS, storeSecret } from '../secret-binding';
import { HandlerError, type HandlerContext, type ImplTable } from './common';

export function secretsHandlers(ctx: HandlerContext): ImplTable<'secrets.set' | 'secrets.has' | 'secrets.delete' | 'secrets.status'> {
  return {
    'secrets.set': async ({ name, value, boundTo }) => {
      // The kubeconfig gets in only through cluster.connect, which checks it is for this site's
      // API server and binds it there; one typed in here would let a page name any server.
      if (name === 'kubeconfig') {
        throw new HandlerError(
          'invalid-input',
          'name: the kubeconfig is imported in the Cluster step (the install folder or a kubeconfig file), where Sitekit checks that it is for this site\'s cluster.',
        );
      }
      let bound: string[] | undefined;
      if (boundTo !== undefined) {
        // Only the secrets that go to a Git server are bound to one when stored; the SSH
        // password is bound to nodes and their host keys as it is used (probe.run).
        if (!ORIGIN_BOUND_SECRETS.includes(name)) {
          throw new HandlerError('invalid-input', `boundTo: only the Git token and the Argo CD Git password are bound when stored (not ${name}).`);
        }
        const origin = httpOrigin(boundTo);
        if (!origin) throw new HandlerError('invalid-input', `boundTo: ${boundTo} is not an address a password or token can be sent to.`);
        bound = [origin];
      }
      await storeSecret(ctx.secretStore(), name, value, bound);
      return { name, stored: true as const };
    },
    'secrets.has': ({ name }) => ctx.secretStore().has(name),
    'secrets.delete': ({ name }) => deleteSecret(ctx.secretStore(), name),
    'secrets.status': async (): Promise<SecretStatus> => {
      const store = ctx.secretStore();
      const all = await store.names();
      const status: SecretStatus = { protection: store.protection(), names: all.filter((n) => !isBindingName(n)) };
      const bindings = await bindingsOf(store, all);
      if (Object.keys(bindings).length) status.bindings = bindings;
      const warning = store.protectionWarning();
      if (warning) status.warning = warning;
      return status;
    },
  };
}
