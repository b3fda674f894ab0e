// Writing the Argo CD repository Secret from the GitOps step, without React: the Git password
// is bound to the server of the plan's gitops.repoURL (main/host/secret-binding.ts). When the
// plan's repository is on another server, or the password was stored unbound, main writes
// nothing and asks (`needs-confirmation`); the step shows the question and, when the
// technician says "Use it for <host>", writes again with `allowPasswordFor`.
import type { ArgoCdSecretsResult } from '../../../../main/contract/api';
import { secretUseQuestion } from '../../../../main/contract/wire';
import type { Api } from '../../api/client';

/** What main asked before writing: its words, the origin to confirm and where the password is bound now. */
export interface PasswordQuestion {
  message: string;
  target: string;
  boundTo: string[];
}

export type RepositorySecretOutcome =
  | { kind: 'written'; result: ArgoCdSecretsResult }
  | { kind: 'question'; question: PasswordQuestion }
  | { kind: 'problem'; message: string };

const words = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The origin the password is stored for: that of the plan's https:// repository address.
 * Undefined for anything else (plain http, SSH, a user name in it): main would not write the
 * password for such an address, so there is nothing to bind it to.
 */
export function passwordOrigin(repoURL: string | undefined): string | undefined {
  const url = repoURL?.trim();
  if (!url || !/^https:\/\//i.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.username || parsed.password ? undefined : parsed.origin;
  } catch {
    return undefined;
  }
}

/** An origin as people read it: `git.example.com`, `git.example.com:8443`. */
export const hostOf = (origin: string) => (origin.startsWith('https://') ? origin.slice('https://'.length) : origin);

/** Calls bundle.writeArgoCdSecrets; a `needs-confirmation` answer about a Git password becomes a question. */
export async function writeRepositorySecret(
  api: Pick<Api, 'bundle'>,
  input: { sitePath: string; dir: string; allowPasswordFor?: string },
): Promise<RepositorySecretOutcome> {
  try {
    return { kind: 'written', result: await api.bundle.writeArgoCdSecrets(input) };
  } catch (error) {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    const question = code === 'needs-confirmation' ? secretUseQuestion((error as { question?: unknown }).question) : undefined;
    const target = question && question.secret !== 'ssh-password' ? question.targets[0] : undefined;
    if (question && target) return { kind: 'question', question: { message: words(error), target, boundTo: question.boundTo } };
    return { kind: 'problem', message: words(error) };
  }
}
