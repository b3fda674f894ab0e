import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

ruleCases([
  {
    id: 'interfaces.mac-duplicate',
    severity: 'error',
    path: '/nodes/2/interfaces/3/mac',
    name: 'same MAC on two nodes',
    change: (s) => void (s.nodes[2]!.interfaces[3]!.mac = s.nodes[0]!.interfaces[3]!.mac),
    message: /ens2f0 on acp-3 .* ens2f0 on acp-1/,
  },
  {
    id: 'interfaces.mac-duplicate',
    severity: 'error',
    path: '/nodes/1/interfaces/2/mac',
    name: 'same MAC twice on one node',
    change: (s) => void (s.nodes[1]!.interfaces[2]!.mac = s.nodes[1]!.interfaces[1]!.mac),
  },
  {
    id: 'interfaces.mac-multicast',
    severity: 'error',
    path: '/nodes/0/interfaces/1/mac',
    name: 'multicast bit set',
    change: (s) => void (s.nodes[0]!.interfaces[1]!.mac = '01:00:5e:00:00:01'),
    message: /expected unicast/,
  },
  {
    id: 'interfaces.mac-multicast',
    severity: 'error',
    path: '/nodes/0/interfaces/1/mac',
    name: 'broadcast MAC',
    change: (s) => void (s.nodes[0]!.interfaces[1]!.mac = 'ff:ff:ff:ff:ff:ff'),
  },
  {
    id: 'interfaces.mac-zero',
    severity: 'error',
    path: '/nodes/1/interfaces/0/mac',
    name: 'all-zero MAC',
    change: (s) => void (s.nodes[1]!.interfaces[0]!.mac = '00:00:00:00:00:00'),
  },
  {
    id: 'interfaces.name-duplicate',
    severity: 'error',
    path: '/nodes/0/interfaces/2/name',
    name: 'NIC listed twice',
    change: (s) => void (s.nodes[0]!.interfaces[2]!.name = 'ens1f0'),
  },
  {
    id: 'interfaces.mac-missing',
    severity: 'error',
    path: '/nodes/1/interfaces',
    name: 'bond member without MAC',
    change: (s) => void s.nodes[1]!.interfaces.splice(2, 1),
    message: /acp-2 .* ens1f1/,
  },
  {
    id: 'interfaces.mac-missing',
    severity: 'error',
    path: '/nodes/2/interfaces',
    name: 'bond member NIC without MAC',
    change: (s) => void s.nodes[2]!.interfaces.splice(3, 1),
    message: /ens2f0/,
  },
  {
    id: 'interfaces.not-in-layout',
    severity: 'warning',
    path: '/nodes/0/interfaces/5/name',
    name: 'extra NIC entry',
    change: (s) => void s.nodes[0]!.interfaces.push({ name: 'ens3f0', mac: '3c:ec:ef:10:01:99' }),
    message: /ens3f0 of acp-1/,
  },
]);

describe('interfaces rules', () => {
  it('a node override of the interfaces makes an extra NIC part of that node only', () => {
    const site = mutate((s) => {
      s.nodes[0]!.interfaces.push({ name: 'ens3f0', mac: '3c:ec:ef:10:01:99' });
      s.nodes[0]!.layout = { interfaces: [...s.layout.interfaces, 'ens3f0'] };
    });
    expect(findingsOf(site, 'interfaces.not-in-layout')).toEqual([]);
    expect(findingsOf(site, 'interfaces.mac-missing')).toEqual([]);
  });
  it('treats upper-case input as the same MAC', () => {
    const site = mutate((s) => void (s.nodes[1]!.interfaces[0]!.mac = s.nodes[0]!.interfaces[0]!.mac.toUpperCase()));
    expect(findingsOf(site, 'interfaces.mac-duplicate')).toHaveLength(1);
  });
});
