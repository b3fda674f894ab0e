// The reference example plant-a as a fresh, schema-parsed Site for every test, plus helpers
// to make broken variants and to check the findings of one rule.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { siteSchema, type Site } from '../../main/core/site/schema';
import type { Finding, Severity } from '../../main/core/validation/finding';
import { validateSite } from '../../main/core/validation/engine';

export const EXAMPLE_PATH = fileURLToPath(new URL('../../resources/examples/plant-a.site.yaml', import.meta.url));

let parsed: Site | undefined;

/** A deep copy of the parsed example; callers may change it freely. */
export function exampleSite(): Site {
  parsed ??= siteSchema.parse(YAML.parse(readFileSync(EXAMPLE_PATH, 'utf8')));
  return structuredClone(parsed);
}

/**
 * The example changed by `change`. The result is parsed by the schema again, so a variant
 * is always a plan the rules can be given (a typo in a test fails loudly instead of
 * testing a plan that could never reach the rules).
 */
export function mutate(change: (site: Site) => void): Site {
  const site = exampleSite();
  change(site);
  return siteSchema.parse(site);
}

export function findingsOf(site: Site, id: string): Finding[] {
  return validateSite(site).filter((f) => f.id === id);
}

export interface RuleCase {
  id: string;
  severity: Severity;
  path: string;
  /** What the variant breaks, for the test name. */
  name: string;
  change: (site: Site) => void;
  /** Words the message must contain (e.g. the node's host name). */
  message?: RegExp;
}

/** For each case: the broken variant yields the finding; the unmodified example does not. */
export function ruleCases(cases: RuleCase[]): void {
  for (const c of cases) {
    describe(`${c.id}: ${c.name}`, () => {
      it(`reports ${c.severity} at ${c.path}`, () => {
        const found = findingsOf(mutate(c.change), c.id);
        expect(found).toContainEqual(expect.objectContaining({ id: c.id, severity: c.severity, path: c.path }));
        if (c.message) {
          const messages = found.filter((f) => f.path === c.path).map((f) => f.message);
          expect(messages.some((m) => c.message?.test(m)), messages.join('\n')).toBe(true);
        }
      });
      it('does not report the example', () => {
        expect(findingsOf(exampleSite(), c.id)).toEqual([]);
      });
    });
  }
}

/**
 * plant-a rebuilt as a shared-bond site (issue 11 §1): the cluster network untagged (native
 * VLAN) on bond0 at MTU 9000 with the storage VLAN, both VM VLANs on the same bond, no VM NIC
 * and no Linux bridge. For mutate() or a copy of the example.
 */
export function toSharedBond(s: Site): void {
  s.networks[0]!.vlan = 'untagged';
  s.networks[0]!.mtu = 9000;
  s.layout.interfaces = ['eno1', 'ens1f0', 'ens1f1'];
  s.layout.bonds = s.layout.bonds!.filter((b) => b.name === 'bond0');
  s.layout.uplinks = [{ device: 'bond0', networks: ['cluster', 'storage', 'vm-prod', 'vm-ot'] }];
  for (const node of s.nodes) node.interfaces = node.interfaces.filter((i) => !i.name.startsWith('ens2f'));
}
