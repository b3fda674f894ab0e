// install-config.yaml against the InstallConfig CRD (resources/crds/install.openshift.io,
// generated from the installer's Go types). The strict variant adds additionalProperties:
// false, which reports exactly what the installer's yaml.UnmarshalStrict rejects: a field
// its types do not have. Required fields that openshift-install fills in itself are only
// warnings (schemas/SOURCES.md smoke test note 3); a missing pullSecret has its own rule.
import type { ErrorObject } from 'ajv';
import { validatorFor } from '../crd/schemas';
import type { RuleReport } from './finding';

export const INSTALL_CONFIG_SCHEMA = 'install.openshift.io/installconfig_v1.json';

/** `<parent pointer regex>` → required fields the installer defaults. */
const DEFAULTED_REQUIRED: [RegExp, string][] = [
  [/^\/controlPlane$/, 'platform'],
  [/^\/compute\/\d+$/, 'platform'],
  [/^\/arbiter$/, 'platform'],
  [/^\/platform\/baremetal$/, 'hosts'],
  [/^\/platform\/baremetal\/hosts\/\d+$/, 'hardwareProfile'],
];

export function installConfigSchemaReports(data: unknown): RuleReport[] {
  const validate = validatorFor(INSTALL_CONFIG_SCHEMA, true);
  if (!validate) {
    return [{ id: 'install.schema', severity: 'warning', input: 'install-config', path: '', message: `the InstallConfig schema (${INSTALL_CONFIG_SCHEMA}) is not installed; fields were not checked` }];
  }
  if (validate(pruneNulls(data))) return [];
  return (validate.errors ?? []).flatMap((e) => toReport(e));
}

function toReport(error: ErrorObject): RuleReport[] {
  const path = error.instancePath;
  if (error.keyword === 'additionalProperties') {
    const field = String((error.params as { additionalProperty: string }).additionalProperty);
    return [{ id: 'install.unknown-field', severity: 'error', input: 'install-config', path: `${path}/${escape(field)}`, at: 'key', message: `unknown field "${field}"`, hint: 'The installer reads install-config.yaml strictly: fix the spelling or remove the field.' }];
  }
  if (error.keyword === 'required') {
    const field = String((error.params as { missingProperty: string }).missingProperty);
    if (path === '' && field === 'pullSecret') return []; // install.pull-secret reports it
    const defaulted = DEFAULTED_REQUIRED.some(([parent, name]) => parent.test(path) && name === field);
    return [{ id: 'install.schema', severity: defaulted ? 'warning' : 'error', input: 'install-config', path, message: `${path || 'install-config'}: missing required field "${field}"${defaulted ? ' (the InstallConfig schema requires it; openshift-install fills it in)' : ''}`, ...(defaulted ? { hint: field === 'platform' ? 'Add `platform: {}` to the machine pool.' : `Add \`${field}\` to silence schema-based tools.` } : {}) }];
  }
  // anyOf/oneOf wrappers repeat their branches' errors; keep the branch errors only.
  if (error.keyword === 'anyOf' || error.keyword === 'oneOf') return [];
  return [{ id: 'install.schema', severity: 'error', input: 'install-config', path, message: `${path || 'install-config'} ${error.message ?? 'is invalid'}${allowed(error)}` }];
}

function allowed(error: ErrorObject): string {
  if (error.keyword !== 'enum') return '';
  const values = (error.params as { allowedValues?: unknown[] }).allowedValues ?? [];
  return `: ${values.map((v) => JSON.stringify(v)).join(', ')}`;
}

const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** The API server drops nulls before validating (schemas/SOURCES.md); a bare `key:` is no type error. */
function pruneNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, pruneNulls(v)]));
}
