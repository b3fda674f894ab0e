// NTP findings from chronyd -Q answers, on plant-a (10.10.0.3 and ntp2.plant-a.example.com).
import { describe, expect, it } from 'vitest';
import type { NodeInventory } from '../../../main/core/probe/inventory';
import { findingsOf, plantInventories, plantOf, plantSite, resultOf } from './checks-fixture';

function ntp(change: (inv: NodeInventory[]) => void = () => {}) {
  const site = plantSite();
  const inventories = plantInventories(site);
  change(inventories);
  return findingsOf(site, inventories).filter((f) => f.id.startsWith('plant.ntp-'));
}

describe('plant NTP checks', () => {
  it('find nothing when every source answers with a small offset', () => {
    expect(ntp()).toEqual([]);
  });

  it('plant.ntp-silent: a source that does not answer, under its plan entry', () => {
    const findings = ntp((inv) => inv.forEach((n) => Object.assign(resultOf(plantOf(n), 'ntp', (r) => r.server === '10.10.0.3'), { status: 'no-answer', offsetSeconds: undefined })));
    expect(findings).toEqual([
      {
        id: 'plant.ntp-silent',
        severity: 'error',
        path: '/cluster/ntpServers/0',
        step: 'site',
        message:
          'The NTP server 10.10.0.3 did not answer (asked 10.10.0.3 with chronyd -Q, no reply; seen from acp-1, acp-2 and acp-3): check that 10.10.0.3 serves NTP and that the cluster network 10.10.0.0/24 reaches it on UDP port 123.',
      },
    ]);
  });

  it('plant.ntp-silent: a source name that does not resolve', () => {
    const [f] = ntp((inv) => Object.assign(resultOf(plantOf(inv[0]!), 'ntp', (r) => r.server.startsWith('ntp2')), { status: 'unresolved', offsetSeconds: undefined }));
    expect(f).toMatchObject({ id: 'plant.ntp-silent', path: '/cluster/ntpServers/1' });
    expect(f!.message).toContain('the name ntp2.plant-a.example.com does not resolve on the node; seen from acp-1): add an A record for ntp2.plant-a.example.com on the plant DNS');
  });

  it('plant.ntp-offset: a node clock more than 1 s off, named per node', () => {
    const [f, ...rest] = ntp((inv) => {
      resultOf(plantOf(inv[1]!), 'ntp', (r) => r.server === '10.10.0.3').offsetSeconds = -2.5;
      resultOf(plantOf(inv[2]!), 'ntp', (r) => r.server === '10.10.0.3').offsetSeconds = 0.9;
    });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ id: 'plant.ntp-offset', severity: 'warning', path: '/cluster/ntpServers/0' });
    expect(f!.message).toBe(
      'The clock of acp-2 is 2.5 s behind the NTP server 10.10.0.3 (asked 10.10.0.3 with chronyd -Q, offset -2.5 s): let the node synchronise with 10.10.0.3 (chronyc makestep), or correct its BIOS clock, before the install.',
    );
  });

  it('plant.ntp-not-checked: chronyd missing on a node', () => {
    const findings = ntp((inv) => plantOf(inv[0]!).ntp.forEach((r) => Object.assign(r, { status: 'no-tool', message: 'chronyd is not installed' })));
    expect(findings.map((f) => [f.id, f.severity, f.path])).toEqual([
      ['plant.ntp-not-checked', 'info', '/cluster/ntpServers/0'],
      ['plant.ntp-not-checked', 'info', '/cluster/ntpServers/1'],
    ]);
    expect(findings[0]!.message).toBe('The NTP server 10.10.0.3 was not checked (chronyd is not installed; seen from acp-1): install chrony on the node, or probe from an image that has it, then probe again.');
  });
});
