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
];

/**
 * Required in the schema only because the Go field has no `omitempty`: the Agent-based
 * Installer ignores baremetal host BMC data and fills role and hardwareProfile itself.
 */
const IGNORED_BY_AGENT: [RegExp, string][] = [
  [/^\/platform\/baremetal$/, 'hosts'],
  [/^\/platform\/baremetal\/hosts\/\d+$/, 'hardwareProfile'],
  [/^\/platform\/baremetal\/hosts\/\d+$/, 'bmc'],
  [/^\/platform\/baremetal\/hosts\/\d+$/, 'bootMACAddress'],
  [/^\/platform\/baremetal\/hosts\/\d+$/, 'role'],
  [/^\/platform\/baremetal\/hosts\/\d+\/bmc$/, 'address'],
  [/^\/platform\/baremetal\/hosts\/\d+\/bmc$/, 'username'],
  [/^\/platform\/baremetal\/hosts\/\d+\/bmc$/, 'password'],
  [/^\/platform\/baremetal\/hosts\/\d+\/bmc$/, 'disableCertificateVerification'],
];

export function installConfigSchemaReports(data: unknown): RuleReport[] {
  const validate = validatorFor(INSTALL_CONFIG_SCHEMA, true);
  if (!validate) {
    return [{ id: 'install.schema', severity: 'warning', input: 'install-config', path: '', message: `the InstallConfig schema (${INSTALL_CONFIG_SCHEMA}) is not installed; fields were not checked` }];
  }
  const pruned = pruneNulls(data);
  if (validate(pruned)) return [];
  return (validate.errors ?? []).flatMap((e) => toReport(e, pruned));
}

function toReport(error: ErrorObject, data: unknown): RuleReport[] {
  const path = error.instancePath;
  // The generated CRD says one service network; the installer allows one per address family
  // (dual stack), which install.service-network checks.
  if (error.keyword === 'maxItems' && path === '/networking/serviceNetwork') return [];
  if (error.keyword === 'enum') {
    // In the installer's words: `platform.baremetal.provisioningNetwork: Unsupported value: …`.
    const values = ((error.params as { allowedValues?: unknown[] }).allowedValues ?? []).filter((v) => v !== '').map(String).sort();
    const field = path.slice(1).split('/').map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : `${i > 0 ? '.' : ''}${s.replaceAll('~1', '/').replaceAll('~0', '~')}`)).join('');
    return [{ id: 'install.schema', severity: 'error', input: 'install-config', path, message: `${field}: Unsupported value: ${JSON.stringify(valueAt(data, path))}: supported values: ${values.map((v) => `"${v}"`).join(', ')}` }];
  }
  if (error.keyword === 'additionalProperties') {
    const field = String((error.params as { additionalProperty: string }).additionalProperty);
    return [{ id: 'install.unknown-field', severity: 'error', input: 'install-config', path: `${path}/${escape(field)}`, at: 'key', message: `unknown field "${field}"`, hint: 'The installer reads install-config.yaml strictly: fix the spelling or remove the field.' }];
  }
  if (error.keyword === 'required') {
    const field = String((error.params as { missingProperty: string }).missingProperty);
    if (path === '' && field === 'pullSecret') return []; // install.pull-secret reports it
    if (IGNORED_BY_AGENT.some(([parent, name]) => parent.test(path) && name === field)) return [];
    const defaulted = DEFAULTED_REQUIRED.some(([parent, name]) => parent.test(path) && name === field);
    return [{ id: 'install.schema', severity: defaulted ? 'warning' : 'error', input: 'install-config', path, message: `${path || 'install-config'}: missing required field "${field}"${defaulted ? ' (the InstallConfig schema requires it; openshift-install fills it in)' : ''}`, ...(defaulted ? { hint: field === 'platform' ? 'Add `platform: {}` to the machine pool.' : `Add \`${field}\` to silence schema-based tools.` } : {}) }];
  }
  // anyOf/oneOf wrappers repeat their branches' errors; keep the branch errors only.
  if (error.keyword === 'anyOf' || error.keyword === 'oneOf') return [];
  return [{ id: 'install.schema', severity: 'error', input: 'install-config', path, message: `${path || 'install-config'} ${error.message ?? 'is invalid'}` }];
}

function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

const escape = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** The API server drops nulls before validating (schemas/SOURCES.md); a bare `key:` is no type error. */
function pruneNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, pruneNulls(v)]));
}
