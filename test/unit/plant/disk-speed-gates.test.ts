// Which disk the speed test may write to: the one the boot hint selects, and only when blank.
import { describe, expect, it } from 'vitest';
import { resolveDiskSpeedTarget } from '../../../main/core/plant/disk-speed/target';
import type { Disk, NodeInventory } from '../../../main/core/probe/inventory';
import type { RootDeviceHint, Site, SiteNode } from '../../../main/core/site/schema';

const BY_PATH = '/dev/disk/by-path/pci-0000:00:17.0-ata-1';

function disk(extra: Partial<Disk> = {}): Disk {
  return {
    name: 'sda', path: '/dev/sda', byPath: [BY_PATH], byId: ['/dev/disk/by-id/wwn-0x5002538e40a06b9e'], sizeBytes: 480103981056,
    type: 'disk', rotational: false, removable: false, transport: 'sata', model: 'SAMSUNG MZ7LH480', serial: 'S45PNA0M512345', wwn: '0x5002538e40a06b9e',
    partitions: [], holders: [], signatures: [], mountpoints: [], ...extra,
  };
}

function setup(disks: Disk[], boot: RootDeviceHint | null = { deviceName: BY_PATH }) {
  const node = { hostname: 'node1', ...(boot ? { disks: { boot } } : {}) } as unknown as SiteNode;
  const site = { nodes: [node], layout: {} } as unknown as Site;
  const inventory = { node: 'node1', facts: { disks, nics: [], lldp: [] } } as unknown as NodeInventory;
  return resolveDiskSpeedTarget(inventory, site, node);
}

const refusal = (r: ReturnType<typeof setup>) => (r.ok ? 'accepted' : r.message);

describe('resolveDiskSpeedTarget', () => {
  it('picks the one blank disk the hint selects and asks the node to check its identity', () => {
    const r = setup([disk(), disk({ name: 'sdb', path: '/dev/sdb', byPath: [], byId: [], serial: 'OTHER', wwn: undefined })]);
    expect(r).toMatchObject({
      ok: true, device: BY_PATH, target: '/dev/sda',
      request: { name: 'sda', sizeBytes: 480103981056, serial: 'S45PNA0M512345', wwn: '0x5002538e40a06b9e', link: BY_PATH },
    });
  });

  it('refuses without a hint, when nothing matches, or when several disks match', () => {
    expect(refusal(setup([disk()], null))).toMatch(/no boot disk hint/);
    expect(refusal(setup([disk()], { deviceName: '/dev/sdz' }))).toMatch(/No disk of this node matches/);
    expect(refusal(setup([disk(), disk({ name: 'sdb', path: '/dev/sdb' })], { model: 'SAMSUNG MZ7LH480' }))).toMatch(/matches 2 disks \(\/dev\/sda, \/dev\/sdb\)/);
    expect(refusal(setup([disk()]))).not.toMatch(/nothing was written/);
    expect(refusal(setup([disk()], { deviceName: '/dev/sdz' }))).toMatch(/^node1: the disk speed test did not run and nothing was written\./);
  });

  it('refuses a disk that is in use or not empty', () => {
    expect(refusal(setup([disk({ mountpoints: ['/var'] })]))).toMatch(/is mounted/);
    expect(refusal(setup([disk({ partitions: [{ name: 'sda1', mountpoints: ['/boot'] }] })]))).toMatch(/is mounted \(partition sda1 \(mounted on \/boot\)\)/);
    expect(refusal(setup([disk({ holders: ['vg0-root'] })]))).toMatch(/vg0-root on top of it \(LVM, RAID or multipath\)/);
    expect(refusal(setup([disk({ partitions: [{ name: 'sda1', fstype: 'xfs', mountpoints: [] }] })]))).toMatch(/is not empty \(partition sda1 \(xfs\)\)\. The installation would erase it, but the speed test does not/);
    expect(refusal(setup([disk({ fstype: 'LVM2_member', signatures: ['LVM2_member'] })]))).toMatch(/is not empty \(LVM2_member on the whole disk\)/);
    expect(refusal(setup([disk({ signatures: ['gpt'] })]))).toMatch(/signatures gpt/);
    expect(refusal(setup([disk({ unknown: ['contents'] })]))).toMatch(/did not say what is on/);
    expect(refusal(setup([disk({ readOnly: true })]))).toMatch(/read-only/);
  });

  it('refuses what it cannot identify exactly or safely', () => {
    expect(refusal(setup([disk({ sizeApproximate: true })]))).toMatch(/exact size .* is not known/);
    expect(refusal(setup([disk({ sizeBytes: 8 * 1024 * 1024 })]))).toMatch(/smaller than the 23 MiB/);
    expect(refusal(setup([disk({ serial: 'S45 "$(reboot)"' })]))).toMatch(/serial number .* has characters Sitekit does not hand to a shell/);
    expect(refusal(setup([disk({ type: 'mpath' })]))).toMatch(/is a mpath device/);
    expect(refusal(setup([disk({ multipathPaths: ['sda', 'sdb'] })]))).toMatch(/several paths/);
    expect(refusal(setup([disk({ name: 'sd;a', path: '/dev/sd;a', byPath: [], byId: [] })], { serialNumber: 'S45PNA0M512345' }))).toMatch(/kernel name/);
  });
});
