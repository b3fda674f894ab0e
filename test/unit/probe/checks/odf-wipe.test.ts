// What is on an ODF device against the wipe acknowledgement (nodes[].disks.wipe), with the
// discovery evidence a real lsblk gives: partitions, whole-disk signatures (LVM2_member), holders.
// plant-a: acp-1's third ODF device is /dev/disk/by-path/pci-0000:60:00.0-nvme-1 = nvme2n1.
import { describe, expect, it } from 'vitest';
import { checkInventories } from '../../../../main/core/probe/checks';
import type { NodeInventory } from '../../../../main/core/probe/inventory';
import type { Site } from '../../../../main/core/site/schema';
import type { Finding } from '../../../../main/core/validation/finding';
import { exampleSite } from '../../../helpers/example-site';
import { COLLECTED_AT, disk, healthyInventories } from '../inventory-builder';

const NVME2 = '/dev/disk/by-path/pci-0000:60:00.0-nvme-1';

function run(change: (inv: NodeInventory[], site: Site) => void): Finding[] {
  const site = exampleSite();
  const inventories = healthyInventories();
  change(inventories, site);
  return checkInventories(site, inventories, [], { laptopTime: Date.parse(COLLECTED_AT) });
}
const nvme2 = (inv: NodeInventory[]) => inv[0]!.facts.disks[3]!;
const byId = (findings: Finding[], id: string) => findings.filter((f) => f.id === id);
/** An old OS install: GPT, an xfs partition and an LVM physical volume with a volume group on it. */
const oldInstall = (inv: NodeInventory[]) =>
  Object.assign(nvme2(inv), {
    partitions: [
      { name: 'nvme2n1p1', fstype: 'xfs', mountpoints: [] },
      { name: 'nvme2n1p2', fstype: 'LVM2_member', mountpoints: [] },
    ],
    holders: ['rhel-root'],
    signatures: ['partition table (gpt)', 'xfs', 'LVM2_member'],
  });
/** A whole-disk LVM physical volume, no partition table: the installer leaves it, only the wipe clears it. */
const wholeDiskLvm = (inv: NodeInventory[]) => Object.assign(nvme2(inv), { fstype: 'LVM2_member', holders: ['vg_data-lv0'], signatures: ['LVM2_member'] });

describe('ODF device contents and the wipe acknowledgement', () => {
  it('an empty device: no finding', () => {
    const findings = run(() => undefined);
    expect(findings.filter((f) => /wipe|not-empty|contents/.test(f.id))).toEqual([]);
  });

  it('holds data, not acknowledged: an error with the evidence and the field to acknowledge in', () => {
    const [f, ...rest] = byId(run(wholeDiskLvm), 'hw.odf-device-not-empty');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'error', path: '/layout/disks/odf/2', step: 'disks' });
    expect(f!.message).toContain('acp-1: ODF device nvme2n1 holds LVM2_member on the whole disk and vg_data-lv0 on top of it');
    expect(f!.message).toContain('Ceph makes no OSD on it: ODF is one device short on acp-1');
    expect(f!.hint).toContain(`add ${NVME2} to nodes[0].disks.wipe`);
  });

  it('a partitioned device, not acknowledged: says the installer clears its partition table anyway', () => {
    const [f] = byId(run(oldInstall), 'hw.odf-device-not-empty');
    expect(f!.severity).toBe('error');
    expect(f!.message).toContain('holds partition nvme2n1p1 (xfs), partition nvme2n1p2 (LVM2_member), rhel-root on top of it and signatures partition table (gpt)');
    expect(f!.message).toContain('The installer zeroes its partition table at install, so this data is lost either way');
  });

  it('holds data, acknowledged: no error, a note of what is lost at the wipe entry', () => {
    const findings = run((inv, site) => {
      wholeDiskLvm(inv);
      site.nodes[0]!.disks = { wipe: [NVME2] };
    });
    expect(byId(findings, 'hw.odf-device-not-empty')).toEqual([]);
    const [f] = byId(findings, 'hw.odf-device-wipe');
    expect(f).toMatchObject({ severity: 'info', path: '/nodes/0/disks/wipe/0' });
    expect(f!.message).toBe('acp-1: nvme2n1 will be wiped by the Local Storage Operator: LVM2_member on the whole disk and vg_data-lv0 on top of it lost.');
    expect(findings.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('acknowledged on one node only: the same device on another node still needs it', () => {
    const findings = run((inv, site) => {
      wholeDiskLvm(inv);
      Object.assign(inv[1]!.facts.disks[3]!, { fstype: 'xfs', signatures: ['xfs'] });
      site.nodes[0]!.disks = { wipe: [NVME2] };
    });
    expect(byId(findings, 'hw.odf-device-not-empty').map((f) => f.message.split(':')[0])).toEqual(['acp-2']);
  });

  it('acknowledged but empty: an info, nothing to wipe', () => {
    const [f] = byId(run((_inv, site) => void (site.nodes[2]!.disks = { wipe: [NVME2] })), 'hw.odf-wipe-nothing');
    expect(f).toMatchObject({ severity: 'info', path: '/nodes/2/disks/wipe/0' });
    expect(f!.message).toContain('acp-3: nvme2n1 is acknowledged for wiping, but discovery shows it empty: there is nothing to wipe (harmless)');
  });

  it('contents unknown: a warning that says what happens either way; acknowledged: it will be wiped', () => {
    const unknown = byId(run((inv) => void (nvme2(inv).unknown = ['contents'])), 'hw.odf-device-contents-unknown');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.message).toContain('If it is empty ODF uses it; if it holds data, Ceph makes no OSD on it unless the wipe is acknowledged');
    const acknowledged = run((inv, site) => {
      nvme2(inv).unknown = ['contents'];
      site.nodes[0]!.disks = { wipe: [NVME2] };
    });
    expect(byId(acknowledged, 'hw.odf-device-contents-unknown')).toEqual([]);
    expect(byId(acknowledged, 'hw.odf-device-wipe')[0]!.message).toContain('whatever is on it is lost (contents unknown)');
  });

  it('acknowledged, with partitions the installer does not clear (a multipath LUN): the wipe cannot reach it', () => {
    const findings = run((inv, site) => {
      inv[0]!.facts.disks[3] = disk('dm-3', '', 3.84e12, {
        type: 'mpath',
        path: '/dev/mapper/mpathc',
        byPath: [],
        byId: ['/dev/disk/by-id/dm-uuid-mpath-3600a0980383146'],
        multipathPaths: ['sdm', 'sdn'],
        partitions: [{ name: 'dm-4', fstype: 'ext4', mountpoints: [] }],
        signatures: ['partition table (dos)', 'ext4'],
      });
      site.nodes[0]!.disks = { odf: ['/dev/disk/by-path/pci-0000:5e:00.0-nvme-1', '/dev/disk/by-id/dm-uuid-mpath-3600a0980383146'], wipe: ['/dev/disk/by-id/dm-uuid-mpath-3600a0980383146'] };
    });
    const [f] = byId(findings, 'hw.odf-device-partitions-kept');
    expect(f).toMatchObject({ severity: 'error', path: '/nodes/0/disks/odf/1' });
    expect(f!.hint).toContain('wipefs -a /dev/mapper/mpathc');
  });

  it('a disk not in the plan with a partition table: a warning that the installer clears it', () => {
    const findings = run((inv) => {
      inv[1]!.facts.disks.push(disk('sdb', '/dev/disk/by-path/pci-0000:3b:00.0-ata-2', 960e9, { partitions: [{ name: 'sdb1', fstype: 'ext4', mountpoints: [] }], signatures: ['partition table (gpt)', 'ext4'] }));
    });
    const [f, ...rest] = byId(findings, 'hw.disk-partition-table-cleared');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ severity: 'warning', path: '/nodes/1/disks' });
    expect(f!.message).toContain('acp-2: sdb is not in the plan, yet the installer zeroes its partition table at install');
    expect(f!.message).toContain('partition sdb1 (ext4) and signatures partition table (gpt) become unreadable');
    // A blank extra disk, or a removable one, is left alone.
    const blank = run((inv) => void inv[1]!.facts.disks.push(disk('sdc', '/dev/disk/by-path/x', 960e9)));
    expect(byId(blank, 'hw.disk-partition-table-cleared')).toEqual([]);
  });
});
