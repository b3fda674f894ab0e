// A linter finding is a plan Finding (validation/finding.ts) that also names the file it
// is about: one run reads two files, and positions are per file.
import type { Finding, Severity } from '../validation/finding';

export type LintFinding = Finding & { file?: string };

/** Which of the two inputs a rule reports on. */
export type InputKind = 'install-config' | 'agent-config';

/** A finding as a rule yields it; the linter adds step, file name and position. */
export interface RuleReport {
  id: string;
  severity: Severity;
  input: InputKind;
  /** JSON pointer into that input. */
  path: string;
  message: string;
  hint?: string;
  /** Point at the key instead of the value (unknown fields). */
  at?: 'key' | 'value';
}

/** Findings that mean an input could not be linted at all (the CLI exits 2 for them). */
export const UNUSABLE_IDS = new Set(['lint.not-yaml', 'lint.not-install-config', 'lint.not-agent-config']);

export function isUnusable(findings: readonly LintFinding[]): boolean {
  return findings.some((f) => UNUSABLE_IDS.has(f.id));
}

/** Every rule id the linter reports (besides the unusable-input ids), for docs and tests. */
export const LINT_RULE_IDS = [
  'install.unknown-field', 'install.schema', 'install.api-version', 'install.platform', 'install.control-plane-replicas',
  'install.compute', 'install.network-type', 'install.pull-secret', 'install.ssh-key', 'install.cidr',
  'install.service-network', 'install.network-overlap', 'install.ovn-overlap',
  'install.host-prefix', 'install.vips', 'install.vip-outside-machine-network', 'install.vips-distinct',
  'install.image-digest-sources', 'install.trust-bundle', 'install.proxy',
  // how the installer reads the file first (normalize.ts) and its platform/topology rules
  'install.field-case', 'install.deprecated-field', 'install.defaulted', 'install.architecture', 'install.single-node',
  'install.fencing', 'install.vsphere', 'install.nutanix', 'install.external', 'install.baremetal-hosts',
  'install.baremetal-provisioning', 'agent.field-case', 'agent.worker-count', 'agent.installer-args', 'agent.boot-artifacts-url',
  'agent.unknown-field', 'agent.schema', 'agent.api-version', 'agent.ntp-source', 'agent.host-interfaces',
  'agent.mac-missing', 'agent.mac-invalid', 'agent.mac-multicast', 'agent.mac-duplicate', 'agent.interface-duplicate',
  'agent.host-role', 'agent.root-device-name', 'agent.root-device-wwn-extension', 'agent.hostname-duplicate',
  'agent.rendezvous-ip', 'agent.rendezvous-ip-not-on-host', 'agent.master-count', 'agent.host-outside-machine-network',
  'agent.vip-is-host-address', 'agent.interface-name-mismatch',
  // NMState networkConfig (generate/nmstate/check.ts), reported per host
  'nmstate.not-a-document', 'nmstate.interface-name', 'nmstate.duplicate-interface', 'nmstate.unknown-interface',
  'nmstate.reserved-name', 'nmstate.mtu-not-integer', 'nmstate.bond-ports', 'nmstate.vlan-mtu', 'nmstate.address',
  'nmstate.ip-outside-subnet', 'nmstate.bridge-on-cluster-link',
] as const;
