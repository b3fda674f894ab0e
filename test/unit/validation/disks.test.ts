import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

ruleCases([
  {
    id: 'disks.boot-hint-missing',
    severity: 'error',
    path: '/layout/disks/boot',
    name: 'no boot hint anywhere',
    change: (s) => void delete s.layout.disks!.boot,
  },
  {
    id: 'disks.boot-hint-missing',
    severity: 'error',
    path: '/nodes/1/disks/boot',
    name: 'empty node override',
    change: (s) => void (s.nodes[1]!.disks = { boot: {} }),
    message: /acp-2/,
  },
  {
    id: 'disks.boot-device-name-rejected',
    severity: 'error',
    path: '/nodes/0/disks/boot/deviceName',
    name: 'by-id device name',
    change: (s) => void (s.nodes[0]!.disks = { boot: { deviceName: '/dev/disk/by-id/wwn-0x600508e000000000ce506dc50ab0ad05' } }),
    message: /installer rejects/,
  },
  {
    id: 'disks.boot-device-name-rejected',
    severity: 'error',
    path: '/layout/disks/boot/deviceName',
    name: 'by-uuid device name',
    change: (s) => void (s.layout.disks!.boot = { deviceName: '/dev/disk/by-uuid/cdaacd50-3a4c-421c-91c0-fe9ba7b8b2f1' }),
  },
  {
    id: 'disks.boot-device-name-rejected',
    severity: 'error',
    path: '/layout/disks/boot/deviceName',
    name: 'by-label device name',
    change: (s) => void (s.layout.disks!.boot = { deviceName: '/dev/disk/by-label/root', serialNumber: 'S1' }),
  },
  {
    id: 'disks.boot-hint-unstable',
    severity: 'warning',
    path: '/layout/disks/boot/deviceName',
    name: 'kernel name alone',
    change: (s) => void (s.layout.disks!.boot = { deviceName: '/dev/sda' }),
    message: /kernel name/,
  },
  {
    id: 'disks.boot-hint-unstable',
    severity: 'warning',
    path: '/nodes/2/disks/boot/deviceName',
    name: 'NVMe kernel name on one node',
    change: (s) => void (s.nodes[2]!.disks = { boot: { deviceName: '/dev/nvme0n1' } }),
  },
  {
    id: 'disks.boot-hint-unstable',
    severity: 'warning',
    path: '/layout/disks/boot',
    name: 'model and size only',
    change: (s) => void (s.layout.disks!.boot = { model: 'PERC H755', minSizeGigabytes: 200 }),
  },
]);

describe('disk rules', () => {
  it('a kernel name together with a serial number is stable', () => {
    const site = mutate((s) => void (s.layout.disks!.boot = { deviceName: '/dev/sda', serialNumber: 'S3Z9NB0K123456' }));
    expect(findingsOf(site, 'disks.boot-hint-unstable')).toEqual([]);
    expect(findingsOf(site, 'disks.boot-device-name-rejected')).toEqual([]);
  });
  it('wwn alone is stable', () => {
    expect(findingsOf(mutate((s) => void (s.layout.disks!.boot = { wwn: '0x5000c500a1b2c3d4' })), 'disks.boot-hint-unstable')).toEqual([]);
  });
  it('rejects a nested /dev path such as /dev/mapper/x like the installer', () => {
    expect(findingsOf(mutate((s) => void (s.layout.disks!.boot = { deviceName: '/dev/mapper/mpatha' })), 'disks.boot-device-name-rejected')).toHaveLength(1);
  });
});
