// State of the Discover step: connection settings, which SSH secrets are stored (never their
// values), the live progress of a probe run, its merged results, the hardware findings and the
// proposed plan edits with the technician's selection. Created once by the wizard so the
// results survive switching steps; the API is injected so tests only swap the client.
// On a computer whose secret store cannot encrypt (protection 'basic_text': Linux without a key
// ring) an SSH secret is stored only after the technician ticked the plain-text consent next to
// its field (`agreePlainText`), as in every secret field; main refuses it otherwise.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  EventListener,
  PlanProposal,
  ProbeNodeResult,
  ProbeRunInput,
  ProbeRunResult,
  SaveResult,
  SecretProtection,
  SitekitApi,
  Unsubscribe,
} from '../../../../main/contract/api';
import { secretUseQuestion } from '../../../../main/contract/wire';
import type { Finding } from '../../../../main/core/validation/finding';
import { PLAIN_TEXT_CONSENT_LABEL, plainTextReason, secretSetInput } from '../secret-field';

/** What the Discover step needs of the API (the client's `Api` fits). */
export type DiscoverApi = Pick<SitekitApi, 'probe' | 'secrets'> & { onEvent(listener: EventListener): Unsubscribe };

/** The SSH secrets this step stores; the handler reads them by these names. */
export const SSH_SECRETS = ['ssh-password', 'ssh-passphrase'] as const;
export type SshSecretName = (typeof SSH_SECRETS)[number];

/** `queued` until the first progress event of a run; then the probe's own phases. */
export type NodePhase = 'queued' | 'connecting' | 'authenticating' | 'collecting' | 'parsing' | 'done' | 'failed';
export const PHASES_IN_ORDER: readonly NodePhase[] = ['queued', 'connecting', 'authenticating', 'collecting', 'parsing', 'done'];
const KNOWN_PHASES = new Set<string>([...PHASES_IN_ORDER, 'failed']);

export interface NodeRun {
  node: string;
  phase: NodePhase;
  /** The furthest phase before `failed` (where it stopped). */
  reached: NodePhase;
  /** Probe status once the node finished (ok, unreachable, …). */
  status?: string;
  message?: string;
  /** When this node's run started and ended (ms since the epoch). */
  startedAt: number;
  endedAt?: number;
}

/** Connection settings as typed (text fields); checked by `settingsProblems` before a run. */
export interface ConnectionSettings {
  /** Absolute path of a private key file; empty: the default keys or the SSH agent. */
  identityFile: string;
  /** user@host:port; empty: connect directly. */
  jumpHost: string;
  /** Whole seconds, 1–120; empty: Sitekit's default (15 s). */
  timeoutSeconds: string;
}

export interface SecretsView {
  /** Whether each SSH secret is stored (never the value). */
  stored: Record<SshSecretName, boolean>;
  /** Where the stored password may go: `host:port SHA256:…` of the nodes it was used with. */
  passwordBoundTo?: string[];
  protection?: SecretProtection;
  /** Plain words when the store's protection is weak. */
  warning?: string;
  /** True once the status was read. */
  loaded: boolean;
}

export interface AppliedEdits {
  proposals: PlanProposal[];
  path: string;
  savedAt: string;
}

export interface DiscoverState {
  settings: ConnectionSettings;
  /**
   * The technician ticked the install-disk speed test: the next runs also WRITE test data to the
   * disk the boot hint selects (probe.run diskSpeed). Off for every new site.
   */
  diskSpeed: boolean;
  secrets: SecretsView;
  /** A probe is running. */
  running: boolean;
  /** Proposals are being written. */
  applying: boolean;
  /** A secret is being stored or forgotten. */
  savingSecret?: SshSecretName;
  /**
   * Per secret: the technician ticked "Store it without encryption" next to its field. Needed
   * to store it while the store cannot encrypt (`plainTextReason(secrets)` says why).
   */
  plainTextAgreed: Record<SshSecretName, boolean>;
  /** The site file the results belong to. */
  sitePath?: string;
  /** When the current or last run started and ended. */
  runStartedAt?: number;
  runEndedAt?: number;
  /** Nodes of the current or last run. */
  runNodes: string[];
  /** Whether the last run went through a jump host (its own key problems look like the nodes'). */
  runViaJump: boolean;
  /**
   * Fingerprints the technician trusted, by node, for the node's latest run. A node that then
   * shows `host-key-changed` presented another key than the one trusted (nothing was pinned).
   */
  trusted: Record<string, string>;
  /** Live phase per node (the nodes of earlier runs keep their last state). */
  progress: Record<string, NodeRun>;
  /** The latest result of every node probed so far, merged across runs. */
  results: ProbeNodeResult[];
  /** Hardware findings of the latest run (it checks every stored inventory, not only the probed nodes). */
  findings: Finding[];
  proposals: PlanProposal[];
  /** Selected proposal ids. */
  selected: string[];
  /** What the last apply wrote. */
  applied?: AppliedEdits;
  /**
   * A probe stopped before sending the stored SSH password to nodes (address + host key) it was
   * never used with: what to ask. `confirmPassword` runs the same probe again allowing `targets`.
   */
  passwordQuestion?: { sitePath: string; message: string; targets: string[]; extra: ProbeExtra; expected: string[] };
  /** The last failure, in words for the technician. */
  error?: string;
  /** Short confirmation. */
  notice?: string;

  setSettings(patch: Partial<ConnectionSettings>): void;
  setDiskSpeed(on: boolean): void;
  loadSecrets(): Promise<void>;
  /**
   * Hands the value to the secret store; it is never kept here. True when stored. On a store
   * that cannot encrypt, only after `agreePlainText(name, true)` (false and nothing sent otherwise).
   */
  storeSecret(name: SshSecretName, value: string): Promise<boolean>;
  /** The plain-text consent next to this secret's field (ticked or not). */
  agreePlainText(name: SshSecretName, agreed: boolean): void;
  forgetSecret(name: SshSecretName): Promise<void>;
  /**
   * Probes the nodes of the saved site. `nodes`: only these (default all); `expected`: the
   * plan's hostnames, shown as queued until their first event.
   */
  run(sitePath: string, options?: { nodes?: string[]; expected?: string[] }): Promise<ProbeRunResult | undefined>;
  /**
   * Probes again only these nodes, trusting the fingerprint each showed as unknown in the last
   * run. A changed key is never trusted from here.
   */
  trust(sitePath: string, nodes: string[]): Promise<ProbeRunResult | undefined>;
  /** "Use the password for these nodes": the probe of the question again, allowing its targets. */
  confirmPassword(): Promise<ProbeRunResult | undefined>;
  /** Drops the question; nothing is sent. */
  cancelPasswordQuestion(): void;
  toggle(id: string, on?: boolean): void;
  select(ids: string[]): void;
  /** Writes these proposals into the site file; the answer is the new document. */
  apply(sitePath: string, ids: string[]): Promise<SaveResult | undefined>;
  /** Forgets results that belong to another site file. */
  forSite(sitePath: string | undefined): void;
  dismissMessages(): void;
}

export type DiscoverStore = StoreApi<DiscoverState>;

type ProbeExtra = Pick<ProbeRunInput, 'nodes' | 'acceptNewHostKeys' | 'allowPasswordFor'>;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** OpenSSH SHA-256 fingerprint, as the contract accepts it. */
export const FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;
// The same shapes the contract checks (main/contract/api.ts), kept here so the renderer bundle
// does not load zod; the handler checks again.
const JUMP_HOST = /^(?:[A-Za-z0-9._-]{1,64}@)?(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]{1,253})(?::\d{1,5})?$/;
const isAbsolutePath = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || /^\\\\[^\\]/.test(p);

/** What is wrong with the typed settings, per field (empty: nothing). */
export function settingsProblems(settings: ConnectionSettings): Partial<Record<keyof ConnectionSettings, string>> {
  const problems: Partial<Record<keyof ConnectionSettings, string>> = {};
  const key = settings.identityFile.trim();
  if (key && !isAbsolutePath(key)) problems.identityFile = 'Give the full path of the key file, e.g. /home/tech/.ssh/id_ed25519.';
  const jump = settings.jumpHost.trim();
  if (jump && (jump.length > 300 || !JUMP_HOST.test(jump))) problems.jumpHost = 'Write it as user@host:port, e.g. core@10.0.0.5:22.';
  const timeout = settings.timeoutSeconds.trim();
  if (timeout && !(/^\d+$/.test(timeout) && Number(timeout) >= 1 && Number(timeout) <= 120)) {
    problems.timeoutSeconds = 'A whole number of seconds from 1 to 120.';
  }
  return problems;
}

/** The node's own problem, or the jump host's (it answered for every node). */
export function isJumpHostProblem(result: Pick<ProbeNodeResult, 'message'>, viaJump: boolean): boolean {
  return viaJump && result.message.startsWith('Not probed:');
}

/** Nodes whose unknown key can be trusted from the UI: their own key, a well-formed fingerprint. */
export function trustableNodes(results: readonly ProbeNodeResult[], viaJump: boolean): ProbeNodeResult[] {
  return results.filter(
    (r) => r.status === 'host-key-unknown' && r.fingerprint !== undefined && FINGERPRINT.test(r.fingerprint) && !isJumpHostProblem(r, viaJump),
  );
}

function mergeResults(old: readonly ProbeNodeResult[], fresh: readonly ProbeNodeResult[]): ProbeNodeResult[] {
  const byNode = new Map(fresh.map((r) => [r.node, r]));
  const merged = old.map((r) => byNode.get(r.node) ?? r);
  for (const r of fresh) if (!old.some((o) => o.node === r.node)) merged.push(r);
  return merged;
}

const EMPTY_RUN = {
  runStartedAt: undefined,
  runEndedAt: undefined,
  runNodes: [] as string[],
  runViaJump: false,
  trusted: {} as Record<string, string>,
  progress: {} as Record<string, NodeRun>,
  results: [] as ProbeNodeResult[],
  findings: [] as Finding[],
  proposals: [] as PlanProposal[],
  selected: [] as string[],
  applied: undefined,
};

export function createDiscoverStore(api: DiscoverApi, now: () => number = Date.now): DiscoverStore {
  return createStore<DiscoverState>()((set, get) => {
    /** Bumped by every run and by forSite: late answers of an older run are dropped. */
    let generation = 0;

    const probe = async (
      sitePath: string,
      extra: ProbeExtra,
      expected: readonly string[],
    ): Promise<ProbeRunResult | undefined> => {
      if (get().running || get().applying) return undefined;
      const { settings } = get();
      const problems = settingsProblems(settings);
      const first = Object.values(problems)[0];
      if (first) {
        set({ error: `Check the connection settings: ${first}` });
        return undefined;
      }
      const input: ProbeRunInput = { sitePath, ...extra };
      const identityFile = settings.identityFile.trim();
      const jumpHost = settings.jumpHost.trim();
      const timeout = settings.timeoutSeconds.trim();
      if (identityFile) input.identityFile = identityFile;
      if (jumpHost) input.jumpHost = jumpHost;
      if (timeout) input.connectTimeoutSeconds = Number(timeout);
      if (get().diskSpeed) input.diskSpeed = true;

      const mine = ++generation;
      const startedAt = now();
      const subset = extra.nodes ? new Set(extra.nodes) : undefined;
      const queued: Record<string, NodeRun> = {};
      for (const node of expected) queued[node] = { node, phase: 'queued', reached: 'queued', startedAt };
      // Another site file: nothing of the old results applies.
      const base = get().sitePath === sitePath ? {} : { ...EMPTY_RUN };
      set((s) => ({
        ...base,
        sitePath,
        running: true,
        error: undefined,
        notice: undefined,
        passwordQuestion: undefined,
        runStartedAt: startedAt,
        runEndedAt: undefined,
        runNodes: [...expected],
        runViaJump: jumpHost !== '',
        trusted: {
          ...Object.fromEntries(Object.entries(s.sitePath === sitePath ? s.trusted : {}).filter(([node]) => subset && !subset.has(node))),
          ...Object.fromEntries((extra.acceptNewHostKeys ?? []).map((a) => [a.node, a.fingerprint])),
        },
        progress: { ...(subset && s.sitePath === sitePath ? s.progress : {}), ...queued },
      }));

      const off = api.onEvent((event) => {
        if (event.event !== 'probe.progress' || mine !== generation) return;
        const { node, phase, status, message: text } = event.payload;
        if (subset && !subset.has(node)) return;
        const known = KNOWN_PHASES.has(phase) ? (phase as NodePhase) : undefined;
        if (!known) return;
        set((s) => {
          const before = s.progress[node];
          const row: NodeRun = {
            node,
            phase: known,
            reached: known === 'failed' ? (before?.reached ?? 'connecting') : known,
            startedAt: before?.startedAt ?? startedAt,
            ...(status ? { status } : {}),
            ...(text ? { message: text } : {}),
            ...(known === 'done' || known === 'failed' ? { endedAt: now() } : {}),
          };
          return {
            progress: { ...s.progress, [node]: row },
            runNodes: s.runNodes.includes(node) ? s.runNodes : [...s.runNodes, node],
          };
        });
      });

      try {
        const answer = await api.probe.run(input);
        if (mine !== generation) return undefined;
        const endedAt = now();
        set((s) => {
          const progress = { ...s.progress };
          for (const r of answer.results) {
            const row = progress[r.node];
            progress[r.node] = {
              node: r.node,
              phase: r.status === 'ok' ? 'done' : 'failed',
              reached: r.status === 'ok' ? 'done' : (row?.reached ?? 'connecting'),
              status: r.status,
              message: r.message,
              startedAt: row?.startedAt ?? startedAt,
              endedAt: r.durationMs !== undefined ? (row?.startedAt ?? startedAt) + r.durationMs : (row?.endedAt ?? endedAt),
            };
          }
          // A queued node the answer does not mention was not probed (e.g. it left the plan).
          for (const node of expected) {
            if (progress[node]?.phase === 'queued' && !answer.results.some((r) => r.node === node)) delete progress[node];
          }
          const proposals = answer.proposals;
          return {
            running: false,
            runEndedAt: endedAt,
            runNodes: s.runNodes.filter((n) => progress[n]),
            progress,
            results: mergeResults(s.results, answer.results),
            findings: answer.findings,
            proposals,
            selected: s.selected.filter((id) => proposals.some((p) => p.id === id)),
          };
        });
        // A run binds the password to the nodes whose keys were accepted: show where it goes now.
        if (get().secrets.stored['ssh-password']) await refreshSecrets().catch(() => undefined);
        return answer;
      } catch (error) {
        if (mine !== generation) return undefined;
        const asked =
          error !== null && typeof error === 'object' && (error as { code?: unknown }).code === 'needs-confirmation'
            ? secretUseQuestion((error as { question?: unknown }).question)
            : undefined;
        const question = asked?.secret === 'ssh-password' && asked.targets.length ? asked : undefined;
        set((s) => {
          const progress = { ...s.progress };
          const endedAt = now();
          for (const node of s.runNodes) {
            const row = progress[node];
            if (row && row.phase !== 'done' && row.phase !== 'failed' && (!subset || subset.has(node))) {
              progress[node] = {
                ...row,
                phase: 'failed',
                message: question ? 'Not probed: waiting for your answer about the SSH password.' : 'Stopped: the probe did not finish.',
                endedAt,
              };
            }
          }
          return question
            ? {
                running: false,
                runEndedAt: endedAt,
                progress,
                passwordQuestion: { sitePath, message: message(error), targets: question.targets, extra, expected: [...expected] },
              }
            : { running: false, runEndedAt: endedAt, progress, error: message(error) };
        });
        return undefined;
      } finally {
        off();
      }
    };

    const refreshSecrets = async () => {
      const status = await api.secrets.status();
      set({
        secrets: {
          stored: { 'ssh-password': status.names.includes('ssh-password'), 'ssh-passphrase': status.names.includes('ssh-passphrase') },
          passwordBoundTo: status.bindings?.['ssh-password'] ?? [],
          protection: status.protection,
          ...(status.warning ? { warning: status.warning } : {}),
          loaded: true,
        },
      });
    };

    return {
      settings: { identityFile: '', jumpHost: '', timeoutSeconds: '' },
      diskSpeed: false,
      secrets: { stored: { 'ssh-password': false, 'ssh-passphrase': false }, loaded: false },
      plainTextAgreed: { 'ssh-password': false, 'ssh-passphrase': false },
      running: false,
      applying: false,
      ...EMPTY_RUN,

      setSettings(patch) {
        set((s) => ({ settings: { ...s.settings, ...patch } }));
      },

      setDiskSpeed(on) {
        set({ diskSpeed: on });
      },

      async loadSecrets() {
        try {
          await refreshSecrets();
        } catch (error) {
          set({ error: `Sitekit could not read which secrets are stored: ${message(error)}` });
        }
      },

      async storeSecret(name, value) {
        if (!value) return false;
        const weak = plainTextReason(get().secrets) !== undefined;
        const agreed = get().plainTextAgreed[name];
        if (weak && !agreed) {
          set({
            error: `The ${name === 'ssh-password' ? 'password' : 'passphrase'} was not stored: tick "${PLAIN_TEXT_CONSENT_LABEL}" next to it to store it on this computer, or set up a key ring first.`,
            notice: undefined,
          });
          return false;
        }
        set({ savingSecret: name, error: undefined, notice: undefined });
        try {
          await api.secrets.set(secretSetInput(name, value, weak && agreed));
          set((s) => ({ secrets: { ...s.secrets, stored: { ...s.secrets.stored, [name]: true } } }));
          await refreshSecrets().catch(() => undefined);
          set({ notice: name === 'ssh-password' ? 'The SSH password is stored.' : 'The key passphrase is stored.' });
          return true;
        } catch (error) {
          set({ error: `The ${name === 'ssh-password' ? 'password' : 'passphrase'} was not stored: ${message(error)}` });
          // The store may have lost its key ring since: ask again, so the consent shows.
          await refreshSecrets().catch(() => undefined);
          return false;
        } finally {
          set({ savingSecret: undefined });
        }
      },

      agreePlainText(name, agreed) {
        set((s) => ({ plainTextAgreed: { ...s.plainTextAgreed, [name]: agreed } }));
      },

      async forgetSecret(name) {
        set({ savingSecret: name, error: undefined, notice: undefined });
        try {
          await api.secrets.delete({ name });
          set((s) => ({ secrets: { ...s.secrets, stored: { ...s.secrets.stored, [name]: false } } }));
          await refreshSecrets().catch(() => undefined);
          set({ notice: name === 'ssh-password' ? 'The SSH password was forgotten.' : 'The key passphrase was forgotten.' });
        } catch (error) {
          set({ error: `Sitekit could not forget the ${name === 'ssh-password' ? 'password' : 'passphrase'}: ${message(error)}` });
        } finally {
          set({ savingSecret: undefined });
        }
      },

      run(sitePath, options = {}) {
        const nodes = options.nodes?.length ? [...options.nodes] : undefined;
        return probe(sitePath, nodes ? { nodes } : {}, nodes ?? options.expected ?? []);
      },

      trust(sitePath, nodes) {
        const s = get();
        if (s.sitePath !== sitePath) return Promise.resolve(undefined);
        const accept = trustableNodes(s.results, s.runViaJump)
          .filter((r) => nodes.includes(r.node))
          .map((r) => ({ node: r.node, fingerprint: r.fingerprint! }));
        if (accept.length === 0) {
          set({ error: 'There is no new host key to trust for these nodes. A changed key is never trusted from here.' });
          return Promise.resolve(undefined);
        }
        const only = accept.map((a) => a.node);
        return probe(sitePath, { nodes: only, acceptNewHostKeys: accept }, only);
      },

      confirmPassword() {
        const q = get().passwordQuestion;
        if (!q || q.sitePath !== get().sitePath) return Promise.resolve(undefined);
        const allow = [...new Set([...(q.extra.allowPasswordFor ?? []), ...q.targets])];
        return probe(q.sitePath, { ...q.extra, allowPasswordFor: allow }, q.expected);
      },

      cancelPasswordQuestion() {
        set({ passwordQuestion: undefined });
      },

      toggle(id, on) {
        set((s) => {
          const has = s.selected.includes(id);
          const want = on ?? !has;
          if (want === has || !s.proposals.some((p) => p.id === id)) return {};
          return { selected: want ? [...s.selected, id] : s.selected.filter((x) => x !== id) };
        });
      },

      select(ids) {
        set((s) => ({ selected: s.proposals.filter((p) => ids.includes(p.id)).map((p) => p.id) }));
      },

      async apply(sitePath, ids) {
        const s = get();
        if (s.running || s.applying) return undefined;
        const unique = [...new Set(ids)];
        if (unique.length === 0) {
          set({ error: 'Choose at least one proposed change first.' });
          return undefined;
        }
        set({ applying: true, error: undefined, notice: undefined });
        try {
          const doc = await api.probe.applyProposals({ sitePath, ids: unique });
          set((st) => {
            const written = st.proposals.filter((p) => unique.includes(p.id));
            return {
              applying: false,
              applied: { proposals: written, path: doc.path, savedAt: doc.savedAt },
              proposals: st.proposals.filter((p) => !unique.includes(p.id)),
              selected: st.selected.filter((id) => !unique.includes(id)),
              notice: `Wrote ${written.length === 1 ? '1 change' : `${written.length} changes`} into ${doc.path}.`,
            };
          });
          return doc;
        } catch (error) {
          set({ applying: false, error: `Nothing was written: ${message(error)}` });
          return undefined;
        }
      },

      forSite(sitePath) {
        const s = get();
        if (sitePath === undefined || s.sitePath === undefined || s.sitePath === sitePath) return;
        generation++;
        set({ ...EMPTY_RUN, sitePath: undefined, running: false, applying: false, diskSpeed: false, error: undefined, notice: undefined, passwordQuestion: undefined });
      },

      dismissMessages() {
        set({ error: undefined, notice: undefined });
      },
    };
  });
}
