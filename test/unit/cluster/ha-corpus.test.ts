// The comparison corpus (test/fixtures/ha-corpus/): the test manifests of kube-score,
// kube-linter and Polaris with what their own tests expect, against what Sitekit finds on
// the same files. Where the concern is the same, Sitekit flags the same objects and names the
// peer check in `alsoFlaggedBy`; where it differs or goes further, cases.yaml says so and why.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { haCheckManifests } from '../../../main/core/cluster/ha/check';
import { PEER_CHECKS, UNSHARED_PEER_CHECKS } from '../../../main/core/cluster/ha/peer-rules';
import type { HaFinding } from '../../../main/core/cluster/types';

const CORPUS = fileURLToPath(new URL('../../fixtures/ha-corpus/', import.meta.url));

interface CorpusCase {
  file: string;
  tool: string;
  check: string;
  peerTest: string;
  peerFlags: string[];
  sitekitFlags?: string[];
  sitekit: string[];
  relation: 'same' | 'further' | 'differs';
  alsoFlaggedBy?: Record<string, string[]>;
  note?: string;
  why?: string;
}

const cases = YAML.parse(readFileSync(`${CORPUS}cases.yaml`, 'utf8')) as CorpusCase[];

const objectName = (f: HaFinding) => `${f.object.kind} ${f.object.namespace ? `${f.object.namespace}/` : ''}${f.object.name}`;
const findingName = (f: HaFinding) => `${f.rule} ${objectName(f)}`;
const sorted = (list: readonly string[]) => [...list].sort();

function findingsOf(c: CorpusCase): HaFinding[] {
  return haCheckManifests([{ path: c.file, text: readFileSync(`${CORPUS}${c.file}`, 'utf8') }]);
}

/** The objects whose findings name this peer check (with or without "(on the Deployment)"). */
function flaggedWith(findings: HaFinding[], label: string): string[] {
  return [...new Set(findings.filter((f) => f.alsoFlaggedBy?.some((p) => p === label || p.startsWith(`${label} (`))).map(objectName))];
}

describe('HA comparison corpus (kube-score, kube-linter, Polaris)', () => {
  it('covers the peer checks the brief names and only known ones', () => {
    const known = new Set([...PEER_CHECKS, ...UNSHARED_PEER_CHECKS].map((p) => `${p.tool} ${p.check}`));
    for (const c of cases.filter((c) => c.tool !== 'sitekit')) expect(known, c.file).toContain(`${c.tool} ${c.check}`);
    const checks = new Set(cases.map((c) => c.check));
    for (const named of ['deployment-has-host-podantiaffinity', 'no-anti-affinity', 'pdb-max-unavailable', 'pdb-min-available', 'minimum-three-replicas']) {
      expect(checks).toContain(named);
    }
    for (const named of ['deploymentMissingReplicas', 'pdbDisruptionsIsZero', 'missingPodDisruptionBudget', 'topologySpreadConstraint']) expect(checks).toContain(named);
  });

  for (const c of cases) {
    describe(`${c.file} — ${c.tool} ${c.check} (${c.relation})`, () => {
      const findings = findingsOf(c);

      it('Sitekit makes exactly the findings recorded', () => {
        expect(sorted(findings.map(findingName))).toEqual(sorted(c.sitekit));
        for (const f of findings) expect(f.where).toMatch(new RegExp(`^${c.file.replace(/[.]/g, '\\.')}:\\d+$`));
      });

      if (c.tool === 'sitekit') {
        it('names the peer checks that would flag the same object', () => {
          for (const f of findings) expect(f.alsoFlaggedBy ?? [], findingName(f)).toEqual(c.alsoFlaggedBy?.[findingName(f)]);
        });
        return;
      }

      const label = `${c.tool} ${c.check}`;
      const shared = PEER_CHECKS.find((p) => `${p.tool} ${p.check}` === label);
      it(`flags ${c.relation === 'differs' ? 'what cases.yaml says' : 'the objects the peer flags'} with "${label}" in alsoFlaggedBy`, () => {
        expect(sorted(flaggedWith(findings, label))).toEqual(sorted(c.sitekitFlags ?? c.peerFlags));
      });

      if (c.relation === 'differs') {
        it('says why it differs', () => {
          expect(c.why?.length ?? 0).toBeGreaterThan(20);
          expect(sorted(c.sitekitFlags ?? [])).not.toEqual(sorted(c.peerFlags));
        });
      } else {
        it('agrees with the peer on every object for this concern', () => {
          const flagged = c.sitekitFlags ?? c.peerFlags;
          expect(flagged.length).toBe(c.peerFlags.length);
          // Same objects, or the peer reports the same pair on the workload (Polaris' PDB/HPA check).
          if (sorted(flagged).join() !== sorted(c.peerFlags).join()) expect(shared?.reportsOn).toBeDefined();
        });
        if (c.relation === 'same') {
          it('has no finding beyond the peer’s concern', () => {
            for (const f of findings) expect(f.alsoFlaggedBy?.some((p) => p.startsWith(label)), findingName(f)).toBe(true);
          });
        } else {
          it('goes further: more findings than the peer’s concern', () => {
            expect(findings.length).toBeGreaterThan((c.sitekitFlags ?? c.peerFlags).length);
          });
        }
      }
    });
  }
});
