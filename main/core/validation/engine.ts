// The rule engine: runs every rule over a schema-valid site and returns its findings in a
// stable order. A rule never sees a half-parsed plan (the schema ran first), but a bug in
// one rule must not hide the findings of the others: a throwing rule becomes one
// `internal.rule-failed` finding and the engine carries on.
import type { Site } from '../site/schema';
import { STEPS, type Finding, type Step } from './finding';
import { pointerSegments, stepForPath } from './step';
import { addressRules } from './rules/addresses';
import { bondRules } from './rules/bonds';
import { diskRules } from './rules/disks';
import { gitopsRules } from './rules/gitops';
import { interfaceRules } from './rules/interfaces';
import { mtuRules } from './rules/mtu';
import { networkRules } from './rules/networks';
import { nodeRules } from './rules/nodes';
import { odfRules } from './rules/odf';
import { odfWipeRules } from './rules/odf-wipe';
import { rendezvousRules } from './rules/rendezvous';
import { serviceRules } from './rules/services';
import { subnetRules } from './rules/subnets';
import { uplinkRules } from './rules/uplinks';
import { vipRules } from './rules/vips';
import { virtualizationRules } from './rules/virtualization';
import { vmNetworkRules } from './rules/vm-networks';
import { vlanRules } from './rules/vlans';

/** A finding as a rule reports it: the step is derived from the path unless the rule sets it. */
export type RuleFinding = Omit<Finding, 'step' | 'position'> & { step?: Step };

export interface Rule {
  /** Stable kebab-case `topic.what`; the findings of a rule carry this id. */
  id: string;
  title: string;
  check(site: Site): Iterable<RuleFinding>;
}

export const RULES: readonly Rule[] = [
  ...serviceRules,
  ...nodeRules,
  ...interfaceRules,
  ...networkRules,
  ...subnetRules,
  ...vipRules,
  ...addressRules,
  ...rendezvousRules,
  ...vlanRules,
  ...mtuRules,
  ...bondRules,
  ...uplinkRules,
  ...diskRules,
  ...odfRules,
  ...odfWipeRules,
  ...virtualizationRules,
  ...vmNetworkRules,
  ...gitopsRules,
];

export const RULE_FAILED_ID = 'internal.rule-failed';

/**
 * Findings one rule may report. A plan no one would write (1500 networks that all overlap:
 * a million pairs) must not stall the check; past this, the rule stops and says so once.
 */
export const MAX_FINDINGS_PER_RULE = 100;

function comparePaths(a: string, b: string): number {
  const x = pointerSegments(a);
  const y = pointerSegments(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const s = x[i] as string;
    const t = y[i] as string;
    if (s === t) continue;
    const numeric = /^\d+$/.test(s) && /^\d+$/.test(t);
    if (numeric) return Number(s) - Number(t); // /nodes/2 before /nodes/10
    return s < t ? -1 : 1;
  }
  return x.length - y.length;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    STEPS.indexOf(a.step) - STEPS.indexOf(b.step) ||
    comparePaths(a.path, b.path) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Runs the given rules; `validateSite` runs them all. Exported for tests. */
export function runRules(site: Site, rules: readonly Rule[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const add = (f: RuleFinding): boolean => {
    // A rule that walks each node's effective layout reports a problem of the shared layout
    // once per node with the same words; keep one.
    const key = `${f.id}\u0000${f.path}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const { step, ...rest } = f;
    findings.push({ ...rest, step: step ?? stepForPath(f.path) });
    return true;
  };
  for (const rule of rules) {
    let count = 0;
    try {
      for (const f of rule.check(site)) {
        if (count === MAX_FINDINGS_PER_RULE) {
          add({
            id: f.id,
            severity: f.severity,
            path: f.path,
            message: `More findings of the check "${rule.title}" are not listed: it stops after ${MAX_FINDINGS_PER_RULE}.`,
            hint: 'Fix the ones listed and check again.',
          });
          break;
        }
        if (add(f)) count++;
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      add({
        id: RULE_FAILED_ID,
        severity: 'error',
        path: '',
        message: `The check "${rule.title}" (${rule.id}) failed and could not judge this plan: ${reason}`,
        hint: 'This is a bug in Sitekit, not in the plan. Report it together with the site file.',
      });
    }
  }
  return findings.sort(compareFindings);
}

export function validateSite(site: Site): Finding[] {
  return runRules(site, RULES);
}
