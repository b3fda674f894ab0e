// The report and the wizard's Disks picture say the same about each disk: both take their words
// from main/core/disks/disk-fate.ts, so an acknowledged, a held and a cleared disk read alike,
// and both draw the one disk model, main/core/disks/picture-model.ts.
import { describe, expect, it } from 'vitest';
import type { InventoryView } from '../../../main/contract/api';
import { renderReport } from '../../../main/core/report';
import { esc } from '../../../main/core/report/escape';
import { diskLayoutModel } from '../../../main/core/disks/picture-model';
import { disk } from '../probe/inventory-builder';
import { reportInput, sectionOf } from '../report/fixtures';

const NVME2 = '/dev/disk/by-path/pci-0000:60:00.0-nvme-1';

describe('the report and the Disks picture say the same', () => {
  const input = reportInput('plant-a', true, (inv) => {
    Object.assign(inv[0]!.facts.disks[3]!, { fstype: 'LVM2_member', holders: ['vg_old-data'], signatures: ['LVM2_member'] });
    Object.assign(inv[1]!.facts.disks[3]!, { fstype: 'xfs', signatures: ['xfs'] });
    inv[2]!.facts.disks.push(disk('sdb', '/dev/disk/by-path/pci-0000:3b:00.0-ata-2', 960e9, { partitions: [{ name: 'sdb1', fstype: 'ext4', mountpoints: [] }], signatures: ['partition table (gpt)', 'ext4'] }));
  });
  input.site.nodes[0]!.disks = { wipe: [NVME2] };
  const section = sectionOf(renderReport(input), 'disks');
  const views = input.inventories.map(({ sections: _s, ...view }) => view) as InventoryView[];
  const model = diskLayoutModel(input.site, views, []);
  const fateOf = (node: number, name: string) => model.nodes[node]!.pictures.find((p) => p.disk?.name === name)!.fate.text;

  it('acknowledged on acp-1, held on acp-2, a cleared extra disk on acp-3, empty elsewhere', () => {
    const acknowledged = fateOf(0, 'nvme2n1');
    const held = fateOf(1, 'nvme2n1');
    const cleared = fateOf(2, 'sdb');
    expect(acknowledged).toBe('Will be wiped by the Local Storage Operator: LVM2_member on the whole disk and vg_old-data on top of it lost');
    expect(held).toBe('Holds xfs on the whole disk: ODF cannot use it until you acknowledge the wipe');
    expect(cleared).toBe('Partition table cleared by the installer; otherwise untouched');
    expect(fateOf(2, 'nvme2n1')).toBe('Given to ODF (empty)');
    for (const words of [acknowledged, held, cleared, 'Given to ODF (empty)', 'Will be wiped: RHCOS is installed here']) expect(section).toContain(esc(words));
    // Not what it said before: no ODF device is "wiped" without the acknowledgement.
    expect(section).not.toContain('wiped: given to ODF');
    expect(section.split(esc('Will be wiped by the Local Storage Operator')).length - 1).toBe(1);
  });

  it('one model: the boot disk listed as an ODF device is "listed twice" in both, and not counted as ODF', () => {
    const twice = reportInput('plant-a', true);
    twice.site.nodes[0]!.disks = { odf: ['/dev/disk/by-path/pci-0000:3b:00.0-ata-1', '/dev/disk/by-path/pci-0000:5e:00.0-nvme-1'] };
    const picture = diskLayoutModel(twice.site, twice.inventories, []).nodes[0]!;
    expect(picture.pictures.find((p) => p.role === 'odf' && p.odfIndex === 0)!.status).toBe('duplicate');
    expect(picture.odfFound).toBe(1);
    const acp1 = sectionOf(renderReport(twice), 'disks').split('<h3>acp-2</h3>')[0]!;
    expect(acp1).toContain('sda is the boot disk: ODF needs a disk of its own.');
    expect(acp1).toContain('Listed twice: not given to ODF');
    expect(acp1).toContain('3.84 TB raw for ODF on this node');
  });
});
