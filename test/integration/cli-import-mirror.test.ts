// `sitekit import-mirror` as a technician runs it: a real process through bin/sitekit.js.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { ROOT, runSitekit } from '../helpers/run-sitekit';

const EXAMPLE = path.join(ROOT, 'resources', 'examples', 'plant-a.site.yaml');
const CONNECTED = path.join(ROOT, 'resources', 'examples', 'plant-b-racks.site.yaml');
const DOCS_CASE = path.join(ROOT, 'test', 'fixtures', 'oc-mirror', 'oc-mirror-docs');

let dir: string;
let example: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sitekit-import-mirror-'));
  example = await readFile(EXAMPLE, 'utf8');
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** plant-a whose mirror registry is the one the oc-mirror-docs case mirrored to. */
async function siteFor(name: string, registry = 'registry.example.com'): Promise<string> {
  const file = path.join(dir, name, 'site.yaml');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, example.replace('registry: mirror.plant-a.example.com:8443', `registry: ${registry}`));
  return file;
}

describe('sitekit import-mirror', () => {
  it('writes cluster.mirror.ocMirror, keeps every comment, prints what changed; a second run changes nothing', async () => {
    const site = await siteFor('ok');
    const before = await readFile(site, 'utf8');
    const run = await runSitekit(['import-mirror', site, DOCS_CASE]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote cluster.mirror.ocMirror in ${site}:`);
    expect(run.stdout).toContain('  + catalog cs-redhat-operator-index-v4-18 (registry.example.com/redhat/redhat-operator-index:v4.18)');
    expect(run.stdout).toContain('  + digest mirror quay.io/openshift-release-dev/ocp-release → registry.example.com/openshift-release-dev/ocp-release');
    expect(run.stdout).toContain('  + tag mirror registry.redhat.io/redhat/redhat-operator-index → registry.example.com/redhat/redhat-operator-index');
    expect(run.stdout).toMatch(/not used: cc-redhat-operator-index-v4-18\.yaml: ClusterCatalog is for OLM v1/);
    expect(run.stdout).toMatch(/release signatures: .*signatures\/signature-configmap\.yaml \(ConfigMap mirrored-release-signatures, 1 signature\) is not put into the plan/);

    const after = await readFile(site, 'utf8');
    for (const line of before.split('\n').filter((l) => l.includes('#'))) expect(after).toContain(line);
    const data = YAML.parse(after) as { cluster: { mirror: Record<string, unknown> } };
    expect(data.cluster.mirror.ocMirror).toEqual({
      catalogs: [{ name: 'cs-redhat-operator-index-v4-18', image: 'registry.example.com/redhat/redhat-operator-index:v4.18' }],
      digestMirrors: [{ source: 'quay.io/openshift-release-dev/ocp-release', mirrors: ['registry.example.com/openshift-release-dev/ocp-release'] }],
      tagMirrors: [{ source: 'registry.redhat.io/redhat/redhat-operator-index', mirrors: ['registry.example.com/redhat/redhat-operator-index'] }],
    });
    const removed = before.split('\n').filter((l) => !after.includes(l));
    expect(removed).toEqual([]);

    const validate = await runSitekit(['validate', site]);
    expect(validate.code).toBe(0);

    const again = await runSitekit(['import-mirror', site, DOCS_CASE]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already has these oc-mirror results; nothing changed');
    expect(await readFile(site, 'utf8')).toBe(after);
  });

  it('bad input: exit 2, the message names the file with line and column, the plan is unchanged', async () => {
    const site = await siteFor('bad');
    const before = await readFile(site, 'utf8');
    const resources = path.join(dir, 'bad', 'cluster-resources');
    await cp(DOCS_CASE, resources, { recursive: true });
    await writeFile(
      path.join(resources, 'idms-oc-mirror.yaml'),
      'apiVersion: config.openshift.io/v1\nkind: ImageDigestMirrorSet\nmetadata:\n  name: idms-release-0\nspec:\n  imageDigestMirrors:\n  - mirrors:\n    - registry.example.com/a\n',
    );
    const run = await runSitekit(['import-mirror', site, resources]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`sitekit import-mirror: ${path.join(resources, 'idms-oc-mirror.yaml')}:7:5: spec.imageDigestMirrors[0] needs a source`);
    expect(await readFile(site, 'utf8')).toBe(before);
  });

  it('a plan without a mirror registry is refused', async () => {
    const run = await runSitekit(['import-mirror', CONNECTED, DOCS_CASE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('has no cluster.mirror.registry');
  });

  it("results of another registry than the plan's are refused", async () => {
    const site = await siteFor('other', 'mirror.plant-a.example.com:8443');
    const before = await readFile(site, 'utf8');
    const run = await runSitekit(['import-mirror', site, DOCS_CASE]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/mirrors to registry\.example\.com\/.*not to the plan's mirror registry mirror\.plant-a\.example\.com:8443/);
    expect(await readFile(site, 'utf8')).toBe(before);
  });

  it('the generated bundle then uses the imported catalog', async () => {
    const site = await siteFor('generate');
    expect((await runSitekit(['import-mirror', site, DOCS_CASE])).code).toBe(0);
    const out = path.join(dir, 'generate', 'bundle');
    const run = await runSitekit(['generate', site, '-o', out]);
    expect(run.code).toBe(0);
    const odf = await readFile(path.join(out, 'gitops', 'operators', 'odf', 'operator.yaml'), 'utf8');
    expect(odf).toContain('source: cs-redhat-operator-index-v4-18');
    const isc = await readFile(path.join(out, 'install', 'imageset-config.yaml'), 'utf8');
    expect(isc).toContain('name: registry.redhat.io/openshift4/ose-cli-rhel9:v4.18');
  });
});
