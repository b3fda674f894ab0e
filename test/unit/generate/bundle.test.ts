// generateBundle: DESIGN §4 layout, determinism, checksums, refusal and --force, no secrets.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSiteText } from '../../../main/core/site/check';
import { BUNDLE_METADATA, generateBundle, type BundleResult } from '../../../main/core/generate/bundle';
import { isoInputFiles, parsePullSecret } from '../../../main/core/generate/bundle/iso-inputs';
import { examples } from './gitops/examples';

const PULL_SECRET = '{"auths":{"cloud.openshift.com":{"auth":"c2VjcmV0LXB1bGwtc2VjcmV0LXRva2Vu","email":"tech@example.com"}}}';

function bundleOf(text: string, options: { force?: boolean; now?: Date } = {}): BundleResult {
  const check = checkSiteText(text);
  if (!check.site) throw new Error('example does not parse');
  return generateBundle(check.site, { siteText: text, findings: check.findings, toolVersion: '0.0.0-test', ...options });
}

const contentOf = (result: BundleResult, path: string) => result.files.find((f) => f.path === path)?.content;

for (const ex of examples()) {
  describe(`bundle of ${ex.name}`, () => {
    const result = bundleOf(ex.text, { now: new Date('2026-01-02T03:04:05Z') });

    it('has the DESIGN §4 layout and carries site.yaml byte for byte', () => {
      const paths = result.files.map((f) => f.path);
      expect(result.refused).toBe(false);
      expect(paths).toEqual([...paths].sort());
      for (const path of ['site.yaml', 'install/install-config.yaml', 'install/agent-config.yaml', 'validation.json', 'bundle.json', 'SHA256SUMS', 'gitops/bootstrap/04-root-application.yaml']) {
        expect(paths).toContain(path);
      }
      expect(paths.some((p) => p.startsWith('gitops/apps/'))).toBe(true);
      expect(contentOf(result, 'site.yaml')).toBe(ex.text);
    });

    it('is deterministic: a second generation differs only in bundle.json (and its checksum line)', () => {
      const again = bundleOf(ex.text, { now: new Date('2030-06-07T08:09:10Z') });
      expect(again.files.map((f) => f.path)).toEqual(result.files.map((f) => f.path));
      for (const file of result.files) {
        if (file.path === BUNDLE_METADATA || file.path === 'SHA256SUMS') continue;
        expect(contentOf(again, file.path), file.path).toBe(file.content);
      }
      const withoutMeta = (r: BundleResult) => contentOf(r, 'SHA256SUMS')!.split('\n').filter((l) => !l.endsWith('  bundle.json')).join('\n');
      expect(withoutMeta(again)).toBe(withoutMeta(result));
      expect(JSON.parse(contentOf(result, 'bundle.json')!)).toEqual({ siteName: ex.site.metadata.name, toolVersion: '0.0.0-test', generatedAt: '2026-01-02T03:04:05.000Z' });
    });

    it('SHA256SUMS lists every other file, sorted, in sha256sum format', () => {
      const lines = contentOf(result, 'SHA256SUMS')!.trimEnd().split('\n');
      const others = result.files.filter((f) => f.path !== 'SHA256SUMS');
      expect(lines.map((l) => l.slice(66))).toEqual(others.map((f) => f.path));
      for (const [i, file] of others.entries()) {
        expect(lines[i]).toBe(`${createHash('sha256').update(file.content).digest('hex')}  ${file.path}`);
      }
    });

    it('records the findings at export time, not forced', () => {
      const validation = JSON.parse(contentOf(result, 'validation.json')!);
      expect(validation).toMatchObject({ siteName: ex.site.metadata.name, forced: false, errors: 0 });
      expect(contentOf(result, 'validation.json')).not.toMatch(/\d{4}-\d\d-\d\dT/); // no timestamps
    });

    it('never contains the pull secret, not even with ISO inputs generated beside it', () => {
      const iso = isoInputFiles(ex.site, PULL_SECRET);
      expect(iso.find((f) => f.path === 'install-config.yaml')!.content).toContain('c2VjcmV0LXB1bGwtc2VjcmV0LXRva2Vu');
      for (const file of result.files) {
        expect(file.content, file.path).not.toContain('c2VjcmV0LXB1bGwtc2VjcmV0LXRva2Vu');
        expect(file.content, file.path).not.toContain('"auths"');
      }
    });
  });
}

describe('refusal and --force', () => {
  const [first] = examples();
  // Two nodes with the same cluster IP: an error of the plan rules.
  const broken = first!.text.replace(/cluster: (\d+\.\d+\.\d+)\.12\b/, 'cluster: $1.11');

  it('refuses a plan with errors: no files, the errors returned', () => {
    expect(broken).not.toBe(first!.text);
    const result = bundleOf(broken);
    expect(result.refused).toBe(true);
    expect(result.files).toEqual([]);
    expect(result.findings.some((f) => f.severity === 'error')).toBe(true);
  });

  it('--force generates and records forced: true with the errors', () => {
    const result = bundleOf(broken, { force: true });
    expect(result.refused).toBe(false);
    const validation = JSON.parse(contentOf(result, 'validation.json')!);
    expect(validation.forced).toBe(true);
    expect(validation.errors).toBeGreaterThan(0);
    expect(validation.findings.some((f: { severity: string }) => f.severity === 'error')).toBe(true);
  });

  it('a site without gitops is refused with gitops.missing unless forced', () => {
    const check = checkSiteText(first!.text);
    const site = structuredClone(check.site!);
    delete site.gitops;
    const refused = generateBundle(site, { toolVersion: 't' });
    expect(refused.refused).toBe(true);
    expect(refused.findings).toContainEqual(expect.objectContaining({ id: 'gitops.missing', step: 'gitops' }));
    expect(generateBundle(site, { toolVersion: 't', force: true }).refused).toBe(false);
  });
});

describe('pull secret parsing', () => {
  it('accepts a docker config with auths and refuses anything else with a reason', () => {
    expect(parsePullSecret(PULL_SECRET)).toEqual({ ok: true, value: PULL_SECRET });
    expect(parsePullSecret('not json')).toMatchObject({ ok: false, problem: expect.stringContaining('not JSON') });
    expect(parsePullSecret('{"user": "x"}')).toMatchObject({ ok: false, problem: expect.stringContaining('no "auths"') });
    expect(parsePullSecret('{"auths": {}}')).toMatchObject({ ok: false, problem: expect.stringContaining('empty') });
  });
});

describe('checks on what is generated', () => {
  it('turns a schema error, a CNI error and an NMState error of a generated object into error findings', async () => {
    const { checkGenerated } = await import('../../../main/core/generate/bundle/checks');
    const site = examples()[0]!.site;
    const issues = checkGenerated(site, [
      {
        path: 'odf/broken.yaml',
        objects: [
          { apiVersion: 'ocs.openshift.io/v1', kind: 'StorageCluster', metadata: { name: 'x', namespace: 'openshift-storage' }, spec: { flexibleScalling: true } },
          { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'n', namespace: 'default' }, spec: { config: '{}' } },
          {
            apiVersion: 'nmstate.io/v1',
            kind: 'NodeNetworkConfigurationPolicy',
            metadata: { name: 'p' },
            spec: { nodeSelector: { 'kubernetes.io/hostname': site.nodes[0]!.hostname }, desiredState: { interfaces: [{ name: 'v', type: 'vlan', state: 'up', vlan: { 'base-iface': 'nope0', id: 5 } }] } },
          },
        ],
      },
    ]);
    const ids = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.id));
    expect([...ids].sort()).toEqual(['generate.cni-invalid', 'generate.nmstate-invalid', 'generate.schema-invalid']);
    expect(issues.find((i) => i.id === 'generate.schema-invalid')!.message).toContain('gitops/odf/broken.yaml: StorageCluster x /spec/flexibleScalling: unknown field');
  });
});
