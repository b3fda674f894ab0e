// The commit message: verdict line (ready or not, by the readiness checklist), site summary,
// the checklist, findings by wizard step, probe times and the override when forced.
import { describe, expect, it } from 'vitest';
import { commitMessage } from '../../../main/core/export/commit-message';
import { readiness, type ReadinessFacts } from '../../../main/core/readiness';
import { requiredSecrets } from '../../../main/core/site/required-secrets';
import type { Finding } from '../../../main/core/validation/finding';
import { exampleSite } from '../../helpers/example-site';

const finding = (severity: Finding['severity'], step: Finding['step']): Finding => ({ id: 'x', severity, step, path: '/x', message: 'm' });

const site = exampleSite();
const nodes = site.nodes.map((n) => n.hostname);
const allDone = (over: Partial<ReadinessFacts> = {}) =>
  readiness({
    findings: [],
    nodes,
    discovered: nodes,
    requiredSecrets: requiredSecrets(site),
    storedSecrets: requiredSecrets(site).map((s) => s.name),
    bundle: { written: true, forced: false },
    exported: { state: 'this-commit' },
    ...over,
  });

describe('commitMessage', () => {
  it('summarises a clean, unprobed site: not ready, with the checklist saying why', () => {
    const r = allDone({ discovered: [], storedSecrets: undefined });
    const message = commitMessage({ site, findings: [], toolVersion: '1.2.3', probed: [], forced: false, readiness: r });
    const lines = message.split('\n');
    expect(lines[0]).toBe('plant-a: not ready, 0 errors, 0 warnings — Sitekit 1.2.3');
    expect(lines[1]).toBe('');
    expect(message).toContain('Cluster acp.plant-a.example.com, OpenShift 4.18\nNodes: acp-1 (10.10.0.11), acp-2 (10.10.0.12), acp-3 (10.10.0.13)');
    expect(message).toContain('Readiness — Not ready: 1 not done, 1 not known here.\n');
    expect(message).toContain('  [not done]  Hardware discovered and matching: No node has been discovered yet (acp-1, acp-2, acp-3).\n');
    expect(message).toMatch(/ {2}\[not known\] Secrets present: The plan needs pull-secret \(/);
    expect(message).toContain('  [done]      Exported: This bundle is the content of the export commit on the site branch.\n');
    expect(message).toContain('  Storage & virtualization: 0 errors, 0 warnings');
    expect(message).toContain('Hardware not probed');
    expect(message).not.toContain('Override');
    expect(message.endsWith('\n')).toBe(true);
  });

  it('says "ready" only when every item of the checklist is done', () => {
    const message = commitMessage({ site, findings: [], toolVersion: '1.2.3', probed: [], forced: false, readiness: allDone() });
    expect(message.split('\n')[0]).toBe('plant-a: ready, 0 errors, 0 warnings — Sitekit 1.2.3');
    expect(message).toContain('Readiness — Ready: every item of the checklist is done.\n');
  });

  it('counts by step, lists probe times in node order and records the override', () => {
    const findings = [finding('error', 'networks'), finding('error', 'networks'), finding('warning', 'disks'), finding('info', 'disks')];
    const message = commitMessage({
      site,
      findings,
      toolVersion: '1.2.3',
      probed: [
        { node: 'acp-2', collectedAt: '2026-11-21T12:05:00Z' },
        { node: 'acp-1', collectedAt: '2026-11-21T12:00:00Z' },
      ],
      forced: true,
      readiness: allDone({ findings, bundle: { written: true, forced: true } }),
    });
    expect(message.split('\n')[0]).toBe('plant-a: not ready, 2 errors, 1 warning — Sitekit 1.2.3');
    expect(message).toContain('  [problem]   Bundle written: Written with 2 errors overridden');
    expect(message).toContain('  Networks: 2 errors, 0 warnings\n  Disks: 0 errors, 1 warning\n');
    expect(message).toContain('Hardware probed: acp-1 at 2026-11-21T12:00:00Z, acp-2 at 2026-11-21T12:05:00Z');
    expect(message).toContain('Override: exported with 2 errors in the plan (forced; recorded in validation.json)');
  });
});
