import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

ruleCases([
  {
    id: 'uplink.network-missing',
    severity: 'error',
    path: '/layout/uplinks',
    name: 'storage on no uplink',
    change: (s) => void (s.layout.uplinks[0]!.networks = ['cluster']),
    message: /storage is not carried/,
  },
  {
    id: 'uplink.network-missing',
    severity: 'error',
    path: '/nodes/2/layout/uplinks',
    name: 'one node without the VM networks',
    change: (s) => void (s.nodes[2]!.layout = { uplinks: [{ device: 'bond0', networks: ['cluster', 'storage'] }] }),
    message: /vm-prod is not carried by any uplink on acp-3/,
  },
  {
    id: 'uplink.network-duplicate',
    severity: 'error',
    path: '/layout/uplinks/1/networks/2',
    name: 'storage on two devices',
    change: (s) => void s.layout.uplinks[1]!.networks.push('storage'),
    message: /storage is carried on both bond0 and bond1/,
  },
  {
    id: 'uplink.unknown-network',
    severity: 'error',
    path: '/layout/uplinks/1/networks/1',
    name: 'misspelt network',
    change: (s) => void (s.layout.uplinks[1]!.networks[1] = 'vm-0t'),
  },
  {
    id: 'uplink.device-unknown',
    severity: 'error',
    path: '/layout/uplinks/1/device',
    name: 'device not in the layout',
    change: (s) => void (s.layout.uplinks[1]!.device = 'ens3f0'),
  },
  {
    id: 'uplink.device-duplicate',
    severity: 'error',
    path: '/layout/uplinks/2/device',
    name: 'two entries for bond0',
    change: (s) => {
      s.layout.uplinks[0]!.networks = ['cluster'];
      s.layout.uplinks.push({ device: 'bond0', networks: ['storage'] });
    },
  },
  {
    id: 'uplink.device-is-bond-member',
    severity: 'error',
    path: '/layout/uplinks/1/device',
    name: 'bond member as uplink',
    change: (s) => void (s.layout.uplinks[1]!.device = 'ens1f1'),
    message: /ens1f1 is a member of bond bond0/,
  },
  {
    id: 'uplink.vm-needs-bridge',
    severity: 'error',
    path: '/layout/uplinks/1',
    name: 'VM networks without bridge',
    change: (s) => void delete s.layout.uplinks[1]!.bridge,
    message: /vm-prod, vm-ot/,
  },
  {
    id: 'uplink.bridge-conflict',
    severity: 'error',
    path: '/layout/uplinks/1/bridge',
    name: 'bridge named like the bond',
    change: (s) => void (s.layout.uplinks[1]!.bridge = 'bond0'),
  },
]);

describe('uplink rules', () => {
  it('reports a network missing from the shared uplinks once', () => {
    expect(findingsOf(mutate((s) => void (s.layout.uplinks[0]!.networks = ['cluster'])), 'uplink.network-missing')).toHaveLength(1);
  });
  it('a bridge on an uplink with non-VM networks is fine', () => {
    expect(findingsOf(mutate((s) => void (s.layout.uplinks[0]!.bridge = 'br-ex1')), 'uplink.vm-needs-bridge')).toEqual([]);
  });
});
