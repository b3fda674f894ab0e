// generateBundle scans everything that enters the bundle — the plan as written (comments
// included), the extra files (inventories, report) and what it generates — and refuses a bundle
// with a secret, --force or not, naming file and line. The corpus is test/fixtures/secrets (fake
// values, see its README); the examples with real-shaped inventories, hardware evidence and their
// report must give no finding at all.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SecretKind } from '../../../main/core/export/secret-scan';
import { generateBundle, secretFindings, type BundleOptions, type BundleResult } from '../../../main/core/generate/bundle';
import type { GeneratedFile } from '../../../main/core/generate/files';
import type { NodeInventory } from '../../../main/core/probe/inventory';
import { reportFile } from '../../../main/core/report';
import { checkSiteText } from '../../../main/core/site/check';
import { EXAMPLES, exampleCheck, GENERATED_AT, reportInput } from '../report/fixtures';

const CORPUS = fileURLToPath(new URL('../../fixtures/secrets/', import.meta.url));
const HW = fileURLToPath(new URL('../../fixtures/hw/', import.meta.url));
const EXPECTED = JSON.parse(readFileSync(path.join(CORPUS, 'expected.json'), 'utf8')) as Record<string, { what: string; kind: SecretKind; lines: [number, number] }[]>;

const corpus = (file: string) => readFileSync(path.join(CORPUS, file), 'utf8');

function bundleOf(text: string, options: Partial<BundleOptions> = {}): BundleResult {
  const check = checkSiteText(text);
  if (!check.site) throw new Error('the corpus plan does not parse');
  return generateBundle(check.site, { siteText: text, findings: check.findings, toolVersion: '0.0.0-test', now: new Date(GENERATED_AT), ...options });
}

/** `path:line kind` of every finding, for readable failures. */
const where = (result: BundleResult) => result.secrets.map((s) => `${s.path}:${s.line} ${s.kind}`);

/** Each secret planted in a corpus plan, as `site.yaml:<line> <kind>` of the line the scan must name. */
function plantedInPlan(file: string): string[] {
  return EXPECTED[file]!.map((p) => `site.yaml:${p.lines[0]} ${p.kind}`);
}

describe('a bundle with a secret is refused, --force or not', () => {
  for (const file of ['plan-comments.site.yaml', 'plan-values.site.yaml', 'plan-block-scalars.site.yaml']) {
    it(`${file}: every planted secret named by file and line, nothing written`, () => {
      for (const force of [false, true]) {
        const result = bundleOf(corpus(file), { force });
        expect(result.refused, `force: ${force}`).toBe(true);
        expect(result.files, `force: ${force}`).toEqual([]);
        expect(where(result).filter((w) => w.startsWith('site.yaml:')), `force: ${force}`).toEqual(plantedInPlan(file));
      }
    });
  }

  it('finds what a plan value carries into the generated files (GitOps NADs, install-config.yaml)', () => {
    const values = where(bundleOf(corpus('plan-values.site.yaml'), { force: true }));
    expect(values).toContainEqual(expect.stringMatching(/^gitops\/virtualization\/nad-vm-prod\.yaml:\d+ pull-secret$/));
    expect(values).toContainEqual(expect.stringMatching(/^gitops\/virtualization\/nad-vm-ot\.yaml:\d+ token$/));
    const blocks = where(bundleOf(corpus('plan-block-scalars.site.yaml'), { force: true }));
    expect(blocks).toContainEqual(expect.stringMatching(/^install\/install-config\.yaml:\d+ private-key$/));
  });

  it('a plan refused for its errors still names the secrets of what was handed in', () => {
    const broken = corpus('plan-comments.site.yaml').replace('cluster: 10.10.0.12', 'cluster: 10.10.0.11');
    const result = bundleOf(broken);
    expect(result.refused).toBe(true);
    expect(result.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(where(result)).toEqual(plantedInPlan('plan-comments.site.yaml'));
  });

  it('finds secrets in the inventories and the report that travel in the bundle', () => {
    const { site, text, findings } = exampleCheck('plant-a');
    const inventoryText = corpus('inventory/acp-1.json');
    const inventory = JSON.parse(inventoryText) as NodeInventory;
    // The report of the plan with secrets in its values, with the corpus inventory: values are HTML-escaped there.
    const values = checkSiteText(corpus('plan-values.site.yaml'));
    const report = reportFile({ site: values.site!, siteText: corpus('plan-values.site.yaml'), findings: values.findings, inventories: [inventory], generatedAt: GENERATED_AT, toolVersion: 't' });
    const extraFiles: GeneratedFile[] = [{ path: 'inventory/acp-1.json', content: inventoryText }, report];
    const result = generateBundle(site, { siteText: text, findings, toolVersion: 't', extraFiles, force: true });
    expect(result.refused).toBe(true);
    expect(result.files).toEqual([]);
    expect(where(result).filter((w) => w.startsWith('inventory/'))).toEqual(EXPECTED['inventory/acp-1.json']!.map((p) => `inventory/acp-1.json:${p.lines[0]} ${p.kind}`));
    const inReport = result.secrets.filter((s) => s.path === 'report.html');
    const lines = report.content.split('\n');
    // The login in quotes reaches the report as &quot;auth&quot;: &quot;…&quot; and is still found.
    const escaped = lines.findIndex((l) => l.includes('&quot;auth&quot;')) + 1;
    expect(escaped).toBeGreaterThan(0);
    expect(inReport).toContainEqual(expect.objectContaining({ line: escaped, kind: 'pull-secret' }));
    expect(inReport.length).toBeGreaterThanOrEqual(3); // location, description, the login, the webhook
  });

  it('secretFindings turns hits into error findings of the export step, naming file and line only', () => {
    const result = bundleOf(corpus('plan-comments.site.yaml'));
    const findings = secretFindings(result.secrets);
    expect(findings).toHaveLength(result.secrets.length);
    expect(findings[0]).toMatchObject({ id: 'bundle.secret', severity: 'error', step: 'export', path: '' });
    expect(findings[0]!.message).toMatch(/^site\.yaml:31: looks like a password/);
  });
});

/** An inventory whose sections carry every hardware fixture as raw output. */
function hardwareEvidence(node: string): GeneratedFile {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? files(path.join(dir, name)) : [path.join(dir, name)]));
  const sections = Object.fromEntries(files(HW).map((f) => [path.relative(HW, f), { ok: true, stdout: readFileSync(f, 'utf8') }]));
  return { path: `inventory/${node}-hw-evidence.json`, content: JSON.stringify({ node, sections }, null, 2) + '\n' };
}

describe('no false positives on real material', () => {
  for (const name of EXAMPLES) {
    it(`${name}: its bundle with inventories, hardware evidence and report passes; one comment secret added is the only finding`, () => {
      const input = reportInput(name, true);
      const check = exampleCheck(name);
      const inventories = input.inventories.map((i) => ({ path: `inventory/${i.node}.json`, content: JSON.stringify(i, null, 2) + '\n' }));
      const extraFiles = [...inventories, hardwareEvidence(check.site.nodes[0]!.hostname), reportFile(input)];
      const result = bundleOf(check.text, { extraFiles });
      expect(where(result)).toEqual([]);
      expect(result.refused).toBe(false);
      expect(result.files.map((f) => f.path)).toEqual(expect.arrayContaining(['site.yaml', 'install/install-config.yaml', 'report.html', 'validation.json']));

      // The same, with one line of the corpus added as a comment at the end of the plan.
      const comment = corpus('plan-comments.site.yaml').split('\n')[EXPECTED['plan-comments.site.yaml']![0]!.lines[0] - 1]!;
      const planted = `${check.text}${comment}\n`;
      const refused = bundleOf(planted, { extraFiles, force: true });
      expect(where(refused)).toEqual([`site.yaml:${planted.split('\n').length - 1} password`]);
    });
  }
});
