import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

ruleCases([
  {
    id: 'address.unknown-network',
    severity: 'error',
    path: '/nodes/1/addresses/storag',
    name: 'misspelt network name',
    change: (s) => {
      const node = s.nodes[1]!;
      node.addresses = { cluster: node.addresses.cluster!, storag: node.addresses.storage! };
    },
    message: /acp-2 .*"storag"/,
  },
  {
    id: 'address.outside-subnet',
    severity: 'error',
    path: '/nodes/1/addresses/storage',
    name: 'storage address in the cluster subnet',
    change: (s) => void (s.nodes[1]!.addresses.storage = '10.10.0.22'),
    message: /10\.10\.0\.22 of acp-2 .*storage \(10\.30\.0\.0\/24\)/,
  },
  { id: 'address.reserved', severity: 'error', path: '/nodes/2/addresses/cluster', name: 'broadcast address', change: (s) => void (s.nodes[2]!.addresses.cluster = '10.10.0.255') },
  { id: 'address.reserved', severity: 'error', path: '/nodes/0/addresses/storage', name: 'network address', change: (s) => void (s.nodes[0]!.addresses.storage = '10.30.0.0') },
  {
    id: 'address.duplicate',
    severity: 'error',
    path: '/nodes/2/addresses/cluster',
    name: 'two nodes with one IP',
    change: (s) => void (s.nodes[2]!.addresses.cluster = '10.10.0.12'),
    message: /acp-3 .* acp-2/,
  },
  { id: 'address.is-gateway', severity: 'error', path: '/nodes/0/addresses/cluster', name: 'node on the gateway', change: (s) => void (s.nodes[0]!.addresses.cluster = '10.10.0.1') },
  { id: 'address.is-vip', severity: 'error', path: '/nodes/1/addresses/cluster', name: 'node on the Ingress VIP', change: (s) => void (s.nodes[1]!.addresses.cluster = '10.10.0.6'), message: /Ingress VIP/ },
  {
    id: 'address.cluster-missing',
    severity: 'error',
    path: '/nodes/2/addresses',
    name: 'no cluster address',
    change: (s) => void delete s.nodes[2]!.addresses.cluster,
    message: /acp-3/,
  },
  {
    id: 'address.storage-missing',
    severity: 'error',
    path: '/nodes/1/addresses',
    name: 'no storage address with an ODF storage network',
    change: (s) => void delete s.nodes[1]!.addresses.storage,
    message: /acp-2 .* storage/,
  },
  {
    id: 'address.network-not-carried',
    severity: 'warning',
    path: '/nodes/0/addresses/bmc',
    name: 'address on the BMC network',
    change: (s) => void (s.nodes[0]!.addresses.bmc = '10.40.0.21'),
  },
]);

describe('address rules', () => {
  it('the first node without cluster address is reported by the rendezvous rule only', () => {
    const site = mutate((s) => void delete s.nodes[0]!.addresses.cluster);
    expect(findingsOf(site, 'address.cluster-missing')).toEqual([]);
    expect(findingsOf(site, 'rendezvous.address-missing')).toHaveLength(1);
  });
  it('no storage address is needed when ODF has no storage network', () => {
    const site = mutate((s) => {
      delete s.odf.storageNetwork;
      delete s.nodes[1]!.addresses.storage;
    });
    expect(findingsOf(site, 'address.storage-missing')).toEqual([]);
  });
});
