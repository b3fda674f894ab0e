// Wizard step 10, Cluster (issue 13): from "the nodes boot the agent ISO" to "every wave synced,
// verified": connect to the API (kubeconfig, route, CA accepted like an SSH host key), follow
// the install, compare the live cluster with the plan, bootstrap GitOps and follow its waves,
// then verify (drift, HA readiness) for the handover report. Everything the step knows lives in
// a ClusterStore created on the step's first visit and kept by the wizard (its ClusterSlot), so a
// running watch or bootstrap survives step switches.
import './cluster.css';
import '../discover/discover.css';
import '../export/export.css';
import {
  Alert,
  AlertActionCloseButton,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Content,
  ExpandableSection,
  Form,
  Label,
  Spinner,
  Title,
} from '@patternfly/react-core';
import { use, useEffect, useId, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { LiveVerification } from '../../../../main/core/cluster/types';
import { verificationProblems } from '../../../../main/core/cluster/verification-verdict';
import type { Site } from '../../../../main/core/site/schema';
import type { Api } from '../../api/client';
import { SecretQuestion } from '../../components/SecretQuestion';
import { SecretField } from '../secret-field';
import { BootstrapActions, BootstrapView } from './BootstrapView';
import { ConnectCard } from './ConnectCard';
import type { ClusterSlot } from './cluster-slot';
import { createClusterStore, manifestsDirProblem, type CheckRun, type ClusterStore } from './cluster-store';
import { InstallProgressView } from './InstallProgressView';
import { TaskError } from './TaskError';
import { PathField } from './PathField';
import { PlanChecks, checkSummary } from './PlanChecks';
import { VerifyView } from './VerifyView';
import { DRIFT_STOPPED, STATE_WORDS, VERIFY_STOPPED, formatWhen, stateStatus } from './words';

export interface ClusterStepProps {
  api: Api;
  /** Kept by the wizard so tasks and results survive step switches (none: the step makes its own). */
  store?: ClusterStore;
  /** Undefined while the plan is only in memory (read-only example). */
  sitePath?: string;
  site?: Site;
  /** Unsaved edits: the host works from the saved plan. */
  dirty: boolean;
  onSave(): Promise<string | undefined>;
  /** Go to Generate & export (to write the handover report with the verification in it). */
  onShowExport?(): void;
}

/** Why nothing can be done in this step yet, in words; undefined when it can. */
export function clusterBlocker(sitePath: string | undefined, dirty: boolean): string | undefined {
  if (!sitePath) return 'This plan is not saved in a site folder yet (the example is read-only). Save it as your own site first: Sitekit keeps the accepted certificate and the verification next to it.';
  if (dirty) return 'You have unsaved edits. The cluster is compared with the saved plan and bootstrapped from the bundle made from it, so save first.';
  return undefined;
}

function Section({ n, title, state, children, testid }: { n: number; title: string; state?: ReactNode; children: ReactNode; testid: string }) {
  return (
    <Card className="sk-gap sk-cluster-card" data-testid={testid}>
      <CardHeader>
        <CardTitle component="h3">
          <span className="sk-cluster-card__title">
            <span className="sk-cluster-card__n" aria-hidden="true">
              {n}
            </span>
            {title}
            {state && <span className="sk-cluster-card__state">{state}</span>}
          </span>
        </CardTitle>
      </CardHeader>
      <CardBody>{children}</CardBody>
    </Card>
  );
}

const stateLabel = (text: string, status?: 'success' | 'danger' | 'info' | 'warning') => (
  <Label isCompact {...(status ? { status } : { color: 'grey' as const })}>
    {text}
  </Label>
);

/** The Verify part's headline: all fine, or each reason it is not (the report and the CLI give the same). */
export function verificationTitle(v: LiveVerification): string {
  if (v.state === 'ok') return 'The cluster matches the plan and the bundle';
  const problems = verificationProblems(v);
  return `The cluster has problems: ${problems.length ? problems.join(' · ') : 'see below'}`;
}

/** Stop for a running verification or drift check, like the bootstrap's. */
function CheckStop({ run, testid, onStop }: { run: CheckRun; testid: string; onStop(): void }) {
  return (
    <Button variant="secondary" isDanger isDisabled={run.cancelling} onClick={onStop} data-testid={testid}>
      {run.cancelling ? 'Stopping…' : 'Stop'}
    </Button>
  );
}

/** A check the technician stopped: said plainly, closable. */
function StoppedNote({ testid, onClose, children }: { testid: string; onClose(): void; children: ReactNode }) {
  return <Alert isInline variant="info" title={children} className="sk-gap-top" data-testid={testid} actionClose={<AlertActionCloseButton onClose={onClose} />} />;
}

export function ClusterStep({ api, store: given, sitePath, site, dirty, onSave, onShowExport }: ClusterStepProps) {
  const [own] = useState(() => given ?? createClusterStore(api));
  const store = given ?? own;
  const s = useStore(store);
  const [saving, setSaving] = useState(false);
  const [tokenOpen, setTokenOpen] = useState(false);
  const id = useId();

  useEffect(() => store.getState().forSite(sitePath), [store, sitePath]);
  useEffect(() => {
    void store.getState().loadSecrets();
  }, [store]);

  const blocker = clusterBlocker(sitePath, dirty);
  const vips = site?.cluster.apiVIPs ?? [];
  const apiName = site ? `api.${site.cluster.name}.${site.cluster.baseDomain}` : undefined;
  const connected = s.connection?.state === 'connected';
  const notConnected = connected ? undefined : 'Connect to the cluster first (step 1 above).';
  const install = s.install;
  const boot = s.bootstrap;
  const checks = install.checks ?? s.verification?.checks ?? [];
  const mismatches = checks.filter((c) => c.state === 'mismatch').length;
  const manifestsProblem = manifestsDirProblem(s.manifestsDir);
  const run = (action: (path: string) => Promise<unknown>) => () => {
    if (sitePath && !blocker) void action(sitePath);
  };

  const save = async () => {
    setSaving(true);
    try {
      await onSave();
    } finally {
      setSaving(false);
    }
  };

  const connectState = s.connecting
    ? stateLabel('Connecting…', 'info')
    : connected
      ? stateLabel('Connected', 'success')
      : s.connection?.state === 'needs-acceptance'
        ? stateLabel('CA to accept', 'warning')
        : s.connection
          ? stateLabel('Not connected', 'danger')
          : stateLabel('Not connected yet');
  const installState = install.progress ? stateLabel(install.running && install.progress.overall.state !== 'done' ? STATE_WORDS.running : STATE_WORDS[install.progress.overall.state], stateStatus(install.progress.overall.state)) : undefined;
  const bootState = boot.progress ? stateLabel(STATE_WORDS[boot.progress.state], stateStatus(boot.progress.state)) : undefined;
  const verifyState = s.verification ? (s.verification.state === 'ok' ? stateLabel('All fine', 'success') : stateLabel('Problems found', 'warning')) : undefined;

  return (
    <div className="sk-cluster" data-testid="cluster-step">
      <Title headingLevel="h2" size="xl">
        Bring the cluster up
      </Title>
      <Content component="p" className="sk-cluster__intro">
        Once the nodes have booted the agent ISO, follow the install from here, check the cluster against the plan, hand it over to
        GitOps and verify it. Sitekit talks to the cluster’s API with the kubeconfig from the install folder openshift-install ran in;
        the first time, you accept the cluster’s certificate authority, like a node’s SSH key in Discover.
      </Content>

      {blocker && (
        <Alert
          isInline
          variant="info"
          title={!sitePath ? 'Save the plan first' : 'Save your edits first'}
          className="sk-gap"
          data-testid="cluster-blocked"
          actionLinks={
            <Button variant="primary" size="sm" isLoading={saving} isDisabled={saving} onClick={() => void save()} data-testid="cluster-save">
              Save first
            </Button>
          }
        >
          {blocker}
        </Alert>
      )}

      <Section n={1} title="Connect to the cluster" state={connectState} testid="cluster-section-connect">
        <ConnectCard
          s={s}
          vips={vips}
          {...(apiName ? { apiName } : {})}
          {...(sitePath ? { sitePath } : {})}
          {...(blocker ? { blocked: blocker } : {})}
          onConnect={run((p) => store.getState().connect(p))}
          onAccept={run((p) => store.getState().acceptCa(p))}
          onConnectVia={(route) => {
            store.getState().setRoute(route);
            run((p) => store.getState().connect(p))();
          }}
        />
      </Section>

      <Section n={2} title="Install progress" state={installState} testid="cluster-section-install">
        <Content component="p" className="sk-muted sk-cluster__about">
          While the cluster installs, Sitekit asks the installer on the first node; once the cluster’s API answers, the cluster itself.
          Watching changes nothing.
        </Content>
        <ExpandableSection
          toggleText={`The installer’s token (OpenShift 4.17 and later, before the cluster answers)${s.agentTokenStored ? ': stored' : ''}`}
          isExpanded={tokenOpen}
          onToggle={(_e, open) => setTokenOpen(open)}
          className="sk-cluster-token"
          data-testid="cluster-agent-token"
        >
          <SecretField
            // Read again when the install folder stored the token (step 1).
            key={s.agentTokenStored ? 'stored' : 'not-stored'}
            api={api}
            name="agent-auth-token"
            label="Installer watch token"
            hint={
              <>
                Giving the install folder in step 1 fills this in. By hand: in <code>.openshift_install_state.json</code> of the folder the
                agent ISO was made in, the <code>WatcherAuthToken</code> on OpenShift 4.18 and later, the <code>AgentAuthToken</code> on
                4.17; 4.16 needs none. The installer on the first node answers only with it; once the cluster’s own API answers, it is not
                needed.
              </>
            }
          />
        </ExpandableSection>
        <div className="sk-cluster-actions">
          <Button
            variant={install.progress ? 'secondary' : 'primary'}
            isDisabled={install.running || blocker !== undefined}
            isLoading={install.running || undefined}
            onClick={run((p) => store.getState().watchInstall(p))}
            data-testid="cluster-install-watch"
          >
            {install.running ? 'Watching the install…' : install.progress ? 'Watch again' : 'Watch the install'}
          </Button>
          {install.running && (
            <Button variant="link" isDisabled={install.cancelling} onClick={() => void store.getState().cancel('install')} data-testid="cluster-install-stop">
              {install.cancelling ? 'Stopping…' : 'Stop watching'}
            </Button>
          )}
        </div>
        {install.error && (
          <TaskError title="Watching the install stopped" testid="cluster-install-error" onClose={() => store.getState().dismiss('install')}>
            {install.error}
          </TaskError>
        )}
        {install.progress ? (
          <InstallProgressView progress={install.progress} />
        ) : (
          install.running && (
            <p className="sk-cluster-waiting">
              <Spinner size="md" aria-label="Waiting" /> Asking the installer and the cluster…
            </p>
          )
        )}
      </Section>

      <Section
        n={3}
        title="Compared with the plan"
        state={checks.length ? stateLabel(checkSummary(checks), mismatches ? 'danger' : checks.every((c) => c.state === 'ok') ? 'success' : 'warning') : undefined}
        testid="cluster-section-checks"
      >
        <PlanChecks checks={checks} />
      </Section>

      <Section n={4} title="Bootstrap GitOps" state={bootState} testid="cluster-section-bootstrap">
        <Content component="p" className="sk-muted sk-cluster__about">
          Applies the bundle’s bootstrap (the GitOps operator, the repository credentials from this computer’s store, the Argo CD
          settings, the project and the root application), then follows every wave until it is synced and healthy. Running it again
          changes nothing that is already right; a field someone else manages is shown, never overwritten.
        </Content>
        {s.passwordQuestion && (
          <SecretQuestion
            title={`Send the stored Git password to ${s.passwordQuestion.origin}?`}
            testid="cluster-password"
            confirmLabel={`Use it for ${s.passwordQuestion.origin}`}
            onConfirm={run((p) => store.getState().confirmPassword(p))}
            onCancel={() => store.getState().cancelPasswordQuestion()}
          >
            {s.passwordQuestion.message}
          </SecretQuestion>
        )}
        <BootstrapActions
          running={boot.running}
          cancelling={boot.cancelling}
          started={boot.progress !== undefined}
          {...(blocker || notConnected ? { blocked: blocker ?? notConnected } : {})}
          onStart={run((p) => store.getState().runBootstrap(p))}
          onCancel={() => void store.getState().cancel('bootstrap')}
        />
        {!blocker && notConnected && !boot.progress && <p className="sk-muted sk-gap-top">{notConnected}</p>}
        {boot.error && (
          <TaskError title="The bootstrap stopped" testid="cluster-bootstrap-error" onClose={() => store.getState().dismiss('bootstrap')}>
            {boot.error}
          </TaskError>
        )}
        {boot.progress && <BootstrapView progress={boot.progress} />}
      </Section>

      <Section n={5} title="Verify and hand over" state={verifyState} testid="cluster-section-verify">
        <Content component="p" className="sk-muted sk-cluster__about">
          Reads the live cluster: nodes, operators, storage, applications, every object of the bundle (drift) and whether the workloads
          survive a node being drained. The result goes into the handover report.
        </Content>
        <Form onSubmit={(e) => e.preventDefault()} className="sk-cluster-form">
          <PathField
            id={`${id}-manifests`}
            label="Sites-repository folder to check (optional)"
            value={s.manifestsDir}
            placeholder="e.g. /home/tech/sites-repo/sites/plant-a"
            problem={manifestsProblem ?? s.manifestsDirError}
            help={`Its *.yaml, *.yml and *.json manifests are checked for HA readiness too, each finding with its file and line. Leave it empty to check the live cluster only.${s.fileDialog === 'unsupported' ? ' Type the full path of the folder.' : ''}`}
            canChoose={s.fileDialog !== 'unsupported'}
            isDisabled={s.verifying}
            testid="cluster-manifests-dir"
            onChange={(value) => store.getState().setManifestsDir(value)}
            onChoose={() => void store.getState().chooseManifestsDir()}
            onEnter={() => {
              if (connected && !manifestsProblem) run((p) => store.getState().verify(p))();
            }}
          />
        </Form>
        <div className="sk-cluster-actions">
          <Button
            variant="primary"
            // One read of the cluster at a time: the verification checks drift too.
            isDisabled={s.verifying || s.drifting || blocker !== undefined || !connected || manifestsProblem !== undefined}
            isLoading={s.verifying || undefined}
            onClick={run((p) => store.getState().verify(p))}
            data-testid="cluster-verify-start"
          >
            {s.verifying ? 'Verifying…' : s.verification ? 'Verify again' : 'Verify the cluster'}
          </Button>
          {s.verification && (
            <Button
              variant="secondary"
              isDisabled={s.drifting || s.verifying || blocker !== undefined || !connected}
              isLoading={s.drifting || undefined}
              onClick={run((p) => store.getState().checkDrift(p))}
              data-testid="cluster-drift-start"
            >
              {s.drifting ? 'Comparing…' : 'Check drift only'}
            </Button>
          )}
          {s.verifyRun && <CheckStop run={s.verifyRun} testid="cluster-verify-stop" onStop={() => void store.getState().cancel('verify')} />}
          {s.driftRun && <CheckStop run={s.driftRun} testid="cluster-drift-stop" onStop={() => void store.getState().cancel('drift')} />}
        </div>
        {!blocker && notConnected && <p className="sk-muted sk-gap-top">{notConnected}</p>}
        {s.verifyError && (
          <TaskError title="The verification did not finish" testid="cluster-verify-error" onClose={() => store.getState().dismiss('verify')}>
            {s.verifyError}
          </TaskError>
        )}
        {s.verifyStopped && (
          <StoppedNote testid="cluster-verify-stopped" onClose={() => store.getState().dismiss('verify')}>
            {VERIFY_STOPPED}
          </StoppedNote>
        )}
        {s.driftStopped && (
          <StoppedNote testid="cluster-drift-stopped" onClose={() => store.getState().dismiss('drift')}>
            {DRIFT_STOPPED}
          </StoppedNote>
        )}
        {s.driftError && (
          <TaskError title="The drift check did not finish" testid="cluster-drift-error" onClose={() => store.getState().dismiss('drift')}>
            {s.driftError}
          </TaskError>
        )}
        {s.verification && (
          <>
            <Alert
              isInline
              variant={s.verification.state === 'ok' ? 'success' : 'warning'}
              title={verificationTitle(s.verification)}
              className="sk-gap-top"
              data-testid="cluster-verify-result"
              data-state={s.verification.state}
            >
              <p>
                Verified {formatWhen(s.verification.verifiedAt)} on <span className="sk-cluster-mono">{s.verification.server}</span>
                {s.verification.openshiftVersion && <>, OpenShift {s.verification.openshiftVersion}</>}. Saved for the handover report: write the
                report again in Generate &amp; export to include it.
              </p>
              {onShowExport && (
                <Button variant="link" isInline onClick={onShowExport} data-testid="cluster-go-export">
                  Go to Generate &amp; export
                </Button>
              )}
            </Alert>
            <VerifyView verification={s.verification} {...(s.drift ? { drift: s.drift } : {})} />
          </>
        )}
      </Section>
    </div>
  );
}

/**
 * The step as the wizard shows it: with the store its slot keeps for the session. The store's
 * module is already loaded with this one, so the first visit waits only a moment for it.
 */
export function ClusterStepInSlot({ slot, ...props }: Omit<ClusterStepProps, 'store'> & { slot: ClusterSlot }) {
  return <ClusterStep store={use(slot.load())} {...props} />;
}
