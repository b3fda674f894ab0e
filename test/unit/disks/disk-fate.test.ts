// One set of words for what happens to a disk, used by the hardware checks, the report and the
// wizard's Disks picture (test/unit/renderer/disk-fate-words.test.ts checks those two agree).
import { describe, expect, it } from 'vitest';
import { bootFate, installerClearsPartitionTable, odfFate, otherFate } from '../../../main/core/disks/disk-fate';
import { disk } from '../probe/inventory-builder';

const NVME2 = '/dev/disk/by-path/pci-0000:60:00.0-nvme-1';
const empty = disk('nvme2n1', NVME2, 3.84e12);
const lvm = disk('nvme2n1', NVME2, 3.84e12, { fstype: 'LVM2_member', holders: ['vg_old-data'], signatures: ['LVM2_member'] });
const gpt = disk('nvme2n1', NVME2, 3.84e12, { partitions: [{ name: 'nvme2n1p1', fstype: 'xfs', mountpoints: [] }], signatures: ['partition table (gpt)', 'xfs'] });

describe('disk fates in words', () => {
  it('ODF device: empty, with data acknowledged or not, unknown, not probed', () => {
    expect(odfFate({ disk: empty, acknowledged: false })).toMatchObject({ kind: 'odf-empty', text: 'Given to ODF (empty)', destroys: false });
    expect(odfFate({ disk: empty, acknowledged: true }).text).toBe('Given to ODF (empty)');
    expect(odfFate({ disk: lvm, acknowledged: true })).toMatchObject({
      kind: 'odf-wipe',
      text: 'Will be wiped by the Local Storage Operator: LVM2_member on the whole disk and vg_old-data on top of it lost',
      destroys: true,
    });
    expect(odfFate({ disk: lvm, acknowledged: false })).toMatchObject({
      kind: 'odf-held',
      text: 'Holds LVM2_member on the whole disk and vg_old-data on top of it: ODF cannot use it until you acknowledge the wipe',
      destroys: false,
    });
    expect(odfFate({ disk: { ...empty, unknown: ['contents'] }, acknowledged: false }).kind).toBe('odf-unknown');
    expect(odfFate({ acknowledged: false }).text).toBe('Given to ODF; what is on it shows after discovery');
    expect(odfFate({ acknowledged: true }).text).toBe('Will be wiped by the Local Storage Operator (wipe acknowledged)');
  });

  it('a partition table: the installer zeroes it at install, acknowledged or not', () => {
    expect(installerClearsPartitionTable(gpt)).toBe(true);
    expect(installerClearsPartitionTable(lvm)).toBe(false);
    expect(installerClearsPartitionTable({ ...gpt, removable: true })).toBe(false);
    expect(installerClearsPartitionTable({ ...gpt, transport: 'iscsi' })).toBe(false);
    const held = odfFate({ disk: gpt, acknowledged: false });
    expect(held).toMatchObject({ kind: 'odf-held', destroys: true });
    expect(held.note).toContain('zeroes its first sector (the partition table) at install, acknowledged or not');
    expect(otherFate(gpt)).toMatchObject({ kind: 'table-cleared', text: 'Partition table cleared by the installer; otherwise untouched' });
    expect(otherFate(lvm)).toMatchObject({ kind: 'untouched', text: 'Left untouched' });
    expect(bootFate().text).toBe('Will be wiped: RHCOS is installed here');
  });
});
