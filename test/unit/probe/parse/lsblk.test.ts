import { describe, expect, it } from 'vitest';
import { parseDiskLinks, parseLsblk } from '../../../../main/core/probe/parse/lsblk';
import { hw } from './fixtures';

const byName = (file: string) => new Map((parseLsblk(hw(`lsblk-json/${file}`)).value ?? []).map((d) => [d.name, d]));

describe('parseLsblk', () => {
  it('reads a util-linux 2.40 -O dump: SATA SSD and NVMe with LVM, trims padded model and serial, drops loops', () => {
    const disks = byName('trident-sata-ssd-nvme-lvm-loops-util-linux-2.40-all-cols.json');
    expect([...disks.keys()]).toEqual(['sda', 'nvme0n1']);
    const nvme = disks.get('nvme0n1')!;
    expect(nvme.model).toBe('SAMSUNG MZVPV512HDGL-000H1');
    expect(nvme.serial).toBe('S27FNYAH406993');
    expect(nvme).toMatchObject({ transport: 'nvme', rotational: false, removable: false, sizeBytes: 512110190592, path: '/dev/nvme0n1' });
    expect(nvme.partitions.map((p) => p.name)).toEqual(['nvme0n1p1', 'nvme0n1p2']);
    expect(nvme.holders).toEqual(['xubuntu--vg--old-root', 'xubuntu--vg--old-swap_1']);
    expect(nvme.signatures).toContain('LVM2_member');
    expect(nvme.signatures).toContain('partition table (gpt)');
    const sda = disks.get('sda')!;
    expect(sda.vendor).toBe('ATA'); // "ATA     "
    expect(sda.model).toBe('MTFDDAK512MBF-1A');
  });

  it('turns [null] mountpoints into an empty list and keeps real ones', () => {
    const disks = byName('trident-sata-ssd-nvme-lvm-loops-util-linux-2.40-all-cols.json');
    expect(disks.get('sda')!.mountpoints).toEqual([]);
    expect(disks.get('nvme0n1')!.mountpoints).toEqual(['/_imageconfigs']); // from the LV on top
    expect(disks.get('sda')!.partitions.every((p) => Array.isArray(p.mountpoints) && !p.mountpoints.includes(null as never))).toBe(true);
  });

  it('reads an md RAID member: the array repeated under each disk becomes one holder each', () => {
    const disks = byName('clr-installer-mdraid5-sata-ssd-all-cols.json');
    for (const name of ['sdb', 'sdc']) {
      const d = disks.get(name)!;
      expect(d.holders).toEqual(['md127']);
      expect(d.signatures).toContain('linux_raid_member');
      expect(d.model).toBeUndefined(); // the authors removed the key
      expect(d.wwn).toMatch(/^0x500a0751/);
    }
  });

  it('reads multipath maps repeated under every path disk, and human sizes', () => {
    const disks = byName('harvester-hpe-smartarray-mpath-raid.json');
    expect(disks.get('sda')!.holders).toEqual(['3600508b1001cec28a12a38168f7bb195']);
    expect(disks.get('sdb')!.holders).toEqual(['3600508b1001c3e956986e526698cd830']);
    expect(disks.get('sda')!.sizeBytes).toBeCloseTo(447.1 * 2 ** 30, -8);
    expect(disks.has('loop0')).toBe(false);
    expect(disks.get('sr0')!.type).toBe('rom');
  });

  it('sees iso9660 on a whole live-USB disk, with kname-only flat output', () => {
    const disks = byName('checkbox-hp-elitebook-nvme-usb-recovery-loops.json');
    expect([...disks.keys()]).toEqual(['sda', 'sdb', 'nvme0n1']);
    expect(disks.get('sda')!.fstype).toBe('iso9660');
    expect(disks.get('sda')!.partitions.map((p) => p.name)).toEqual(['sda1', 'sda2', 'sda3']);
    expect(disks.get('nvme0n1')!.signatures).toEqual(expect.arrayContaining(['vfat', 'ext4']));
  });

  it('reads the regenerated dump with nulls for serial/wwn/tran and an HDD', () => {
    const disks = byName('regen-util-linux-dump-sata-ssd-hdd-nvme-lvm-loop-all-cols.json');
    expect(disks.get('sdb')!.rotational).toBe(true);
    expect(disks.get('sda')!.serial).toBeUndefined();
    expect(disks.get('sda')!.transport).toBeUndefined();
    expect(disks.get('nvme0n1')!.model).toBe('KINGSTON SKC1000240G');
    expect(disks.get('nvme0n1')!.serial).toBe('50026B728203601D');
  });

  it('reads the harvester VM test bed (iSCSI disk, virtio, cdrom)', () => {
    const disks = byName('harvester-reinstall-disks.json');
    expect([...disks.keys()]).toEqual(['sda', 'sr0', 'vda']);
    expect(disks.get('vda')!.partitions).toHaveLength(6);
  });

  it('reads booleans printed as strings by old lsblk, and null sizes', () => {
    const text = JSON.stringify({
      blockdevices: [{ name: 'sda', size: null, type: 'disk', rm: '1', rota: '0', ro: '0', tran: 'usb', model: 'Cruzer  ' }],
    });
    const parsed = parseLsblk(text);
    expect(parsed.value![0]).toMatchObject({ removable: true, rotational: false, readOnly: false, model: 'Cruzer', sizeBytes: 0 });
    expect(parsed.problems[0]!.message).toMatch(/no size for sda/);
  });

  it('never throws on garbage', () => {
    for (const text of ['', 'lsblk: unknown column', '{"blockdevices": 3}', '[1,2]', '{"blockdevices":[null, 1, {"type":"disk"}]}', '{"blockdev']) {
      const parsed = parseLsblk(text);
      expect(parsed.value ?? []).toEqual(expect.any(Array));
    }
    expect(parseLsblk('{"blockdev').problems[0]!.message).toMatch(/valid JSON/);
  });
});

describe('parseDiskLinks', () => {
  it('maps by-path and by-id links to disks', () => {
    const text = [
      '/dev/disk/by-path/pci-0000:00:17.0-ata-1\t/dev/sda',
      '/dev/disk/by-path/pci-0000:00:17.0-ata-1-part1\t/dev/sda1',
      '/dev/disk/by-id/wwn-0x5002538e40a1b2c3\t/dev/sda',
      '/dev/disk/by-id/ata-Samsung_SSD_860_S3Z9NB0K123456\t/dev/sda',
      'garbage line',
    ].join('\n');
    const { byPath, byId } = parseDiskLinks(text).value!;
    expect(byPath.get('sda')).toEqual(['/dev/disk/by-path/pci-0000:00:17.0-ata-1']);
    expect(byId.get('sda')).toHaveLength(2);
    expect(byPath.get('sda1')).toHaveLength(1);
  });
});
