import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

ruleCases([
  {
    id: 'bond.too-few-members',
    severity: 'error',
    path: '/layout/bonds/0/members',
    name: 'one member',
    change: (s) => void (s.layout.bonds![0]!.members = ['ens1f0']),
    message: /bond0 .* only one member \(ens1f0\)/,
  },
  {
    id: 'bond.member-unknown',
    severity: 'error',
    path: '/layout/bonds/0/members/1',
    name: 'member not a layout interface',
    change: (s) => void (s.layout.bonds![0]!.members = ['ens1f0', 'ens9f9']),
    message: /ens9f9/,
  },
  {
    id: 'bond.member-shared',
    severity: 'error',
    path: '/layout/bonds/2/members/0',
    name: 'NIC in two bonds',
    change: (s) => void s.layout.bonds!.push({ name: 'bond2', mode: 'active-backup', members: ['ens1f1', 'eno1'] }),
    message: /ens1f1 is a member of both bond0 and bond2/,
  },
  {
    id: 'bond.name-conflict',
    severity: 'error',
    path: '/layout/bonds/0/name',
    name: 'bond named like a NIC',
    change: (s) => {
      s.layout.bonds![0]!.name = 'eno1';
      s.layout.uplinks[0]!.device = 'eno1';
    },
  },
  {
    id: 'bond.unused',
    severity: 'warning',
    path: '/layout/bonds/2',
    name: 'bond no uplink uses',
    change: (s) => {
      s.layout.interfaces.push('ens3f0');
      for (const n of s.nodes) n.interfaces.push({ name: 'ens3f0', mac: n.interfaces[0]!.mac.replace(/01$/, '02') });
      s.layout.bonds!.push({ name: 'bond2', mode: 'active-backup', members: ['eno1', 'ens3f0'] });
    },
  },
  {
    id: 'bond.too-few-members',
    severity: 'error',
    path: '/nodes/1/layout/bonds/0/members',
    name: 'node override with one member',
    change: (s) => void (s.nodes[1]!.layout = { bonds: [{ name: 'bond0', mode: '802.3ad', members: ['ens1f0'] }] }),
    message: /on acp-2/,
  },
]);

describe('bond rules', () => {
  it('reports a broken shared bond once, not once per node', () => {
    expect(findingsOf(mutate((s) => void (s.layout.bonds![0]!.members = ['ens1f0'])), 'bond.too-few-members')).toHaveLength(1);
  });
});
