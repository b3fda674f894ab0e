// State of the Cluster step: the kubeconfig file and the route to the API, the answer of the
// last connect (connected, a CA to accept, a changed CA, or why it failed), the install watch
// and the GitOps bootstrap with their live progress (cluster.progress events of their task),
// and the last verification and drift check. Created once, on the step's first visit, and kept
// by the wizard (cluster-slot.ts) so a running watch or bootstrap and its progress survive
// switching steps; the API is injected so tests only swap the client.
//
// Secrets: the host reads the install folder (auth/kubeconfig, auth/kubeadmin-password, the
// installer's token) or the kubeconfig file from the path typed here; their content never comes
// to the renderer. Only whether they are stored (and for which API server) is known here.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { isAddress } from '../../../../main/contract/address';
import type { ChooseInput, ClusterConnectResult, ClusterInstallResult, EventListener, InstallDirImport, SitekitApi, Unsubscribe } from '../../../../main/contract/api';
import { secretUseQuestion } from '../../../../main/contract/wire';
import type {
  BootstrapProgress,
  DriftResult,
  InstallProgress,
  LiveCheck,
  LiveVerification,
} from '../../../../main/core/cluster/types';
import { isAbsolutePath } from '../export/format';
import { PLAIN_TEXT_CONSENT_LABEL, plainTextReason } from '../secret-field';

/** What the Cluster step needs of the API (the client's `Api` fits). */
export type ClusterApi = Pick<SitekitApi, 'app' | 'cluster' | 'secrets' | 'site'> & { onEvent(listener: EventListener): Unsubscribe };

export const KUBECONFIG_SECRET = 'kubeconfig';
export const AGENT_TOKEN_SECRET = 'agent-auth-token';

/**
 * How the laptop reaches the API: the server named in the kubeconfig (`name`), one of the plan's
 * API VIPs, or an address the technician types (`other`). The TLS name is always the kubeconfig's.
 */
export type RouteChoice = { kind: 'name' } | { kind: 'vip'; address: string } | { kind: 'other' };

/** A long task of the step (install watch, bootstrap) and what it reported so far. */
export interface TaskRun<P> {
  taskId?: string;
  running: boolean;
  /** Cancel was asked and not answered yet. */
  cancelling: boolean;
  progress?: P;
  /** The call failed (the host's words); the progress may still say where it stopped. */
  error?: string;
  startedAt?: number;
  endedAt?: number;
}

/** A verify or drift call running as a task cluster.cancel can stop (its Stop button). */
export interface CheckRun {
  taskId: string;
  /** Stop was asked and the call has not ended yet. */
  cancelling: boolean;
}

export interface ClusterState {
  /** The saved site file everything below belongs to. */
  sitePath?: string;
  /**
   * The folder `openshift-install agent create image` ran in, as typed or chosen (absolute path):
   * the usual way to give the kubeconfig, with the kubeadmin password and the installer's token.
   */
  installDir: string;
  /** The kubeconfig file as typed or chosen (absolute path); empty: use the stored one. */
  kubeconfigPath: string;
  /** Whether a native file dialog exists ('unknown' until asked once). */
  fileDialog: 'unknown' | 'supported' | 'unsupported';
  /** Whether a kubeconfig is in the secret store, and the API servers it is bound to. */
  kubeconfigStored?: boolean;
  kubeconfigFor: string[];
  /** Whether the installer's token (agent-auth-token) is in the secret store. */
  agentTokenStored?: boolean;
  /**
   * Why this computer's secret store cannot encrypt (protection 'basic_text'), in words; then
   * what a folder or file holds is stored only with `plainTextAgreed` (the consent under it).
   */
  plainText?: string;
  plainTextAgreed: boolean;
  route: RouteChoice;
  /** The typed address of route `other`. */
  otherAddress: string;

  connecting: boolean;
  /** The last answer of cluster.connect. */
  connection?: ClusterConnectResult;
  /** The route and folder or file of that answer, so "Accept" goes exactly where the fingerprint came from. */
  connectedVia?: ConnectVia;
  /** What the last connect with the install folder kept and what it lacked (names only). */
  installImport?: InstallDirImport;
  /** The call itself failed (bad input, file not found): the host's words. */
  connectError?: string;

  install: TaskRun<InstallProgress> & { checks?: LiveCheck[] };
  bootstrap: TaskRun<BootstrapProgress>;
  /** The bootstrap stopped before sending the stored Git password to this origin: ask. */
  passwordQuestion?: { origin: string; boundTo: string[]; message: string };

  /**
   * A folder of the sites repository whose manifests the verification checks for HA readiness
   * too (absolute path, typed or chosen); empty: the live cluster only.
   */
  manifestsDir: string;
  /** A folder dialog for it failed: the host's words. */
  manifestsDirError?: string;
  verifying: boolean;
  /** The running verification's task (for Stop). */
  verifyRun?: CheckRun;
  verification?: LiveVerification;
  verifyError?: string;
  /** The last verification was stopped with Stop: it saved nothing. */
  verifyStopped: boolean;
  drifting: boolean;
  /** The running drift check's task (for Stop). */
  driftRun?: CheckRun;
  /** A drift check made after the verification (newer than `verification.drift`). */
  drift?: DriftResult;
  driftError?: string;
  /** The last drift check was stopped with Stop. */
  driftStopped: boolean;

  setInstallDir(path: string): void;
  setKubeconfigPath(path: string): void;
  agreePlainText(agreed: boolean): void;
  /** The native folder dialog (desktop); in browser mode the path is typed. */
  chooseInstallDir(): Promise<void>;
  /** The native file dialog (desktop); in browser mode the path is typed. */
  chooseKubeconfig(): Promise<void>;
  setRoute(route: RouteChoice): void;
  setOtherAddress(address: string): void;
  setManifestsDir(path: string): void;
  /** The native folder dialog for the sites-repository folder (desktop); in browser mode it is typed. */
  chooseManifestsDir(): Promise<void>;
  /** Reads which secrets are stored (never their values) and whether this app has file dialogs. */
  loadSecrets(): Promise<void>;
  connect(sitePath: string): Promise<ClusterConnectResult | undefined>;
  /** Connects again the same way, accepting the CA fingerprint the last answer showed. */
  acceptCa(sitePath: string): Promise<ClusterConnectResult | undefined>;
  watchInstall(sitePath: string): Promise<ClusterInstallResult | undefined>;
  runBootstrap(sitePath: string): Promise<BootstrapProgress | undefined>;
  /** "Use the stored password for this server": the bootstrap again, allowing the origin asked about. */
  confirmPassword(sitePath: string): Promise<BootstrapProgress | undefined>;
  cancelPasswordQuestion(): void;
  cancel(task: 'install' | 'bootstrap' | 'verify' | 'drift'): Promise<void>;
  verify(sitePath: string): Promise<LiveVerification | undefined>;
  checkDrift(sitePath: string): Promise<DriftResult | undefined>;
  /** Forgets everything that belongs to another site file. */
  forSite(sitePath: string | undefined): void;
  dismiss(what: 'connect' | 'install' | 'bootstrap' | 'verify' | 'drift'): void;
}

export type ClusterStore = StoreApi<ClusterState>;

/** Where a connect read its credentials from and which way it went. */
export interface ConnectVia {
  viaAddress?: string;
  installDir?: string;
  kubeconfigPath?: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const codeOf = (error: unknown) => (error !== null && typeof error === 'object' ? (error as { code?: unknown }).code : undefined);

/** The folder or file typed (the folder first: it is the usual way) and the route. */
function typedVia(s: Pick<ClusterState, 'installDir' | 'kubeconfigPath' | 'route' | 'otherAddress'>): ConnectVia {
  const installDir = s.installDir.trim() || undefined;
  const kubeconfigPath = s.kubeconfigPath.trim() || undefined;
  const viaAddress = viaAddressOf(s.route, s.otherAddress);
  return { ...(installDir ? { installDir } : {}), ...(kubeconfigPath ? { kubeconfigPath } : {}), ...(viaAddress ? { viaAddress } : {}) };
}

/** The address the route goes through (undefined: the kubeconfig's server name). */
export function viaAddressOf(route: RouteChoice, otherAddress: string): string | undefined {
  if (route.kind === 'vip') return route.address;
  if (route.kind === 'other') return otherAddress.trim() || undefined;
  return undefined;
}

export const BOTH_SOURCES = 'Give the install folder or the kubeconfig file, not both.';

/** What is wrong with the typed connection fields, in words (undefined: nothing). */
export function connectProblems(
  state: Pick<ClusterState, 'installDir' | 'kubeconfigPath' | 'route' | 'otherAddress' | 'kubeconfigStored'>,
): {
  installDir?: string;
  kubeconfig?: string;
  /** Both the folder and the file are typed. */
  both?: string;
  address?: string;
} {
  const problems: { installDir?: string; kubeconfig?: string; both?: string; address?: string } = {};
  const folder = state.installDir.trim();
  const file = state.kubeconfigPath.trim();
  if (folder && !isAbsolutePath(folder)) problems.installDir = 'Type the full path of the folder, for example /home/tech/plant-a/install.';
  if (file && !isAbsolutePath(file)) problems.kubeconfig = 'Type the full path of the file, for example /home/tech/plant-a/install/auth/kubeconfig.';
  if (folder && file) problems.both = BOTH_SOURCES;
  if (!folder && !file && state.kubeconfigStored === false) {
    problems.installDir = 'Give the install folder once (the folder openshift-install agent create image ran in), or the kubeconfig file in its auth folder.';
  }
  if (state.route.kind === 'other') {
    const a = state.otherAddress.trim();
    if (!a) problems.address = 'Type the IP address to connect through, for example 10.10.0.5.';
    // The contract's own rule: `10.10.0.5:6443` is an address with a port, not an address.
    else if (!isAddress(a)) problems.address = 'An IP address or a host name without a port, for example 10.10.0.5 (the port stays the one in the kubeconfig).';
  }
  return problems;
}

/** What is wrong with the typed sites-repository folder, in words (undefined: nothing, or empty). */
export function manifestsDirProblem(manifestsDir: string): string | undefined {
  const folder = manifestsDir.trim();
  if (folder && !isAbsolutePath(folder)) return 'Type the full path of the folder, for example /home/tech/sites-repo/sites/plant-a.';
  return undefined;
}

let taskCounter = 0;
/** A task id the contract accepts (letters, digits, dot, underscore, hyphen). */
export function newTaskId(kind: string): string {
  taskCounter = (taskCounter + 1) % 1_000_000;
  return `${kind}-${Date.now().toString(36)}-${taskCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

const idleRun = <P>(): TaskRun<P> => ({ running: false, cancelling: false });

const EMPTY_SITE = {
  connection: undefined,
  connectedVia: undefined,
  connectError: undefined,
  install: idleRun<InstallProgress>() as TaskRun<InstallProgress> & { checks?: LiveCheck[] },
  bootstrap: idleRun<BootstrapProgress>(),
  passwordQuestion: undefined,
  installImport: undefined,
  verification: undefined,
  verifyError: undefined,
  verifyStopped: false,
  drift: undefined,
  driftError: undefined,
  driftStopped: false,
};

/** The state fields of each check (verify, drift) that can be stopped. */
const CHECK_FIELDS = {
  verify: { busy: 'verifying', run: 'verifyRun', error: 'verifyError', stopped: 'verifyStopped' },
  drift: { busy: 'drifting', run: 'driftRun', error: 'driftError', stopped: 'driftStopped' },
} as const;

export function createClusterStore(api: ClusterApi, now: () => number = Date.now): ClusterStore {
  return createStore<ClusterState>()((set, get) => {
    /** Bumped by forSite: late answers for another site are dropped. */
    let generation = 0;

    /** Forgets the old site's results when a call is made for another one. */
    const useSite = (sitePath: string) => {
      if (get().sitePath !== sitePath) {
        generation++;
        set({ ...EMPTY_SITE, sitePath });
      }
      return generation;
    };

    const refreshSecrets = async () => {
      const status = await api.secrets.status();
      set({
        kubeconfigStored: status.names.includes(KUBECONFIG_SECRET),
        kubeconfigFor: status.bindings?.[KUBECONFIG_SECRET] ?? [],
        agentTokenStored: status.names.includes(AGENT_TOKEN_SECRET),
        plainText: plainTextReason(status),
      });
    };

    const callConnect = async (sitePath: string, accept?: string): Promise<ClusterConnectResult | undefined> => {
      const s = get();
      if (s.connecting) return undefined;
      const mine = useSite(sitePath);
      // Accepting goes exactly the way the fingerprint was shown (same folder or file, same address).
      const via: ConnectVia = accept ? (s.connectedVia ?? {}) : typedVia(s);
      if (!accept) {
        const problems = connectProblems(s);
        const first = problems.both ?? problems.installDir ?? problems.kubeconfig ?? problems.address;
        if (first) {
          set({ connectError: first });
          return undefined;
        }
      }
      // Something new to keep on a store that cannot encrypt: only with the consent (the host refuses otherwise).
      const reads = via.installDir !== undefined || via.kubeconfigPath !== undefined;
      const plain = reads && s.plainText !== undefined;
      if (plain && !s.plainTextAgreed) {
        set({
          connectError: via.installDir
            ? `Nothing was read from the install folder: tick "${PLAIN_TEXT_CONSENT_LABEL}" under the folder to keep what it holds on this computer, or set up a key ring first.`
            : `The kubeconfig was not read: tick "${PLAIN_TEXT_CONSENT_LABEL}" under the file to keep it on this computer, or set up a key ring first.`,
        });
        return undefined;
      }
      set({ connecting: true, connectError: undefined });
      try {
        const result = await api.cluster.connect({
          sitePath,
          ...(via.installDir ? { installDir: via.installDir } : {}),
          ...(via.kubeconfigPath ? { kubeconfigPath: via.kubeconfigPath } : {}),
          ...(via.viaAddress ? { viaAddress: via.viaAddress } : {}),
          ...(accept ? { acceptCaSha256: accept } : {}),
          ...(plain ? { allowPlainText: true } : {}),
        });
        if (mine !== generation) return undefined;
        set({ connection: result, connectedVia: { ...via }, ...(result.installDir ? { installImport: result.installDir } : {}) });
        // What the folder held is kept now: the field empties, so connecting again uses the store.
        if (result.installDir?.stored.includes(KUBECONFIG_SECRET) && get().installDir.trim() === via.installDir) set({ installDir: '' });
        // The host stored what it read: it is used from now on without the path.
        if (reads) await refreshSecrets().catch(() => undefined);
        // Connected for the first time: show where the install is (read-only) without a click.
        const { install } = get();
        if (result.state === 'connected' && !install.running && !install.progress && mine === generation) void get().watchInstall(sitePath);
        return result;
      } catch (error) {
        if (mine === generation) set({ connectError: message(error) });
        return undefined;
      } finally {
        if (mine === generation) set({ connecting: false });
      }
    };

    /** Runs a long task, taking its cluster.progress events while it runs. */
    const runTask = async <R>(
      sitePath: string,
      which: 'install' | 'bootstrap',
      call: (taskId: string) => Promise<R>,
      take: (result: R) => { progress: unknown; checks?: LiveCheck[] },
    ): Promise<R | undefined> => {
      if (get()[which].running) return undefined;
      const mine = useSite(sitePath);
      const taskId = newTaskId(which);
      set((s) => ({ [which]: { ...s[which], taskId, running: true, cancelling: false, error: undefined, startedAt: now(), endedAt: undefined } }));
      const off = api.onEvent((event) => {
        if (event.event !== 'cluster.progress' || event.payload.taskId !== taskId || mine !== generation) return;
        const p = event.payload;
        if (which === 'install' && (p.install || p.checks)) {
          set((s) => ({ install: { ...s.install, ...(p.install ? { progress: p.install } : {}), ...(p.checks ? { checks: p.checks } : {}) } }));
        }
        if (which === 'bootstrap' && p.bootstrap) set((s) => ({ bootstrap: { ...s.bootstrap, progress: p.bootstrap } }));
      });
      try {
        const result = await call(taskId);
        if (mine !== generation) return undefined;
        set((s) => ({ [which]: { ...s[which], ...take(result), running: false, cancelling: false, endedAt: now() } }));
        return result;
      } catch (error) {
        if (mine !== generation) return undefined;
        const question = codeOf(error) === 'needs-confirmation' ? secretUseQuestion((error as { question?: unknown }).question) : undefined;
        const origin = question?.secret === 'gitops-repo-password' ? question.targets[0] : undefined;
        set((s) => ({
          [which]: { ...s[which], running: false, cancelling: false, endedAt: now(), ...(origin ? {} : { error: message(error) }) },
          ...(origin ? { passwordQuestion: { origin, boundTo: question!.boundTo, message: message(error) } } : {}),
        }));
        return undefined;
      } finally {
        off();
      }
    };

    /**
     * The native dialog for one path field, opening where the typed path is; it also tells
     * whether this app has dialogs at all. A dialog that fails says so where `error` is shown.
     */
    const choosePath = async (
      purpose: ChooseInput['purpose'],
      field: 'installDir' | 'kubeconfigPath' | 'manifestsDir',
      error: 'connectError' | 'manifestsDirError',
    ): Promise<void> => {
      const current = get()[field].trim();
      try {
        const answer = await api.site.choose({ purpose, ...(isAbsolutePath(current) ? { defaultPath: current } : {}) });
        set({ fileDialog: answer.supported ? 'supported' : 'unsupported', ...(answer.path ? { [field]: answer.path } : {}) });
      } catch (cause) {
        set({ [error]: `The ${purpose === 'kubeconfig' ? 'file' : 'folder'} dialog did not open: ${message(cause)}` });
      }
    };

    /**
     * Runs a verify or drift call as a task Stop can cancel. A call that fails after Stop was
     * asked was stopped (the host saves nothing then): that is said, not shown as an error.
     */
    const runCheck = async <R>(sitePath: string, which: 'verify' | 'drift', call: (taskId: string) => Promise<R>, take: (result: R) => void): Promise<R | undefined> => {
      const f = CHECK_FIELDS[which];
      if (get()[f.busy]) return undefined;
      const mine = useSite(sitePath);
      const taskId = newTaskId(which);
      set({ [f.busy]: true, [f.run]: { taskId, cancelling: false }, [f.error]: undefined, [f.stopped]: false });
      try {
        const result = await call(taskId);
        if (mine !== generation) return undefined;
        take(result);
        return result;
      } catch (error) {
        if (mine === generation) set(get()[f.run]?.cancelling ? { [f.stopped]: true } : { [f.error]: message(error) });
        return undefined;
      } finally {
        if (mine === generation) set({ [f.busy]: false, [f.run]: undefined });
      }
    };

    /** Stop for a verify or drift call; when the host no longer (or not yet) knows the task, Stop can be pressed again. */
    const cancelCheck = async (which: 'verify' | 'drift') => {
      const f = CHECK_FIELDS[which];
      const run = get()[f.run];
      if (!run || run.cancelling) return;
      const stillThis = () => get()[f.run]?.taskId === run.taskId;
      set({ [f.run]: { ...run, cancelling: true } });
      try {
        if (!(await api.cluster.cancel({ taskId: run.taskId })) && stillThis()) set({ [f.run]: { ...run, cancelling: false } });
      } catch (error) {
        if (stillThis()) set({ [f.run]: { ...run, cancelling: false }, [f.error]: `Could not stop it: ${message(error)}` });
      }
    };

    const bootstrapWith = (sitePath: string, allowPasswordFor?: string) =>
      runTask(
        sitePath,
        'bootstrap',
        (taskId) => api.cluster.bootstrap({ sitePath, taskId, ...(allowPasswordFor ? { allowPasswordFor } : {}) }),
        (progress) => ({ progress }),
      );

    return {
      installDir: '',
      kubeconfigPath: '',
      fileDialog: 'unknown',
      kubeconfigFor: [],
      plainTextAgreed: false,
      route: { kind: 'name' },
      otherAddress: '',
      connecting: false,
      manifestsDir: '',
      verifying: false,
      drifting: false,
      ...EMPTY_SITE,

      setInstallDir(path) {
        set({ installDir: path });
      },

      setKubeconfigPath(path) {
        set({ kubeconfigPath: path });
      },

      agreePlainText(agreed) {
        set({ plainTextAgreed: agreed });
      },

      chooseInstallDir() {
        return choosePath('install-dir', 'installDir', 'connectError');
      },

      chooseKubeconfig() {
        return choosePath('kubeconfig', 'kubeconfigPath', 'connectError');
      },

      setRoute(route) {
        set({ route });
      },

      setOtherAddress(address) {
        set({ otherAddress: address });
      },

      setManifestsDir(path) {
        set({ manifestsDir: path, manifestsDirError: undefined });
      },

      chooseManifestsDir() {
        set({ manifestsDirError: undefined });
        return choosePath('folder', 'manifestsDir', 'manifestsDirError');
      },

      async loadSecrets() {
        // Browser mode has no native dialogs: the path is typed, and no "Choose…" button is shown.
        if (get().fileDialog === 'unknown') {
          await api.app
            .info()
            .then((info) => set({ fileDialog: info.mode === 'electron' ? 'supported' : 'unsupported' }))
            .catch(() => undefined);
        }
        await refreshSecrets().catch(() => set({ kubeconfigStored: undefined }));
      },

      connect(sitePath) {
        return callConnect(sitePath);
      },

      acceptCa(sitePath) {
        const c = get().connection;
        if (get().sitePath !== sitePath || c?.state !== 'needs-acceptance' || !c.identity) return Promise.resolve(undefined);
        return callConnect(sitePath, c.identity.ca.sha256);
      },

      watchInstall(sitePath) {
        return runTask(
          sitePath,
          'install',
          (taskId) => api.cluster.watchInstall({ sitePath, taskId }),
          (result) => ({ progress: result.progress, checks: result.checks }),
        );
      },

      runBootstrap(sitePath) {
        set({ passwordQuestion: undefined });
        return bootstrapWith(sitePath);
      },

      confirmPassword(sitePath) {
        const q = get().passwordQuestion;
        if (!q || get().sitePath !== sitePath) return Promise.resolve(undefined);
        set({ passwordQuestion: undefined });
        return bootstrapWith(sitePath, q.origin);
      },

      cancelPasswordQuestion() {
        set({ passwordQuestion: undefined });
      },

      async cancel(task) {
        if (task === 'verify' || task === 'drift') return cancelCheck(task);
        const run = get()[task];
        if (!run.running || !run.taskId) return;
        set((s) => ({ [task]: { ...s[task], cancelling: true } }));
        try {
          await api.cluster.cancel({ taskId: run.taskId });
        } catch (error) {
          set((s) => ({ [task]: { ...s[task], cancelling: false, error: `Could not stop it: ${message(error)}` } }));
        }
      },

      async verify(sitePath) {
        if (get().verifying) return undefined;
        const manifestsDir = get().manifestsDir.trim();
        const problem = manifestsDirProblem(manifestsDir);
        if (problem) {
          set({ verifyError: problem, verifyStopped: false });
          return undefined;
        }
        return runCheck(
          sitePath,
          'verify',
          (taskId) => api.cluster.verify({ sitePath, taskId, ...(manifestsDir ? { manifestsDir } : {}) }),
          // The verification has its own drift check: an older separate one is superseded.
          (result) => set({ verification: result, drift: undefined, driftError: undefined, driftStopped: false }),
        );
      },

      checkDrift(sitePath) {
        return runCheck(
          sitePath,
          'drift',
          (taskId) => api.cluster.drift({ sitePath, taskId }),
          (result) => set({ drift: result }),
        );
      },

      forSite(sitePath) {
        const s = get();
        if (sitePath === undefined || s.sitePath === undefined || s.sitePath === sitePath) return;
        // Another site: what still runs for the old one is stopped, not left running unseen.
        const running = [s.install.running && s.install.taskId, s.bootstrap.running && s.bootstrap.taskId, s.verifyRun?.taskId, s.driftRun?.taskId];
        for (const taskId of running) if (taskId) void api.cluster.cancel({ taskId }).catch(() => undefined);
        generation++;
        // The sites-repository folder belongs to the old site's plant too.
        set({
          ...EMPTY_SITE,
          sitePath: undefined,
          connecting: false,
          verifying: false,
          verifyRun: undefined,
          drifting: false,
          driftRun: undefined,
          manifestsDir: '',
          manifestsDirError: undefined,
        });
      },

      dismiss(what) {
        if (what === 'connect') set({ connectError: undefined });
        else if (what === 'install') set((s) => ({ install: { ...s.install, error: undefined } }));
        else if (what === 'bootstrap') set((s) => ({ bootstrap: { ...s.bootstrap, error: undefined } }));
        else if (what === 'verify') set({ verifyError: undefined, verifyStopped: false });
        else set({ driftError: undefined, driftStopped: false });
      },
    };
  });
}
