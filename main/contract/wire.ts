// The zod-free half of the contract: envelope, errors, events and the helpers that turn a
// transport into the API. The preload imports only this file, so its sandboxed bundle stays
// small (no zod). Everything here is re-exported by api.ts; import from there elsewhere.
import type { Channel, ChannelInput, ChannelOutput, FindingSummary, SitekitApi } from './api';
import type { BootstrapProgress, InstallProgress, LiveCheck } from '../core/cluster/types';
import type { Finding } from '../core/validation/finding';

type Namespace = keyof SitekitApi;
type MethodOf<N extends Namespace> = keyof SitekitApi[N] & string;

export function splitChannel(channel: Channel): [Namespace, string] {
  const dot = channel.indexOf('.');
  return [channel.slice(0, dot) as Namespace, channel.slice(dot + 1)];
}

/** Names a secret may have (also used by the renderer, which must not load zod). */
export const SECRET_NAME_PATTERN =
  /^(ssh-password|ssh-passphrase|git-token|pull-secret|gitops-repo-password|kubeconfig|kubeadmin-password|agent-auth-token|bmc-[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)$/;

/** Name of the Electron IPC channel that carries a call. */
export const IPC_PREFIX = 'sitekit:';
export const ipcChannel = (channel: Channel): string => `${IPC_PREFIX}${channel}`;
/** IPC channel on which main pushes events to the renderer. */
export const IPC_EVENT_CHANNEL = 'sitekit:event';

/** Web host: `POST /api/<channel>` with `Authorization: Bearer <token>`. */
export const HTTP_API_PREFIX = '/api/';
/** Web host: WebSocket for events; the token travels as a sub-protocol. */
export const EVENTS_PATH = '/events';
export const WS_PROTOCOL = 'sitekit.v1';
export const WS_TOKEN_PREFIX = 'sitekit.token.';

// ---------------------------------------------------------------------------------------
// Envelope
// ---------------------------------------------------------------------------------------

export type ErrorCode =
  | 'invalid-input' // the input did not match the schema
  | 'unknown-call' // no such channel
  | 'not-found' // file does not exist
  | 'too-large' // file or request over the limit
  | 'read-only' // refusing to overwrite the bundled example
  | 'invalid-site' // the text is not a readable plan, so it cannot be saved
  | 'io-error' // the file system said no
  | 'unauthorized' // web host: token missing or wrong
  | 'forbidden' // web host: wrong origin; IPC: untrusted sender
  | 'unavailable' // the host does not answer (web host stopped)
  | 'needs-confirmation' // a stored secret would go where it is not bound to: ask (see `question`), then call again
  | 'internal'; // a bug

/**
 * Why a call stopped before sending a stored secret somewhere it is not bound to (code
 * `needs-confirmation`). Nothing was sent. To go ahead, the UI asks the technician and calls
 * again with the targets: export.run `allowTokenFor` (the origin), probe.run `allowPasswordFor`
 * (the node targets), bundle.writeArgoCdSecrets `allowPasswordFor` (the origin).
 */
export interface SecretUseQuestion {
  /** The stored secret; bundle.writeArgoCdSecrets asks about the one gitops.credentials names. */
  secret: 'git-token' | 'ssh-password' | 'gitops-repo-password';
  /**
   * Where the stored secret may go now: origins (`https://git.example.com`) for the token,
   * `host:port SHA256:…` (address and host key) for the SSH password. Empty when it was stored
   * without one (before Sitekit recorded where a secret is for).
   */
  boundTo: string[];
  /** Where this call would send it, in the same form; what to give back to confirm. */
  targets: string[];
}

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  /** With `needs-confirmation`: what to ask (never a secret value). */
  question?: SecretUseQuestion;
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

export const ok = <T>(value: T): Envelope<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Envelope<never> => ({ ok: false, error: { code, message } });

export class SitekitApiError extends Error {
  readonly code: ErrorCode;
  readonly question?: SecretUseQuestion;
  constructor(error: ApiErrorData) {
    super(error.message);
    this.name = 'SitekitApiError';
    this.code = error.code;
    const question = secretUseQuestion(error.question);
    if (question) this.question = question;
  }
}

const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.length <= 256 && v.every((x) => typeof x === 'string' && x.length <= 1000);

/** The question of a `needs-confirmation` answer when it has the expected shape (it came over a wire). */
export function secretUseQuestion(value: unknown): SecretUseQuestion | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const q = value as Partial<Record<keyof SecretUseQuestion, unknown>>;
  if ((q.secret !== 'git-token' && q.secret !== 'ssh-password' && q.secret !== 'gitops-repo-password') || !isTextList(q.boundTo) || !isTextList(q.targets)) {
    return undefined;
  }
  return { secret: q.secret, boundTo: [...q.boundTo], targets: [...q.targets] };
}

/** Checks that a value that came over a wire has the shape of an envelope. */
export function isEnvelope(value: unknown): value is Envelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'value' in v;
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error?.message === 'string';
}

// ---------------------------------------------------------------------------------------
// Events (main → UI). Long work (probe, push) will report progress here.
// ---------------------------------------------------------------------------------------

export interface SitekitEvents {
  /** A site file was written. */
  'site.saved': { path: string; savedAt: string };
  /** Progress of a long task (discovery, export, push). */
  'task.progress': { taskId: string; title: string; done: number; total: number; message?: string };
  /** Discovery: one node's phase (connecting, authenticating, collecting, parsing, done, failed). */
  'probe.progress': { node: string; phase: string; status?: string; message?: string };
  /** Export: a Git phase (cloning, committing, pushing) or a line from the server. */
  'export.progress': { phase: string; loaded?: number; total?: number; message?: string };
  /**
   * Cluster: progress of the cluster.watchInstall or cluster.bootstrap call with this `taskId`
   * (install and plan checks, or the bootstrap's stages and waves). Never holds a secret.
   */
  'cluster.progress': { taskId: string; install?: InstallProgress; checks?: LiveCheck[]; bootstrap?: BootstrapProgress };
}
export type EventName = keyof SitekitEvents;
export type SitekitEvent = { [E in EventName]: { event: E; payload: SitekitEvents[E] } }[EventName];
export const EVENT_NAMES = Object.freeze([
  'site.saved',
  'task.progress',
  'probe.progress',
  'export.progress',
  'cluster.progress',
] as const satisfies readonly EventName[]);
export type EventListener = (event: SitekitEvent) => void;
export type Unsubscribe = () => void;

// ---------------------------------------------------------------------------------------
// Transports
// ---------------------------------------------------------------------------------------

/**
 * What a transport exposes: the same namespaces and method names as `SitekitApi`, each
 * returning the envelope (plain data: it survives structured clone and contextBridge), plus
 * one event subscription. `window.sitekit` (preload) and the HTTP client both have this shape.
 */
export type SitekitBridge = {
  [N in Namespace]: {
    [M in MethodOf<N>]: SitekitApi[N][M] extends (...args: infer A) => Promise<infer R>
      ? (...args: A) => Promise<Envelope<R>>
      : never;
  };
} & {
  onEvent(listener: EventListener): Unsubscribe;
};

/** Calls `channel` on a bridge. */
export function callBridge<C extends Channel>(
  bridge: SitekitBridge,
  channel: C,
  input?: ChannelInput<C>,
): Promise<Envelope<ChannelOutput<C>>> {
  const [ns, method] = splitChannel(channel);
  const fn = (bridge[ns] as unknown as Record<string, (i?: unknown) => Promise<Envelope<ChannelOutput<C>>>>)[method];
  if (typeof fn !== 'function') {
    return Promise.resolve(fail('unknown-call', `This version of Sitekit has no "${channel}" call.`));
  }
  return input === undefined ? fn() : fn(input);
}

/** Turns a bridge (envelopes) into the API (values; failures throw `SitekitApiError`). */
export function createApi(bridge: SitekitBridge): SitekitApi & { onEvent(listener: EventListener): Unsubscribe } {
  const call = async <C extends Channel>(channel: C, input?: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const envelope: unknown = await callBridge(bridge, channel, input);
    if (!isEnvelope(envelope)) {
      throw new SitekitApiError({ code: 'internal', message: `The answer to "${channel}" was not understood.` });
    }
    if (!envelope.ok) throw new SitekitApiError(envelope.error);
    return envelope.value as ChannelOutput<C>;
  };
  return {
    app: { info: () => call('app.info') },
    site: {
      openExample: () => call('site.openExample'),
      open: (input) => call('site.open', input),
      check: (input) => call('site.check', input),
      edit: (input) => call('site.edit', input),
      autosave: (input) => call('site.autosave', input),
      discardRecovery: (input) => call('site.discardRecovery', input),
      choose: (input) => call('site.choose', input),
      save: (input) => call('site.save', input),
      new: (input) => call('site.new', input),
      recent: () => call('site.recent'),
    },
    settings: { get: () => call('settings.get'), set: (input) => call('settings.set', input) },
    secrets: {
      set: (input) => call('secrets.set', input),
      has: (input) => call('secrets.has', input),
      delete: (input) => call('secrets.delete', input),
      status: () => call('secrets.status'),
    },
    probe: {
      run: (input) => call('probe.run', input),
      applyProposals: (input) => call('probe.applyProposals', input),
      inventories: (input) => call('probe.inventories', input),
    },
    bundle: {
      preview: (input) => call('bundle.preview', input),
      diff: (input) => call('bundle.diff', input),
      write: (input) => call('bundle.write', input),
      writeArgoCdSecrets: (input) => call('bundle.writeArgoCdSecrets', input),
    },
    export: { run: (input) => call('export.run', input), pending: (input) => call('export.pending', input) },
    report: { render: (input) => call('report.render', input), write: (input) => call('report.write', input) },
    cluster: {
      connect: (input) => call('cluster.connect', input),
      watchInstall: (input) => call('cluster.watchInstall', input),
      bootstrap: (input) => call('cluster.bootstrap', input),
      verify: (input) => call('cluster.verify', input),
      drift: (input) => call('cluster.drift', input),
      cancel: (input) => call('cluster.cancel', input),
    },
    onEvent: (listener) => bridge.onEvent(listener),
  };
}

/** Builds a bridge from one generic `call` function (used by the preload and the HTTP client). */
export function bridgeFromCall(
  call: (channel: Channel, input: unknown) => Promise<Envelope<unknown>>,
  onEvent: (listener: EventListener) => Unsubscribe,
): SitekitBridge {
  const c = <C extends Channel>(channel: C, input?: unknown) => call(channel, input) as Promise<Envelope<ChannelOutput<C>>>;
  return {
    app: { info: () => c('app.info') },
    site: {
      openExample: () => c('site.openExample'),
      open: (input) => c('site.open', input),
      check: (input) => c('site.check', input),
      edit: (input) => c('site.edit', input),
      autosave: (input) => c('site.autosave', input),
      discardRecovery: (input) => c('site.discardRecovery', input),
      choose: (input) => c('site.choose', input),
      save: (input) => c('site.save', input),
      new: (input) => c('site.new', input),
      recent: () => c('site.recent'),
    },
    settings: { get: () => c('settings.get'), set: (input) => c('settings.set', input) },
    secrets: {
      set: (input) => c('secrets.set', input),
      has: (input) => c('secrets.has', input),
      delete: (input) => c('secrets.delete', input),
      status: () => c('secrets.status'),
    },
    probe: {
      run: (input) => c('probe.run', input),
      applyProposals: (input) => c('probe.applyProposals', input),
      inventories: (input) => c('probe.inventories', input),
    },
    bundle: {
      preview: (input) => c('bundle.preview', input),
      diff: (input) => c('bundle.diff', input),
      write: (input) => c('bundle.write', input),
      writeArgoCdSecrets: (input) => c('bundle.writeArgoCdSecrets', input),
    },
    export: { run: (input) => c('export.run', input), pending: (input) => c('export.pending', input) },
    report: { render: (input) => c('report.render', input), write: (input) => c('report.write', input) },
    cluster: {
      connect: (input) => c('cluster.connect', input),
      watchInstall: (input) => c('cluster.watchInstall', input),
      bootstrap: (input) => c('cluster.bootstrap', input),
      verify: (input) => c('cluster.verify', input),
      drift: (input) => c('cluster.drift', input),
      cancel: (input) => c('cluster.cancel', input),
    },
    onEvent,
  };
}

/** Counts of findings by severity (zod-free: the renderer uses it too). */
export function summarize(findings: readonly Finding[]): FindingSummary {
  const summary: FindingSummary = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') summary.errors++;
    else if (f.severity === 'warning') summary.warnings++;
    else summary.infos++;
  }
  return summary;
}
