import { describe, expect, it } from 'vitest';
import { gvkOf, pruneNulls, schemaFile, strictSchema, validateObject } from '../../../main/core/crd';

const storageCluster = () => ({
  apiVersion: 'ocs.openshift.io/v1',
  kind: 'StorageCluster',
  metadata: { name: 'ocs-storagecluster', namespace: 'openshift-storage' },
  spec: {
    storageDeviceSets: [
      {
        name: 'ocs-deviceset-localblock',
        count: 3,
        replica: 1,
        dataPVCTemplate: { spec: { storageClassName: 'localblock', volumeMode: 'Block', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1' } } } },
      },
    ],
  },
});

describe('schema lookup', () => {
  it('maps apiVersion + kind to <group>/<lowercase kind>_<version>.json; core kinds have none', () => {
    expect(schemaFile(gvkOf('ocs.openshift.io/v1', 'StorageCluster'))).toBe('ocs.openshift.io/storagecluster_v1.json');
    expect(schemaFile(gvkOf('v1', 'Namespace'))).toBeUndefined();
  });

  it('validates with the shipped schema', () => {
    expect(validateObject(storageCluster())).toEqual({ errors: [], schema: 'ocs.openshift.io/storagecluster_v1.json' });
  });
});

describe('CRD validation', () => {
  it('reports a wrong type with its path', () => {
    const sc = storageCluster();
    (sc.spec.storageDeviceSets[0] as Record<string, unknown>).count = 'three';
    expect(validateObject(sc).errors).toContainEqual({ path: '/spec/storageDeviceSets/0/count', message: 'must be integer' });
  });

  it('reports a missing required field', () => {
    const sc = storageCluster();
    delete (sc.spec.storageDeviceSets[0] as Record<string, unknown>).name;
    expect(validateObject(sc).errors.map((e) => e.message).join()).toContain("must have required property 'name'");
  });

  it('strict mode reports a misspelt field the open schema accepts', () => {
    const sc = storageCluster() as ReturnType<typeof storageCluster> & { spec: Record<string, unknown> };
    sc.spec.flexibleScalling = true;
    expect(validateObject(sc).errors).toEqual([]);
    expect(validateObject(sc, { strict: true }).errors).toEqual([{ path: '/spec/flexibleScalling', message: 'unknown field "flexibleScalling"' }]);
  });

  it('strict mode keeps x-kubernetes-preserve-unknown-fields open (NNCP desiredState)', () => {
    const nncp = {
      apiVersion: 'nmstate.io/v1',
      kind: 'NodeNetworkConfigurationPolicy',
      metadata: { name: 'p', labels: { a: 'b' }, annotations: { 'argocd.argoproj.io/sync-wave': '2' } },
      spec: { desiredState: { interfaces: [{ name: 'x', anything: { goes: true } }] } },
    };
    expect(validateObject(nncp, { strict: true }).errors).toEqual([]);
  });

  it('strict mode never closes apiVersion/kind/metadata', () => {
    const schema = strictSchema({ type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string' } } } } }) as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(['apiVersion', 'kind', 'spec', 'metadata']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('prunes nulls and strips status as the API server does (SOURCES.md)', () => {
    const hco = { apiVersion: 'hco.kubevirt.io/v1beta1', kind: 'HyperConverged', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec: null };
    expect(validateObject(hco).errors).toEqual([]);
    const sub = {
      apiVersion: 'operators.coreos.com/v1alpha1',
      kind: 'Subscription',
      metadata: { name: 's', namespace: 'n' },
      spec: { name: 'p', source: 'redhat-operators', sourceNamespace: 'openshift-marketplace' },
      status: { state: 'AtLatestKnown' }, // the schema requires status.lastUpdated
    };
    expect(validateObject(sub).errors).toEqual([]);
    expect(pruneNulls({ a: null, b: [1, null, { c: null }] })).toEqual({ b: [1, {}] });
  });
});

describe('core checks for kinds without a schema', () => {
  it('passes a well-formed Namespace and Job', () => {
    expect(validateObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'openshift-storage' } })).toEqual({ errors: [] });
    expect(validateObject({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'n' }, spec: {} }).errors).toEqual([]);
  });

  it('reports missing apiVersion, kind, metadata.name and a namespace on a namespaced kind', () => {
    expect(validateObject({ kind: 'ConfigMap', metadata: { name: 'x' } }).errors).toEqual([{ path: '/apiVersion', message: 'apiVersion is missing' }]);
    expect(validateObject({ apiVersion: 'v1', metadata: { name: 'x' } }).errors).toEqual([{ path: '/kind', message: 'kind is missing' }]);
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: {} }).errors.map((e) => e.path)).toEqual(['/metadata/name', '/metadata/namespace']);
    expect(validateObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }).errors.map((e) => e.path)).toEqual(['/metadata/namespace']);
    expect(validateObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', namespace: 'y' } }).errors.map((e) => e.path)).toEqual(['/metadata/namespace']);
    expect(validateObject('text').errors).toHaveLength(1);
  });

  it('reports bad names and non-string label values (the siteconfig sample mistake)', () => {
    const errors = validateObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'Bad_Name', labels: { 'node-role.kubernetes.io/master': true } } }).errors;
    expect(errors.map((e) => e.path)).toEqual(['/metadata/name', '/metadata/labels/node-role.kubernetes.io~1master']);
  });
});
