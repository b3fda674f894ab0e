// Which resource a request path names, the way kube-apiserver's RequestInfoFactory splits it
// (apiserver/pkg/endpoints/request/requestinfo.go): /api/v1/... or /apis/<group>/<version>/...,
// then [namespaces/<ns>/]<resource>[/<name>[/<subresource>]]. `namespaces/<name>/status` is the
// Namespace's own subresource, not a resource inside it.

import { findResource, type KindDef } from './kinds.js';

export interface ResourcePath {
  group: string;
  version: string;
  /** undefined when the resource is not served (a missing CRD). */
  def: KindDef | undefined;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const parts = pathname.split('/').filter((p) => p.length > 0).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else return undefined;

  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && rest[2] !== 'status' && rest[2] !== 'finalize') {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) return undefined;
  const [resource, name, subresource] = rest as [string, string | undefined, string | undefined];
  return {
    group,
    version,
    def: findResource(group, version, resource),
    resource,
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(subresource !== undefined ? { subresource } : {}),
  };
}
