// Field comparison of a bundle object with its live copy: only what the bundle sets counts.
import { describe, expect, it } from 'vitest';
import { diffObject } from '../../../main/core/cluster/drift/diff';
import { sameQuantity } from '../../../main/core/cluster/drift/quantity';

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

  it('takes quantities as the API server writes them back: 1073741824 is 1Gi, 0.5 is 500m', () => {
    const deployment = (resources: object) => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'opc-gateway', namespace: 'plant-apps' },
      spec: { template: { spec: { containers: [{ name: 'gateway', resources }] } } },
    });
    const bundle = deployment({ requests: { cpu: 0.5, memory: 1073741824, 'ephemeral-storage': '2G' }, limits: { cpu: 1, memory: '1.5Gi' } });
    const live = deployment({ requests: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '2G' }, limits: { cpu: '1', memory: '1536Mi' } });
    expect(diffObject(bundle, live)).toEqual([]);
    // A real change is still one.
    const changed = deployment({ requests: { cpu: '250m', memory: '1Gi', 'ephemeral-storage': '2G' }, limits: { cpu: '1', memory: '1536Mi' } });
    expect(diffObject(bundle, changed)).toEqual([{ path: 'spec.template.spec.containers[name=gateway].resources.requests.cpu', expected: '0.5', actual: '"250m"' }]);
    // Only quantity fields are read that way: elsewhere "1.0" and "1" stay different texts.
    const configMap = (value: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { version: value } });
    expect(diffObject(configMap('1.0'), configMap('1'))).toHaveLength(1);
  });

  it('compares quantities exactly, not as floating point', () => {
    expect(sameQuantity('1Gi', 1073741824)).toBe(true);
    expect(sameQuantity('100m', '0.1')).toBe(true);
    expect(sameQuantity('1e3', '1k')).toBe(true);
    expect(sameQuantity('1Ei', '1152921504606846976')).toBe(true);
    expect(sameQuantity('1Ei', '1152921504606846977')).toBe(false);
    expect(sameQuantity('1Gi', '1G')).toBe(false);
    expect(sameQuantity('fast', 'fast')).toBe(false);
  });

  it('does not call it drift when a real server or an operator drops zero values, null, status and its own metadata', () => {
    const expected = {
      apiVersion: 'local.storage.openshift.io/v1',
      kind: 'LocalVolume',
      metadata: { name: 'localblock-acp-1', namespace: 'openshift-local-storage', creationTimestamp: null, uid: 'exported-uid', resourceVersion: '1' },
      spec: { storageClassDevices: [{ storageClassName: 'localblock', volumeMode: 'Block', forceWipeDevicesAndDestroyAllData: false }], tolerations: [] },
      status: {},
    };
    // The operator's Update of its typed object (omitempty) dropped the false and added its defaults.
    const live = {
      apiVersion: 'local.storage.openshift.io/v1',
      kind: 'LocalVolume',
      metadata: { name: 'localblock-acp-1', namespace: 'openshift-local-storage', uid: 'live-uid', resourceVersion: '812', creationTimestamp: '2026-11-24T08:00:00Z', finalizers: ['storage.openshift.com/local-volume-protection'] },
      spec: { logLevel: 'Normal', managementState: 'Managed', storageClassDevices: [{ storageClassName: 'localblock', volumeMode: 'Block' }] },
      status: { managementState: 'Managed' },
    };
    expect(diffObject(expected, live)).toEqual([]);
    // An empty string is a value (a node label "" is not an absent label).
    const label = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'acp-1', labels: { 'cluster.ocs.openshift.io/openshift-storage': '' } } };
    expect(diffObject(label, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'acp-1', labels: {} } })).toHaveLength(1);
  });

  it('takes metadata.finalizers as a set controllers add to', () => {
    const app = (finalizers: string[]) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'site-odf', finalizers } });
    expect(diffObject(app(['resources-finalizer.argocd.argoproj.io']), app(['post-delete-finalizer.argocd.argoproj.io', 'resources-finalizer.argocd.argoproj.io']))).toEqual([]);
    expect(diffObject(app(['resources-finalizer.argocd.argoproj.io']), app([]))).toEqual([
      { path: 'metadata.finalizers', expected: '["resources-finalizer.argocd.argoproj.io"] among the items', actual: '[]' },
    ]);
  });

  it('keeps what others add to the lists Kubernetes merges by name, not to a custom resource’s lists', () => {
    // OpenShift adds the <sa>-dockercfg pull secret to every ServiceAccount; a sidecar or env var another manager added stays too.
    const sa = (names: string[]) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'opc', namespace: 'plant-apps' }, imagePullSecrets: names.map((name) => ({ name })) });
    expect(diffObject(sa(['mirror-pull']), sa(['mirror-pull', 'opc-dockercfg-7xk2p']))).toEqual([]);
    expect(diffObject(sa(['mirror-pull']), sa(['opc-dockercfg-7xk2p']))).toEqual([
      { path: 'imagePullSecrets[name=mirror-pull]', expected: '{"name":"mirror-pull"}', actual: '(absent)' },
    ]);
    // In a custom resource (JSON merge: lists replaced whole) an extra item is drift.
    const extra = diffObject(nncp([{ name: 'bond0', mtu: 9000 }]), nncp([{ name: 'bond0', mtu: 9000 }, { name: 'eno3' }]));
    expect(extra).toEqual([{ path: 'spec.desiredState.interfaces[name=eno3]', expected: '(absent)', actual: '{"name":"eno3"}' }]);
  });

  it('compares Secret data by its bytes, whatever the base64 line breaks', () => {
    const value = Buffer.from('x'.repeat(80)).toString('base64');
    const wrapped = `${value.slice(0, 76)}\n${value.slice(76)}`;
    const secret = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data });
    expect(diffObject(secret({ ca: wrapped }), secret({ ca: value }))).toEqual([]);
  });
});
