// install/imageset-config.yaml: the oc-mirror v2 ImageSetConfiguration of a disconnected
// site, per kind of site, and the check that every image of the bundle is in it.
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { gitopsTree, type GitopsDocument } from '../../../../main/core/generate/gitops';
import { imageReferences } from '../../../../main/core/generate/gitops/images';
import { mirrorSetIssues } from '../../../../main/core/generate/gitops/mirror-check';
import { installFiles } from '../../../../main/core/generate/install';
import { imageSetConfiguration, odfDependencies } from '../../../../main/core/generate/install/imageset-config';
import type { Site } from '../../../../main/core/site/schema';
import { example } from '../gitops/examples';

type Isc = {
  kind: string;
  apiVersion: string;
  mirror: {
    platform: { channels: { name: string; type: string; minVersion?: string; maxVersion?: string }[] };
    operators: { catalog: string; packages: { name: string; defaultChannel?: string; channels?: { name: string }[] }[] }[];
    additionalImages?: { name: string }[];
  };
};

function isc(site: Site): Isc {
  const file = installFiles(site).find((f) => f.path === 'install/imageset-config.yaml');
  if (!file) throw new Error('no imageset-config.yaml');
  return YAML.parse(file.content) as Isc;
}
const packages = (site: Site) => isc(site).mirror.operators[0]!.packages;
const names = (site: Site) => packages(site).map((p) => p.name);

const ODF_417 = ['ocs-operator', 'ocs-client-operator', 'mcg-operator', 'odf-csi-addons-operator', 'odf-prometheus-operator', 'recipe', 'rook-ceph-operator', 'cephcsi-operator'];

describe('imageset-config.yaml', () => {
  it('plant-a (4.18, ODF, CNV): release channel, exactly the subscribed packages on their channels, ODF dependencies, the oc image', () => {
    const site = example('plant-a');
    const config = isc(site);
    expect(config.kind).toBe('ImageSetConfiguration');
    expect(config.apiVersion).toBe('mirror.openshift.io/v2alpha1');
    expect(config.mirror.platform.channels).toEqual([{ name: 'stable-4.18', type: 'ocp' }]);
    expect(config.mirror.operators.map((o) => o.catalog)).toEqual(['registry.redhat.io/redhat/redhat-operator-index:v4.18']);
    expect(packages(site).slice(0, 5)).toEqual([
      { name: 'openshift-gitops-operator', defaultChannel: 'latest', channels: [{ name: 'latest' }] },
      { name: 'kubernetes-nmstate-operator', defaultChannel: 'stable', channels: [{ name: 'stable' }] },
      { name: 'local-storage-operator', defaultChannel: 'stable', channels: [{ name: 'stable' }] },
      { name: 'odf-operator', defaultChannel: 'stable-4.18', channels: [{ name: 'stable-4.18' }] },
      { name: 'kubevirt-hyperconverged', defaultChannel: 'stable', channels: [{ name: 'stable' }] },
    ]);
    expect(names(site).slice(5)).toEqual([...ODF_417, 'odf-dependencies']);
    expect(config.mirror.additionalImages).toEqual([{ name: 'registry.redhat.io/openshift4/ose-cli-rhel9:v4.18' }]);
  });

  it('every Subscription of the bundle is a package of the image set, on its channel', () => {
    for (const addons of [[], ['hosted-control-planes' as const]]) {
      const site = example('plant-a');
      site.gitops!.addons = addons;
      const subs = gitopsTree(site).documents.flatMap((d) => d.objects).filter((o) => o.kind === 'Subscription');
      const listed = packages(site);
      for (const sub of subs) {
        const spec = sub.spec as { name: string; channel: string };
        expect(listed).toContainEqual({ name: spec.name, defaultChannel: spec.channel, channels: [{ name: spec.channel }] });
      }
      expect(listed.filter((p) => p.channels).length).toBe(subs.length);
    }
  });

  it('ODF off: no ODF, LSO or ODF dependency packages, and no oc image (the hook Jobs are ODF)', () => {
    const site = example('plant-a');
    site.odf.enabled = false;
    expect(names(site)).toEqual(['openshift-gitops-operator', 'kubernetes-nmstate-operator', 'kubevirt-hyperconverged']);
    expect(isc(site).mirror.additionalImages).toBeUndefined();
  });

  it('CNV off: no kubevirt-hyperconverged', () => {
    const site = example('plant-a');
    site.virtualization.enabled = false;
    expect(names(site)).not.toContain('kubevirt-hyperconverged');
    expect(names(site)).toContain('odf-operator');
  });

  it('hosted control planes: multicluster-engine on its stable-2.N channel', () => {
    const site = example('plant-a');
    site.gitops!.addons = ['hosted-control-planes'];
    expect(packages(site)).toContainEqual({ name: 'multicluster-engine', defaultChannel: 'stable-2.8', channels: [{ name: 'stable-2.8' }] });
  });

  it('ODF dependencies follow the ODF release: 4.16, 4.17, 4.19, 4.20', () => {
    const at = (version: string) => {
      const site = example('plant-a');
      site.cluster.openshiftVersion = version;
      return site;
    };
    expect(odfDependencies(at('4.16'))).toEqual(['ocs-operator', 'ocs-client-operator', 'mcg-operator', 'odf-csi-addons-operator', 'odf-prometheus-operator', 'recipe']);
    expect(odfDependencies(at('4.17'))).toEqual(ODF_417);
    expect(odfDependencies(at('4.19'))).toEqual([...ODF_417, 'odf-dependencies']);
    expect(odfDependencies(at('4.20'))).toEqual([...ODF_417, 'odf-dependencies', 'odf-external-snapshotter-operator']);
    const site419 = at('4.19');
    expect(isc(site419).mirror.operators[0]!.catalog).toBe('registry.redhat.io/redhat/redhat-operator-index:v4.19');
    expect(packages(site419)).toContainEqual({ name: 'odf-operator', defaultChannel: 'stable-4.19', channels: [{ name: 'stable-4.19' }] });
    expect(names(at('4.17'))).not.toContain('odf-dependencies');
  });

  it('a full version pins the release (minVersion = maxVersion)', () => {
    const site = example('plant-a');
    site.cluster.openshiftVersion = '4.18.12';
    expect(isc(site).mirror.platform.channels).toEqual([{ name: 'stable-4.18', type: 'ocp', minVersion: '4.18.12', maxVersion: '4.18.12' }]);
  });

  it('a connected site has no image set', () => {
    expect(installFiles(example('plant-b-racks')).map((f) => f.path)).not.toContain('install/imageset-config.yaml');
  });

  it('the header names the oc-mirror commands with the site registry and the import step', () => {
    const text = installFiles(example('plant-a')).find((f) => f.path === 'install/imageset-config.yaml')!.content;
    expect(text).toContain('oc-mirror --v2 -c imageset-config.yaml --workspace file://<dir> docker://mirror.plant-a.example.com:8443');
    expect(text).toContain('sitekit import-mirror site.yaml <dir>/working-dir/cluster-resources');
  });
});

describe('every image of the bundle is in the mirror set', () => {
  it('the examples: every image-like value of the GitOps tree is an additionalImage, and the check finds nothing', () => {
    for (const addons of [[], ['hosted-control-planes' as const]]) {
      const site = example('plant-a');
      site.gitops!.addons = addons;
      const { documents } = gitopsTree(site);
      const listed = (imageSetConfiguration(site, documents) as Isc).mirror.additionalImages?.map((i) => i.name) ?? [];
      for (const use of imageReferences(documents)) expect(listed).toContain(use.image);
      expect(mirrorSetIssues(site, documents).filter((i) => i.severity !== 'info')).toEqual([]);
    }
  });

  it('a CDI registry source (a VM boot disk) is collected and listed without a docker:// prefix', () => {
    const site = example('plant-a');
    const documents: GitopsDocument[] = [
      ...gitopsTree(site).documents,
      {
        path: 'virtualization/boot.yaml',
        objects: [
          {
            apiVersion: 'cdi.kubevirt.io/v1beta1',
            kind: 'DataVolume',
            metadata: { name: 'rhel9', namespace: 'openshift-virtualization-os-images' },
            spec: { source: { registry: { url: 'docker://registry.redhat.io/rhel9/rhel-guest-image:9.4' } } },
          },
        ],
      },
    ];
    expect((imageSetConfiguration(site, documents) as Isc).mirror.additionalImages).toContainEqual({ name: 'registry.redhat.io/rhel9/rhel-guest-image:9.4' });
    expect(mirrorSetIssues(site, documents).filter((i) => i.id === 'generate.image-not-mirrored')).toEqual([]);
  });

  it('an image in a field the collector does not read is an error naming the object', () => {
    const site = example('plant-a');
    const documents: GitopsDocument[] = [
      ...gitopsTree(site).documents,
      {
        path: 'extra/plugin.yaml',
        objects: [
          {
            apiVersion: 'example.io/v1',
            kind: 'Widget',
            metadata: { name: 'w' },
            spec: { runner: { image: 'quay.io/example/widget:1.2' } },
          },
        ],
      },
    ];
    const issues = mirrorSetIssues(site, documents).filter((i) => i.id === 'generate.image-not-mirrored');
    expect(issues).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringMatching(/^gitops\/extra\/plugin\.yaml: Widget w uses the image quay\.io\/example\/widget:1\.2/) }),
    ]);
  });

  it('a connected site is not checked', () => {
    const site = example('plant-b-racks');
    expect(mirrorSetIssues(site, gitopsTree(site).documents)).toEqual([]);
  });
});
