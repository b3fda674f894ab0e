// Validates one Kubernetes object offline: the metadata every object needs, then the CRD
// schema of its group/version/kind when Sitekit ships one (resources/crds). Before the
// schema check the object is treated as the API server would: `status` stripped, null
// values pruned (SOURCES.md "Using these files with a JSON-Schema validator").
import type { ErrorObject } from 'ajv';
import { gvkOf, schemaFile, validatorForValue } from './schemas';

export interface ObjectError {
  /** JSON pointer into the object, e.g. `/spec/storageDeviceSets/0/count`. */
  path: string;
  message: string;
}

export interface ObjectValidation {
  errors: ObjectError[];
  /** The schema file used (relative to resources/crds), or undefined for a core or unknown kind. */
  schema?: string;
}

export interface ValidateOptions {
  /** Report fields the schema does not define (additionalProperties: false); for our own manifests. */
  strict?: boolean;
}

type Scope = 'Namespaced' | 'Cluster';

/**
 * Scope of the kinds Sitekit writes or reads, `<apiVersion>/<kind>` → scope. Core kinds
 * have no schema here; these and any other kind get the metadata checks only.
 */
const SCOPES: Record<string, Scope> = {
  'v1/Namespace': 'Cluster',
  'v1/Node': 'Cluster',
  'v1/ConfigMap': 'Namespaced',
  'v1/Secret': 'Namespaced',
  'v1/ServiceAccount': 'Namespaced',
  'v1/Service': 'Namespaced',
  'batch/v1/Job': 'Namespaced',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'Cluster',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': 'Cluster',
  'rbac.authorization.k8s.io/v1/Role': 'Namespaced',
  'rbac.authorization.k8s.io/v1/RoleBinding': 'Namespaced',
  'operators.coreos.com/v1/OperatorGroup': 'Namespaced',
  'operators.coreos.com/v1alpha1/Subscription': 'Namespaced',
  'operators.coreos.com/v1alpha1/CatalogSource': 'Namespaced',
  'config.openshift.io/v1/ImageDigestMirrorSet': 'Cluster',
  'config.openshift.io/v1/ImageTagMirrorSet': 'Cluster',
  'config.openshift.io/v1/OperatorHub': 'Cluster',
  'argoproj.io/v1alpha1/Application': 'Namespaced',
  'argoproj.io/v1alpha1/AppProject': 'Namespaced',
  'nmstate.io/v1/NMState': 'Cluster',
  'nmstate.io/v1/NodeNetworkConfigurationPolicy': 'Cluster',
  'local.storage.openshift.io/v1/LocalVolume': 'Namespaced',
  'ocs.openshift.io/v1/StorageCluster': 'Namespaced',
  'odf.openshift.io/v1alpha1/StorageSystem': 'Namespaced',
  'operator.openshift.io/v1/Console': 'Cluster',
  'k8s.cni.cncf.io/v1/NetworkAttachmentDefinition': 'Namespaced',
  'hco.kubevirt.io/v1beta1/HyperConverged': 'Namespaced',
  'multicluster.openshift.io/v1/MultiClusterEngine': 'Cluster',
  'operator.openshift.io/v1/IngressController': 'Namespaced',
};

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Removes null values (the API server prunes non-nullable nulls) recursively; a copy. */
export function pruneNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(pruneNulls);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== null) out[key] = pruneNulls(v);
  return out;
}

export function validateObject(object: unknown, options: ValidateOptions = {}): ObjectValidation {
  const errors: ObjectError[] = [];
  if (!isRecord(object)) return { errors: [{ path: '', message: 'is not an object (a mapping with apiVersion, kind, metadata)' }] };
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || apiVersion === '') errors.push({ path: '/apiVersion', message: 'apiVersion is missing' });
  if (typeof kind !== 'string' || kind === '') errors.push({ path: '/kind', message: 'kind is missing' });
  if (errors.length > 0) return { errors };
  errors.push(...metadataErrors(object.metadata, SCOPES[`${apiVersion as string}/${kind as string}`]));

  const file = schemaFile(gvkOf(apiVersion as string, kind as string));
  if (file === undefined) return { errors };
  const { status: _status, ...rest } = pruneNulls(object) as Record<string, unknown>;
  void _status;
  const validate = validatorForValue(file, options.strict ?? false, rest);
  if (!validate) return { errors };
  if (!validate(rest)) errors.push(...(validate.errors ?? []).map(toObjectError));
  return { errors, schema: file };
}

function metadataErrors(metadata: unknown, scope: Scope | undefined): ObjectError[] {
  if (!isRecord(metadata)) return [{ path: '/metadata', message: 'metadata is missing' }];
  const errors: ObjectError[] = [];
  const { name, namespace, labels, annotations } = metadata;
  if (typeof name !== 'string' || name === '') errors.push({ path: '/metadata/name', message: 'metadata.name is missing' });
  else if (name.length > 253 || !DNS_SUBDOMAIN.test(name)) {
    errors.push({ path: '/metadata/name', message: `metadata.name "${name}" is not a lower-case DNS subdomain name` });
  }
  if (scope === 'Namespaced' && (typeof namespace !== 'string' || namespace === '')) {
    errors.push({ path: '/metadata/namespace', message: 'metadata.namespace is missing; this kind is namespaced' });
  }
  if (scope === 'Cluster' && namespace !== undefined) {
    errors.push({ path: '/metadata/namespace', message: 'metadata.namespace is set on a cluster-scoped kind' });
  }
  if (typeof namespace === 'string' && (namespace.length > 63 || !DNS_LABEL.test(namespace))) {
    errors.push({ path: '/metadata/namespace', message: `metadata.namespace "${namespace}" is not a DNS label` });
  }
  for (const [field, map, valueCheck] of [
    ['labels', labels, true],
    ['annotations', annotations, false],
  ] as const) {
    if (map === undefined) continue;
    if (!isRecord(map)) {
      errors.push({ path: `/metadata/${field}`, message: `metadata.${field} must be a map of strings` });
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      const path = `/metadata/${field}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      if (!QUALIFIED_NAME.test(key)) errors.push({ path, message: `${field} key "${key}" is not a valid qualified name` });
      if (typeof value !== 'string') errors.push({ path, message: `${field} value of "${key}" must be a string (quote it)` });
      else if (valueCheck && (value.length > 63 || !LABEL_VALUE.test(value))) {
        errors.push({ path, message: `label value "${value}" of "${key}" is not a valid label value` });
      }
    }
  }
  return errors;
}

function toObjectError(error: ErrorObject): ObjectError {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    return { path: `${error.instancePath}/${String(params.additionalProperty)}`, message: `unknown field "${String(params.additionalProperty)}"` };
  }
  if (error.keyword === 'enum') {
    return { path: error.instancePath, message: `${error.message ?? 'invalid'}: ${JSON.stringify(params.allowedValues)}` };
  }
  return { path: error.instancePath, message: error.message ?? `fails ${error.keyword}` };
}
