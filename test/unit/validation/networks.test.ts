import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

ruleCases([
  { id: 'network.name-duplicate', severity: 'error', path: '/networks/3/name', name: 'two vm-prod', change: (s) => void (s.networks[3]!.name = 'vm-prod') },
  { id: 'network.cluster-count', severity: 'error', path: '/networks', name: 'no cluster network', change: (s) => void (s.networks[0]!.role = 'vm'), message: /No network/ },
  { id: 'network.cluster-count', severity: 'error', path: '/networks', name: 'two cluster networks', change: (s) => void (s.networks[2]!.role = 'cluster'), message: /2 networks .*cluster, vm-prod/ },
  {
    id: 'network.gateway-outside-subnet',
    severity: 'error',
    path: '/networks/2/gateway',
    name: 'gateway in another subnet',
    change: (s) => void (s.networks[2]!.gateway = '10.101.0.1'),
    message: /10\.101\.0\.1 of network vm-prod .* 10\.100\.0\.0\/24/,
  },
  { id: 'network.gateway-reserved', severity: 'error', path: '/networks/0/gateway', name: 'broadcast gateway', change: (s) => void (s.networks[0]!.gateway = '10.10.0.255'), message: /broadcast/ },
  { id: 'network.gateway-reserved', severity: 'error', path: '/networks/3/gateway', name: 'network-address gateway', change: (s) => void (s.networks[3]!.gateway = '10.110.0.0'), message: /network address/ },
  { id: 'network.storage-gateway', severity: 'error', path: '/networks/1/gateway', name: 'storage with gateway', change: (s) => void (s.networks[1]!.gateway = '10.30.0.1'), message: /storage/ },
  { id: 'network.cluster-gateway-missing', severity: 'warning', path: '/networks/0', name: 'no default gateway', change: (s) => void delete s.networks[0]!.gateway },
]);

describe('network rules', () => {
  it('an IPv6 gateway equal to the network address is reserved, the last address is not', () => {
    const net = (gw: string) =>
      mutate((s) => {
        s.networks[2]!.subnet = '2001:db8:100::/64';
        s.networks[2]!.gateway = gw;
      });
    expect(findingsOf(net('2001:db8:100::'), 'network.gateway-reserved')).toHaveLength(1);
    expect(findingsOf(net('2001:db8:100::ffff:ffff:ffff:ffff'), 'network.gateway-reserved')).toEqual([]);
  });
});
