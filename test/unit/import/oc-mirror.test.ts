// The oc-mirror cluster-resources import against the corpus of real outputs
// (test/fixtures/oc-mirror/SOURCES.md) and against broken input.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILES, OcMirrorImportError, parseClusterResources, readClusterResources } from '../../../main/core/import/oc-mirror';
import { ocMirrorResultSchema, type OcMirrorResult } from '../../../main/core/site/schema';

const CORPUS = fileURLToPath(new URL('../../fixtures/oc-mirror/', import.meta.url));

const EXPECTED: Record<string, { result: OcMirrorResult; ignored: RegExp[]; signatures: number[] }> = {
  'oc-mirror-docs': {
    result: {
      catalogs: [{ name: 'cs-redhat-operator-index-v4-18', image: 'registry.example.com/redhat/redhat-operator-index:v4.18' }],
      digestMirrors: [{ source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['registry.example.com/openshift-release-dev/ocp-release'] }],
      tagMirrors: [{ source: 'registry.redhat.io/redhat/redhat-operator-index', mirrors: ['registry.example.com/redhat/redhat-operator-index'] }],
    },
    ignored: [/^cc-redhat-operator-index-v4-18\.yaml: ClusterCatalog is for OLM v1/, /^updateService\.yaml: UpdateService needs/],
    signatures: [1],
  },
  'oc-mirror-code': {
    result: {
      catalogs: [
        {
          name: 'cs-redhat-operator-index-7c4ef7434c97',
          image: 'myregistry/mynamespace/redhat/redhat-operator-index:7c4ef7434c97c8aaf6cd310874790b915b3c61fc902eea255f9177058ea9aff3',
        },
      ],
      digestMirrors: [
        { source: 'quay.io/openshift-release-dev', mirrors: ['myregistry/mynamespace/openshift-release-dev'] },
        { source: 'quay.io/openshift-community-operators', mirrors: ['myregistry/mynamespace/openshift-community-operators'] },
        { source: 'registry.redhat.io', mirrors: ['myregistry/mynamespace'] },
        { source: 'gcr.io/kubebuilder', mirrors: ['myregistry/mynamespace/kubebuilder'] },
        { source: 'quay.io/cockroachdb', mirrors: ['myregistry/mynamespace/cockroachdb'] },
      ],
      tagMirrors: [{ source: 'registry.redhat.io/ubi8', mirrors: ['myregistry/mynamespace/ubi8'] }],
    },
    ignored: [],
    signatures: [2, 2], // the JSON file and its YAML twin
  },
  'r00ri-4.19': {
    result: {
      catalogs: [
        { name: 'cs-certified-operator-index-v4-19', image: 'registry.asrori.id/ocp/redhat/certified-operator-index:v4.19' },
        { name: 'cs-redhat-operator-index-v4-19', image: 'registry.asrori.id/ocp/redhat/redhat-operator-index:v4.19' },
      ],
    },
    ignored: [],
    signatures: [],
  },
  'appliance-registriesconf': {
    result: {
      digestMirrors: [
        { source: 'registry.redhat.io/container-native-virtualization', mirrors: ['127.0.0.1:5005/container-native-virtualization'] },
        { source: 'registry.redhat.io/openshift4', mirrors: ['127.0.0.1:5005/openshift4'] },
        { source: 'registry.redhat.io/workload-availability', mirrors: ['127.0.0.1:5005/workload-availability'] },
        { source: 'registry.redhat.io/migration-toolkit-virtualization', mirrors: ['127.0.0.1:5005/migration-toolkit-virtualization'] },
        { source: 'registry.redhat.io/kube-descheduler-operator', mirrors: ['127.0.0.1:5005/kube-descheduler-operator'] },
        { source: 'registry.ci.openshift.org/ocp/release', mirrors: ['127.0.0.1:5005/openshift/release-images'] },
        { source: 'quay.io/openshift-release-dev/ocp-v4.0-art-dev', mirrors: ['127.0.0.1:5005/openshift/release'] },
      ],
    },
    ignored: [],
    signatures: [],
  },
  'kasten-4.16': {
    result: {
      catalogs: [{ name: 'cs-redhat-marketplace-index-v4-16', image: 'my-registry.local:8443/redhat/redhat-marketplace-index:v4.16' }],
      digestMirrors: [
        { source: 'registry.connect.redhat.com/kasten', mirrors: ['my-registry.local:8443/kasten'] },
        { source: 'registry.redhat.io/openshift4', mirrors: ['my-registry.local:8443/openshift4'] },
      ],
    },
    ignored: [/^cc-redhat-marketplace-index-v4-16\.yaml: ClusterCatalog/],
    signatures: [],
  },
};

describe('oc-mirror corpus', () => {
  it('has an expectation for every case folder and a row in SOURCES.md for each', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const cases = (await readdir(CORPUS, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(cases).toEqual(Object.keys(EXPECTED).sort());
    const sources = await readFile(path.join(CORPUS, 'SOURCES.md'), 'utf8');
    for (const name of cases) expect(sources).toContain(`\`${name}/\``);
  });

  for (const [name, want] of Object.entries(EXPECTED)) {
    it(`${name}: catalogs, digest and tag mirrors exactly as oc-mirror wrote them`, async () => {
      const imported = await readClusterResources(path.join(CORPUS, name));
      expect(imported.result).toEqual(want.result);
      // What the plan stores must fit the plan's own schema.
      expect(ocMirrorResultSchema.safeParse(imported.result).success).toBe(true);
      expect(imported.ignored).toHaveLength(want.ignored.length);
      want.ignored.forEach((pattern, i) => expect(imported.ignored[i]).toMatch(pattern));
      expect(imported.signatures.map((s) => s.count)).toEqual(want.signatures);
      for (const s of imported.signatures) expect(s.name).toBe('mirrored-release-signatures');
    });
  }
});

describe('bad input names the file and line', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sitekit-oc-mirror-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function folder(name: string, files: Record<string, string>): Promise<string> {
    const target = path.join(dir, name);
    await mkdir(target, { recursive: true });
    for (const [file, text] of Object.entries(files)) await writeFile(path.join(target, file), text);
    return target;
  }

  const cases: { name: string; files: Record<string, string>; message: RegExp; file?: string; line?: number }[] = [
    {
      name: 'unreadable YAML',
      files: { 'idms-oc-mirror.yaml': 'apiVersion: config.openshift.io/v1\nkind: ImageDigestMirrorSet\nspec:\n  imageDigestMirrors: [\n' },
      message: /^idms-oc-mirror\.yaml:\d+:\d+: not readable as YAML or JSON/,
      file: 'idms-oc-mirror.yaml',
    },
    {
      name: 'a document without kind',
      files: { 'cs-x.yaml': 'apiVersion: v1\nmetadata:\n  name: x\n' },
      message: /^cs-x\.yaml:1:1: this document has no kind/,
      file: 'cs-x.yaml',
      line: 1,
    },
    {
      name: 'an IDMS entry without source',
      files: {
        'idms-oc-mirror.yaml':
          '---\napiVersion: config.openshift.io/v1\nkind: ImageDigestMirrorSet\nmetadata:\n  name: idms-release-0\nspec:\n  imageDigestMirrors:\n  - mirrors:\n    - reg.example.com/a\n    source: quay.io/a\n  - mirrors:\n    - reg.example.com/b\n',
      },
      message: /^idms-oc-mirror\.yaml:11:5: spec\.imageDigestMirrors\[1\] needs a source/,
      line: 11,
    },
    {
      name: 'mirrors that are not a list of strings',
      files: { 'itms-oc-mirror.yaml': 'apiVersion: config.openshift.io/v1\nkind: ImageTagMirrorSet\nspec:\n  imageTagMirrors:\n  - source: quay.io/a\n    mirrors: reg.example.com/a\n' },
      message: /^itms-oc-mirror\.yaml:6:14: spec\.imageTagMirrors\[0\]\.mirrors must be a list/,
    },
    {
      name: 'a CatalogSource without image',
      files: { 'cs-a.yaml': 'apiVersion: operators.coreos.com/v1alpha1\nkind: CatalogSource\nmetadata:\n  name: cs-a\nspec:\n  sourceType: grpc\n' },
      message: /^cs-a\.yaml:6:3: CatalogSource cs-a has no spec\.image/,
    },
    {
      name: 'a CatalogSource name the plan cannot hold',
      files: { 'cs-a.yaml': 'apiVersion: operators.coreos.com/v1alpha1\nkind: CatalogSource\nmetadata:\n  name: Red_Hat\nspec:\n  image: r.example.com/a:v1\n' },
      message: /^cs-a\.yaml:4:9: a CatalogSource needs metadata\.name, a DNS label/,
    },
    {
      name: 'an IDMS of another apiVersion',
      files: { 'idms.yaml': 'apiVersion: operator.openshift.io/v1alpha1\nkind: ImageDigestMirrorSet\nspec:\n  imageDigestMirrors: []\n' },
      message: /^idms\.yaml:1:13: ImageDigestMirrorSet must have apiVersion config\.openshift\.io\/v1, not operator\.openshift\.io\/v1alpha1/,
    },
    {
      name: 'a JSON file that is cut off',
      files: { 'signature-configmap.json': '{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x"' },
      message: /^signature-configmap\.json:1:\d+: not readable as YAML or JSON/,
    },
    {
      name: 'a folder without anything oc-mirror writes',
      files: { 'notes.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\n' },
      message: /has no ImageDigestMirrorSet, ImageTagMirrorSet or CatalogSource/,
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const target = await folder(c.name.replace(/\W+/g, '-'), c.files);
      const error = await readClusterResources(target).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OcMirrorImportError);
      expect((error as Error).message).toMatch(c.message);
      if (c.file) expect((error as OcMirrorImportError).file).toBe(c.file);
      if (c.line) expect((error as OcMirrorImportError).line).toBe(c.line);
    });
  }

  it('a missing folder and a file instead of a folder', async () => {
    await expect(readClusterResources(path.join(dir, 'nope'))).rejects.toThrow(/does not exist; give the folder oc-mirror wrote/);
    await writeFile(path.join(dir, 'plain.yaml'), 'a: 1\n');
    await expect(readClusterResources(path.join(dir, 'plain.yaml'))).rejects.toThrow(/is a file; give the folder/);
  });

  it(`more than ${MAX_FILES} files is refused before any is read`, async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= MAX_FILES; i++) files[`cs-${i}.yaml`] = 'not: read\n';
    const target = await folder('many', files);
    await expect(readClusterResources(target)).rejects.toThrow(new RegExp(`more than ${MAX_FILES} YAML/JSON files`));
  });

  it('a file over the YAML size limit names the file', async () => {
    const target = await folder('large', { 'idms-oc-mirror.yaml': `# ${'x'.repeat(3 * 1024 * 1024)}\n` });
    const error = await readClusterResources(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OcMirrorImportError);
    expect((error as OcMirrorImportError).file).toBe('idms-oc-mirror.yaml');
    expect((error as Error).message).toMatch(/idms-oc-mirror\.yaml/);
  });

  it('files other than YAML and JSON are listed as not read', async () => {
    const target = await folder('other', {
      'cs-a.yaml': 'apiVersion: operators.coreos.com/v1alpha1\nkind: CatalogSource\nmetadata:\n  name: cs-a\nspec:\n  image: r.example.com/redhat/redhat-operator-index:v4.18\n',
      'README.txt': 'hello',
    });
    const imported = await readClusterResources(target);
    expect(imported.ignored).toEqual(['README.txt: not a YAML or JSON file, not read']);
  });

  it('mirrors of the same source in two documents are merged, each mirror once', () => {
    const doc = (name: string, mirrors: string[]) =>
      `---\napiVersion: config.openshift.io/v1\nkind: ImageDigestMirrorSet\nmetadata:\n  name: ${name}\nspec:\n  imageDigestMirrors:\n  - source: registry.redhat.io/odf4\n    mirrors: [${mirrors.join(', ')}]\n`;
    const { result } = parseClusterResources([{ name: 'idms-oc-mirror.yaml', text: doc('a', ['m1/odf4']) + doc('b', ['m1/odf4', 'm2/odf4']) }]);
    expect(result.digestMirrors).toEqual([{ source: 'registry.redhat.io/odf4', mirrors: ['m1/odf4', 'm2/odf4'] }]);
  });
});
