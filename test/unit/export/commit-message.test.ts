// The commit message: verdict line, site summary, findings by wizard step, probe times and
// the override when forced.
import { describe, expect, it } from 'vitest';
import { commitMessage } from '../../../main/core/export/commit-message';
import type { Finding } from '../../../main/core/validation/finding';
import { exampleSite } from '../../helpers/example-site';

const finding = (severity: Finding['severity'], step: Finding['step']): Finding => ({ id: 'x', severity, step, path: '/x', message: 'm' });

describe('commitMessage', () => {
  it('summarises a clean, unprobed site', () => {
    const message = commitMessage({ site: exampleSite(), findings: [], toolVersion: '1.2.3', probed: [], forced: false });
    const lines = message.split('\n');
    expect(lines[0]).toBe('plant-a: 0 errors, 0 warnings — Sitekit 1.2.3');
    expect(lines[1]).toBe('');
    expect(message).toContain('Cluster acp.plant-a.example.com, OpenShift 4.18\nNodes: acp-1 (10.10.0.11), acp-2 (10.10.0.12), acp-3 (10.10.0.13)');
    expect(message).toContain('  Storage & virtualization: 0 errors, 0 warnings');
    expect(message).toContain('Hardware not probed');
    expect(message).not.toContain('Override');
    expect(message.endsWith('\n')).toBe(true);
  });

  it('counts by step, lists probe times in node order and records the override', () => {
    const findings = [finding('error', 'networks'), finding('error', 'networks'), finding('warning', 'disks'), finding('info', 'disks')];
    const message = commitMessage({
      site: exampleSite(),
      findings,
      toolVersion: '1.2.3',
      probed: [
        { node: 'acp-2', collectedAt: '2026-11-21T12:05:00Z' },
        { node: 'acp-1', collectedAt: '2026-11-21T12:00:00Z' },
      ],
      forced: true,
    });
    expect(message.split('\n')[0]).toBe('plant-a: 2 errors, 1 warning — Sitekit 1.2.3');
    expect(message).toContain('  Networks: 2 errors, 0 warnings\n  Disks: 0 errors, 1 warning\n');
    expect(message).toContain('Hardware probed: acp-1 at 2026-11-21T12:00:00Z, acp-2 at 2026-11-21T12:05:00Z');
    expect(message).toContain('Override: exported with 2 errors in the plan (forced; recorded in validation.json)');
  });
});
