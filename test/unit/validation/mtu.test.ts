import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

ruleCases([
  { id: 'network.mtu-range', severity: 'error', path: '/networks/1/mtu', name: 'MTU 9600', change: (s) => void (s.networks[1]!.mtu = 9600) },
  { id: 'network.mtu-range', severity: 'error', path: '/networks/0/mtu', name: 'MTU 500', change: (s) => void (s.networks[0]!.mtu = 500) },
  { id: 'network.storage-mtu', severity: 'warning', path: '/networks/1/mtu', name: 'storage at 1500', change: (s) => void (s.networks[1]!.mtu = 1500), message: /not jumbo/ },
  { id: 'network.storage-mtu', severity: 'warning', path: '/networks/1', name: 'storage without MTU', change: (s) => void delete s.networks[1]!.mtu },
  {
    id: 'network.mtu-untagged-parent',
    severity: 'error',
    path: '/networks/0/mtu',
    name: 'untagged cluster at 1500 beside the jumbo storage VLAN on bond0',
    change: (s) => void (s.networks[0]!.vlan = 'untagged'),
    message: /bond0 would be set to 9000 and cluster would run at 9000 too/,
  },
]);

describe('mtu rules', () => {
  it('accepts an untagged network whose MTU already matches the VLANs beside it', () => {
    const site = mutate((s) => {
      s.networks[0]!.vlan = 'untagged';
      s.networks[0]!.mtu = 9000;
    });
    expect(findingsOf(site, 'network.mtu-untagged-parent')).toEqual([]);
  });

  it('accepts the bounds 576 and 9216', () => {
    expect(findingsOf(mutate((s) => void (s.networks[2]!.mtu = 576)), 'network.mtu-range')).toEqual([]);
    expect(findingsOf(mutate((s) => void (s.networks[1]!.mtu = 9216)), 'network.mtu-range')).toEqual([]);
  });
});
