import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

ruleCases([
  {
    id: 'virtualization.vm-networks-missing',
    severity: 'error',
    path: '/virtualization/vmNetworks',
    name: 'empty list',
    change: (s) => void (s.virtualization.vmNetworks = []),
  },
  {
    id: 'virtualization.vm-network-invalid',
    severity: 'error',
    path: '/virtualization/vmNetworks/1',
    name: 'storage offered to VMs',
    change: (s) => void (s.virtualization.vmNetworks = ['vm-prod', 'storage', 'vm-ot']),
    message: /role storage/,
  },
  {
    id: 'virtualization.vm-network-not-bridged',
    severity: 'error',
    path: '/virtualization/vmNetworks/0',
    name: 'vm-prod on an unbridged bond of its own on one node',
    change: (s) =>
      void (s.nodes[1]!.layout = {
        uplinks: [
          { device: 'bond0', networks: ['cluster', 'storage'] },
          { device: 'bond1', networks: ['vm-prod', 'vm-ot'] },
        ],
      }),
    message: /vm-prod .* on acp-2/,
  },
  {
    id: 'virtualization.vm-network-unlisted',
    severity: 'warning',
    path: '/networks/3',
    name: 'vm-ot not offered',
    change: (s) => void (s.virtualization.vmNetworks = ['vm-prod']),
    message: /vm-ot/,
  },
]);

describe('virtualization rules', () => {
  it('does not ask for VM networks when virtualization is off', () => {
    const site = mutate((s) => {
      s.virtualization = { enabled: false };
    });
    expect(findingsOf(site, 'virtualization.vm-networks-missing')).toEqual([]);
    expect(findingsOf(site, 'virtualization.vm-network-unlisted')).toEqual([]);
  });
});
