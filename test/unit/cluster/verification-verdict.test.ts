// The verdict of a live verification: "ok" only when everything looked at is as it should be and
// nothing went unread — a bundle object that could not be compared, a node not Ready, storage
// not healthy or an Application not Synced and Healthy each keep it from "ok", and each is named.
import { describe, expect, it } from 'vitest';
import type { LiveVerification } from '../../../main/core/cluster/types';
import { isHealthy, verificationProblems } from '../../../main/core/cluster/verification-verdict';
import { plantAVerification } from '../../helpers/live-verification';

/** plant-a as verified, with nothing wrong. */
function healthy(overrides: Partial<LiveVerification> = {}): LiveVerification {
  const v = plantAVerification({ ha: [], state: 'ok' });
  return {
    ...v,
    drift: { ...v.drift, objects: v.drift.objects.filter((o) => o.state === 'same'), summary: { same: 1, different: 0, missing: 0, unknown: 0 } },
    ...overrides,
  };
}

describe('verificationProblems', () => {
  it('finds nothing in a healthy verification', () => {
    expect(verificationProblems(healthy())).toEqual([]);
    expect(isHealthy(healthy())).toBe(true);
  });

  it('a bundle object that could not be compared is not "ok"', () => {
    const v = healthy();
    const unread = healthy({ drift: { ...v.drift, summary: { ...v.drift.summary, unknown: 2 } } });
    expect(isHealthy(unread)).toBe(false);
    expect(verificationProblems(unread)).toEqual(['2 bundle objects could not be compared']);
  });

  it('a check that could not be made is named apart from one that differs', () => {
    const v = healthy();
    const problems = verificationProblems({
      ...v,
      checks: [...v.checks, { id: 'node.mac', title: 'MACs of acp-1', state: 'unknown', expected: 'x', actual: '?' }, { id: 'vip.api', title: 'API VIP', state: 'mismatch', expected: 'a', actual: 'b' }],
    });
    expect(problems).toEqual(['1 check differs from the plan', '1 check could not be made']);
  });

  it('nodes not Ready, storage not healthy and Applications not Synced and Healthy are problems', () => {
    const v = healthy();
    expect(verificationProblems({ ...v, nodes: v.nodes.map((n) => (n.name === 'acp-2' ? { ...n, ready: false } : n)) })).toEqual(['1 node not Ready (acp-2)']);
    expect(verificationProblems({ ...v, odf: { phase: 'Ready', cephHealth: 'HEALTH_WARN' } })).toEqual(['storage not healthy (StorageCluster Ready, Ceph HEALTH_WARN)']);
    expect(verificationProblems({ ...v, odf: { message: 'There is no StorageCluster ocs-storagecluster in openshift-storage yet.' } })).toEqual([
      'storage not healthy (StorageCluster not reported, Ceph not reported)',
    ]);
    expect(verificationProblems({ ...v, applications: [{ name: 'plant-a-odf', sync: 'Synced', health: 'Degraded', message: 'x' }] })).toEqual([
      '1 Argo CD application not Synced and Healthy',
    ]);
    // A site without ODF has no storage part: nothing to judge there.
    const { odf: _odf, ...withoutOdf } = v;
    expect(verificationProblems(withoutOdf)).toEqual([]);
  });

  it('a source that reported nothing proves nothing', () => {
    expect(verificationProblems(healthy({ nodes: [], operators: [], checks: [] }))).toEqual([
      'no check against the plan was made',
      'the cluster reported no nodes',
      'no cluster operators were reported',
    ]);
  });
});
