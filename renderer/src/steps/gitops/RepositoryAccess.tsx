// How Argo CD on the cluster reads a private Git server: the server's CA (public, in the plan
// and the bundle), the read-only account's user name (in the plan) and its password (in the
// secret store, entered through the secret field: never in React state, never sent back), and
// the button that writes the repository Secret into a local-only folder for `oc apply -f`.
// The password is stored for the server of the plan's https:// repository address only; when
// the plan's repository is elsewhere, main asks before writing it (repository-secret.ts) and
// the card shows the question with "Use it for <host>".
import { Alert, Button, Content, FormGroup, FormHelperText, HelperText, HelperTextItem, InputGroup, InputGroupItem, TextInput } from '@patternfly/react-core';
import { useEffect, useId, useRef, useState } from 'react';
import type { ArgoCdSecretsResult } from '../../../../main/contract/api';
import type { Api } from '../../api/client';
import { TextField, usePlanValue, useWizard } from '../../wizard/fields';
import { isAbsolutePath } from '../export/format';
import { SecretField } from '../secret-field';
import { FormCard, GroupFindings, Pair } from '../site/SiteStep';
import { hostOf, passwordOrigin, writeRepositorySecret, type PasswordQuestion } from './repository-secret';

/** Name the app stores the Git password under (the plan's secretRef points at it). */
export const GITOPS_PASSWORD_NAME = 'gitops-repo-password';

export type RepositoryAccessApi = Pick<Api, 'secrets' | 'bundle' | 'site'>;

export interface RepositoryAccessProps {
  api?: RepositoryAccessApi;
  /** The saved site file; undefined for the example or a site never saved. */
  sitePath?: string;
  /** Unsaved edits: the secret is written from the saved plan, so saving comes first. */
  dirty?: boolean;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
const words = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Why the write button is off, in words; undefined when it may be pressed. */
export function writeBlocker(facts: { api: boolean; sitePath?: string; dirty?: boolean; username?: string; passwordRef?: string; dir: string }): string | undefined {
  if (!facts.api) return 'Writing the secret needs the Sitekit app.';
  if (!facts.username || !facts.passwordRef) return 'Give the user name and store the password first.';
  if (!facts.sitePath) return 'Save the site as your own file first.';
  if (facts.dirty) return 'Save the site first: the secret is written from the saved plan.';
  if (!isAbsolutePath(facts.dir.trim())) return 'Choose a folder on this computer, outside any Git repository and the site folder.';
  return undefined;
}

export function RepositoryAccess({ api, sitePath, dirty }: RepositoryAccessProps) {
  const { store } = useWizard();
  const username = text(usePlanValue('/gitops/credentials/username'));
  const passwordRef = text(usePlanValue('/gitops/credentials/password/secretRef'));
  const origin = passwordOrigin(text(usePlanValue('/gitops/repoURL')));
  const refHint = passwordRef === GITOPS_PASSWORD_NAME ? undefined : `Storing it also writes ${GITOPS_PASSWORD_NAME} as the password reference.`;
  const forHint = origin
    ? `Kept for ${hostOf(origin)} only (the repository above): Sitekit asks before writing it for any other server.`
    : undefined;

  return (
    <FormCard
      title="Argo CD access to the repository"
      about="Argo CD on the cluster reads the site from the repository. A plant Git server usually needs its CA certificate and a read-only account; the password stays in Sitekit's secret store and goes only into a local folder you apply once with oc."
      testId="gitops-access"
    >
      <TextField
        path="/gitops/caBundle"
        label="Git server CA certificate"
        rows={4}
        monospace
        placeholder="Paste the certificate: -----BEGIN CERTIFICATE----- …"
        hint="PEM certificate of the CA that signed the Git server's certificate (public, not a secret). Leave empty for a server with a certificate from a well-known CA."
      />
      <GroupFindings path="/gitops/credentials" />
      <Pair>
        <TextField
          path="/gitops/credentials/username"
          label="User name for Argo CD"
          placeholder="e.g. argocd-reader"
          hint="A read-only account or the name of a read-only token. Store its password next to it."
        />
        {api ? (
          <SecretField
            api={api}
            name={GITOPS_PASSWORD_NAME}
            label="Password or read-only token"
            boundTo={origin}
            hint={refHint || forHint ? [forHint, refHint].filter(Boolean).join(' ') : undefined}
            onStored={
              passwordRef === GITOPS_PASSWORD_NAME
                ? undefined
                : () => void store.getState().edit([{ path: '/gitops/credentials/password', value: { secretRef: GITOPS_PASSWORD_NAME } }])
            }
          />
        ) : null}
      </Pair>
      {passwordRef !== undefined && passwordRef !== GITOPS_PASSWORD_NAME ? (
        <Alert isInline isPlain variant="info" title={`Sitekit keeps the Git password under the name ${GITOPS_PASSWORD_NAME}`}>
          The plan refers to it as <code>{passwordRef}</code>; what you paste here is stored as <code>{GITOPS_PASSWORD_NAME}</code>.
        </Alert>
      ) : null}
      <WriteRepositorySecret api={api} sitePath={sitePath} dirty={dirty} username={username} passwordRef={passwordRef} />
    </FormCard>
  );
}

function WriteRepositorySecret({
  api,
  sitePath,
  dirty,
  username,
  passwordRef,
}: RepositoryAccessProps & { username?: string; passwordRef?: string }) {
  const id = useId();
  const siteName = text(usePlanValue('/metadata/name')) ?? '<site>';
  const [dir, setDir] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ArgoCdSecretsResult | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [question, setQuestion] = useState<PasswordQuestion | undefined>();
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);
  const blocker = writeBlocker({ api: api !== undefined, sitePath, dirty, username, passwordRef, dir });

  const choose = async () => {
    if (!api) return;
    try {
      const answer = await api.site.choose({ purpose: 'folder', ...(isAbsolutePath(dir.trim()) ? { defaultPath: dir.trim() } : {}) });
      if (answer.path) setDir(answer.path);
      else if (!answer.supported) setProblem('This browser has no folder dialog: type the folder path.');
    } catch (error) {
      setProblem(words(error));
    }
  };

  /** `allowPasswordFor`: the technician confirmed the server of the question. */
  const write = async (allowPasswordFor?: string) => {
    if (!api || !sitePath || blocker) return;
    setBusy(true);
    setProblem(undefined);
    setResult(undefined);
    setQuestion(undefined);
    const outcome = await writeRepositorySecret(api, { sitePath, dir: dir.trim(), ...(allowPasswordFor ? { allowPasswordFor } : {}) });
    if (!alive.current) return;
    setBusy(false);
    if (outcome.kind === 'written') setResult(outcome.result);
    else if (outcome.kind === 'question') setQuestion(outcome.question);
    else setProblem(outcome.message);
  };

  return (
    <div data-testid="gitops-argocd-secret">
      <FormGroup label="Folder for the Argo CD repository secret" fieldId={id}>
        <InputGroup>
          <InputGroupItem isFill>
            <TextInput
              id={id}
              value={dir}
              onChange={(_e, value) => setDir(value)}
              placeholder={`e.g. /home/<you>/argocd/${siteName}`}
              className="sk-mono"
              data-testid="gitops-secret-dir"
            />
          </InputGroupItem>
          <InputGroupItem>
            <Button variant="control" onClick={() => void choose()} isDisabled={!api}>
              Choose…
            </Button>
          </InputGroupItem>
        </InputGroup>
        <FormHelperText>
          <HelperText>
            <HelperTextItem>
              A folder of your own on this computer, outside any Git repository and the site folder: the file holds the password. A new
              folder is created readable by you only.
            </HelperTextItem>
          </HelperText>
        </FormHelperText>
      </FormGroup>
      <Button
        variant="secondary"
        className="sk-gap"
        isDisabled={blocker !== undefined || busy}
        isLoading={busy}
        onClick={() => void write()}
        data-testid="gitops-write-secret"
      >
        Write Argo CD repository secret…
      </Button>
      {blocker ? (
        <Content component="p" className="sk-muted" data-testid="gitops-write-blocker">
          {blocker}
        </Content>
      ) : null}
      {question ? (
        <PasswordQuestionAlert question={question} onConfirm={() => void write(question.target)} onCancel={() => setQuestion(undefined)} />
      ) : null}
      {problem ? (
        <Alert isInline variant="danger" title="The secret was not written" className="sk-gap" data-testid="gitops-write-problem">
          {problem}
        </Alert>
      ) : null}
      {result ? (
        <Alert isInline variant="success" title={`Written to ${result.dir}`} className="sk-gap" data-testid="gitops-write-result">
          Once the GitOps operator runs on the cluster, apply it with <code data-testid="gitops-apply-command">{result.command}</code>. Keep the
          folder on this computer; never commit it.
        </Alert>
      ) : null}
    </div>
  );
}

/** Main's question before writing the password for another server, with the way to say yes. */
export function PasswordQuestionAlert({ question, onConfirm, onCancel }: { question: PasswordQuestion; onConfirm: () => void; onCancel: () => void }) {
  const host = hostOf(question.target);
  return (
    <Alert
      isInline
      variant="warning"
      title={`Write the Git password for ${host}?`}
      className="sk-gap"
      data-testid="gitops-password-question"
      actionLinks={
        <>
          <Button variant="secondary" size="sm" onClick={onConfirm} data-testid="gitops-password-confirm">
            Use it for {host}
          </Button>{' '}
          <Button variant="link" size="sm" onClick={onCancel}>
            Cancel
          </Button>
        </>
      }
    >
      {question.message}
    </Alert>
  );
}
