// Install-disk speed findings under the boot disk field, from fio (p99) or dd (average).
import { describe, expect, it } from 'vitest';
import type { NodeInventory } from '../../../main/core/probe/inventory';
import { findingsOf, plantInventories, plantOf, plantSite } from './checks-fixture';

function disk(change: (inv: NodeInventory[]) => void = () => {}) {
  const site = plantSite();
  const inventories = plantInventories(site);
  change(inventories);
  return findingsOf(site, inventories).filter((f) => f.id.startsWith('plant.disk-'));
}

describe('plant install-disk speed checks', () => {
  it('plant.disk-speed: a fast disk gives its figure, per node', () => {
    const findings = disk();
    expect(findings.map((f) => [f.id, f.severity, f.path, f.step])).toEqual([1, 2, 3].map(() => ['plant.disk-speed', 'info', '/layout/disks/boot', 'disks']));
    expect(findings[0]!.message).toBe(
      'The boot disk of acp-1 needs 1.8 ms per synced write, within the 10 ms etcd needs (/dev/sda: 1.8 ms, 99th percentile of fdatasync, fio as the Assisted Installer runs it): nothing to do.',
    );
  });

  it('plant.disk-slow: fio p99 above the threshold', () => {
    const findings = disk((inv) => Object.assign(plantOf(inv[1]!).diskSpeed!, { syncMs: 23.4 }));
    const slow = findings.filter((f) => f.id === 'plant.disk-slow');
    expect(slow).toHaveLength(1);
    expect(slow[0]).toMatchObject({ severity: 'warning', path: '/layout/disks/boot' });
    expect(slow[0]!.message).toContain('The boot disk of acp-2 is too slow for etcd: 23.4 ms per synced write, at most 10 ms allowed (/dev/sda');
    expect(slow[0]!.message).toContain('the Assisted Installer reports the same (sufficient-installation-disk-speed).');
  });

  it('plant.disk-slow: a dd figure says it is an average, an approximation', () => {
    const [f] = disk((inv) => Object.assign(plantOf(inv[0]!).diskSpeed!, { tool: 'dd', measure: 'average', syncMs: 14 })).filter((x) => x.id === 'plant.disk-slow');
    expect(f!.message).toContain('14 ms, average per synced write, dd: an approximation, the Assisted Installer measures the 99th percentile with fio');
  });

  it('plant.disk-speed-not-measured: not asked (opt-in), or fio missing', () => {
    const findings = disk((inv) => {
      delete plantOf(inv[0]!).diskSpeed;
      delete plantOf(inv[1]!).diskSpeed;
      plantOf(inv[2]!).diskSpeed = { device: '/dev/sda', target: '/dev/sda', status: 'no-tool', message: 'neither fio nor dd is installed' };
    });
    expect(findings.map((f) => [f.id, f.severity])).toEqual([
      ['plant.disk-speed-not-measured', 'info'],
      ['plant.disk-speed-not-measured', 'info'],
    ]);
    expect(findings[0]!.message).toBe(
      'The install-disk speed was not measured (it is opt-in: the test writes 22 MiB at the start of the empty boot disk, then zeroes it again; seen from acp-1 and acp-2): probe with the disk speed test (sitekit probe --disk-speed) to measure it.',
    );
    expect(findings[1]!.message).toContain('(/dev/sda: no-tool, neither fio nor dd is installed; seen from acp-3): install fio on the node');
  });

  it('puts the finding under the node\'s own boot disk when it has one', () => {
    const site = plantSite();
    site.nodes[2]!.disks = { boot: { deviceName: '/dev/disk/by-path/pci-0000:3b:00.0-ata-1' } };
    const inventories = plantInventories(site);
    Object.assign(plantOf(inventories[2]!).diskSpeed!, { syncMs: 40 });
    const [f] = findingsOf(site, inventories).filter((x) => x.id === 'plant.disk-slow');
    expect(f).toMatchObject({ path: '/nodes/2/disks/boot', step: 'disks' });
  });
});
