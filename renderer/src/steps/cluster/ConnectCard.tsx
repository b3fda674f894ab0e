// Connect: where the credentials come from — the install folder openshift-install ran in (the
// usual way: the kubeconfig, the kubeadmin password and the installer's token at once) or a
// kubeconfig file; typed in browser mode, chosen in the desktop app — how to reach the API (its
// name, the plan's API VIP, or another address), and the answer: what was kept from the folder,
// the cluster it talked to, a CA to accept, a CA that changed, or why it failed with a retry.
import { Alert, Button, Form, FormGroup, HelperText, HelperTextItem, Radio, TextInput } from '@patternfly/react-core';
import { useEffect, useId, useRef } from 'react';
import type { InstallDirImport } from '../../../../main/contract/api';
import type { ConnectResult } from '../../../../main/core/cluster/types';
import { OkIcon, SeverityIcon } from '../../components/icons';
import { PlainTextConsent } from '../secret-field';
import { CaPrompt } from './CaPrompt';
import { connectProblems, type ClusterState, type RouteChoice } from './cluster-store';
import { PathField } from './PathField';
import { TaskError } from './TaskError';
import { failureAdvice, failureTitle } from './words';

export interface ConnectCardProps {
  s: Pick<
    ClusterState,
    | 'installDir'
    | 'installImport'
    | 'kubeconfigPath'
    | 'fileDialog'
    | 'kubeconfigStored'
    | 'kubeconfigFor'
    | 'plainText'
    | 'plainTextAgreed'
    | 'agreePlainText'
    | 'route'
    | 'otherAddress'
    | 'connecting'
    | 'connection'
    | 'connectError'
    | 'setInstallDir'
    | 'chooseInstallDir'
    | 'setKubeconfigPath'
    | 'chooseKubeconfig'
    | 'setRoute'
    | 'setOtherAddress'
    | 'dismiss'
  >;
  /** The plan's API VIPs (offered as routes). */
  vips: readonly string[];
  /** `https://api.<cluster>.<domain>:6443` from the plan, to name the route by name. */
  apiName?: string;
  sitePath?: string;
  /** Why nothing can be done yet (plan not saved); undefined when it can. */
  blocked?: string;
  onConnect(): void;
  onAccept(): void;
  /** Choose this route and connect at once (offered after a DNS failure). */
  onConnectVia(route: RouteChoice): void;
}

const sameRoute = (a: RouteChoice, b: RouteChoice) =>
  a.kind === b.kind && (a.kind !== 'vip' || (b.kind === 'vip' && a.address === b.address));

function Connected({ result }: { result: ConnectResult }) {
  const versions = [result.openshiftVersion && `OpenShift ${result.openshiftVersion}`, result.kubernetesVersion && `Kubernetes ${result.kubernetesVersion}`]
    .filter(Boolean)
    .join(', ');
  return (
    <Alert isInline variant="success" title="Connected to the cluster" className="sk-gap-top" data-testid="cluster-connected">
      <p>
        <span className="sk-cluster-mono">{result.route.server}</span>
        {result.route.viaAddress && <> through {result.route.viaAddress}</>}
        {result.user && <> as {result.user}</>}.{versions && ` ${versions}.`}
      </p>
      <p className="sk-muted">The certificate authority matches the one you accepted.</p>
    </Alert>
  );
}

/** The host's sentence with its `commands` shown as code instead of between backticks. */
export function Sentence({ text }: { text: string }) {
  const parts = text.split('`');
  // An odd backtick leaves the text as it is.
  if (parts.length % 2 === 0) return <>{text}</>;
  return <>{parts.map((part, i) => (i % 2 ? <code key={i} className="sk-cluster-mono">{part}</code> : part))}</>;
}

/** What each kept secret is, in the technician's words. */
function keptWords(name: InstallDirImport['stored'][number], tokenField: InstallDirImport['agentTokenField']): string {
  if (name === 'kubeconfig') return 'the kubeconfig (auth/kubeconfig)';
  if (name === 'kubeadmin-password') return 'the kubeadmin password (auth/kubeadmin-password)';
  return `the installer’s token (${tokenField ?? 'from .openshift_install_state.json'})`;
}

const listWords = (items: string[]) => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/** What the last connect with the install folder kept, and one warning line per thing it lacked. */
export function InstallImport({ imported, server }: { imported: InstallDirImport; server?: string }) {
  const kept = imported.stored.map((name) => keptWords(name, imported.agentTokenField));
  return (
    <Alert
      isInline
      variant={kept.length ? 'info' : 'warning'}
      title={kept.length ? `Kept from ${imported.folder}` : `Nothing was kept from ${imported.folder}`}
      className="sk-gap-top"
      data-testid="cluster-install-import"
    >
      {kept.length > 0 && (
        <p>
          Sitekit keeps {listWords(kept)} in this computer’s protected store
          {server ? (
            <>
              , for <span className="sk-cluster-mono">{server}</span> only
            </>
          ) : null}
          . Connecting again uses them; give the folder again only after a new install.
        </p>
      )}
      {imported.missing.length > 0 && (
        <ul className="sk-cluster-import-missing">
          {imported.missing.map((m) => (
            <li key={m.name} data-testid={`cluster-install-missing-${m.name}`}>
              <SeverityIcon severity="warning" />
              <span>
                <Sentence text={m.message} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

function Failed({ result, vips, route, busy, onRetry, onConnectVia }: { result: ConnectResult; vips: readonly string[]; route: RouteChoice; busy: boolean; onRetry(): void; onConnectVia(route: RouteChoice): void }) {
  const failure = result.failure;
  if (!failure) return null;
  const advice = failureAdvice(failure, vips);
  const offerVip = failure.kind === 'dns' && vips.length > 0 && route.kind === 'name' ? vips[0] : undefined;
  return (
    <Alert
      isInline
      variant={failure.retryable ? 'warning' : 'danger'}
      title={failureTitle(failure)}
      className="sk-gap-top"
      data-testid="cluster-connect-failure"
      data-kind={failure.kind}
    >
      <p data-testid="cluster-connect-failure-message">
        <Sentence text={failure.message} />
      </p>
      {advice && <p>{advice}</p>}
      {failure.detail && <p className="sk-hostkey__detail">Details: {failure.detail}</p>}
      <div className="sk-cluster-actions">
        {offerVip && (
          <Button variant="primary" isDisabled={busy} onClick={() => onConnectVia({ kind: 'vip', address: offerVip })} data-testid="cluster-connect-vip">
            Connect through the API VIP {offerVip}
          </Button>
        )}
        <Button variant={offerVip ? 'secondary' : 'primary'} isDisabled={busy} isLoading={busy || undefined} onClick={onRetry} data-testid="cluster-connect-retry">
          Try again
        </Button>
      </div>
    </Alert>
  );
}

export function ConnectCard({ s, vips, apiName, sitePath, blocked, onConnect, onAccept, onConnectVia }: ConnectCardProps) {
  const id = useId();
  const problems = connectProblems(s);
  const typed = s.kubeconfigPath.trim();
  const folder = s.installDir.trim();
  const fileProblem = typed ? (problems.kubeconfig ?? problems.both) : undefined;
  const folderProblem = folder ? problems.installDir : undefined;
  const enter = () => {
    if (!blocked) onConnect();
  };
  const result = s.connection;
  const busy = s.connecting;
  // A new answer (a CA to accept, a failure) appears below the form: bring it into view and give
  // it the focus, so neither the eyes nor the keyboard have to look for it.
  const answer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!result || !answer.current) return;
    answer.current.scrollIntoView?.({ block: 'nearest' });
    answer.current.focus({ preventScroll: true });
  }, [result]);
  const routes: Array<{ route: RouteChoice; label: string; description: string }> = [
    {
      route: { kind: 'name' },
      label: apiName ? `By its name, ${apiName}` : 'By the name in the kubeconfig',
      description: 'Needs the plant’s DNS to know the name.',
    },
    ...vips.map((address) => ({
      route: { kind: 'vip', address } as RouteChoice,
      label: `API VIP ${address}`,
      description: 'From the plan. Works without DNS; the certificate is still checked for the name.',
    })),
    { route: { kind: 'other' }, label: 'Another address', description: 'For example a node’s own address while the VIP is not up yet.' },
  ];

  return (
    <div data-testid="cluster-connect">
      <Form onSubmit={(e) => e.preventDefault()} className="sk-cluster-form">
        <PathField
          id={`${id}-install-dir`}
          label="Install folder"
          value={s.installDir}
          placeholder={s.kubeconfigStored ? 'Stored; give the folder again only after a new install' : 'e.g. /home/tech/plant-a/install'}
          problem={folderProblem}
          help="The folder openshift-install agent create image ran in. Sitekit takes auth/kubeconfig, auth/kubeadmin-password and the installer’s token from it and keeps them in this computer’s protected store, never in the plan or in Git."
          canChoose={s.fileDialog !== 'unsupported'}
          isDisabled={busy}
          testid="cluster-install-dir"
          onChange={s.setInstallDir}
          onChoose={() => void s.chooseInstallDir()}
          onEnter={enter}
        >
          {s.plainText && folder && !typed && (
            <PlainTextConsent id={`${id}-plain-dir`} reason={s.plainText} checked={s.plainTextAgreed} onChange={s.agreePlainText} isDisabled={busy} />
          )}
        </PathField>

        <PathField
          id={`${id}-kubeconfig`}
          label="Or a kubeconfig file"
          value={s.kubeconfigPath}
          placeholder={s.kubeconfigStored ? 'Stored; give a file only to replace it' : 'e.g. /home/tech/plant-a/install/auth/kubeconfig'}
          problem={fileProblem}
          help={
            s.kubeconfigStored
              ? `A kubeconfig is stored${s.kubeconfigFor.length ? ` for ${s.kubeconfigFor.join(', ')}` : ''}. Leave both fields empty to use it.`
              : 'Another admin kubeconfig of this cluster, when you do not have the install folder. It is kept the same way.'
          }
          canChoose={s.fileDialog !== 'unsupported'}
          isDisabled={busy}
          testid="cluster-kubeconfig"
          onChange={s.setKubeconfigPath}
          onChoose={() => void s.chooseKubeconfig()}
          onEnter={enter}
        >
          {s.plainText && typed && !folder && (
            <PlainTextConsent id={`${id}-plain`} reason={s.plainText} checked={s.plainTextAgreed} onChange={s.agreePlainText} isDisabled={busy} />
          )}
        </PathField>

        <FormGroup label="Reach the API through" role="radiogroup" isStack fieldId={`${id}-route`} data-testid="cluster-route">
          {routes.map(({ route, label, description }) => {
            const key = route.kind === 'vip' ? `vip-${route.address}` : route.kind;
            return (
              <Radio
                key={key}
                id={`${id}-route-${key}`}
                name={`${id}-route`}
                label={label}
                description={description}
                isChecked={sameRoute(s.route, route)}
                isDisabled={busy}
                onChange={() => s.setRoute(route)}
                data-testid={`cluster-route-${key}`}
              />
            );
          })}
          {s.route.kind === 'other' && (
            <div className="sk-cluster-other">
              <TextInput
                aria-label="Address to reach the API through"
                value={s.otherAddress}
                placeholder="e.g. 10.10.0.11"
                spellCheck={false}
                className="sk-cluster-mono"
                isDisabled={busy}
                validated={s.otherAddress.trim() && problems.address ? 'error' : 'default'}
                onChange={(_e, value) => s.setOtherAddress(value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') enter();
                }}
                data-testid="cluster-route-address"
              />
              {s.otherAddress.trim() && problems.address && (
                <HelperText>
                  <HelperTextItem variant="error">{problems.address}</HelperTextItem>
                </HelperText>
              )}
            </div>
          )}
        </FormGroup>

        <div className="sk-cluster-actions">
          <Button
            variant={result?.state === 'connected' || result?.state === 'needs-acceptance' ? 'secondary' : 'primary'}
            isDisabled={busy || blocked !== undefined || folderProblem !== undefined || fileProblem !== undefined || (s.route.kind === 'other' && problems.address !== undefined)}
            isLoading={busy || undefined}
            onClick={onConnect}
            data-testid="cluster-connect-button"
          >
            {busy ? 'Connecting…' : result?.state === 'connected' ? 'Connect again' : 'Connect'}
          </Button>
          {result?.state === 'connected' && !busy && (
            <span className="sk-cluster-inline">
              <OkIcon /> Connected
            </span>
          )}
          {result && result.state !== 'connected' && !busy && (
            <span className="sk-cluster-inline">
              <SeverityIcon severity={result.state === 'needs-acceptance' ? 'warning' : 'error'} />{' '}
              {result.state === 'needs-acceptance' ? 'Waiting for you to accept the CA' : 'Not connected'}
            </span>
          )}
        </div>
      </Form>

      {s.connectError && (
        <TaskError title="Sitekit could not connect" testid="cluster-connect-error" onClose={() => s.dismiss('connect')}>
          {s.connectError}
        </TaskError>
      )}
      <div ref={answer} tabIndex={-1} className="sk-cluster-answer" aria-live="polite" data-testid="cluster-connect-answer">
        {s.installImport && <InstallImport imported={s.installImport} {...(result?.route.server ? { server: result.route.server } : {})} />}
        {result?.state === 'connected' && <Connected result={result} />}
        {(result?.state === 'needs-acceptance' || result?.state === 'pin-changed') && (
          <CaPrompt result={result} {...(sitePath ? { sitePath } : {})} busy={busy} onAccept={onAccept} onRetry={onConnect} />
        )}
        {result?.state === 'failed' && <Failed result={result} vips={vips} route={s.route} busy={busy} onRetry={onConnect} onConnectVia={onConnectVia} />}
      </div>
    </div>
  );
}
