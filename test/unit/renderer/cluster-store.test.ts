// The Cluster step's store against a fake API: what it sends for each connect (route, file,
// accepted fingerprint), the live progress of its tasks (only their own events), cancelling,
// the Git password question, and forgetting a site's results when another site opens.
import { describe, expect, it } from 'vitest';
import { SitekitApiError } from '../../../main/contract/api';
import type { DriftResult, LiveVerification } from '../../../main/core/cluster/types';
import { BOTH_SOURCES, connectProblems, createClusterStore, manifestsDirProblem, newTaskId, viaAddressOf } from '../../../renderer/src/steps/cluster/cluster-store';
import {
  CA1,
  INSTALL_DIR,
  REPO_DIR,
  SITE,
  bootstrapRunning,
  checks,
  connected,
  dnsFailed,
  fakeClusterApi,
  installed,
  installImport,
  installing,
  needsAcceptance,
  settle,
  verification,
  withImport,
} from './cluster-fakes';

const KUBECONFIG = '/home/tech/plant-a/install/auth/kubeconfig';
/** Verify and drift run as tasks Stop can cancel. */
const VERIFY_TASK = expect.stringMatching(/^verify-[A-Za-z0-9._-]+$/);

describe('cluster store: connect', () => {
  it('sends the typed file and the chosen VIP, then accepts exactly the CA shown, the same way', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    store.getState().setKubeconfigPath(KUBECONFIG);
    store.getState().setRoute({ kind: 'vip', address: '10.10.0.5' });
    fake.answerConnect(needsAcceptance('10.10.0.5'), connected('10.10.0.5'));

    const first = await store.getState().connect(SITE);
    expect(first?.state).toBe('needs-acceptance');
    expect(fake.raw.cluster.connect).toHaveBeenLastCalledWith({ sitePath: SITE, kubeconfigPath: KUBECONFIG, viaAddress: '10.10.0.5' });
    // The host kept the file: the store knows it is stored (never its content).
    expect(store.getState().kubeconfigStored).toBe(true);

    // The technician changes the route meanwhile: accepting still goes where the CA was shown.
    store.getState().setRoute({ kind: 'name' });
    const second = await store.getState().acceptCa(SITE);
    expect(second?.state).toBe('connected');
    expect(fake.raw.cluster.connect).toHaveBeenLastCalledWith({ sitePath: SITE, kubeconfigPath: KUBECONFIG, viaAddress: '10.10.0.5', acceptCaSha256: CA1 });
    expect(JSON.stringify(store.getState())).not.toMatch(/client-key-data|BEGIN/);
  });

  it('starts watching the install by itself on the first connection', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    store.getState().setKubeconfigPath(KUBECONFIG);
    fake.answerConnect(connected());
    await store.getState().connect(SITE);
    expect(fake.raw.cluster.watchInstall).toHaveBeenCalledTimes(1);
    expect(store.getState().install.running).toBe(true);
    // Connecting again does not start a second watch.
    fake.answerConnect(connected());
    await store.getState().connect(SITE);
    expect(fake.raw.cluster.watchInstall).toHaveBeenCalledTimes(1);
  });

  it('keeps a failed answer to show, and the call error apart', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    store.getState().setKubeconfigPath(KUBECONFIG);
    fake.answerConnect(dnsFailed(), new SitekitApiError({ code: 'not-found', message: `There is no file at ${KUBECONFIG}.` }));
    await store.getState().connect(SITE);
    expect(store.getState().connection?.failure?.kind).toBe('dns');
    expect(fake.raw.cluster.watchInstall).not.toHaveBeenCalled();
    await store.getState().connect(SITE);
    expect(store.getState().connectError).toContain('There is no file');
    expect(store.getState().connecting).toBe(false);
  });

  it('refuses a relative path or a bad address before calling', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    store.getState().setKubeconfigPath('auth/kubeconfig');
    await store.getState().connect(SITE);
    expect(fake.raw.cluster.connect).not.toHaveBeenCalled();
    expect(store.getState().connectError).toMatch(/full path/);

    store.getState().setKubeconfigPath(KUBECONFIG);
    store.getState().setRoute({ kind: 'other' });
    store.getState().setOtherAddress('10.10.0.5:6443');
    expect(connectProblems(store.getState()).address).toMatch(/without a port/);
    store.getState().setOtherAddress(' 10.10.0.11 ');
    expect(connectProblems(store.getState())).toEqual({});
    expect(viaAddressOf(store.getState().route, store.getState().otherAddress)).toBe('10.10.0.11');
  });

  it('asks for the install folder when nothing is stored and nothing is typed', () => {
    const empty = { installDir: '', kubeconfigPath: '', route: { kind: 'name' as const }, otherAddress: '' };
    expect(connectProblems({ ...empty, kubeconfigStored: false }).installDir).toMatch(/install folder once.*or the kubeconfig file/);
    expect(connectProblems({ ...empty, kubeconfigStored: true })).toEqual({});
  });

  it('an address with a port, or one the contract refuses, is refused before calling', () => {
    const other = (otherAddress: string) => connectProblems({ installDir: '', kubeconfigPath: '', route: { kind: 'other' }, otherAddress, kubeconfigStored: true }).address;
    for (const bad of ['10.10.0.5:6443', '10.10.0.5::6443', 'fd00::10.10.0.5:6443', ':1::2', 'api.example.com:6443']) expect(other(bad), bad).toMatch(/without a port/);
    for (const good of ['10.10.0.5', 'fd00::5', 'api.acp.plant-a.example.com']) expect(other(good), good).toBeUndefined();
  });

  it('browser mode: no file dialog, the path is typed', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    await store.getState().loadSecrets();
    expect(store.getState().fileDialog).toBe('unsupported');
    expect(store.getState().kubeconfigStored).toBe(false);
  });

  it('a store that cannot encrypt: a new file is sent only after the consent, and says so', async () => {
    const fake = fakeClusterApi();
    fake.status.protection = 'basic_text';
    const store = createClusterStore(fake.api);
    await store.getState().loadSecrets();
    expect(store.getState().plainText).toMatch(/key ring/);
    store.getState().setKubeconfigPath(KUBECONFIG);
    await store.getState().connect(SITE);
    expect(fake.raw.cluster.connect).not.toHaveBeenCalled();
    expect(store.getState().connectError).toContain('Store it without encryption');
    store.getState().agreePlainText(true);
    fake.answerConnect(needsAcceptance());
    await store.getState().connect(SITE);
    expect(fake.raw.cluster.connect).toHaveBeenLastCalledWith({ sitePath: SITE, kubeconfigPath: KUBECONFIG, allowPlainText: true });
    // The stored one needs no consent.
    store.getState().setKubeconfigPath('');
    fake.answerConnect(needsAcceptance());
    await store.getState().connect(SITE);
    expect(fake.raw.cluster.connect).toHaveBeenLastCalledWith({ sitePath: SITE });
  });

  it('makes task ids the contract accepts', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newTaskId('bootstrap')));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9._-]{1,100}$/);
  });
});

describe('cluster store: the install folder', () => {
  it('sends the folder, keeps what the answer says was kept, empties the field and accepts the same way', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    await store.getState().loadSecrets();
    expect(store.getState().agentTokenStored).toBe(false);
    store.getState().setInstallDir(` ${INSTALL_DIR} `);
    store.getState().setRoute({ kind: 'vip', address: '10.10.0.5' });
    fake.answerConnect(withImport(needsAcceptance('10.10.0.5')), withImport(connected('10.10.0.5')));

    await store.getState().connect(SITE);
    expect(fake.raw.cluster.connect).toHaveBeenLastCalledWith({ sitePath: SITE, installDir: INSTALL_DIR, viaAddress: '10.10.0.5' });
    expect(store.getState().installImport).toEqual(installImport());
    expect(store.getState()).toMatchObject({ kubeconfigStored: true, agentTokenStored: true, installDir: '' });

    const accepted = await store.getState().acceptCa(SITE);
    expect(accepted?.state).toBe('connected');
    expect(fake.raw.cluster.connect).toHaveBeenLastCalledWith({ sitePath: SITE, installDir: INSTALL_DIR, viaAddress: '10.10.0.5', acceptCaSha256: CA1 });

    // Connecting again later uses the store; what the folder gave is still said.
    fake.answerConnect(connected('10.10.0.5'));
    await store.getState().connect(SITE);
    expect(fake.raw.cluster.connect).toHaveBeenLastCalledWith({ sitePath: SITE, viaAddress: '10.10.0.5' });
    expect(store.getState().installImport?.folder).toBe(INSTALL_DIR);
  });

  it('the folder dialog fills the folder; refuses a relative folder and both at once', async () => {
    const fake = fakeClusterApi();
    fake.raw.site.choose.mockResolvedValueOnce({ supported: true, path: INSTALL_DIR });
    const store = createClusterStore(fake.api);
    await store.getState().chooseInstallDir();
    expect(fake.raw.site.choose).toHaveBeenLastCalledWith({ purpose: 'install-dir' });
    expect(store.getState()).toMatchObject({ installDir: INSTALL_DIR, fileDialog: 'supported' });

    store.getState().setKubeconfigPath(KUBECONFIG);
    expect(connectProblems(store.getState()).both).toBe(BOTH_SOURCES);
    await store.getState().connect(SITE);
    expect(store.getState().connectError).toBe('Give the install folder or the kubeconfig file, not both.');

    store.getState().setKubeconfigPath('');
    store.getState().setInstallDir('plant-a/install');
    await store.getState().connect(SITE);
    expect(store.getState().connectError).toMatch(/full path of the folder/);
    expect(fake.raw.cluster.connect).not.toHaveBeenCalled();
  });

  it('a store that cannot encrypt: the folder is read only after the consent', async () => {
    const fake = fakeClusterApi();
    fake.status.protection = 'basic_text';
    const store = createClusterStore(fake.api);
    await store.getState().loadSecrets();
    store.getState().setInstallDir(INSTALL_DIR);
    await store.getState().connect(SITE);
    expect(fake.raw.cluster.connect).not.toHaveBeenCalled();
    expect(store.getState().connectError).toMatch(/Nothing was read from the install folder: tick "Store it without encryption"/);
    store.getState().agreePlainText(true);
    fake.answerConnect(withImport(needsAcceptance()));
    await store.getState().connect(SITE);
    expect(fake.raw.cluster.connect).toHaveBeenLastCalledWith({ sitePath: SITE, installDir: INSTALL_DIR, allowPlainText: true });
  });

  it('a folder without a usable kubeconfig: the field stays, the answer says what is missing', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    store.getState().setInstallDir(INSTALL_DIR);
    const nothing = { folder: INSTALL_DIR, stored: [], missing: [{ name: 'kubeconfig' as const, message: `${INSTALL_DIR}/auth/kubeconfig is not there.` }] };
    fake.answerConnect(withImport({ ...dnsFailed(), failure: { kind: 'no-kubeconfig', message: `Nothing was kept from ${INSTALL_DIR}.`, retryable: false } }, nothing));
    await store.getState().connect(SITE);
    expect(store.getState().installImport).toEqual(nothing);
    expect(store.getState().installDir).toBe(INSTALL_DIR);
  });
});

describe('cluster store: tasks', () => {
  it('takes the progress of its own install watch only, then the final answer', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    const done = store.getState().watchInstall(SITE);
    const taskId = fake.installs[0]!.taskId;
    fake.emit({ event: 'cluster.progress', payload: { taskId: 'someone-else', install: installed() } });
    expect(store.getState().install.progress).toBeUndefined();
    fake.emit({ event: 'cluster.progress', payload: { taskId, install: installing() } });
    expect(store.getState().install.progress?.overall.percent).toBe(42);
    fake.emit({ event: 'cluster.progress', payload: { taskId, checks: checks() } });
    expect(store.getState().install.checks).toHaveLength(3);
    expect(store.getState().install.progress?.overall.percent).toBe(42);

    fake.installs[0]!.resolve({ progress: installed(), checks: checks().slice(0, 1) });
    await done;
    const install = store.getState().install;
    expect(install).toMatchObject({ running: false, progress: { overall: { state: 'done' } } });
    expect(install.checks).toHaveLength(1);
    expect(fake.listeners.size).toBe(0);
  });

  it('cancels the running bootstrap by its task id', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    const run = store.getState().runBootstrap(SITE);
    const taskId = fake.bootstraps[0]!.taskId;
    fake.emit({ event: 'cluster.progress', payload: { taskId, bootstrap: bootstrapRunning() } });
    expect(store.getState().bootstrap.progress?.stages).toHaveLength(3);
    await store.getState().cancel('bootstrap');
    expect(fake.raw.cluster.cancel).toHaveBeenCalledWith({ taskId });
    expect(store.getState().bootstrap.cancelling).toBe(true);
    fake.bootstraps[0]!.resolve({ ...bootstrapRunning(), state: 'failed', failure: { kind: 'cancelled', message: 'Stopped by you.', retryable: true } });
    await run;
    expect(store.getState().bootstrap).toMatchObject({ running: false, cancelling: false, progress: { state: 'failed' } });
  });

  it('asks before the stored Git password goes to a server, and sends it only after yes', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    const run = store.getState().runBootstrap(SITE);
    fake.bootstraps[0]!.reject(
      new SitekitApiError({
        code: 'needs-confirmation',
        message: 'The stored Git password was never used with https://git.plant-a.example.com.',
        question: { secret: 'gitops-repo-password', boundTo: [], targets: ['https://git.plant-a.example.com'] },
      }),
    );
    await run;
    expect(store.getState().passwordQuestion?.origin).toBe('https://git.plant-a.example.com');
    expect(store.getState().bootstrap.error).toBeUndefined();
    const again = store.getState().confirmPassword(SITE);
    expect(fake.raw.cluster.bootstrap).toHaveBeenLastCalledWith(expect.objectContaining({ sitePath: SITE, allowPasswordFor: 'https://git.plant-a.example.com' }));
    expect(store.getState().passwordQuestion).toBeUndefined();
    fake.bootstraps[1]!.resolve({ ...bootstrapRunning(), state: 'done' });
    await again;
  });

  it('another site: the old results go and what still runs for it is stopped', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    const watch = store.getState().watchInstall(SITE);
    const taskId = fake.installs[0]!.taskId;
    store.getState().forSite('/home/tech/plant-b/site.yaml');
    expect(fake.raw.cluster.cancel).toHaveBeenCalledWith({ taskId });
    expect(store.getState().install.running).toBe(false);
    fake.installs[0]!.resolve({ progress: installed(), checks: [] });
    await watch;
    await settle();
    expect(store.getState().install.progress).toBeUndefined();
  });

  it('verify sends the sites-repository folder, chosen with the folder dialog or typed; refuses a relative one', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    await store.getState().verify(SITE);
    expect(fake.raw.cluster.verify).toHaveBeenLastCalledWith({ sitePath: SITE, taskId: VERIFY_TASK });

    fake.raw.site.choose.mockResolvedValueOnce({ supported: true, path: REPO_DIR });
    await store.getState().chooseManifestsDir();
    expect(fake.raw.site.choose).toHaveBeenLastCalledWith({ purpose: 'folder' });
    expect(store.getState()).toMatchObject({ manifestsDir: REPO_DIR, fileDialog: 'supported' });
    await store.getState().verify(SITE);
    expect(fake.raw.cluster.verify).toHaveBeenLastCalledWith({ sitePath: SITE, taskId: VERIFY_TASK, manifestsDir: REPO_DIR });
    // The dialog opens where the folder is.
    await store.getState().chooseManifestsDir();
    expect(fake.raw.site.choose).toHaveBeenLastCalledWith({ purpose: 'folder', defaultPath: REPO_DIR });

    // Typed (browser mode), with blanks around it.
    store.getState().setManifestsDir(`  ${REPO_DIR}/apps `);
    await store.getState().verify(SITE);
    expect(fake.raw.cluster.verify).toHaveBeenLastCalledWith({ sitePath: SITE, taskId: VERIFY_TASK, manifestsDir: `${REPO_DIR}/apps` });

    const calls = fake.raw.cluster.verify.mock.calls.length;
    store.getState().setManifestsDir('sites/plant-a');
    expect(manifestsDirProblem(store.getState().manifestsDir)).toMatch(/full path of the folder/);
    await store.getState().verify(SITE);
    expect(fake.raw.cluster.verify).toHaveBeenCalledTimes(calls);
    expect(store.getState().verifyError).toMatch(/full path of the folder/);

    // A dialog that fails says so by the field; another site forgets the folder.
    fake.raw.site.choose.mockRejectedValueOnce(new Error('no display'));
    await store.getState().chooseManifestsDir();
    expect(store.getState().manifestsDirError).toBe('The folder dialog did not open: no display');
    store.getState().forSite('/home/tech/plant-b/site.yaml');
    expect(store.getState()).toMatchObject({ manifestsDir: '', manifestsDirError: undefined });
  });

  it('a verification replaces an older separate drift check', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    await store.getState().checkDrift(SITE);
    expect(store.getState().drift?.summary.different).toBe(1);
    await store.getState().verify(SITE);
    expect(store.getState().drift).toBeUndefined();
    expect(store.getState().verification?.state).toBe('problems');
  });

  it('Stop cancels the running verification by its task id; stopped, it says nothing was saved and keeps the last one', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    await store.getState().verify(SITE);
    const before = store.getState().verification;
    let fail!: (error: unknown) => void;
    fake.raw.cluster.verify.mockImplementationOnce(() => new Promise<LiveVerification>((_resolve, reject) => (fail = reject)));
    const run = store.getState().verify(SITE);
    const { taskId } = fake.raw.cluster.verify.mock.lastCall![0];
    expect(store.getState().verifyRun).toEqual({ taskId, cancelling: false });
    await store.getState().cancel('verify');
    expect(fake.raw.cluster.cancel).toHaveBeenLastCalledWith({ taskId });
    expect(store.getState().verifyRun?.cancelling).toBe(true);
    // The host ends the call with the cancellation (words of its own): that is no error to show.
    fail(new SitekitApiError({ code: 'unavailable', message: 'Cancelled before the cluster answered.' }));
    expect(await run).toBeUndefined();
    expect(store.getState()).toMatchObject({ verifying: false, verifyRun: undefined, verifyStopped: true, verifyError: undefined, verification: before });
    // Closing the note forgets it.
    store.getState().dismiss('verify');
    expect(store.getState().verifyStopped).toBe(false);
  });

  it('a verification that fails without Stop shows the error; Stop the host no longer knows can be pressed again', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    fake.raw.cluster.verify.mockRejectedValueOnce(new Error('The API server did not answer in time.'));
    await store.getState().verify(SITE);
    expect(store.getState()).toMatchObject({ verifyStopped: false, verifyError: 'The API server did not answer in time.' });

    let finish!: (v: LiveVerification) => void;
    fake.raw.cluster.verify.mockImplementationOnce(() => new Promise<LiveVerification>((resolve) => (finish = resolve)));
    const run = store.getState().verify(SITE);
    expect(store.getState().verifyError).toBeUndefined();
    fake.raw.cluster.cancel.mockResolvedValueOnce(false);
    await store.getState().cancel('verify');
    expect(store.getState().verifyRun?.cancelling).toBe(false);
    // It finished after all: saved by the host, shown here.
    finish(verification('ok'));
    expect((await run)?.state).toBe('ok');
    expect(store.getState()).toMatchObject({ verifyStopped: false, verification: { state: 'ok' } });
  });

  it('Stop cancels the running drift check by its task id and says it was stopped', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    let fail!: (error: unknown) => void;
    fake.raw.cluster.drift.mockImplementationOnce(() => new Promise<DriftResult>((_resolve, reject) => (fail = reject)));
    const run = store.getState().checkDrift(SITE);
    const input = fake.raw.cluster.drift.mock.lastCall![0];
    expect(input).toEqual({ sitePath: SITE, taskId: expect.stringMatching(/^drift-/) });
    await store.getState().cancel('drift');
    expect(fake.raw.cluster.cancel).toHaveBeenLastCalledWith({ taskId: input.taskId });
    fail(new Error('Cancelled before the cluster answered.'));
    await run;
    expect(store.getState()).toMatchObject({ drifting: false, driftRun: undefined, driftStopped: true, driftError: undefined, drift: undefined });
  });

  it('another site: a running verification of the old one is stopped', async () => {
    const fake = fakeClusterApi();
    const store = createClusterStore(fake.api);
    fake.raw.cluster.verify.mockImplementationOnce(() => new Promise<LiveVerification>(() => undefined));
    void store.getState().verify(SITE);
    const { taskId } = fake.raw.cluster.verify.mock.lastCall![0];
    store.getState().forSite('/home/tech/plant-b/site.yaml');
    expect(fake.raw.cluster.cancel).toHaveBeenCalledWith({ taskId });
    expect(store.getState()).toMatchObject({ verifying: false, verifyRun: undefined });
  });
});
