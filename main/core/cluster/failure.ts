// Turns whatever talking to the cluster threw into one ClusterFailure a technician can act on:
// Node socket/TLS errors (node:tls, node:https), node-fetch's FetchError/AbortError (what
// @kubernetes/client-node 1.4.0 uses underneath), undici's `fetch failed` (global fetch, its
// cause carries the code), client-node's ApiException (its body is the Status text) and the
// Watch's plain Error with `statusCode`. Messages are one plain sentence that says what to do;
// they never carry a credential (only the Status message, error codes and addresses).
import type { ClusterFailure, ClusterFailureKind } from './types';
import { oneLine } from './one-line';

/** What the caller knows about where it was talking to, so the sentence can name it. */
export interface FailureContext {
  /** The API server URL as in the kubeconfig: https://api.acp.plant-a.example.com:6443 */
  server?: string;
  /** When connecting through an address (the API VIP) instead of the name. */
  viaAddress?: string;
  /** The plan's API VIP(s), offered when the name does not resolve. */
  apiVips?: readonly string[];
  /** What was being done, for 403/404 sentences: "list ClusterOperators". */
  action?: string;
  /** The caller's own signal: when it is aborted, an abort is a cancel, not a timeout. */
  signal?: AbortSignal;
}

/** A Kubernetes Status object (metav1.Status) as the API server sends it on errors. */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: { reason?: string; type?: string; message?: string; field?: string }[];
    retryAfterSeconds?: number;
  };
}

export interface FieldCause {
  field: string;
  message: string;
  /** FieldManagerConflict, FieldValueInvalid, ... (the Status cause reason). */
  reason?: string;
}

/** What every ClusterClient call throws. */
export class ClusterError extends Error {
  readonly failure: ClusterFailure;
  /** HTTP status when the server answered. */
  readonly status?: number;
  /** The Status reason (NotFound, Conflict, AlreadyExists, Invalid, ...). */
  readonly reason?: string;
  readonly causes?: FieldCause[];
  readonly retryAfterSeconds?: number;
  /** The API server does not serve this apiVersion/kind (its CRD is not installed yet). */
  readonly kindMissing?: boolean;

  constructor(
    failure: ClusterFailure,
    extra: { status?: number; reason?: string; causes?: FieldCause[]; retryAfterSeconds?: number; kindMissing?: boolean } = {},
  ) {
    super(failure.message);
    this.name = 'ClusterError';
    this.failure = failure;
    this.status = extra.status;
    this.reason = extra.reason;
    this.causes = extra.causes;
    this.retryAfterSeconds = extra.retryAfterSeconds;
    this.kindMissing = extra.kindMissing;
  }
}

/**
 * The same error with every occurrence of the given values replaced by ***: for what the server
 * says about a Secret it was sent (a Status message may quote the request body, an admission
 * webhook's denial may quote a field). Values shorter than 4 characters are left alone.
 */
export function withoutValues(error: ClusterError, values: readonly string[]): ClusterError {
  const secrets = [...new Set(values.filter((v) => v.length >= 4))].sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return error;
  const clean = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  const failure: ClusterFailure = { ...error.failure, message: clean(error.failure.message) };
  if (error.failure.detail !== undefined) failure.detail = clean(error.failure.detail);
  return new ClusterError(failure, {
    status: error.status,
    reason: error.reason,
    causes: error.causes?.map((c) => ({ ...c, field: clean(c.field), message: clean(c.message) })),
    retryAfterSeconds: error.retryAfterSeconds,
    kindMissing: error.kindMissing,
  });
}

export function isClusterError(error: unknown): error is ClusterError {
  return error instanceof ClusterError;
}

export function classifyFailure(error: unknown, context: FailureContext = {}): ClusterFailure {
  return toClusterError(error, context).failure;
}

/** The one place errors become ClusterErrors (a ClusterError passes through unchanged). */
export function toClusterError(error: unknown, context: FailureContext = {}): ClusterError {
  if (error instanceof ClusterError) return error;
  if (context.signal?.aborted) return new ClusterError(cancelled());
  const http = httpStatusOf(error);
  if (http !== undefined) return fromHttp(http.code, http.status, context, http.code === 404 ? missingKind(error, true) : undefined);
  const kind = missingKind(error, false);
  if (kind) return kindMissingError(kind, context);
  const code = errorCode(error);
  if (code) {
    const failure = fromCode(code, error, context);
    if (failure) return new ClusterError(failure);
  }
  if (isAbort(error)) {
    return new ClusterError(timeout(context, nameOf(error) === 'TimeoutError' ? 'TimeoutError' : 'aborted'));
  }
  const message = messageOf(error);
  if (/socket hang up|ECONNRESET|other side closed/i.test(message)) return new ClusterError(reset(context, message));
  return new ClusterError(
    failure('http', `Talking to the API server failed (${oneLine(message, 300)}): check the connection and try again.`, oneLine(message, 300), false),
  );
}

// ---------------------------------------------------------------------------------------
// HTTP answers (ApiException, Watch errors)
// ---------------------------------------------------------------------------------------

function httpStatusOf(error: unknown): { code: number; status?: KubeStatus } | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const e = error as { code?: unknown; body?: unknown; statusCode?: unknown; headers?: unknown };
  // client-node ApiException: numeric `code` and `body` (the response text, a Status JSON).
  if (typeof e.code === 'number' && e.code >= 100 && e.code < 600) {
    const status = parseStatus(e.body);
    const retryAfter = retryAfterHeader(e.headers);
    if (status && retryAfter !== undefined) status.details = { ...status.details, retryAfterSeconds: status.details?.retryAfterSeconds ?? retryAfter };
    return { code: e.code, status: status ?? (retryAfter !== undefined ? { details: { retryAfterSeconds: retryAfter } } : undefined) };
  }
  // client-node Watch: `new Error(statusText)` with `statusCode`, no body.
  if (typeof e.statusCode === 'number') return { code: e.statusCode };
  // A Status object itself (a watch ERROR event carries one).
  if ((error as KubeStatus).kind === 'Status' && typeof (error as KubeStatus).code === 'number') {
    return { code: (error as KubeStatus).code as number, status: error as KubeStatus };
  }
  return undefined;
}

export function parseStatus(body: unknown): KubeStatus | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (!value || typeof value !== 'object') return undefined;
  const status = value as KubeStatus;
  return status.kind === 'Status' || typeof status.message === 'string' || typeof status.reason === 'string' ? status : undefined;
}

function retryAfterHeader(headers: unknown): number | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const raw = (headers as Record<string, unknown>)['retry-after'];
  const seconds = typeof raw === 'string' ? Number.parseInt(raw, 10) : typeof raw === 'number' ? raw : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

function fromHttp(code: number, status: KubeStatus | undefined, context: FailureContext, kind?: string): ClusterError {
  const said = status?.message ? oneLine(status.message, 300) : undefined;
  const reason = status?.reason;
  const detail = [`HTTP ${code}`, reason, said].filter(Boolean).join(': ');
  const causes = status?.details?.causes
    ?.filter((c) => c.field || c.message)
    .map((c) => ({ field: c.field ?? '', message: c.message ?? '', reason: c.reason ?? c.type }));
  const retryAfterSeconds = status?.details?.retryAfterSeconds;
  const extra = { status: code, reason, causes, retryAfterSeconds };
  const doing = context.action ? ` to ${context.action}` : '';
  if (code === 401) {
    return new ClusterError(
      failure(
        'unauthorized',
        "The API server did not accept the kubeconfig's credentials (401 Unauthorized): import the auth/kubeconfig from this cluster's install folder (a kubeconfig from another install or an expired one is refused).",
        detail,
        false,
      ),
      extra,
    );
  }
  if (code === 403) {
    return new ClusterError(
      failure(
        'forbidden',
        `The kubeconfig's user is not allowed${doing} (403 Forbidden${said ? `: ${said}` : ''}): use the installer's admin kubeconfig (system:admin) or a user with cluster-admin.`,
        detail,
        false,
      ),
      extra,
    );
  }
  if (code === 429) {
    const wait = retryAfterSeconds !== undefined ? ` after ${retryAfterSeconds} s` : '';
    return new ClusterError(
      failure('rate-limited', `The API server asked to slow down (429 Too Many Requests): Sitekit tries again${wait}.`, detail, true),
      extra,
    );
  }
  if (code >= 500) {
    return new ClusterError(
      failure(
        'not-ready',
        `The API server is not ready yet (${code}${said ? `: ${said}` : ''}): it is still coming up or restarting; Sitekit tries again, wait a few minutes.`,
        detail,
        true,
      ),
      extra,
    );
  }
  if (code === 404) {
    if (kind || !status || isDiscoveryNotFound(status)) return kindMissingError(kind, context, extra);
    return new ClusterError(
      failure('http', `${said ?? 'The object was not found'} (404 Not Found): it does not exist on the cluster yet; check its name and namespace, or wait for the operator that creates it.`, detail, false),
      extra,
    );
  }
  if (code === 409) {
    const conflicts = causes?.filter((c) => c.reason === 'FieldManagerConflict') ?? [];
    const message = conflicts.length
      ? `The cluster refused the change: ${conflicts.map((c) => `${c.field} is owned by another field manager (${oneLine(c.message, 120)})`).join('; ')}. Decide which value is right; force the apply by hand only if Sitekit's value must win.`
      : `The cluster refused the change (409 Conflict${said ? `: ${said}` : ''}): the object changed meanwhile or already exists; read it again and retry.`;
    return new ClusterError(failure('http', message, detail, false), extra);
  }
  if (code === 422) {
    const fields = causes?.length ? causes.map((c) => `${c.field}: ${oneLine(c.message, 120)}`).join('; ') : said;
    return new ClusterError(
      failure('http', `The API server refused the object as invalid (422${fields ? `: ${fields}` : ''}): fix the object in the plan and generate again.`, detail, false),
      extra,
    );
  }
  return new ClusterError(
    failure('http', `The API server answered ${code}${said ? `: ${said}` : ''}; check the request and the cluster's state.`, detail, false),
    extra,
  );
}

/** The API server's 404 for a group/version or resource path it does not serve has no object name. */
function isDiscoveryNotFound(status: KubeStatus): boolean {
  return status.reason === 'NotFound' && !status.details?.name && /could not find the requested resource/i.test(status.message ?? '');
}

/** client-node's discovery errors: the kind is not in the group version's list, or the group version is not served. */
function missingKind(error: unknown, discovery404: boolean): string | undefined {
  const message = messageOf(error);
  const unknownKind = /Unrecognized API version and kind: (\S+) (\S+)/.exec(message);
  if (unknownKind) return `${unknownKind[2]} (${unknownKind[1]})`;
  if (!discovery404) return undefined;
  const noGroupVersion = /^Failed to fetch resource metadata for (\S+)\/([^/:\s]+):/.exec(message);
  return noGroupVersion ? `${noGroupVersion[2]} (${noGroupVersion[1]})` : undefined;
}

function kindMissingError(
  kind: string | undefined,
  context: FailureContext,
  extra: { status?: number; reason?: string; causes?: FieldCause[] } = {},
): ClusterError {
  const what = kind ?? 'this kind of object';
  const doing = !kind && context.action ? ` (to ${context.action})` : '';
  return new ClusterError(
    failure(
      'http',
      `The cluster does not serve ${what} yet${doing}: the operator that brings its CRD is not installed or not ready; wait for it, then try again.`,
      `HTTP 404: no matches for ${what}`,
      false,
    ),
    { status: 404, reason: 'NotFound', ...extra, kindMissing: true },
  );
}

// ---------------------------------------------------------------------------------------
// Socket, DNS and TLS errors
// ---------------------------------------------------------------------------------------

/** The system/TLS error code, looking through node-fetch (code on the error) and undici (code on `cause`). */
function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code) return code;
    const type = (e as { type?: unknown }).type;
    if (type === 'request-timeout' || type === 'body-timeout') return 'ETIMEDOUT';
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function fromCode(code: string, error: unknown, context: FailureContext): ClusterFailure | undefined {
  const where = target(context);
  const detail = `${code}${hostOfError(error) ? ` (${hostOfError(error)})` : ''}`;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_NODATA':
      return dns(context, detail);
    case 'ECONNREFUSED':
      return failure(
        'refused',
        `${where.address} refused the connection on port ${where.port}: the API server is not listening yet (the cluster may still be installing) or the address is wrong; try again in a few minutes.`,
        detail,
        true,
      );
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ABORT_ERR':
      return timeout(context, detail);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENETDOWN':
    case 'EADDRNOTAVAIL':
      return failure(
        'unreachable',
        `This laptop has no route to ${where.address}: connect it to the plant's machine network (or check its address and gateway), then try again.`,
        detail,
        false,
      );
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return reset(context, detail);
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'CERT_SIGNATURE_FAILURE':
    case 'CERT_UNTRUSTED':
    case 'CERT_REJECTED':
      return failure(
        'tls-untrusted',
        `The certificate ${where.address} presented is not signed by the cluster CA Sitekit trusts (the kubeconfig's or the accepted one): check the kubeconfig belongs to this cluster and that nothing on the way intercepts TLS.`,
        detail,
        false,
      );
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return failure(
        'tls-name',
        `The API server's certificate is not valid for ${where.name}: use the API name from the kubeconfig (api.<cluster>.<domain>); through the API VIP Sitekit keeps that name for TLS.`,
        detail,
        false,
      );
    case 'CERT_HAS_EXPIRED':
    case 'CERT_NOT_YET_VALID':
      return failure(
        'tls-untrusted',
        code === 'CERT_HAS_EXPIRED'
          ? "The API server's certificate has expired: check this laptop's date and time; if they are right, the cluster's certificates must be renewed (approve its pending certificate signing requests)."
          : "The API server's certificate is not valid yet: check this laptop's date and time (the clock is probably behind), then try again.",
        detail,
        false,
      );
    case 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA':
    case 'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE':
    case 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED':
    case 'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED':
      return failure(
        'unauthorized',
        "The API server refused the kubeconfig's client certificate during the TLS handshake: import the auth/kubeconfig from this cluster's install folder.",
        detail,
        false,
      );
    case 'ERR_INVALID_URL':
      return failure('bad-kubeconfig', `The API server address "${context.server ?? ''}" is not a valid https URL: fix the kubeconfig's server field.`, detail, false);
    default:
      if (/^ERR_SSL_|^EPROTO$|^ERR_TLS_/.test(code)) {
        return failure(
          'tls-untrusted',
          `The TLS handshake with ${where.address} failed (${code}): check that ${where.address}:${where.port} is the cluster's API server (port 6443), not another service.`,
          detail,
          false,
        );
      }
      return undefined;
  }
}

function dns(context: FailureContext, detail: string): ClusterFailure {
  const { name } = target(context);
  const vip = context.apiVips?.[0];
  const message = vip
    ? `${name} does not resolve from this laptop (the plant DNS may not have it yet): connect through the API VIP ${vip} instead.`
    : `${name} does not resolve from this laptop (the plant DNS may not have it yet): connect through the API VIP, or add the name to the plant DNS.`;
  return failure('dns', message, detail, false);
}

function timeout(context: FailureContext, detail: string): ClusterFailure {
  const where = target(context);
  return failure(
    'timeout',
    `${where.address} did not answer in time: check this laptop is on the plant network that reaches it and that no firewall blocks port ${where.port}; Sitekit tries again.`,
    detail,
    true,
  );
}

function reset(context: FailureContext, detail: string): ClusterFailure {
  const where = target(context);
  return failure(
    'not-ready',
    `${where.address} closed the connection: the API server is probably restarting while the cluster comes up; Sitekit tries again, wait a few minutes.`,
    oneLine(detail, 300),
    true,
  );
}

function cancelled(): ClusterFailure {
  return failure('cancelled', 'Cancelled before the cluster answered.', undefined, false);
}

export function cancelledFailure(): ClusterFailure {
  return cancelled();
}

// ---------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------

function failure(kind: ClusterFailureKind, message: string, detail: string | undefined, retryable: boolean): ClusterFailure {
  return detail ? { kind, message, detail, retryable } : { kind, message, retryable };
}

/** The name asked for, the address dialled and the port, for sentences. */
function target(context: FailureContext): { name: string; address: string; port: string } {
  let name = 'the API server';
  let port = '6443';
  if (context.server) {
    try {
      const url = new URL(context.server);
      name = url.hostname.replace(/^\[|\]$/g, '');
      port = url.port || '443';
    } catch {
      // an unparsable server is reported by the kubeconfig check, not here
    }
  }
  return { name, address: context.viaAddress ?? name, port };
}

function hostOfError(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const host = (e as { hostname?: unknown; address?: unknown }).hostname ?? (e as { address?: unknown }).address;
    if (typeof host === 'string' && host) return host;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function isAbort(error: unknown): boolean {
  const name = nameOf(error);
  return name === 'AbortError' || name === 'TimeoutError' || (error as { type?: unknown } | null)?.type === 'aborted';
}

function nameOf(error: unknown): string | undefined {
  return error && typeof error === 'object' ? (error as { name?: string }).name : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  return String(error);
}
