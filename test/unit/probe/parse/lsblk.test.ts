import { describe, expect, it } from 'vitest';
import { sizeText } from '../../../../main/core/probe/checks/disk-match';
import { parseDiskLinks, parseLsblk } from '../../../../main/core/probe/parse/lsblk';
import { hw } from './fixtures';

const byName = (file: string) => new Map((parseLsblk(hw(`lsblk-json/${file}`)).value ?? []).map((d) => [d.name, d]));
const HPE = 'harvester-hpe-smartarray-mpath-raid.json';
const MAP_A = '3600508b1001cec28a12a38168f7bb195';
const MAP_B = '3600508b1001c3e956986e526698cd830';

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

  it('a known RM 1 stays removable even without TRAN; RM 0 without TRAN is "removable: unknown"', () => {
    const parsed = parseLsblk(JSON.stringify({ blockdevices: [{ name: 'sda', size: 1, type: 'disk', rm: '1' }, { name: 'sdb', size: 1, type: 'disk', rm: '0' }] }));
    expect(parsed.value![0]!.removable).toBe(true);
    expect(parsed.value![0]!.unknown).not.toContain('removable');
    expect(parsed.value![1]!.removable).toBe(false);
    expect(parsed.value![1]!.unknown).toContain('removable');
  });

  it('never throws on garbage', () => {
    for (const text of ['', 'lsblk: unknown column', '{"blockdevices": 3}', '[1,2]', '{"blockdevices":[null, 1, {"type":"disk"}]}', '{"blockdev']) {
      const parsed = parseLsblk(text);
      expect(parsed.value ?? []).toEqual(expect.any(Array));
    }
    expect(parseLsblk('{"blockdev').problems[0]!.message).toMatch(/valid JSON/);
  });
});

describe('parseLsblk: what lsblk does not say is unknown, what it rounds is approximate', () => {
  it('lsblk without -b (real HPE capture, "447.1G"): sizes kept but marked approximate, shown as "about", with a problem saying what to run', () => {
    const parsed = parseLsblk(hw(`lsblk-json/${HPE}`));
    const disks = new Map(parsed.value!.map((d) => [d.name, d]));
    const a = disks.get(MAP_A)!;
    expect(a.sizeBytes).toBeCloseTo(447.1 * 2 ** 30, -8);
    expect(a.sizeApproximate).toBe(true);
    expect(sizeText(a)).toBe('about 480 GB');
    expect(disks.get(MAP_B)!.partitions.every((p) => p.sizeApproximate)).toBe(true);
    const sizes = parsed.problems.find((p) => /rounded sizes/.test(p.message))!;
    expect(sizes.severity).toBe('warning');
    expect(sizes.message).toContain('"447.1G"');
    expect(sizes.message).toContain('lsblk -J -b -O');
  });

  it('exact byte sizes (-b, numbers or digit strings) are never marked approximate', () => {
    const trident = byName('trident-sata-ssd-nvme-lvm-loops-util-linux-2.40-all-cols.json');
    expect([...trident.values()].some((d) => d.sizeApproximate || d.partitions.some((p) => p.sizeApproximate))).toBe(false);
    const old = parseLsblk('{"blockdevices":[{"name":"sda","size":"1000204886016","type":"disk","rm":"0","rota":"0","tran":"sata"}]}');
    expect(old.value![0]).toMatchObject({ sizeBytes: 1000204886016, removable: false });
    expect(old.value![0]!.sizeApproximate).toBeUndefined();
  });

  it('the RM, ROTA, TRAN, FSTYPE, MOUNTPOINT columns left out (real HPE capture): unknown, never false, and said', () => {
    const parsed = parseLsblk(hw(`lsblk-json/${HPE}`));
    const a = parsed.value!.find((d) => d.name === MAP_A)!;
    expect(a.removable).toBeUndefined();
    expect(a.rotational).toBeUndefined();
    expect(a.transport).toBeUndefined();
    expect(a.unknown).toEqual(expect.arrayContaining(['removable', 'rotational', 'transport', 'contents']));
    const p = parsed.problems.find((x) => /did not give/.test(x.message))!;
    expect(p.severity).toBe('warning');
    expect(p.message).toMatch(/removable flag for .*\(no RM column\)/);
    expect(p.message).toMatch(/transport .*\(no TRAN column\)/);
    expect(p.message).toMatch(/no FSTYPE or MOUNTPOINT column/);
    expect(p.message).toContain('count as "removable: unknown"');
    expect(p.message).toContain('lsblk -J -b -O');
  });

  it('a live USB stick listed without RM and TRAN (real checkbox capture): removable unknown, not fixed; a by-path link names the bus', () => {
    const text = hw('lsblk-json/checkbox-hp-elitebook-nvme-usb-recovery-loops.json');
    const bare = new Map(parseLsblk(text).value!.map((d) => [d.name, d]));
    expect(bare.get('sda')!.removable).toBeUndefined();
    expect(bare.get('sda')!.unknown).toEqual(expect.arrayContaining(['removable', 'transport', 'partitionTable', 'serial']));
    expect(bare.get('nvme0n1')!.transport).toBe('nvme'); // from the kernel name
    expect(bare.get('nvme0n1')!.unknown).toContain('removable'); // still no RM flag
    // The disk-links section of the same node (hand-made here: the capture has none).
    const links = parseDiskLinks('/dev/disk/by-path/pci-0000:00:14.0-usb-0:1:1.0-scsi-0:0:0:0\t/dev/sda\n/dev/disk/by-path/pci-0000:00:14.0-usbv3-0:2:1.0-scsi-0:0:0:0\t/dev/sdb\n').value!;
    const linked = new Map(parseLsblk(text, links).value!.map((d) => [d.name, d]));
    expect(linked.get('sda')).toMatchObject({ transport: 'usb', byPath: ['/dev/disk/by-path/pci-0000:00:14.0-usb-0:1:1.0-scsi-0:0:0:0'] });
    expect(linked.get('sdb')!.transport).toBe('usb');
    expect(linked.get('sda')!.unknown).not.toContain('transport');
    expect(linked.get('sda')!.unknown).toContain('removable'); // RM itself is still unknown
  });

  it('TRAN printed as null (regenerated util-linux dump): transport unknown with the udev advice, not "run -O" again', () => {
    const parsed = parseLsblk(hw('lsblk-json/regen-util-linux-dump-sata-ssd-hdd-nvme-lvm-loop-all-cols.json'));
    const disks = new Map(parsed.value!.map((d) => [d.name, d]));
    expect(disks.get('sda')!.unknown).toEqual(['removable', 'transport']);
    expect(disks.get('nvme0n1')!.unknown).toBeUndefined();
    const p = parsed.problems.find((x) => /did not give/.test(x.message))!;
    expect(p.message).toMatch(/transport .* for sda, sdb \(TRAN is null\)/);
    expect(p.message).toMatch(/udevadm info/);
    expect(p.message).not.toMatch(/missing columns/);
  });

  it('a full util-linux 2.40 -O dump: nothing unknown, nothing approximate, no problem', () => {
    const parsed = parseLsblk(hw('lsblk-json/trident-sata-ssd-nvme-lvm-loops-util-linux-2.40-all-cols.json'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.value!.map((d) => d.unknown)).toEqual([undefined, undefined]);
  });

  it('serial keys removed from a -O dump (clr-installer): the serial is unknown and said', () => {
    const parsed = parseLsblk(hw('lsblk-json/clr-installer-mdraid5-sata-ssd-all-cols.json'));
    expect(parsed.value![0]!.unknown).toEqual(['serial']);
    expect(parsed.problems.map((p) => p.message)).toEqual([expect.stringMatching(/serial number for sdb, sdc \(no SERIAL column\)/)]);
  });

  it('an empty device list is not an empty success', () => {
    expect(parseLsblk('{"blockdevices": []}').problems[0]!.message).toMatch(/no disk at all/);
    expect(parseLsblk(JSON.stringify({ blockdevices: [{ name: 'loop0', type: 'loop', size: 1 }] })).problems[0]!.message).toMatch(/no disk at all/);
  });
});

describe('parseLsblk: multipath', () => {
  it('real HPE capture: each map is one device carrying its path, WWN and the path serial; the path disks are not disks of their own', () => {
    const parsed = parseLsblk(hw(`lsblk-json/${HPE}`));
    const names = parsed.value!.map((d) => d.name);
    expect(names).toEqual([MAP_A, MAP_B, 'sr0']);
    const a = parsed.value![0]!;
    expect(a).toMatchObject({ type: 'mpath', path: `/dev/mapper/${MAP_A}`, multipathPaths: ['sda'], wwn: '0x600508b1001cec28a12a38168f7bb195', serial: 'PDNMF0ARH1614W' });
    const b = parsed.value![1]!;
    expect(b.multipathPaths).toEqual(['sdb']);
    // What is on the LUN: the map's own partitions, not the path's kernel view (sdb1…) as well.
    expect(b.partitions.map((p) => p.name)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `${MAP_B}-part${i}`));
    expect(parsed.problems.filter((p) => p.severity === 'info').map((p) => p.message)).toEqual([
      expect.stringMatching(new RegExp(`^sda is the path of the multipath device ${MAP_A} \\(WWN 0x600508b1001cec28a12a38168f7bb195\\)`)),
      expect.stringMatching(/^sdb is the path of the multipath device/),
    ]);
  });

  it('two paths to one LUN under one map (the HPE capture with sda cabled twice, as sdc): one device, not two disks', () => {
    const data = JSON.parse(hw(`lsblk-json/${HPE}`)) as { blockdevices: Array<Record<string, unknown>> };
    const sda = data.blockdevices.find((d) => d['name'] === 'sda')!;
    data.blockdevices.push({ ...structuredClone(sda), name: 'sdc' });
    const parsed = parseLsblk(JSON.stringify(data), {
      byPath: new Map([['sda', ['/dev/disk/by-path/pci-0000:5c:00.0-sas-0x5000c500a1b2c3d4-lun-0']], ['sdc', ['/dev/disk/by-path/pci-0000:5c:00.0-sas-0x5000c500a1b2c3d5-lun-0']]]),
      byId: new Map([['dm-0', ['/dev/disk/by-id/dm-uuid-mpath-3600508b1001cec28a12a38168f7bb195']]]),
    });
    const maps = parsed.value!.filter((d) => d.type === 'mpath');
    expect(maps).toHaveLength(2);
    expect(parsed.value!.some((d) => ['sda', 'sdb', 'sdc'].includes(d.name))).toBe(false);
    expect(maps[0]!.multipathPaths).toEqual(['sda', 'sdc']);
    expect(maps[0]!.transport).toBe('sas'); // from the paths' by-path links
    expect(maps[0]!.multipathPathLinks).toEqual([
      '/dev/sda', '/dev/disk/by-path/pci-0000:5c:00.0-sas-0x5000c500a1b2c3d4-lun-0',
      '/dev/sdc', '/dev/disk/by-path/pci-0000:5c:00.0-sas-0x5000c500a1b2c3d5-lun-0',
    ]);
    expect(parsed.problems.some((p) => /^sda and sdc are the paths of the multipath device/.test(p.message))).toBe(true);
  });

  it('two paths with the same WWN and no map (the clr-installer SSD seen twice, as sdd): one entry standing for both, and a warning', () => {
    const data = JSON.parse(hw('lsblk-json/clr-installer-mdraid5-sata-ssd-all-cols.json')) as { blockdevices: Array<Record<string, unknown>> };
    const sdb = data.blockdevices.find((d) => d['name'] === 'sdb')!;
    data.blockdevices.push({ ...structuredClone(sdb), name: 'sdd', kname: 'sdd', path: '/dev/sdd' });
    const parsed = parseLsblk(JSON.stringify(data));
    expect(parsed.value!.map((d) => d.name)).toEqual(['sdb', 'sdc']);
    expect(parsed.value![0]!.multipathPaths).toEqual(['sdb', 'sdd']);
    expect(parsed.value![1]!.multipathPaths).toBeUndefined(); // another WWN: another disk
    const p = parsed.problems.find((x) => /same WWN/.test(x.message))!;
    expect(p).toMatchObject({ severity: 'warning' });
    expect(p.message).toMatch(/^sdb and sdd have the same WWN 0x500a0751e1eda080 and size: they are paths to one LUN/);
  });

  it('the same serial with different WWNs (HPE Smart Array volumes share the controller serial) is two devices', () => {
    const parsed = parseLsblk(hw(`lsblk-json/${HPE}`));
    const [a, b] = parsed.value!;
    expect(a!.serial).toBe(b!.serial);
    expect(a!.name).not.toBe(b!.name);
    expect(parsed.problems.some((p) => /same WWN/.test(p.message))).toBe(false);
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
