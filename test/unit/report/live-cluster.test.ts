// Section 8 of the handover report: the live cluster as last verified, or a plain note that
// the site was not verified on a live cluster yet (or that the stored file cannot be read).
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVerification, saveVerification, verificationPath } from '../../../main/core/cluster/verification-store';
import { renderReport } from '../../../main/core/report';
import { NOT_VERIFIED } from '../../../main/core/report/sections/live-cluster';
import { plantAVerification } from '../../helpers/live-verification';
import { reportInput, sectionOf } from './fixtures';

describe('live cluster section', () => {
  it('says the site was not verified on a live cluster yet when nothing is stored', () => {
    for (const liveCluster of [undefined, { state: 'absent' as const }]) {
      const html = renderReport({ ...reportInput('plant-a', false), ...(liveCluster ? { liveCluster } : {}) });
      const live = sectionOf(html, 'live-cluster');
      expect(live).toContain(NOT_VERIFIED);
      expect(live).toContain('sitekit cluster verify site.yaml');
      // It comes after the inventory and before the versions, which stay last.
      expect(html.indexOf('id="inventory"')).toBeLessThan(html.indexOf('id="live-cluster"'));
      expect(html.indexOf('id="live-cluster"')).toBeLessThan(html.indexOf('id="versions"'));
    }
  });

  it('shows when it was verified, the nodes, the checks, operators, ODF, applications, drift and HA findings', () => {
    const v = plantAVerification();
    const live = sectionOf(renderReport({ ...reportInput('plant-a', true), liveCluster: { state: 'ok', verification: v } }), 'live-cluster');
    expect(live).toContain('2026-11-24 09:15:00 UTC');
    expect(live).toContain('https://api.acp.plant-a.example.com:6443');
    expect(live).toContain('data-live="problems"');
    for (const text of ['acp-1', 'acp-3', '10.10.10.13', 'Ingress VIP', 'HEALTH_OK', 'plant-a-nmstate', 'historian', 'ha.single-replica']) {
      expect(live, text).toContain(text);
    }
    // Settled operators are counted with their version, not listed one by one.
    expect(live).toContain('2 of 2 cluster operators available, not progressing and not degraded (version 4.16.12).');
    expect(live).not.toContain('<code>kube-apiserver</code>');
    expect(live).toContain('spec.desiredState.interfaces[name=bond0].mtu</code>: 9000 → 1500');
    // Objects as in the bundle are counted, not listed.
    expect(live).not.toContain('odf/namespace.yaml');
  });

  it('says what keeps the cluster from matching, and never "matches" while something is unhealthy or unread', () => {
    const v = plantAVerification();
    const problems = sectionOf(renderReport({ ...reportInput('plant-a', false), liveCluster: { state: 'ok', verification: v } }), 'live-cluster');
    expect(problems).toContain('<div>1 object drifted or missing</div>');
    // A file an older Sitekit wrote with state 'ok' although an Application is Degraded and an object could not be read.
    const clean = plantAVerification({ ha: [], state: 'ok', applications: [{ name: 'plant-a-odf', sync: 'Synced', health: 'Degraded', message: 'x' }] });
    const older = { ...clean, drift: { ...clean.drift, summary: { same: 1, different: 0, missing: 0, unknown: 1 } } };
    const live = sectionOf(renderReport({ ...reportInput('plant-a', false), liveCluster: { state: 'ok', verification: older } }), 'live-cluster');
    expect(live).toContain('data-live="problems"');
    expect(live).not.toContain('The live cluster matches the plan');
    expect(live).toContain('1 Argo CD application not Synced and Healthy · 1 bundle object could not be compared');
  });

  it('lists the operators that are not settled, with their message', () => {
    const v = plantAVerification({
      operators: [
        { name: 'kube-apiserver', available: true, progressing: false, degraded: false, version: '4.16.12' },
        { name: 'machine-config', available: true, progressing: false, degraded: true, version: '4.16.12', message: 'Failed to resync 4.16.12 because: pool master degraded' },
      ],
    });
    const live = sectionOf(renderReport({ ...reportInput('plant-a', false), liveCluster: { state: 'ok', verification: v } }), 'live-cluster');
    expect(live).toContain('1 of 2 cluster operators available, not progressing and not degraded (version 4.16.12); the others:');
    expect(live).toContain('<code>machine-config</code>');
    expect(live).toContain('pool master degraded');
    expect(live).not.toContain('<code>kube-apiserver</code>');
  });

  it('escapes what the cluster reported', () => {
    const v = plantAVerification({ applications: [{ name: '<script>x</script>', message: '"><img src=x>' }] });
    const live = sectionOf(renderReport({ ...reportInput('plant-a', false), liveCluster: { state: 'ok', verification: v } }), 'live-cluster');
    expect(live).not.toContain('<script>');
    expect(live).not.toContain('<img');
    expect(live).toContain('&lt;script&gt;');
  });

  it('is stored next to the plan and read back; a broken file is reported, not taken for "not verified"', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sitekit-verification-'));
    try {
      expect(await loadVerification(dir)).toEqual({ state: 'absent' });
      const v = plantAVerification();
      await saveVerification(dir, v);
      expect(verificationPath(dir)).toBe(path.join(dir, '.sitekit', 'cluster', 'verification.json'));
      expect(await loadVerification(dir)).toEqual({ state: 'ok', verification: v });
      await writeFile(verificationPath(dir), '{"verifiedAt": 1}');
      const broken = await loadVerification(dir);
      expect(broken.state).toBe('unreadable');
      const live = sectionOf(renderReport({ ...reportInput('plant-a', false), liveCluster: broken }), 'live-cluster');
      expect(live).toContain('The stored verification cannot be read.');
      await rm(verificationPath(dir));
      await mkdir(verificationPath(dir));
      expect((await loadVerification(dir)).state).toBe('unreadable');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
