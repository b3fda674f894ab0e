// What the GitOps tree says: waves, repository coordinates, LocalVolumes, StorageCluster,
// node labels, storage and VM networks, disconnected operators, the add-on.
import { describe, expect, it } from 'vitest';
import { componentsOf, gitopsTree } from '../../../../main/core/generate/gitops';
import { MISSING_REPO_URL } from '../../../../main/core/generate/gitops/common';
import { effectiveDisks } from '../../../../main/core/site/model';
import { allObjects, example, find } from './examples';

const wave = (o: { metadata: { annotations?: Record<string, string> } }) => Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave']);

describe('app-of-apps', () => {
  it('orders the child Applications operators < nmstate < local-storage < odf < virtualization < add-on', () => {
    const site = example('plant-a');
    site.gitops!.addons = ['hosted-control-planes'];
    const apps = find(site, 'Application').filter((a) => a.metadata.name !== 'site-root');
    const waves = Object.fromEntries(apps.map((a) => [a.metadata.name, wave(a)]));
    const order = ['site-operators', 'site-nmstate', 'site-local-storage', 'site-odf', 'site-virtualization', 'site-hosted-control-planes'];
    expect(Object.keys(waves).sort()).toEqual([...order].sort());
    for (let i = 1; i < order.length; i++) expect(waves[order[i]!]!).toBeGreaterThan(waves[order[i - 1]!]!);
  });

  it('orders objects inside the tree the same way (namespaces < subscriptions < CRs)', () => {
    const site = example('plant-a');
    // Bootstrap objects are applied by hand and carry no wave.
    const w = (kind: string) => Math.min(...find(site, kind).map(wave).filter((n) => !Number.isNaN(n)));
    expect(w('CatalogSource')).toBeLessThan(w('Namespace'));
    expect(w('Namespace')).toBeLessThan(w('Subscription'));
    expect(w('Subscription')).toBeLessThan(w('NMState'));
    expect(w('NMState')).toBeLessThan(w('NodeNetworkConfigurationPolicy'));
    expect(w('NodeNetworkConfigurationPolicy')).toBeLessThan(w('LocalVolume'));
    expect(w('LocalVolume')).toBeLessThan(w('StorageCluster'));
    expect(w('StorageCluster')).toBeLessThan(w('HyperConverged'));
  });

  it('points every Application at the site repository, branch and path', () => {
    const site = example('plant-b-racks');
    for (const app of find(site, 'Application')) {
      const source = (app.spec as { source: { repoURL: string; targetRevision: string; path: string } }).source;
      expect(source.repoURL).toBe('https://git.plant-b.example.com/ot/acp-sites.git');
      expect(source.targetRevision).toBe('site/plant-b');
      expect(source.path).toMatch(/^sites\/plant-b\/gitops\/[a-z-]+$/);
    }
    const root = find(site, 'Application', 'site-root')[0]!;
    expect((root.spec as { source: { path: string } }).source.path).toBe('sites/plant-b/gitops/apps');
    const a = example('plant-a'); // no branch/path: site/<name>, sites/<name>
    const rootA = find(a, 'Application', 'site-root')[0]!;
    expect((rootA.spec as { source: { targetRevision: string; path: string } }).source).toMatchObject({ targetRevision: 'site/plant-a', path: 'sites/plant-a/gitops/apps' });
  });

  it('child apps sync automatically without pruning, retry, and skip the dry run for CRs', () => {
    const odf = find(example('plant-a'), 'Application', 'site-odf')[0]!;
    expect((odf.spec as { syncPolicy: unknown }).syncPolicy).toMatchObject({
      automated: { prune: false, selfHeal: true },
      syncOptions: ['SkipDryRunOnMissingResource=true'],
      retry: { limit: -1 },
    });
  });

  it('reports gitops.missing without a gitops section and writes a placeholder that cannot resolve', () => {
    const site = example('plant-a');
    delete site.gitops;
    const tree = gitopsTree(site);
    expect(tree.issues).toContainEqual(expect.objectContaining({ id: 'gitops.missing', severity: 'error', path: '/gitops' }));
    const root = tree.documents.flatMap((d) => d.objects).find((o) => o.metadata.name === 'site-root')!;
    expect((root.spec as { source: { repoURL: string } }).source.repoURL).toBe(MISSING_REPO_URL);
  });

  it('leaves out components the site does not use', () => {
    const site = example('plant-a');
    site.odf.enabled = false;
    site.virtualization.enabled = false;
    expect(componentsOf(site)).toEqual(['operators', 'nmstate']);
    expect(find(site, 'StorageCluster')).toEqual([]);
    expect(find(site, 'HyperConverged')).toEqual([]);
    expect(find(site, 'Subscription').map((s) => (s.spec as { name: string }).name)).toEqual(['openshift-gitops-operator', 'kubernetes-nmstate-operator']);
  });
});

describe('operators', () => {
  it('subscribes LSO, ODF, NMState and CNV with the reference packages, channels and namespaces', () => {
    const subs = find(example('plant-a'), 'Subscription').map((s) => ({ ns: s.metadata.namespace, ...(s.spec as object) }));
    expect(subs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ns: 'openshift-local-storage', name: 'local-storage-operator', channel: 'stable' }),
        expect.objectContaining({ ns: 'openshift-storage', name: 'odf-operator', channel: 'stable-4.18' }),
        expect.objectContaining({ ns: 'openshift-nmstate', name: 'kubernetes-nmstate-operator', channel: 'stable' }),
        expect.objectContaining({ ns: 'openshift-cnv', name: 'kubevirt-hyperconverged', channel: 'stable' }),
        expect.objectContaining({ ns: 'openshift-gitops-operator', name: 'openshift-gitops-operator', channel: 'latest' }),
      ]),
    );
  });

  it('disconnected: mirror CatalogSource, IDMS and OperatorHub, and every Subscription uses the mirror', () => {
    const site = example('plant-a');
    const catalog = find(site, 'CatalogSource');
    expect(catalog.length).toBeGreaterThan(0);
    expect(catalog[0]!.spec).toMatchObject({ sourceType: 'grpc', image: 'mirror.plant-a.example.com:8443/redhat/redhat-operator-index:v4.18' });
    expect(find(site, 'ImageDigestMirrorSet')[0]!.spec).toEqual({
      imageDigestMirrors: [{ source: 'registry.redhat.io', mirrors: ['mirror.plant-a.example.com:8443'], mirrorSourcePolicy: 'NeverContactSource' }],
    });
    expect(find(site, 'OperatorHub')[0]!.spec).toEqual({ disableAllDefaultSources: true });
    const subs = find(site, 'Subscription');
    expect(subs.length).toBe(5); // LSO, ODF, NMState, CNV + the GitOps operator of the bootstrap
    for (const sub of subs) expect(sub.spec).toMatchObject({ source: catalog[0]!.metadata.name, sourceNamespace: 'openshift-marketplace' });
  });

  it('connected: no mirror objects, Subscriptions use redhat-operators', () => {
    const site = example('plant-b-racks');
    expect(find(site, 'CatalogSource')).toEqual([]);
    expect(find(site, 'ImageDigestMirrorSet')).toEqual([]);
    for (const sub of find(site, 'Subscription')) expect(sub.spec).toMatchObject({ source: 'redhat-operators' });
  });
});

describe('local storage and ODF', () => {
  it('one LocalVolume per node listing exactly its planned ODF devices, Block, localblock', () => {
    for (const name of ['plant-a', 'plant-b-racks']) {
      const site = example(name);
      const volumes = find(site, 'LocalVolume');
      expect(volumes).toHaveLength(3);
      for (const node of site.nodes) {
        const lv = volumes.find((v) => JSON.stringify(v.spec).includes(`"values":["${node.hostname}"]`))!;
        const devices = (lv.spec as { storageClassDevices: { devicePaths: string[]; storageClassName: string; volumeMode: string }[] }).storageClassDevices;
        expect(devices).toHaveLength(1);
        expect(devices[0]).toMatchObject({ storageClassName: 'localblock', volumeMode: 'Block' });
        expect(devices[0]!.devicePaths).toEqual(effectiveDisks(site, node).odf);
      }
    }
  });

  it('a per-node disk override lands in that node only', () => {
    const site = example('plant-a');
    site.nodes[1]!.disks = { odf: ['/dev/disk/by-id/nvme-special-1'] };
    const lv = find(site, 'LocalVolume', 'localblock-acp-2')[0]!;
    expect(JSON.stringify(lv.spec)).toContain('/dev/disk/by-id/nvme-special-1');
    expect(JSON.stringify(lv.spec)).not.toContain('pci-0000:5e');
  });

  it('host failure domain: flexible scaling, replica 1, count = all planned devices', () => {
    const site = example('plant-a');
    const sc = find(site, 'StorageCluster', 'ocs-storagecluster')[0]!;
    const spec = sc.spec as { flexibleScaling?: boolean; storageDeviceSets: Record<string, unknown>[] };
    expect(spec.flexibleScaling).toBe(true);
    expect(spec.storageDeviceSets[0]).toMatchObject({ count: 18, replica: 1, portable: false, dataPVCTemplate: { spec: { storageClassName: 'localblock', volumeMode: 'Block', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1' } } } } });
    expect(sc.metadata.namespace).toBe('openshift-storage');
  });

  it('rack failure domain: replica 3, count = devices per node, nodes labelled with their rack', () => {
    const site = example('plant-b-racks');
    const spec = find(site, 'StorageCluster')[0]!.spec as { flexibleScaling?: boolean; storageDeviceSets: Record<string, unknown>[] };
    expect(spec.flexibleScaling).toBeUndefined();
    expect(spec.storageDeviceSets[0]).toMatchObject({ count: 4, replica: 3 });
    const job = find(site, 'Job', 'sitekit-node-labels')[0]!;
    const args = JSON.stringify(job.spec);
    for (const node of site.nodes) expect(args).toContain(`"${node.hostname}","cluster.ocs.openshift.io/openshift-storage=","topology.rook.io/rack=${node.rack}"`);
  });

  it('zone failure domain labels topology.kubernetes.io/zone', () => {
    const site = example('plant-b-racks');
    site.odf.failureDomain = 'zone';
    site.nodes.forEach((n, i) => (n.zone = `z${i + 1}`));
    expect(JSON.stringify(find(site, 'Job')[0]!.spec)).toContain('topology.kubernetes.io/zone=z1');
  });

  it('a label value Kubernetes would refuse is a generator error', () => {
    const site = example('plant-b-racks');
    site.nodes[0]!.rack = 'rack 1 (left)';
    expect(gitopsTree(site).issues).toContainEqual(expect.objectContaining({ id: 'generate.node-label-invalid', path: '/nodes/0/rack' }));
  });

  it('storage network: multus cluster selector and a macvlan/whereabouts NAD on the storage VLAN interface', () => {
    const site = example('plant-a');
    const spec = find(site, 'StorageCluster')[0]!.spec as { network: unknown };
    expect(spec.network).toEqual({ provider: 'multus', selectors: { cluster: 'openshift-storage/ocs-cluster' } });
    const nad = find(site, 'NetworkAttachmentDefinition', 'ocs-cluster')[0]!;
    expect(nad.metadata.namespace).toBe('openshift-storage');
    const config = JSON.parse((nad.spec as { config: string }).config);
    expect(config).toEqual({
      cniVersion: '0.3.1',
      name: 'ocs-cluster',
      type: 'macvlan',
      master: 'bond0.30',
      mode: 'bridge',
      ipam: { type: 'whereabouts', range: '10.30.0.0/24', exclude: ['10.30.0.11/32', '10.30.0.12/32', '10.30.0.13/32'] },
    });
    expect(JSON.parse((find(example('plant-b-racks'), 'NetworkAttachmentDefinition', 'ocs-cluster')[0]!.spec as { config: string }).config).master).toBe('bond1.220');
  });

  it('no storage network: no multus and no storage NAD', () => {
    const site = example('plant-a');
    delete site.odf.storageNetwork;
    expect((find(site, 'StorageCluster')[0]!.spec as { network?: unknown }).network).toBeUndefined();
    expect(find(site, 'NetworkAttachmentDefinition', 'ocs-cluster')).toEqual([]);
  });
});

describe('virtualization', () => {
  it('HyperConverged kubevirt-hyperconverged with an empty spec, one bridge NAD per VM network with its VLAN', () => {
    const site = example('plant-a');
    expect(find(site, 'HyperConverged')[0]).toMatchObject({ apiVersion: 'hco.kubevirt.io/v1beta1', metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' }, spec: {} });
    const nads = find(site, 'NetworkAttachmentDefinition').filter((n) => n.metadata.namespace === 'default');
    expect(nads.map((n) => n.metadata.name)).toEqual(['vm-prod', 'vm-ot']);
    const config = JSON.parse((nads[0]!.spec as { config: string }).config);
    expect(config).toMatchObject({ type: 'bridge', bridge: 'br-vm', vlan: 100, name: 'vm-prod' });
    expect(config.ipam).toBeUndefined();
  });
});

describe('hosted control planes add-on', () => {
  it('adds the multicluster engine, MultiClusterEngine, wildcard routes and keeps the RBD class default', () => {
    const site = example('plant-b-racks');
    expect(find(site, 'MultiClusterEngine')).toEqual([]);
    site.gitops!.addons = ['hosted-control-planes'];
    expect(find(site, 'Subscription').find((s) => (s.spec as { name: string }).name === 'multicluster-engine')!.spec).toMatchObject({ channel: 'stable-2.8' });
    expect(find(site, 'MultiClusterEngine')).toHaveLength(1);
    const ingress = find(site, 'IngressController', 'default')[0]!;
    expect(ingress.spec).toEqual({ routeAdmission: { wildcardPolicy: 'WildcardsAllowed' } });
    expect(ingress.metadata.annotations?.['argocd.argoproj.io/sync-options']).toContain('ServerSideApply=true');
    expect(find(site, 'StorageCluster')[0]!.spec).toMatchObject({ managedResources: { cephBlockPools: { defaultStorageClass: true } } });
  });
});

describe('determinism', () => {
  it('the same site gives the same objects', () => {
    expect(JSON.stringify(allObjects(example('plant-a')))).toBe(JSON.stringify(allObjects(example('plant-a'))));
  });
});
