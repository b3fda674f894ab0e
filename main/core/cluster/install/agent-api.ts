// The agent REST API on the rendezvous host: the assisted-service that the agent ISO runs on the
// first node while the cluster installs, read the way `openshift-install agent wait-for
// bootstrap-complete|install-complete` reads it. Read-only: GET only, never a state change.
//
// Where this comes from (openshift/installer, openshift/assisted-service):
// - URL: http://<rendezvousIP>:8090/api/assisted-install/v2 — plain HTTP, port 8090, the go-swagger
//   client's DefaultBasePath: installer pkg/agent/rest.go NewNodeZeroRestClient
//   (commit f4e8e5745f2234fffc734865ba58ca5c0876b057); assisted-service swagger.yaml basePath
//   /api/assisted-install (commit 063b257950f726d6b291dc94b806bc243a1b56de).
// - Calls, in the installer's order: GET /v2/clusters (the one cluster; installer getClusterID),
//   GET /v2/clusters/{id} (the cluster with its hosts; GetClusterRestAPIMetadata), and the newest
//   event. The installer lists the infra-env's events (GET /v2/events?infra_env_id=…, ascending)
//   and prints the last one; here the cluster's events, newest only (cluster_id, limit=1,
//   order=descending: all three swagger parameters of v2ListEvents, whose security allows
//   watcherAuth), so a long install does not bring its whole event list each poll.
// - Auth, per installer generation:
//   4.18+: the watcher token (JWT, persona watcherAuth) in the `Watcher-Authorization` header:
//     installer pkg/asset/agent/gencrypto/auth_utils.go WatcherAuthHeaderWriter (commit
//     fe60214c2b21ec4eff697578952dce7df00e4123), swagger securityDefinitions.watcherAuth, installer
//     docs/user/agent/authentication-authorization.md (commit fdc62fc162b4d17f46ea7ddac37550e5eafda471),
//     installer PR #9039. The token is the `WatcherAuthToken` of the install folder's
//     .openshift_install_state.json (installer pkg/agent/rest.go FindAuthTokenFromAssetStore).
//   4.17: one token, `AgentAuthToken` of the same file, in `Authorization` (gencrypto
//     auth_utils.go UserAuthHeaderWriter, commit 3075c3231aef1a206c4ce065b74b61187ecf6229;
//     authconfig.go, commit 1264c98ee7f97ed4edfae4dd14c2aec668bfe89d; installer PRs #8395, #8393,
//     #8108, the last still on hold in July 2024, after 4.16 branched).
//   4.16 and older: no auth; the header is ignored.
//   The caller hands the token in from the secret store (`agent-auth-token`). It is sent only as
//   the header: never logged, never put into a result or an error.
import http from 'node:http';
import type { Site } from '../../site/schema';
import { clusterNetwork } from '../../site/model';
import { ClusterError, cancelledFailure } from '../failure';
import type { ClusterFailure } from '../types';
import { oneLine } from '../one-line';

export const AGENT_API_PORT = 8090;
export const AGENT_API_BASE_PATH = '/api/assisted-install';

export type AgentAuthHeader = 'Watcher-Authorization' | 'Authorization';

// ---------------------------------------------------------------------------------------
// The parts of the assisted-service v2 models Sitekit reads (models/cluster.go, host.go,
// host_progress_info.go, cluster_progress_info.go, event.go at commit 063b257…).
// ---------------------------------------------------------------------------------------

/** models.Cluster status enum. */
export type AgentClusterStatus =
  | 'insufficient'
  | 'ready'
  | 'error'
  | 'preparing-for-installation'
  | 'pending-for-input'
  | 'installing'
  | 'finalizing'
  | 'installed'
  | 'adding-hosts'
  | 'cancelled'
  | 'installing-pending-user-action'
  | 'unmonitored';

export interface AgentClusterProgress {
  total_percentage?: number;
  preparing_for_installation_stage_percentage?: number;
  installing_stage_percentage?: number;
  finalizing_stage_percentage?: number;
  /** models.FinalizingStage: "Waiting for cluster operators", "Applying olm manifests", … "Done". */
  finalizing_stage?: string;
}

export interface AgentHostProgress {
  /** models.HostStage: "Starting installation", "Installing", "Writing image to disk", "Rebooting", "Joined", "Done", "Failed", … */
  current_stage?: string;
  /** Share of the host's stages done (assisted-service internal/host/host.go UpdateInstallProgress). */
  installation_percentage?: number;
  /** Detail of the stage; "Writing image to disk" reports coreos-installer's percent here ("56%"). */
  progress_info?: string;
  stage_started_at?: string;
  stage_updated_at?: string;
}

export interface AgentHost {
  id: string;
  requested_hostname?: string;
  /** JSON text; its `hostname` is used when requested_hostname is empty. */
  inventory?: string;
  role?: string; // auto-assign | master | arbiter | worker | bootstrap
  bootstrap?: boolean;
  status: string; // models.Host status enum (discovering, known, installing-in-progress, installed, error, …)
  status_info?: string;
  progress?: AgentHostProgress;
  progress_stages?: string[];
}

export interface AgentCluster {
  id: string;
  name?: string;
  openshift_version?: string;
  status: AgentClusterStatus | string;
  status_info?: string;
  progress?: AgentClusterProgress;
  hosts?: AgentHost[];
  install_started_at?: string;
  install_completed_at?: string;
}

export interface AgentEvent {
  message: string;
  severity: 'info' | 'warning' | 'error' | 'critical' | string;
  event_time: string;
  host_id?: string | null;
  cluster_id?: string | null;
}

/** One look at the agent API: the cluster (absent while it is not registered yet) and its newest event. */
export interface AgentSnapshot {
  address: string;
  cluster?: AgentCluster;
  lastEvent?: AgentEvent;
}

export interface AgentApiOptions {
  /** The rendezvous host's address (agent-config rendezvousIP: the first node's cluster address). */
  address: string;
  port?: number;
  /** The watcher auth token (secret store `agent-auth-token`); without it no auth header is sent. */
  authToken?: string;
  /** Which header carries the token; default from `openshiftVersion` (agentAuthHeaderFor). */
  authHeader?: AgentAuthHeader;
  openshiftVersion?: string;
  /** The cluster to pick when the API lists several (the plan's cluster name). */
  clusterName?: string;
  /** One request's limit (default 15 s). */
  requestTimeoutMs?: number;
}

/** Which field of the install state file holds the token the agent API wants, in words. */
const TOKEN_FIELD_WORDS = 'WatcherAuthToken (OpenShift 4.17: AgentAuthToken)';

/** Largest answer read (a cluster with three hosts and their inventories is a few hundred KiB). */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The header the installer of this OpenShift version sends the token in (see the header comment). */
export function agentAuthHeaderFor(openshiftVersion: string | undefined): AgentAuthHeader {
  const match = /^(\d+)\.(\d+)/.exec(openshiftVersion ?? '');
  if (!match) return 'Watcher-Authorization';
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 4 || (major === 4 && minor >= 18) ? 'Watcher-Authorization' : 'Authorization';
}

/** The rendezvous host of a plan, as generate/install/agent-config.ts writes it: the first node's cluster address. */
export function rendezvousAddress(site: Site): string | undefined {
  const network = clusterNetwork(site);
  const first = site.nodes[0];
  return network && first ? first.addresses[network.name] : undefined;
}

/** Reads the agent API; keeps the cluster id and the auth header that worked between snapshots. */
export class AgentApiClient {
  private clusterId: string | undefined;
  private header: AgentAuthHeader;
  private headerSettled = false;
  private readonly port: number;
  private count = 0;

  private readonly options: AgentApiOptions;

  constructor(options: AgentApiOptions) {
    // A token pasted from the state file may carry a line break: Node refuses such a header value.
    const authToken = options.authToken?.trim();
    this.options = { ...options, authToken: authToken || undefined };
    this.port = options.port ?? AGENT_API_PORT;
    this.header = options.authHeader ?? agentAuthHeaderFor(options.openshiftVersion);
    // An explicit header choice is not second-guessed.
    this.headerSettled = options.authHeader !== undefined;
  }

  /** host:port for sentences (never the token). */
  get endpoint(): string {
    return `${this.options.address.includes(':') ? `[${this.options.address}]` : this.options.address}:${this.port}`;
  }

  /** HTTP requests made so far. */
  requests(): number {
    return this.count;
  }

  /** The cluster with its hosts and the newest event; throws ClusterError when the API does not answer. */
  async snapshot(signal?: AbortSignal): Promise<AgentSnapshot> {
    if (!this.clusterId) {
      const clusters = await this.getJson<AgentCluster[]>('/v2/clusters', signal);
      if (!Array.isArray(clusters)) throw this.badAnswer('/v2/clusters did not return a list');
      const chosen = pickCluster(clusters, this.options.clusterName);
      if (!chosen) return { address: this.options.address };
      this.clusterId = chosen.id;
    }
    const id = encodeURIComponent(this.clusterId);
    let cluster: AgentCluster;
    try {
      cluster = await this.getJson<AgentCluster>(`/v2/clusters/${id}`, signal);
    } catch (error) {
      // The cluster was registered again (the rendezvous host restarted its services): list again next time.
      if (error instanceof ClusterError && error.status === 404) this.clusterId = undefined;
      throw error;
    }
    if (!cluster || typeof cluster !== 'object' || typeof cluster.status !== 'string') {
      throw this.badAnswer(`/v2/clusters/${id} did not return a cluster`);
    }
    const events = await this.getJson<AgentEvent[]>(`/v2/events?cluster_id=${id}&limit=1&order=descending`, signal);
    const lastEvent = Array.isArray(events) && events.length > 0 ? events[0] : undefined;
    return { address: this.options.address, cluster, ...(lastEvent ? { lastEvent } : {}) };
  }

  private async getJson<T>(path: string, signal: AbortSignal | undefined): Promise<T> {
    const answer = await this.request(path, this.header, signal);
    if ((answer.status === 401 || answer.status === 403) && this.options.authToken && !this.headerSettled) {
      // The other installer generation's header (4.18+ Watcher-Authorization, before Authorization).
      const other: AgentAuthHeader = this.header === 'Watcher-Authorization' ? 'Authorization' : 'Watcher-Authorization';
      const retried = await this.request(path, other, signal);
      if (retried.status >= 200 && retried.status < 300) {
        this.header = other;
        this.headerSettled = true;
        return this.parse<T>(path, retried);
      }
    }
    if (answer.status >= 200 && answer.status < 300) {
      this.headerSettled = true;
      return this.parse<T>(path, answer);
    }
    throw this.httpError(path, answer);
  }

  private parse<T>(path: string, answer: { text: string }): T {
    try {
      return JSON.parse(answer.text) as T;
    } catch {
      throw this.badAnswer(`${path} did not return JSON`);
    }
  }

  private request(path: string, header: AgentAuthHeader, signal: AbortSignal | undefined): Promise<{ status: number; text: string }> {
    if (signal?.aborted) return Promise.reject(new ClusterError(cancelledFailure()));
    this.count += 1;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.options.authToken) headers[header] = this.options.authToken;
    const timeoutMs = this.options.requestTimeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        cleanup();
        reject(error instanceof ClusterError ? error : this.networkError(error));
      };
      const request = http.get(
        // A fresh connection per request: the rendezvous host reboots during the install, a kept-alive socket would go stale.
        { host: this.options.address, port: this.port, path: `${AGENT_API_BASE_PATH}${path}`, headers, agent: false },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
              request.destroy();
              fail(this.badAnswer(`${path} answered more than ${MAX_BODY_BYTES / 1024 / 1024} MiB`));
              return;
            }
            chunks.push(chunk);
          });
          response.on('end', () => {
            if (settled) return;
            settled = true;
            cleanup();
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
          response.on('error', fail);
        },
      );
      const timer = setTimeout(() => {
        request.destroy();
        fail(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }));
      }, timeoutMs);
      const onAbort = () => {
        request.destroy();
        fail(new ClusterError(cancelledFailure()));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      request.on('error', fail);
    });
  }

  private httpError(path: string, answer: { status: number; text: string }): ClusterError {
    const said = serverMessage(answer.text, this.options.authToken);
    const detail = `HTTP ${answer.status} on GET ${AGENT_API_BASE_PATH}${path}${said ? `: ${said}` : ''}`;
    const where = `The agent API on ${this.endpoint}`;
    const extra = { status: answer.status };
    if (answer.status === 401) {
      const which = `the ${TOKEN_FIELD_WORDS} from .openshift_install_state.json in the folder the agent ISO was made in`;
      const message = this.options.authToken
        ? `${where} did not accept the auth token (401): store ${which} as agent-auth-token; a token of another ISO is refused.`
        : `${where} wants an auth token (401): store ${which} as agent-auth-token.`;
      return new ClusterError(failure('unauthorized', message, detail, false), extra);
    }
    if (answer.status === 403) {
      return new ClusterError(
        failure(
          'forbidden',
          `${where} refused the token (403${said ? `: ${said}` : ''}): store the watcher token (WatcherAuthToken of .openshift_install_state.json), not the agent or user token, as agent-auth-token.`,
          detail,
          false,
        ),
        extra,
      );
    }
    if (answer.status === 404) {
      return new ClusterError(
        failure('http', `${where} no longer knows the cluster (404): its services restarted; Sitekit looks it up again.`, detail, true),
        extra,
      );
    }
    if (answer.status >= 500 || answer.status === 429) {
      return new ClusterError(
        failure('not-ready', `${where} is not ready (${answer.status}): its services are still starting; Sitekit tries again.`, detail, true),
        extra,
      );
    }
    return new ClusterError(failure('http', `${where} answered ${answer.status}${said ? `: ${said}` : ''}.`, detail, false), extra);
  }

  private networkError(error: unknown): ClusterError {
    const code = (error as { code?: unknown } | null)?.code;
    const where = `The agent API on ${this.endpoint}`;
    const detail = typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
    switch (code) {
      case 'ECONNREFUSED':
        return new ClusterError(
          failure(
            'refused',
            `${where} refused the connection: the rendezvous host has not started it yet (still booting the agent ISO) or has already rebooted into the installed cluster.`,
            detail,
            true,
          ),
        );
      case 'ETIMEDOUT':
      case 'ESOCKETTIMEDOUT':
        return new ClusterError(
          failure(
            'timeout',
            `${where} did not answer in time: the rendezvous host may still be booting, or this laptop is not on the machine network it is on.`,
            detail,
            true,
          ),
        );
      case 'EHOSTUNREACH':
      case 'ENETUNREACH':
      case 'EHOSTDOWN':
      case 'ENETDOWN':
        return new ClusterError(
          failure(
            'unreachable',
            `This laptop has no route to the rendezvous host ${this.options.address}: connect it to the plant's machine network (address and gateway in that subnet), then try again.`,
            detail,
            true,
          ),
        );
      case 'ECONNRESET':
      case 'EPIPE':
        return new ClusterError(
          failure('not-ready', `${where} closed the connection: the rendezvous host is probably rebooting; Sitekit tries again.`, detail, true),
        );
      default:
        return new ClusterError(failure('http', `Reading the agent API on ${this.endpoint} failed (${detail}).`, detail, true));
    }
  }

  private badAnswer(what: string): ClusterError {
    return new ClusterError(
      failure('http', `The agent API on ${this.endpoint} gave an answer Sitekit cannot read (${what}): is ${this.endpoint} the rendezvous host?`, what, false),
    );
  }
}

/** The one cluster the API lists (by name when it lists several, as after an `agent create image` rerun). */
function pickCluster(clusters: AgentCluster[], name: string | undefined): AgentCluster | undefined {
  const usable = clusters.filter((c) => c && typeof c.id === 'string' && c.id);
  if (usable.length <= 1) return usable[0];
  return usable.find((c) => c.name === name) ?? usable[0];
}

/** The error text an assisted-service answer carries (infra_error.message or error.reason), without the token. */
function serverMessage(text: string, token: string | undefined): string | undefined {
  let said: string | undefined;
  try {
    const body = JSON.parse(text) as { message?: unknown; reason?: unknown };
    said = typeof body.message === 'string' ? body.message : typeof body.reason === 'string' ? body.reason : undefined;
  } catch {
    said = undefined;
  }
  if (!said) return undefined;
  if (token) said = said.split(token).join('(token)');
  return oneLine(said, 200);
}

function failure(kind: ClusterFailure['kind'], message: string, detail: string, retryable: boolean): ClusterFailure {
  return { kind, message, detail, retryable };
}
