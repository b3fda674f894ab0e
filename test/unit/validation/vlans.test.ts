import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

ruleCases([
  {
    id: 'network.vlan-reused',
    severity: 'error',
    path: '/networks/3/vlan',
    name: 'two VM networks on VLAN 100 on one trunk',
    change: (s) => void (s.networks[3]!.vlan = 100),
    message: /vm-prod and vm-ot both use VLAN 100 on bond1/,
  },
  {
    id: 'network.untagged-shared',
    severity: 'error',
    path: '/networks/1/vlan',
    name: 'storage untagged next to an untagged cluster network',
    change: (s) => {
      s.networks[0]!.vlan = 'untagged';
      s.networks[1]!.vlan = 'untagged';
    },
    message: /an untagged network needs a NIC or bond of its own/,
  },
]);

describe('vlan rules', () => {
  it('allows the same VLAN ID on different devices', () => {
    expect(findingsOf(mutate((s) => void (s.networks[2]!.vlan = 30)), 'network.vlan-reused')).toEqual([]);
  });
  it('reports a conflict created by one node override, naming that node', () => {
    const site = mutate((s) => {
      s.networks[1]!.vlan = 100;
      s.nodes[2]!.layout = {
        uplinks: [
          { device: 'bond0', networks: ['cluster'] },
          { device: 'bond1', networks: ['storage', 'vm-prod', 'vm-ot'], bridge: 'br-vm' },
        ],
      };
    });
    const found = findingsOf(site, 'network.vlan-reused');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(/on acp-3/);
  });
});
