// The GitOps step keeps the Argo CD Git password for the server of the plan's repository: it
// stores it bound to that origin, and when main asks before writing it for another server
// (`needs-confirmation`), the card shows the question and writes again with `allowPasswordFor`
// only when the technician says "Use it for <host>".
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { SitekitApiError } from '../../../main/contract/wire';
import { secretSetInput } from '../../../renderer/src/steps/secret-field';
import { GitOpsStep } from '../../../renderer/src/steps/gitops/GitOpsStep';
import { PasswordQuestionAlert } from '../../../renderer/src/steps/gitops/RepositoryAccess';
import { passwordOrigin, writeRepositorySecret } from '../../../renderer/src/steps/gitops/repository-secret';
import { documentOf, exampleText } from './example-doc';
import { openStore, render, textOf } from './step-render';

const WITH_CREDENTIALS = exampleText('plant-a').replace(
  'gitops:\n  repoURL: https://git.example.com/acp/sites.git\n',
  'gitops:\n  repoURL: https://git.plant-c.local:443/ot/sites.git\n  credentials:\n    username: argocd-reader\n    password: { secretRef: gitops-repo-password }\n',
);
const STRANGER = 'https://git.stranger.example:8443';
const WRITTEN = { dir: '/home/tech/argocd', files: ['argocd-repository.yaml'], command: 'oc apply -f /home/tech/argocd' };
const asked = (secret: 'gitops-repo-password' | 'ssh-password' = 'gitops-repo-password') =>
  new SitekitApiError({
    code: 'needs-confirmation',
    message: `The stored Argo CD password is for git.plant-c.local, but the plan's repository is on git.stranger.example:8443. Nothing was written.`,
    question: { secret, boundTo: ['https://git.plant-c.local'], targets: [STRANGER] },
  });

describe('GitOps step: the Git password is bound to the repository server', () => {
  it('binds to the origin of an https:// repository only', () => {
    expect(passwordOrigin('https://Git.Plant-C.local:443/ot/sites.git')).toBe('https://git.plant-c.local');
    expect(passwordOrigin(' https://git.plant-c.local:8443/ot/sites.git ')).toBe('https://git.plant-c.local:8443');
    expect(passwordOrigin('http://git.plant-c.local/ot/sites.git')).toBeUndefined();
    expect(passwordOrigin('https://reader@git.plant-c.local/ot/sites.git')).toBeUndefined();
    expect(passwordOrigin('git@git.plant-c.local:ot/sites.git')).toBeUndefined();
    expect(passwordOrigin(undefined)).toBeUndefined();
    expect(secretSetInput('gitops-repo-password', 'pw', false, 'https://git.plant-c.local')).toEqual({
      name: 'gitops-repo-password',
      value: 'pw',
      boundTo: 'https://git.plant-c.local',
    });
    expect(secretSetInput('gitops-repo-password', 'pw', true)).toEqual({ name: 'gitops-repo-password', value: 'pw', allowPlainText: true });
  });

  it('says in the password field which server it is kept for', async () => {
    const { store, api } = await openStore(documentOf(WITH_CREDENTIALS));
    const html = render(store, <GitOpsStep api={api as never} sitePath="/home/tech/plant-c/site.yaml" />);
    expect(textOf(html)).toContain('Kept for git.plant-c.local only (the repository above)');
  });

  it('turns main\'s question into one to confirm, and writes again only with the confirmed server', async () => {
    const writeArgoCdSecrets = vi.fn().mockRejectedValueOnce(asked()).mockResolvedValueOnce(WRITTEN);
    const api = { bundle: { writeArgoCdSecrets } } as never;
    const input = { sitePath: '/home/tech/crafted/site.yaml', dir: '/home/tech/argocd' };
    const first = await writeRepositorySecret(api, input);
    expect(first).toEqual({
      kind: 'question',
      question: { message: asked().message, target: STRANGER, boundTo: ['https://git.plant-c.local'] },
    });
    expect(writeArgoCdSecrets).toHaveBeenCalledTimes(1);
    expect(writeArgoCdSecrets).toHaveBeenLastCalledWith(input);
    const confirmed = await writeRepositorySecret(api, { ...input, allowPasswordFor: STRANGER });
    expect(confirmed).toEqual({ kind: 'written', result: WRITTEN });
    expect(writeArgoCdSecrets).toHaveBeenLastCalledWith({ ...input, allowPasswordFor: STRANGER });
  });

  it('shows other refusals (and a question about another secret) as a problem, not a question', async () => {
    const other = new SitekitApiError({ code: 'not-found', message: 'The Git password gitops-repo-password is not in the store.' });
    const api = { bundle: { writeArgoCdSecrets: vi.fn().mockRejectedValueOnce(other).mockRejectedValueOnce(asked('ssh-password')) } } as never;
    const input = { sitePath: '/s/site.yaml', dir: '/home/tech/argocd' };
    expect(await writeRepositorySecret(api, input)).toEqual({ kind: 'problem', message: other.message });
    expect((await writeRepositorySecret(api, input)).kind).toBe('problem');
  });

  it('asks with main\'s words and a "Use it for <host>" button', () => {
    const question = { message: asked().message, target: STRANGER, boundTo: ['https://git.plant-c.local'] };
    const html = renderToStaticMarkup(<PasswordQuestionAlert question={question} onConfirm={() => undefined} onCancel={() => undefined} />);
    expect(html).toContain('data-testid="gitops-password-question"');
    expect(textOf(html)).toContain('Write the Git password for git.stranger.example:8443?');
    expect(textOf(html)).toContain('Nothing was written.');
    expect(html).toMatch(/data-testid="gitops-password-confirm"[^>]*>.*Use it for git\.stranger\.example:8443/s);
  });
});
