// "Export to Git": the sites repository, the site branch, the commit author, the token,
// Commit / Commit and push with their progress, and what came of it.
import {
  ActionGroup,
  Alert,
  AlertActionCloseButton,
  Button,
  Content,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  InputGroup,
  InputGroupItem,
  Label,
  List,
  ListItem,
  Progress,
  ProgressSize,
  TextInput,
} from '@patternfly/react-core';
import { useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { ExportRunResult } from '../../../../main/contract/api';
import { PlainTextConsent } from '../secret-field';
import { hostLabel, isRepo, repoOrigin, type ExportStore, type ProgressLine } from './export-store';
import { count } from './format';
import { TaskError } from './TaskError';

const MAX_FILES_LISTED = 30;

function progressText(line: ProgressLine): string {
  const amount =
    line.loaded !== undefined ? (line.total ? ` ${line.loaded} of ${line.total}` : ` ${line.loaded}`) : '';
  return `${line.phase}${amount}${line.message ? `: ${line.message}` : ''}`;
}

export function ProgressList({ lines, running }: { lines: readonly ProgressLine[]; running: boolean }) {
  if (!lines.length) return null;
  const last = lines[lines.length - 1]!;
  const percent = last.total ? Math.min(100, Math.round(((last.loaded ?? 0) / last.total) * 100)) : undefined;
  return (
    <div className="sk-export-progress" data-testid="export-progress">
      <List component="ol" aria-live="polite" className="sk-export-progress__list">
        {lines.map((line, i) => (
          <ListItem key={i}>{progressText(line)}</ListItem>
        ))}
      </List>
      {running && percent !== undefined && (
        <Progress value={percent} title={last.phase} size={ProgressSize.sm} aria-label={`${last.phase}: ${percent}%`} />
      )}
    </div>
  );
}

function pushAlert(push: NonNullable<ExportRunResult['push']>, branch: string | undefined) {
  const detail = push.message ? `: ${push.message}` : '';
  switch (push.status) {
    case 'pushed':
      return { variant: 'success' as const, title: `Pushed ${count(push.commits ?? 1, 'commit')} of ${branch ?? 'the site branch'} to the server.` };
    case 'up-to-date':
      return { variant: 'success' as const, title: 'The server already has every commit of the site branch.' };
    case 'offline':
      return { variant: 'warning' as const, title: `No connection to the server${detail}. The commit stays on this computer: use "Commit and push" again when a network is there.` };
    case 'auth-failed':
      return { variant: 'danger' as const, title: `The server did not accept the login${detail}. Check the Git token.` };
    case 'rejected':
      return { variant: 'danger' as const, title: `The server has other commits on ${branch ?? 'the site branch'}${detail}. Nothing was overwritten.` };
    default:
      return { variant: 'danger' as const, title: `The push did not work${detail}.` };
  }
}

export function ExportResultView({ result, onShowFindings }: { result: ExportRunResult; onShowFindings(): void }) {
  const errors = result.findings.filter((f) => f.severity === 'error');
  let head: { variant: 'success' | 'info' | 'danger'; title: string };
  switch (result.status) {
    case 'committed':
      head = {
        variant: 'success',
        title: `Committed on ${result.branch ?? 'the site branch'}${result.oid ? ` (${result.oid.slice(0, 8)})` : ''}: ${count(result.files?.length ?? 0, 'file')} changed.`,
      };
      break;
    case 'unchanged':
      head = { variant: 'info', title: `Nothing changed since the last commit on ${result.branch ?? 'the site branch'}; no new commit was made.` };
      break;
    case 'blocked':
      head = { variant: 'danger', title: 'Not committed: something that looks like a secret (password, key or token) is in the bundle.' };
      break;
    default:
      head = { variant: 'danger', title: `Not committed: the plan has ${count(errors.length, 'error')}.` };
  }
  const push = result.push ? pushAlert(result.push, result.branch) : undefined;
  return (
    <div className="sk-export-result" data-testid="export-result" data-status={result.status}>
      <Alert isInline variant={head.variant} title={head.title} className="sk-gap">
        {result.status === 'committed' && result.files && result.files.length > 0 && (
          <List isPlain className="sk-export-mono">
            {result.files.slice(0, MAX_FILES_LISTED).map((f) => (
              <ListItem key={f.path}>
                {f.change === 'added' ? 'new' : f.change === 'deleted' ? 'removed' : 'changed'}: {f.path}
              </ListItem>
            ))}
            {result.files.length > MAX_FILES_LISTED && <ListItem>… and {result.files.length - MAX_FILES_LISTED} more</ListItem>}
          </List>
        )}
        {result.status === 'blocked' && (
          <>
            <Content component="p">Remove the value from the plan or the files below (secrets belong in the secret store), then commit again:</Content>
            <List className="sk-export-mono" data-testid="export-secret-hits">
              {(result.secrets ?? []).map((hit) => (
                <ListItem key={hit}>{hit}</ListItem>
              ))}
            </List>
          </>
        )}
        {result.status === 'refused' && (
          <>
            <List data-testid="export-refused-findings">
              {errors.slice(0, MAX_FILES_LISTED).map((f, i) => (
                <ListItem key={`${f.id}-${f.path}-${i}`}>
                  {f.message} <span className="sk-muted sk-export-mono">{f.path}</span>
                </ListItem>
              ))}
            </List>
            <Button variant="link" isInline onClick={onShowFindings}>
              Show the errors
            </Button>
          </>
        )}
      </Alert>
      {push && <Alert isInline variant={push.variant} title={push.title} className="sk-gap" data-testid="export-push-result" />}
      {result.notes.length > 0 && (
        <List isPlain className="sk-muted">
          {result.notes.map((n) => (
            <ListItem key={n}>{n}</ListItem>
          ))}
        </List>
      )}
    </div>
  );
}

export interface GitExportProps {
  store: ExportStore;
  branch?: string;
  /** Why committing is not possible right now (unsaved edits, errors, …); undefined when it is. */
  blocked?: string;
  onShowFindings(): void;
}

export function GitExport({ store, branch, blocked, onShowFindings }: GitExportProps) {
  const s = useStore(store);
  const id = useId();
  const tokenInput = useRef<HTMLInputElement>(null);
  // Only whether something was typed; the token itself stays in the input element.
  const [tokenTyped, setTokenTyped] = useState(false);
  const repo = s.repo.trim();
  const repoOk = isRepo(repo);
  const running = s.exporting !== undefined;
  const canExport = !blocked && repoOk && !running && !s.tokenQuestion;
  // The server a token typed now is stored for (the https:// address in the repository field).
  const storeFor = repoOrigin(repo);
  const boundHosts = s.tokenBoundTo.map(hostLabel).join(', ');
  // The secret store cannot encrypt: the token is stored only once the consent is ticked.
  const needsConsent = s.tokenPlainText !== undefined && !s.tokenPlainTextAgreed;

  const sendToken = async () => {
    const input = tokenInput.current;
    const value = input?.value ?? '';
    // Without the consent the store refuses (and says why); the typed token stays in the field.
    if (needsConsent) {
      await s.storeToken(value);
      return;
    }
    if (input) input.value = '';
    setTokenTyped(false);
    await s.storeToken(value);
  };

  const exportNow = async (push: boolean) => {
    if (s.authorEdited && !(await store.getState().saveAuthor())) return;
    await store.getState().runExport({ push });
  };

  return (
    <>
      <Form onSubmit={(e) => e.preventDefault()} className="sk-export-git">
        <FormGroup label="Sites repository" fieldId={`${id}-repo`}>
          <InputGroup>
            <InputGroupItem isFill>
              <TextInput
                id={`${id}-repo`}
                value={s.repo}
                onChange={(_e, v) => s.setRepo(v)}
                onBlur={() => void s.refreshPending()}
                validated={repo && !repoOk ? 'error' : 'default'}
                placeholder="e.g. https://git.example.com/sites.git or /home/tech/sites"
                data-testid="export-repo"
              />
            </InputGroupItem>
            {s.folderDialog !== 'unsupported' && (
              <InputGroupItem>
                <Button variant="control" onClick={() => void s.chooseRepoFolder()} isDisabled={s.busy.choose}>
                  Choose folder…
                </Button>
              </InputGroupItem>
            )}
          </InputGroup>
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant={repo && !repoOk ? 'error' : 'default'}>
                {repo && !repoOk
                  ? 'Give an https:// address or the full path of a folder: a clone, a bare repository, or an empty folder.'
                  : 'The https:// address of the sites repository, a local clone folder, or — without a network — a bare repository or an empty folder on a USB stick (a repository is made there).'}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>

        <DescriptionList isCompact isHorizontal>
          <DescriptionListGroup>
            <DescriptionListTerm>Branch</DescriptionListTerm>
            <DescriptionListDescription>
              <span className="sk-export-mono" data-testid="export-branch">
                {branch ?? '—'}
              </span>
            </DescriptionListDescription>
          </DescriptionListGroup>
          {s.pending !== undefined && (
            <DescriptionListGroup>
              <DescriptionListTerm>Waiting to push</DescriptionListTerm>
              <DescriptionListDescription data-testid="export-pending">
                {s.pending === 0
                  ? 'Nothing: the server has every commit (or nothing was committed yet).'
                  : `${count(s.pending, 'commit')} only on this computer. Use "Commit and push" when a network is there.`}
              </DescriptionListDescription>
            </DescriptionListGroup>
          )}
        </DescriptionList>

        <FormGroup label="Commit author" fieldId={`${id}-author`} role="group">
          <InputGroup>
            <InputGroupItem isFill>
              <TextInput
                id={`${id}-author`}
                aria-label="Author name"
                placeholder="e.g. Alex Technician"
                value={s.authorName}
                onChange={(_e, v) => s.setAuthor({ name: v })}
                data-testid="export-author-name"
              />
            </InputGroupItem>
            <InputGroupItem isFill>
              <TextInput
                type="email"
                aria-label="Author e-mail"
                placeholder="e.g. name@example.com"
                value={s.authorEmail}
                onChange={(_e, v) => s.setAuthor({ email: v })}
                data-testid="export-author-email"
              />
            </InputGroupItem>
            <InputGroupItem>
              <Button
                variant="secondary"
                onClick={() => void s.saveAuthor()}
                isDisabled={!s.authorEdited || s.busy.author}
                isLoading={s.busy.author || undefined}
              >
                Save author
              </Button>
            </InputGroupItem>
          </InputGroup>
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant={s.errors.author ? 'error' : s.notices.author ? 'success' : 'default'}>
                {s.errors.author ?? s.notices.author ?? 'Kept in the settings of this computer; every commit is signed with it. Left empty: git config user.name and user.email of this computer, as git does.'}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
        </FormGroup>

        <FormGroup label="Git token" fieldId={`${id}-token`}>
          <InputGroup>
            <InputGroupItem isFill>
              <TextInput
                id={`${id}-token`}
                ref={tokenInput}
                type="password"
                autoComplete="off"
                placeholder={s.tokenStored ? 'Type a new token to replace the stored one' : 'Token for pushing over https'}
                onChange={(_e, v) => setTokenTyped(v.length > 0)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void sendToken();
                  }
                }}
                data-testid="export-token"
              />
            </InputGroupItem>
            <InputGroupItem>
              <Button
                variant="secondary"
                onClick={() => void sendToken()}
                isDisabled={!tokenTyped || s.busy.token || needsConsent}
                data-testid="export-token-store"
              >
                Store token
              </Button>
            </InputGroupItem>
            {s.tokenStored && (
              <InputGroupItem>
                <Button variant="secondary" isDanger onClick={() => void s.forgetToken()} isDisabled={s.busy.token}>
                  Forget token
                </Button>
              </InputGroupItem>
            )}
          </InputGroup>
          {s.tokenPlainText !== undefined && (
            <PlainTextConsent
              id={`${id}-token-plain`}
              reason={s.tokenPlainText}
              checked={s.tokenPlainTextAgreed}
              onChange={(agreed) => s.agreePlainText(agreed)}
              isDisabled={s.busy.token}
            />
          )}
          <FormHelperText>
            <HelperText>
              <HelperTextItem variant={s.errors.token ? 'error' : 'default'} data-testid="export-token-status">
                {s.errors.token ??
                  (s.tokenStored === undefined
                    ? 'Checking for a stored token…'
                    : s.tokenStored
                      ? boundHosts
                        ? `A token for ${boundHosts} is stored in the protected store of this computer. It is sent to no other server without asking, and never shown again.`
                        : 'A token is stored in the protected store of this computer, not bound to a server yet: Sitekit asks before its first use. It is never shown again.'
                      : storeFor
                        ? `No token stored. A token stored now is kept for ${hostLabel(storeFor)} only (the repository address above). Only needed to push to a server that asks for a login.`
                        : 'No token stored. Only needed to push to a server that asks for a login.')}
              </HelperTextItem>
            </HelperText>
          </FormHelperText>
          {s.tokenStored !== undefined && (
            <Label isCompact color={s.tokenStored ? 'green' : 'grey'} className="sk-export-token-label" data-testid="export-token-label">
              {s.tokenStored ? (boundHosts ? `Token stored for ${boundHosts}` : 'Token stored (no server yet)') : 'No token'}
            </Label>
          )}
        </FormGroup>

        {s.tokenQuestion && (
          <Alert
            isInline
            variant="warning"
            title={`Send the Git token to ${hostLabel(s.tokenQuestion.target)}?`}
            data-testid="export-token-question"
            actionLinks={
              <>
                <Button variant="secondary" size="sm" onClick={() => void s.confirmToken()} data-testid="export-token-confirm">
                  Use it for {hostLabel(s.tokenQuestion.target)}
                </Button>{' '}
                <Button variant="link" size="sm" onClick={() => s.cancelTokenQuestion()}>
                  Cancel
                </Button>
              </>
            }
          >
            {s.tokenQuestion.message}
          </Alert>
        )}

        {s.errors.git && (
          <Alert isInline variant="warning" title={s.errors.git} actionClose={<AlertActionCloseButton onClose={() => s.dismiss('git')} />} />
        )}

        <ActionGroup>
          <Button
            variant="primary"
            onClick={() => void exportNow(false)}
            isDisabled={!canExport}
            isLoading={s.exporting === 'commit' || undefined}
            data-testid="export-commit"
          >
            {s.exporting === 'commit' ? 'Committing…' : 'Commit'}
          </Button>
          <Button
            variant="secondary"
            onClick={() => void exportNow(true)}
            isDisabled={!canExport}
            isLoading={s.exporting === 'push' || undefined}
            data-testid="export-push"
          >
            {s.exporting === 'push' ? 'Committing and pushing…' : 'Commit and push'}
          </Button>
        </ActionGroup>
        {blocked && (
          <HelperText>
            <HelperTextItem variant="warning">{blocked}</HelperTextItem>
          </HelperText>
        )}
      </Form>

      <ProgressList lines={s.progress} running={running} />
      <TaskError s={s} task="export" title="The export did not work" testId="export-error" />
      {s.exportResult && <ExportResultView result={s.exportResult} onShowFindings={onShowFindings} />}
    </>
  );
}
