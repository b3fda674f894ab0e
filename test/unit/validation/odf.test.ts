import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

const BOOT = '/dev/disk/by-path/pci-0000:3b:00.0-ata-1';

ruleCases([
  { id: 'odf.disabled', severity: 'info', path: '/odf/enabled', name: 'ODF off', change: (s) => void (s.odf.enabled = false) },
  {
    id: 'odf.devices-missing',
    severity: 'error',
    path: '/nodes/1/disks/odf',
    name: 'node without ODF devices',
    change: (s) => void (s.nodes[1]!.disks = { odf: [] }),
    message: /acp-2/,
  },
  {
    id: 'odf.device-duplicate',
    severity: 'error',
    path: '/layout/disks/odf/1',
    name: 'device listed twice',
    change: (s) => void (s.layout.disks!.odf![1] = s.layout.disks!.odf![0]!),
  },
  {
    id: 'odf.device-is-boot',
    severity: 'error',
    path: '/layout/disks/odf/0',
    name: 'boot disk given to ODF',
    change: (s) => void (s.layout.disks!.odf![0] = BOOT),
    message: /boot disk/,
  },
  {
    id: 'odf.device-count-mismatch',
    severity: 'error',
    path: '/nodes/2/disks/odf',
    name: 'one node with five devices',
    change: (s) => void (s.nodes[2]!.disks = { odf: s.layout.disks!.odf!.slice(0, 5) }),
    message: /acp-3 gives ODF 5 devices, the other nodes 6/,
  },
  {
    id: 'odf.device-path-unstable',
    severity: 'warning',
    path: '/layout/disks/odf/5',
    name: 'kernel name',
    change: (s) => void (s.layout.disks!.odf![5] = '/dev/nvme5n1'),
  },
  {
    id: 'odf.failure-domain-missing',
    severity: 'error',
    path: '/nodes/2/rack',
    name: 'rack domain, third node without rack',
    change: (s) => {
      s.odf.failureDomain = 'rack';
      s.nodes[0]!.rack = 'r1';
      s.nodes[1]!.rack = 'r2';
    },
    message: /acp-3 has no rack/,
  },
  {
    id: 'odf.failure-domain-duplicate',
    severity: 'error',
    path: '/nodes/2/zone',
    name: 'zone domain, two nodes in one zone',
    change: (s) => {
      s.odf.failureDomain = 'zone';
      s.nodes[0]!.zone = 'z1';
      s.nodes[1]!.zone = 'z2';
      s.nodes[2]!.zone = 'z2';
    },
    message: /acp-3 and acp-2 share zone "z2"/,
  },
  {
    id: 'odf.failure-domain-duplicate',
    severity: 'error',
    path: '/nodes/1/hostname',
    name: 'host domain, duplicate host names',
    change: (s) => void (s.nodes[1]!.hostname = 'acp-1'),
  },
  { id: 'odf.replica', severity: 'error', path: '/odf/replica', name: 'replica 2', change: (s) => void (s.odf.replica = 2) },
  {
    id: 'odf.storage-network-invalid',
    severity: 'error',
    path: '/odf/storageNetwork',
    name: 'storage network is a VM network',
    change: (s) => void (s.odf.storageNetwork = 'vm-prod'),
    message: /role vm/,
  },
  {
    id: 'odf.storage-network-invalid',
    severity: 'error',
    path: '/odf/storageNetwork',
    name: 'unknown storage network',
    change: (s) => void (s.odf.storageNetwork = 'odf'),
    message: /does not exist/,
  },
  { id: 'odf.storage-network-unused', severity: 'warning', path: '/odf', name: 'storage network not used', change: (s) => void delete s.odf.storageNetwork },
]);

describe('odf rules', () => {
  it('rack domain with three racks passes; missing replica means 3', () => {
    const site = mutate((s) => {
      s.odf.failureDomain = 'rack';
      delete s.odf.replica;
      s.nodes.forEach((n, i) => (n.rack = `r${i + 1}`));
    });
    expect(findingsOf(site, 'odf.failure-domain-missing')).toEqual([]);
    expect(findingsOf(site, 'odf.failure-domain-duplicate')).toEqual([]);
    expect(findingsOf(site, 'odf.replica')).toEqual([]);
  });
  it('does not check devices when ODF is off', () => {
    const site = mutate((s) => {
      s.odf.enabled = false;
      s.layout.disks!.odf = [];
    });
    expect(findingsOf(site, 'odf.devices-missing')).toEqual([]);
  });
});
