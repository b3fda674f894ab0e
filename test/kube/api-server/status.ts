// `Status` objects as kube-apiserver writes them (k8s.io/apimachinery pkg/apis/meta/v1 types.go
// Status/StatusDetails/StatusCause; messages from pkg/api/errors/errors.go NewNotFound,
// NewAlreadyExists, NewConflict, NewApplyConflict, NewInvalid, NewForbidden, NewResourceExpired,
// NewTooManyRequests, NewServiceUnavailable, and apiserver handlers/responsewriters forbiddenMessage).

import type { KindDef } from './kinds.js';
import { qualifiedResource } from './kinds.js';

export interface StatusCause {
  type?: string;
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** An HTTP answer carrying a Status; thrown inside the server and written by the router. */
export class StatusError extends Error {
  constructor(
    readonly status: Status,
    readonly headers: Record<string, string> = {},
  ) {
    super(status.message ?? status.reason ?? String(status.code));
  }
}

export function failure(code: number, reason: string, message: string, details?: StatusDetails): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

function resourceDetails(def: KindDef, name?: string): StatusDetails {
  return { ...(name !== undefined ? { name } : {}), ...(def.group ? { group: def.group } : {}), kind: def.plural };
}

export function notFound(def: KindDef, name: string): StatusError {
  return new StatusError(failure(404, 'NotFound', `${qualifiedResource(def)} "${name}" not found`, resourceDetails(def, name)));
}

/** The 404 for a path no resource answers (an unknown group/version or resource: a missing CRD). */
export function pathNotFound(): StatusError {
  return new StatusError(failure(404, 'NotFound', 'the server could not find the requested resource', {}));
}

export function alreadyExists(def: KindDef, name: string): StatusError {
  return new StatusError(failure(409, 'AlreadyExists', `${qualifiedResource(def)} "${name}" already exists`, resourceDetails(def, name)));
}

export function staleResourceVersion(def: KindDef, name: string): StatusError {
  return new StatusError(
    failure(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualifiedResource(def)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
      resourceDetails(def, name),
    ),
  );
}

export function badRequest(message: string): StatusError {
  return new StatusError(failure(400, 'BadRequest', message));
}

export function invalid(groupKind: { group: string; kind: string }, name: string, causes: Required<Pick<StatusCause, 'reason' | 'message' | 'field'>>[]): StatusError {
  const qualifiedKind = groupKind.group ? `${groupKind.kind}.${groupKind.group}` : groupKind.kind;
  const list = causes.map((c) => `${c.field}: ${c.message}`);
  const summary = list.length === 1 ? list[0] : `[${list.join(', ')}]`;
  return new StatusError(
    failure(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${summary}`, {
      ...(name ? { name } : {}),
      ...(groupKind.group ? { group: groupKind.group } : {}),
      kind: groupKind.kind,
      causes,
    }),
  );
}

export function unsupportedMediaType(contentType: string, accepted: string[]): StatusError {
  return new StatusError(
    failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`),
    { 'x-unsupported-content-type': contentType },
  );
}

export function unauthorized(): StatusError {
  return new StatusError(failure(401, 'Unauthorized', 'Unauthorized'));
}

export function forbidden(
  user: string,
  verb: string,
  def: KindDef | undefined,
  name: string | undefined,
  namespace: string | undefined,
  subresource: string | undefined,
  path: string,
): StatusError {
  if (!def) return new StatusError(failure(403, 'Forbidden', `forbidden: User "${user}" cannot ${verb} path "${path}"`, {}));
  const resource = subresource ? `${def.plural}/${subresource}` : def.plural;
  const scope = namespace ? `in the namespace "${namespace}"` : 'at the cluster scope';
  const why = `User "${user}" cannot ${verb} resource "${resource}" in API group "${def.group}" ${scope}`;
  const head = name ? `${qualifiedResource(def)} "${name}" is forbidden` : `${qualifiedResource(def)} is forbidden`;
  return new StatusError(failure(403, 'Forbidden', `${head}: ${why}`, resourceDetails(def, name)));
}

export function expired(requested: number, oldest: number): Status {
  return failure(410, 'Expired', `too old resource version: ${requested} (${oldest})`);
}

/**
 * A continue token whose snapshot etcd compacted away (apiserver storage/etcd3 store.go GetList:
 * storage.NewResourceExpired / errors.NewResourceExpired with this text).
 */
export function continueExpired(): StatusError {
  return new StatusError(
    failure(
      410,
      'Expired',
      'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
    ),
  );
}

export function tooManyRequests(retryAfterSeconds: number): StatusError {
  return new StatusError(
    failure(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds }),
    { 'Retry-After': String(retryAfterSeconds) },
  );
}

export function serviceUnavailable(): StatusError {
  return new StatusError(failure(503, 'ServiceUnavailable', 'the server is currently unable to handle the request'));
}

export function methodNotAllowed(method: string): StatusError {
  return new StatusError(failure(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${method})`));
}
