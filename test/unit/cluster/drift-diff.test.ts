// Field comparison of a bundle object with its live copy: only what the bundle sets counts.
import { describe, expect, it } from 'vitest';
import { diffObject } from '../../../main/core/cluster/drift/diff';

const nncp = (interfaces: object[]) => ({
  apiVersion: 'nmstate.io/v1',
  kind: 'NodeNetworkConfigurationPolicy',
  metadata: { name: 'acp-1-day2', annotations: { 'argocd.argoproj.io/sync-wave': '2' } },
  spec: { nodeSelector: { 'kubernetes.io/hostname': 'acp-1' }, desiredState: { interfaces } },
});

describe('diffObject', () => {
  it('ignores what the server or an operator adds, and empty maps/lists the API leaves out', () => {
    const expected = { ...nncp([{ name: 'bond0', type: 'bond', mtu: 9000 }]), spec: { ...nncp([]).spec, desiredState: { interfaces: [{ name: 'bond0', type: 'bond', mtu: 9000 }] }, extra: {} } };
    const live = {
      ...nncp([{ name: 'bond0', type: 'bond', mtu: 9000, state: 'up' }]),
      metadata: { name: 'acp-1-day2', uid: 'u', resourceVersion: '5', annotations: { 'argocd.argoproj.io/sync-wave': '2', other: 'x' } },
      status: { conditions: [] },
    };
    expect(diffObject(expected, live)).toEqual([]);
  });

  it('names list items by name and map keys that are not words in brackets', () => {
    const expected = nncp([{ name: 'bond0', mtu: 9000 }]);
    const live = { ...nncp([{ name: 'bond0', mtu: 1500 }]), metadata: { name: 'acp-1-day2', annotations: { 'argocd.argoproj.io/sync-wave': '3' } } };
    expect(diffObject(expected, live)).toEqual([
      { path: 'metadata.annotations["argocd.argoproj.io/sync-wave"]', expected: '"2"', actual: '"3"' },
      { path: 'spec.desiredState.interfaces[name=bond0].mtu', expected: '9000', actual: '1500' },
    ]);
  });

  it('compares other lists in order, item by item, and whole when the length differs', () => {
    const expected = { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, spec: { checks: [{ group: 'a', check: 'one' }], finalizers: ['f1'] } };
    expect(diffObject(expected, { ...expected, spec: { checks: [{ group: 'a', check: 'two', extra: 1 }], finalizers: ['f1'] } })).toEqual([
      { path: 'spec.checks[0].check', expected: '"one"', actual: '"two"' },
    ]);
    expect(diffObject(expected, { ...expected, spec: { checks: [{ group: 'a', check: 'one' }], finalizers: ['f1', 'f2'] } })).toEqual([
      { path: 'spec.finalizers', expected: '["f1"]', actual: '["f1","f2"]' },
    ]);
  });

  it('says "(absent)" for a value the live object lacks', () => {
    const expected = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: { 'openshift.io/cluster-monitoring': 'true' } } };
    expect(diffObject(expected, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n' } })).toEqual([
      { path: 'metadata.labels', expected: '{"openshift.io/cluster-monitoring":"true"}', actual: '(absent)' },
    ]);
  });

  it('never shows Secret values: stringData against the decoded data, data as written', () => {
    const expected = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'bundle-pass', username: 'argocd' }, data: { token: 'dG9rZW4=' } };
    const live = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: Buffer.from('live-pass').toString('base64'), username: Buffer.from('argocd').toString('base64') } };
    const differences = diffObject(expected, live);
    expect(differences).toEqual([
      { path: 'stringData.password', expected: '(secret value, not shown)', actual: '(differs, not shown)' },
      { path: 'data.token', expected: '(secret value, not shown)', actual: '(absent)' },
    ]);
    const text = JSON.stringify(differences);
    for (const secret of ['bundle-pass', 'live-pass', 'dG9rZW4=', Buffer.from('live-pass').toString('base64')]) expect(text).not.toContain(secret);
  });
});
