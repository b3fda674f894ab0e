// The AgentConfig type of the installer (pkg/types/agent/agent_config_type.go, installer.md
// §3.1) as a strict zod schema: the installer loads agent-config.yaml with
// yaml.UnmarshalStrict, so an unknown key is an error there and here. Value rules (IPs,
// MACs, hints) are separate rules with the installer's messages; this only checks shape.
import { z } from 'zod';
import type { RuleReport } from './finding';

const rootDeviceHints = z.strictObject({
  deviceName: z.string().optional(),
  hctl: z.string().optional(),
  model: z.string().optional(),
  vendor: z.string().optional(),
  serialNumber: z.string().optional(),
  minSizeGigabytes: z.int().min(0).optional(),
  wwn: z.string().optional(),
  wwnWithExtension: z.string().optional(),
  wwnVendorExtension: z.string().optional(),
  rotational: z.boolean().optional(),
});

const bmc = z.strictObject({
  username: z.string().optional(),
  password: z.string().optional(),
  address: z.string().optional(),
  disableCertificateVerification: z.boolean().optional(),
});

const host = z.strictObject({
  hostname: z.string().optional(),
  role: z.string().optional(),
  interfaces: z.array(z.strictObject({ name: z.string().optional(), macAddress: z.string().optional() })).optional(),
  rootDeviceHints: rootDeviceHints.optional(),
  // Raw NMState: checked by its own rules (nmstate.*), the installer by nmstatectl gc.
  networkConfig: z.unknown().optional(),
  bmc: bmc.optional(),
  // Extra coreos-installer arguments as a JSON list of strings (checked by agent.installer-args).
  installerArgs: z.string().optional(),
});

export const agentConfigSchema = z.strictObject({
  apiVersion: z.string(),
  kind: z.string().optional(),
  // Kubernetes ObjectMeta: many optional fields; only these matter here.
  metadata: z.looseObject({ name: z.string().optional(), namespace: z.string().optional() }).optional(),
  rendezvousIP: z.string().optional(),
  bootArtifactsBaseURL: z.string().optional(),
  additionalNTPSources: z.array(z.string()).optional(),
  minimalISO: z.boolean().optional(),
  hosts: z.array(host).optional(),
});

export function agentConfigSchemaReports(data: unknown): RuleReport[] {
  const result = agentConfigSchema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.flatMap((issue): RuleReport[] => {
    const base = '/' + issue.path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
    const path = base === '/' ? '' : base;
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        id: 'agent.unknown-field',
        severity: 'error',
        input: 'agent-config',
        path: `${path}/${key}`,
        at: 'key',
        message: `unknown field "${key}"`,
        hint: 'The installer reads agent-config.yaml strictly: fix the spelling or remove the field.',
      }));
    }
    return [{ id: 'agent.schema', severity: 'error', input: 'agent-config', path, message: `${path || 'agent-config'}: ${issue.message}` }];
  });
}
