// The GitOps step's "Argo CD access to the repository" card: the CA and the user name are plan
// fields, the password is a secret-store field (never a plan value), and the write button says
// why it is off until the plan is saved with credentials and a folder is chosen.
import { describe, expect, it } from 'vitest';
import { GitOpsStep } from '../../../renderer/src/steps/gitops/GitOpsStep';
import { GITOPS_PASSWORD_NAME, writeBlocker } from '../../../renderer/src/steps/gitops/RepositoryAccess';
import { documentOf, exampleText } from './example-doc';
import { bound, openStore, render, textOf, valueOf } from './step-render';

const WITH_CREDENTIALS = exampleText('plant-a').replace(
  'gitops:\n  repoURL: https://git.example.com/acp/sites.git\n',
  'gitops:\n  repoURL: https://git.plant-c.local/ot/sites.git\n  credentials:\n    username: argocd-reader\n    password: { secretRef: gitops-repo-password }\n',
);

describe('GitOps step: Argo CD access', () => {
  it('binds the CA and the user name to the plan and stores the password in the secret store', async () => {
    expect(WITH_CREDENTIALS).toContain('argocd-reader');
    const { store, api } = await openStore(documentOf(WITH_CREDENTIALS));
    const html = render(store, <GitOpsStep api={api as never} sitePath="/home/tech/plant-c/site.yaml" />);
    expect(html).toContain('data-testid="gitops-access"');
    expect(bound(html, '/gitops/caBundle')).toBe(true);
    expect(valueOf(html, '/gitops/credentials/username')).toBe('argocd-reader');
    expect(html).toContain(`data-testid="secret-${GITOPS_PASSWORD_NAME}"`);
    expect(html).toContain(`data-secret="${GITOPS_PASSWORD_NAME}"`);
    expect(bound(html, '/gitops/credentials/password')).toBe(false); // no plan field holds the password
    expect(textOf(html)).toContain('Write Argo CD repository secret…');
    // No folder yet: the button is off and says why.
    expect(html).toMatch(/data-testid="gitops-write-secret"[^>]*disabled=""|disabled=""[^>]*data-testid="gitops-write-secret"/);
    expect(textOf(html)).toContain('Choose a folder on this computer');
  });

  it('without the app (no api) shows the plan fields but no secret entry', async () => {
    const { store } = await openStore(documentOf(WITH_CREDENTIALS));
    const html = render(store, <GitOpsStep />);
    expect(bound(html, '/gitops/credentials/username')).toBe(true);
    expect(html).not.toContain(`data-secret="${GITOPS_PASSWORD_NAME}"`);
  });

  it('the write button waits for credentials, a saved site and a folder', () => {
    const ready = { api: true, sitePath: '/s/site.yaml', dirty: false, username: 'argocd-reader', passwordRef: 'gitops-repo-password', dir: '/home/tech/argocd' };
    expect(writeBlocker(ready)).toBeUndefined();
    expect(writeBlocker({ ...ready, api: false })).toMatch(/app/);
    expect(writeBlocker({ ...ready, passwordRef: undefined })).toMatch(/store the password/);
    expect(writeBlocker({ ...ready, sitePath: undefined })).toMatch(/Save the site as your own file/);
    expect(writeBlocker({ ...ready, dirty: true })).toMatch(/Save the site first/);
    expect(writeBlocker({ ...ready, dir: 'argocd' })).toMatch(/Choose a folder/);
  });
});
