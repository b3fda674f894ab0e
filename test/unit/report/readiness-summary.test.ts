// The report's summary is the readiness checklist: never "Ready" from "no errors, no
// warnings" alone; "Ready" only when every item is done.
import { describe, expect, it } from 'vitest';
import { readiness } from '../../../main/core/readiness';
import { renderReport, type ReportInput } from '../../../main/core/report';
import { requiredSecrets } from '../../../main/core/site/required-secrets';
import { esc } from '../../../main/core/report/escape';
import { GENERATED_AT, exampleCheck, sectionOf } from './fixtures';

const { site, text } = exampleCheck('plant-a');
const nodes = site.nodes.map((n) => n.hostname);
// A plan without findings: what the old summary called "Ready: no errors, no warnings".
const clean: ReportInput = { site, siteText: text, findings: [], inventories: [], generatedAt: GENERATED_AT, toolVersion: '1.2.3' };
const summary = (input: ReportInput) => sectionOf(renderReport(input), 'summary');

describe('report summary: readiness', () => {
  it('a plan without findings, never probed, written on its own: "Not ready", with every item and why', () => {
    const html = summary(clean);
    expect(html).not.toMatch(/Ready: no errors|>Ready/);
    expect(html).toContain('data-ready="no"');
    expect(html).toContain('Not ready: 1 not done, 3 not known here.');
    expect(html).toContain('<li data-item="plan" data-state="done">');
    expect(html).toContain('<li data-item="hardware" data-state="not-done">');
    expect(html).toContain(esc('No node has been discovered yet (acp-1, acp-2, acp-3).'));
    expect(html).toContain('<li data-item="secrets" data-state="unknown">');
    expect(html).toContain('The report was written without the secret store');
    expect(html).toContain('<li data-item="bundle" data-state="unknown">');
    expect(html).toContain('<li data-item="export" data-state="unknown">');
    expect(html).toContain('Hardware not probed yet');
  });

  it('what the caller knows is used: stored secrets make that item done', () => {
    const html = summary({ ...clean, readiness: { storedSecrets: requiredSecrets(site).map((s) => s.name) } });
    expect(html).toContain('<li data-item="secrets" data-state="done">');
  });

  it('"Ready" only with every item done (the report in an export commit)', () => {
    const r = readiness({
      findings: [],
      nodes,
      discovered: nodes,
      requiredSecrets: requiredSecrets(site),
      storedSecrets: requiredSecrets(site).map((s) => s.name),
      bundle: { written: true, forced: false },
      exported: { state: 'this-commit' },
    });
    const html = summary({ ...clean, readiness: r });
    expect(html).toContain('data-ready="yes"');
    expect(html).toContain('Ready: every item of the checklist is done.');
    expect(html).toContain('class="status ok"');
  });

  it('a forced bundle is a problem and the status is red', () => {
    const r = readiness({
      findings: [{ id: 'x', severity: 'error', step: 'networks', path: '/x', message: 'm' }],
      nodes,
      discovered: nodes,
      requiredSecrets: [],
      storedSecrets: [],
      bundle: { written: true, forced: true },
      exported: { state: 'this-commit' },
    });
    const html = summary({ ...clean, readiness: r });
    expect(html).toContain('class="status errors"');
    expect(html).toContain('<li data-item="bundle" data-state="problem"><span class="badge error">✗ problem</span>');
    expect(html).toContain(esc('"Generate anyway"'));
  });
});
