// Generators with imported oc-mirror results (cluster.mirror.ocMirror): the CatalogSource,
// IDMS and ITMS as oc-mirror wrote them, every Subscription (bootstrap's included) on the
// imported catalog, install-config imageDigestSources from the import; the guess only
// without an import, with a finding that says so.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { checkGenerated } from '../../../../main/core/generate/bundle/checks';
import { gitopsTree } from '../../../../main/core/generate/gitops';
import { catalogSourceOf } from '../../../../main/core/generate/gitops/operators';
import { installFiles } from '../../../../main/core/generate/install';
import { readClusterResources } from '../../../../main/core/import/oc-mirror';
import { siteSchema, type OcMirrorResult, type Site } from '../../../../main/core/site/schema';
import { example, find } from './examples';

const CORPUS = fileURLToPath(new URL('../../../fixtures/oc-mirror/', import.meta.url));

/** plant-a with the mirror registry and the import of one corpus case. */
async function imported(caseName: string, registry: string): Promise<Site> {
  const site = example('plant-a');
  const { result } = await readClusterResources(path.join(CORPUS, caseName));
  site.cluster.mirror = { ...site.cluster.mirror!, registry, ocMirror: result };
  return siteSchema.parse(site);
}

const R00RI_CATALOG = { name: 'cs-redhat-operator-index-v4-19', image: 'registry.asrori.id/ocp/redhat/redhat-operator-index:v4.19' };
const IMPORT: OcMirrorResult = {
  catalogs: [{ name: 'cs-certified-operator-index-v4-18', image: 'mirror.plant-a.example.com:8443/ocp/redhat/certified-operator-index:v4.18' }, { name: 'cs-redhat-operator-index-v4-18', image: 'mirror.plant-a.example.com:8443/ocp/redhat/redhat-operator-index:v4.18' }],
  digestMirrors: [
    { source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['mirror.plant-a.example.com:8443/ocp/openshift/release-images'] },
    { source: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev', mirrors: ['mirror.plant-a.example.com:8443/ocp/openshift/release'] },
    { source: 'registry.redhat.io/odf4', mirrors: ['mirror.plant-a.example.com:8443/ocp/odf4'] },
  ],
  tagMirrors: [{ source: 'registry.redhat.io/openshift4', mirrors: ['mirror.plant-a.example.com:8443/ocp/openshift4'] }],
};

function withImport(result: OcMirrorResult = IMPORT): Site {
  const site = example('plant-a');
  site.cluster.mirror!.ocMirror = result;
  return siteSchema.parse(site);
}

describe('with imported oc-mirror results', () => {
  it('subscriptions, the bootstrap GitOps Subscription included, use the imported redhat-operator-index catalog', () => {
    const site = withImport();
    expect(catalogSourceOf(site)).toEqual({ source: 'cs-redhat-operator-index-v4-18', sourceNamespace: 'openshift-marketplace' });
    const subs = find(site, 'Subscription');
    expect(subs.length).toBe(5);
    for (const sub of subs) expect(sub.spec).toMatchObject({ source: 'cs-redhat-operator-index-v4-18', sourceNamespace: 'openshift-marketplace' });
  });

  it('CatalogSources, IDMS and ITMS are the imported ones, in operators/mirror and in the bootstrap, without a guessed policy', () => {
    const { documents } = gitopsTree(withImport());
    for (const file of ['operators/mirror/mirror.yaml', 'bootstrap/00-mirror.yaml']) {
      const objects = documents.find((d) => d.path === file)!.objects;
      expect(objects.filter((o) => o.kind === 'CatalogSource').map((o) => [o.metadata.name, (o.spec as { image: string }).image])).toEqual(
        IMPORT.catalogs!.map((c) => [c.name, c.image]),
      );
      expect(objects.find((o) => o.kind === 'ImageDigestMirrorSet')!.spec).toEqual({ imageDigestMirrors: IMPORT.digestMirrors });
      expect(objects.find((o) => o.kind === 'ImageTagMirrorSet')!.spec).toEqual({ imageTagMirrors: IMPORT.tagMirrors });
      expect(JSON.stringify(objects)).not.toContain('redhat-operators-disconnected');
    }
  });

  it('install-config imageDigestSources are the imported digest mirrors (install-config has no tag mirrors)', () => {
    const install = YAML.parse(installFiles(withImport())[0]!.content) as { imageDigestSources: unknown; imageTagSources?: unknown };
    expect(install.imageDigestSources).toEqual(IMPORT.digestMirrors);
    expect(install.imageTagSources).toBeUndefined();
  });

  it('generates without findings and every object passes its CRD schema (ITMS included)', () => {
    const site = withImport();
    const tree = gitopsTree(site);
    expect(tree.issues).toEqual([]);
    expect(checkGenerated(site, tree.documents)).toEqual([]);
  });

  it('a catalog at a path prefix is used as it is (the r00ri corpus case), and the certified catalog is not chosen', async () => {
    const site = await imported('r00ri-4.19', 'registry.asrori.id');
    expect(catalogSourceOf(site).source).toBe(R00RI_CATALOG.name);
    // Only CatalogSources were imported: the catalogs are oc-mirror's, the mirrors the guess.
    const catalogs = gitopsTree(site).documents.find((d) => d.path === 'operators/mirror/mirror.yaml')!.objects.filter((o) => o.kind === 'CatalogSource');
    expect(catalogs.map((c) => c.metadata.name)).toEqual(['cs-certified-operator-index-v4-19', R00RI_CATALOG.name]);
    expect(find(site, 'ImageTagMirrorSet')[0]!.spec).toEqual({
      imageTagMirrors: [{ source: 'registry.redhat.io', mirrors: ['registry.asrori.id'], mirrorSourcePolicy: 'NeverContactSource' }],
    });
    expect(gitopsTree(site).issues).toEqual([
      expect.objectContaining({ id: 'generate.mirror-guessed', severity: 'info', message: expect.stringMatching(/guess .*: everything from registry\.redhat\.io under registry\.asrori\.id/) }),
    ]);
  });

  it('an import without a tag mirror for the oc image warns on /cluster/mirror/ocMirror/tagMirrors', () => {
    const site = withImport({ ...IMPORT, tagMirrors: [{ source: 'registry.redhat.io/ubi9', mirrors: ['mirror.plant-a.example.com:8443/ubi9'] }] });
    const issues = gitopsTree(site).issues;
    expect(issues).toEqual([
      expect.objectContaining({
        id: 'generate.image-no-mirror-rule',
        severity: 'warning',
        path: '/cluster/mirror/ocMirror/tagMirrors',
        message: expect.stringContaining('registry.redhat.io/openshift4/ose-cli-rhel9'),
      }),
    ]);
  });
});

describe('without an import: the guess, and a finding that says so', () => {
  it('plant-a: CatalogSource redhat-operators-disconnected, IDMS and ITMS for registry.redhat.io, and an info finding on /cluster/mirror', () => {
    const site = example('plant-a');
    expect(catalogSourceOf(site).source).toBe('redhat-operators-disconnected');
    expect(find(site, 'ImageTagMirrorSet')[0]!.spec).toEqual({
      imageTagMirrors: [{ source: 'registry.redhat.io', mirrors: ['mirror.plant-a.example.com:8443'], mirrorSourcePolicy: 'NeverContactSource' }],
    });
    expect(gitopsTree(site).issues).toEqual([
      expect.objectContaining({ id: 'generate.mirror-guessed', severity: 'info', path: '/cluster/mirror', hint: expect.stringContaining('sitekit import-mirror') }),
    ]);
  });

  it('an import without a redhat-operator-index catalog (the kasten corpus case) keeps the guessed catalog and warns', async () => {
    const site = await imported('kasten-4.16', 'my-registry.local:8443');
    expect(catalogSourceOf(site).source).toBe('redhat-operators-disconnected');
    // Its mirrors are used, and they have no tag mirror for the oc image ("No images by tag were mirrored").
    expect(gitopsTree(site).issues).toEqual([
      expect.objectContaining({ id: 'generate.mirror-guessed', severity: 'warning', message: expect.stringContaining('no CatalogSource of redhat-operator-index') }),
      expect.objectContaining({ id: 'generate.image-no-mirror-rule', severity: 'warning', path: '/cluster/mirror/ocMirror/tagMirrors' }),
    ]);
    expect([...new Set(find(site, 'CatalogSource').map((c) => c.metadata.name))]).toEqual(['redhat-operators-disconnected']);
  });

  it('a connected site has no mirror objects and no finding', () => {
    const site = example('plant-b-racks');
    expect(find(site, 'ImageTagMirrorSet')).toEqual([]);
    expect(gitopsTree(site).issues).toEqual([]);
  });
});
