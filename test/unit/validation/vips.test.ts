import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

ruleCases([
  {
    id: 'vip.outside-network',
    severity: 'error',
    path: '/cluster/apiVIPs/0',
    name: 'API VIP on the storage network',
    change: (s) => void (s.cluster.apiVIPs = ['10.30.0.5']),
    message: /API VIP 10\.30\.0\.5 .* cluster/,
  },
  { id: 'vip.reserved', severity: 'error', path: '/cluster/ingressVIPs/0', name: 'Ingress VIP is broadcast', change: (s) => void (s.cluster.ingressVIPs = ['10.10.0.255']), message: /broadcast/ },
  { id: 'vip.reserved', severity: 'error', path: '/cluster/apiVIPs/0', name: 'API VIP is the network address', change: (s) => void (s.cluster.apiVIPs = ['10.10.0.0']) },
  { id: 'vip.is-gateway', severity: 'error', path: '/cluster/apiVIPs/0', name: 'API VIP is the gateway', change: (s) => void (s.cluster.apiVIPs = ['10.10.0.1']) },
  {
    id: 'vip.duplicate',
    severity: 'error',
    path: '/cluster/ingressVIPs/0',
    name: 'same address for API and Ingress',
    change: (s) => void (s.cluster.ingressVIPs = ['10.10.0.5']),
    message: /Ingress VIP 10\.10\.0\.5 is also given as API VIP/,
  },
  {
    id: 'vip.family',
    severity: 'error',
    path: '/cluster/apiVIPs/1',
    name: 'two IPv4 API VIPs',
    change: (s) => void (s.cluster.apiVIPs = ['10.10.0.5', '10.10.0.7']),
  },
]);

describe('vip rules', () => {
  it('compares IPv6 VIPs as addresses, not text', () => {
    const site = mutate((s) => {
      s.networks[0]!.subnet = '2001:db8::/64';
      s.networks[0]!.gateway = '2001:db8::1';
      s.cluster.apiVIPs = ['2001:db8::5'];
      s.cluster.ingressVIPs = ['2001:db8:0:0::5'];
    });
    expect(findingsOf(site, 'vip.duplicate')).toHaveLength(1);
  });
});
