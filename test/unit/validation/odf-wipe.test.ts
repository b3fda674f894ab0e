// nodes[].disks.wipe names ODF devices of that node, written as in its ODF list; anything else
// wipes nothing (the generator only sets forceWipe on listed ODF devices).
import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

const NVME2 = '/dev/disk/by-path/pci-0000:60:00.0-nvme-1';
const BOOT = '/dev/disk/by-path/pci-0000:3b:00.0-ata-1';

ruleCases([
  {
    id: 'odf.wipe-not-odf-device',
    severity: 'error',
    path: '/nodes/0/disks/wipe/1',
    name: 'the boot disk acknowledged for wiping',
    change: (s) => void (s.nodes[0]!.disks = { wipe: [NVME2, BOOT] }),
    message: /pci-0000:3b:00\.0-ata-1 in nodes\[0\]\.disks\.wipe is not one of the ODF devices of acp-1; the bundle wipes only ODF devices/,
  },
  {
    id: 'odf.wipe-not-odf-device',
    severity: 'error',
    path: '/nodes/1/disks/wipe/0',
    name: 'the same disk under another name than in the ODF list',
    change: (s) => void (s.nodes[1]!.disks = { wipe: ['/dev/nvme2n1'] }),
  },
  {
    id: 'odf.wipe-not-odf-device',
    severity: 'error',
    path: '/nodes/2/disks/wipe/0',
    name: 'a shared device the node no longer uses (own ODF list)',
    change: (s) => void (s.nodes[2]!.disks = { odf: ['/dev/disk/by-path/pci-0000:5e:00.0-nvme-1'], wipe: [NVME2] }),
    message: /not one of the ODF devices of acp-3/,
  },
  {
    id: 'odf.wipe-not-odf-device',
    severity: 'error',
    path: '/nodes/0/disks/wipe/0',
    name: 'ODF disabled',
    change: (s) => {
      s.odf.enabled = false;
      s.nodes[0]!.disks = { wipe: [NVME2] };
    },
    message: /ODF is disabled, so the bundle wipes nothing/,
  },
]);

describe('odf.wipe-not-odf-device', () => {
  it('accepts ODF devices of the node, shared or its own', () => {
    expect(findingsOf(mutate((s) => void (s.nodes[0]!.disks = { wipe: [NVME2] })), 'odf.wipe-not-odf-device')).toEqual([]);
    const own = mutate((s) => void (s.nodes[1]!.disks = { odf: ['/dev/disk/by-id/nvme-special-1'], wipe: ['/dev/disk/by-id/nvme-special-1'] }));
    expect(findingsOf(own, 'odf.wipe-not-odf-device')).toEqual([]);
  });
  it('names the node\'s ODF devices in the hint', () => {
    const [f] = findingsOf(mutate((s) => void (s.nodes[0]!.disks = { wipe: [BOOT] })), 'odf.wipe-not-odf-device');
    expect(f!.hint).toContain(NVME2);
    expect(f!.step).toBe('disks');
  });
});
