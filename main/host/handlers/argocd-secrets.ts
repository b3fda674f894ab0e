// bundle.writeArgoCdSecrets: the app's way to `sitekit generate --argocd-secrets`. The Git
// password comes from the secret store and goes only into the local-only folder (0700/0600,
// outside any Git work tree and the site's folder); the answer names the folder, its files and
// the `oc apply` command. No answer and no error message carries the password.
// Argo CD sends the password to the server of the Secret's `url` (argo-cd
// docs/operator-manual/declarative-setup.md "Repositories"), the plan's gitops.repoURL: a
// crafted or edited site.yaml could name any server. So the password is written only for the
// origin it is bound to (secret-binding.ts; the GitOps step binds it when storing it); for any
// other, or when it was stored unbound, the call stops with `needs-confirmation` until the
// technician confirms the server (`allowPasswordFor`), which binds it there.
import path from 'node:path';
import type { ArgoCdSecretsResult } from '../../contract/api';
import {
  applyCommand,
  argocdSecretFiles,
  argocdSecretsProblem,
  REPOSITORY_SECRET_FILE,
  repositorySecretProblem,
  writeArgocdSecrets,
} from '../../core/generate/bundle/argocd-secrets';
import type { SecretStore } from '../secret-store';
import { httpOrigin, originLabel, readBinding, writeBinding } from '../secret-binding';

/** The one stored secret that may become the Argo CD repository password. */
export const ARGOCD_PASSWORD = 'gitops-repo-password';
import { HandlerError, fsError, redact, resolveAbsolute, type HandlerContext, type ImplTable } from './common';

const REPO_URL_FIELD = 'gitops.repoURL (/gitops/repoURL)';

/** The https:// origin Argo CD would send the password to, or why there is none (in words). */
export function passwordDestination(repoURL: string): { origin: string } | { problem: string } {
  const origin = httpOrigin(repoURL.trim());
  // Plain http would carry the password unencrypted (and cannot be confirmed: allowPasswordFor
  // takes https only); anything that is no clear http(s) address has no server to bind to.
  if (origin?.startsWith('https://')) return { origin };
  return {
    // Not echoed: a URL with user:token@ in it would show the token.
    problem:
      `${REPO_URL_FIELD} is not a plain https:// address (it is plain http, SSH, or holds a user name or token), so there is no Git server ` +
      'the password can safely be sent to: use the https:// clone URL of the sites repository, e.g. https://git.example.com/acp/sites.git',
  };
}

/**
 * Throws `needs-confirmation` unless `name` may go to `origin`: bound to it, or confirmed now
 * (`allowed`), which binds it there (from then on only there, as the export's token).
 */
export async function checkPasswordBinding(store: SecretStore, name: string, origin: string, allowed: string | undefined): Promise<void> {
  const bound = await readBinding(store, name);
  if (bound?.includes(origin)) return;
  if (allowed !== undefined && httpOrigin(allowed) === origin) {
    await writeBinding(store, name, [origin]);
    return;
  }
  const what = 'Argo CD password';
  const there = originLabel(origin);
  const message = bound?.length
    ? `The stored ${what} is for ${bound.map(originLabel).join(', ')}, but the plan's repository, ${REPO_URL_FIELD}, is on ${there}. ` +
      `Nothing was written. If ${there} really is your Git server, confirm to use the ${what} for ${there} (from then on only there); ` +
      'otherwise check the repository address in the plan — Argo CD would send the password to that server.'
    : `The stored ${what} is not bound to a Git server yet (it was stored before the plan had an https:// repository address, or by an older Sitekit). ` +
      `The plan's repository, ${REPO_URL_FIELD}, is on ${there}. Nothing was written. ` +
      `If ${there} really is your Git server, confirm to use the ${what} for it (from then on only there).`;
  throw new HandlerError('needs-confirmation', message, {
    secret: 'gitops-repo-password',
    boundTo: bound ?? [],
    targets: [origin],
  });
}

export function argocdSecretsHandlers(ctx: HandlerContext): ImplTable<'bundle.writeArgoCdSecrets'> {
  return {
    'bundle.writeArgoCdSecrets': async ({ sitePath, dir, allowPasswordFor }): Promise<ArgoCdSecretsResult> => {
      const target = resolveAbsolute(dir, 'dir');
      // Desktop app: a folder the person chose in the dialog, never one a page made up.
      const policy = ctx.deps.pathPolicy;
      if (policy && !policy.isGranted(target)) {
        throw new HandlerError('forbidden', `dir ${dir} was not chosen in Sitekit: choose the folder with "Choose…".`);
      }
      await ctx.files.refusePrivate(target, 'dir');
      const plan = await ctx.loadPlan(resolveAbsolute(sitePath, 'sitePath'));
      const planProblem = repositorySecretProblem(plan.site);
      if (planProblem) throw new HandlerError('invalid-site', `The Argo CD repository secret was not written: ${planProblem}.`);
      // The site's folder holds the plan and usually the bundle: the secret stays out of it.
      const folderProblem = await argocdSecretsProblem(target, [{ dir: path.dirname(plan.file), what: "the site's folder" }]);
      if (folderProblem) throw new HandlerError('invalid-input', `The Argo CD repository secret was not written: ${folderProblem}.`);
      const destination = passwordDestination(plan.site.gitops!.repoURL);
      if ('problem' in destination) throw new HandlerError('invalid-site', `The Argo CD repository secret was not written: ${destination.problem}.`);
      const ref = plan.site.gitops!.credentials!.password.secretRef;
      // The plan names the secret: only the read password stored for Argo CD goes onto the
      // cluster — never the SSH password, the pull secret, a BMC password, nor the export's Git
      // token (it may push; Argo CD only reads).
      if (ref !== ARGOCD_PASSWORD) {
        throw new HandlerError(
          'invalid-site',
          `The Argo CD repository secret was not written: gitops.credentials.password.secretRef (/gitops/credentials/password/secretRef) is ${ref}, ` +
            'which is not the Argo CD read password. Store the Git password in the GitOps step (Password or read-only token): it is kept as gitops-repo-password and the plan then refers to it.',
        );
      }
      const store = ctx.secretStore();
      const password = await store.get(ref);
      if (password === undefined || password === '') {
        throw new HandlerError(
          'not-found',
          `The Git password ${ref} is not in Sitekit's secret store: store it in the GitOps step (Password or read-only token), then write the secret again.`,
        );
      }
      await checkPasswordBinding(store, ref, destination.origin, allowPasswordFor);
      try {
        await writeArgocdSecrets(target, argocdSecretFiles(plan.site, password));
      } catch (error) {
        const known = fsError(error, target);
        const message = redact(known?.message ?? (error as Error).message, [password]);
        throw new HandlerError(known?.code ?? 'invalid-input', `The Argo CD repository secret was not written: ${message}`);
      }
      return { dir: target, files: [REPOSITORY_SECRET_FILE], command: applyCommand(target) };
    },
  };
}
