import { describe, expect, it } from 'vitest';
import { findingsOf, mutate, ruleCases } from '../../helpers/example-site';

ruleCases([
  {
    id: 'network.host-bits',
    severity: 'error',
    path: '/networks/0/subnet',
    name: 'cluster subnet with host bits',
    change: (s) => void (s.networks[0]!.subnet = '10.10.0.5/24'),
    message: /10\.10\.0\.5\/24 .*has host bits set; did you mean 10\.10\.0\.0\/24\?/,
  },
  {
    id: 'network.host-bits',
    severity: 'error',
    path: '/cluster/clusterNetwork/cidr',
    name: 'pod network with host bits',
    change: (s) => void (s.cluster.clusterNetwork.cidr = '10.129.0.0/14'),
    message: /did you mean 10\.128\.0\.0\/14/,
  },
  {
    id: 'network.host-bits',
    severity: 'error',
    path: '/cluster/serviceNetwork',
    name: 'service network with host bits',
    change: (s) => void (s.cluster.serviceNetwork = '172.30.1.0/16'),
  },
  {
    id: 'network.overlap',
    severity: 'error',
    path: '/networks/3/subnet',
    name: 'vm-ot inside vm-prod',
    change: (s) => void (s.networks[3]!.subnet = '10.100.0.128/25'),
    message: /vm-ot.*overlaps 10\.100\.0\.0\/24 \(network vm-prod\)/,
  },
  {
    id: 'network.overlap',
    severity: 'error',
    path: '/cluster/serviceNetwork',
    name: 'service network over the machine network',
    change: (s) => void (s.cluster.serviceNetwork = '10.10.0.0/16'),
  },
  {
    id: 'network.overlap',
    severity: 'error',
    path: '/cluster/clusterNetwork/cidr',
    name: 'pod network over the storage network',
    change: (s) => void (s.cluster.clusterNetwork.cidr = '10.0.0.0/10'),
  },
  {
    id: 'network.ovn-reserved',
    severity: 'error',
    path: '/networks/4/subnet',
    name: 'bmc network in the OVN join subnet',
    change: (s) => void (s.networks[4]!.subnet = '100.64.10.0/24'),
    message: /100\.64\.0\.0\/16/,
  },
  {
    id: 'network.ovn-reserved',
    severity: 'error',
    path: '/cluster/serviceNetwork',
    name: 'service network over the masquerade subnet',
    change: (s) => void (s.cluster.serviceNetwork = '169.254.0.0/16'),
  },
  {
    id: 'network.ovn-reserved',
    severity: 'error',
    path: '/networks/2/subnet',
    name: 'IPv6 VM network in the transit subnet',
    change: (s) => {
      s.networks[2]!.subnet = 'fd97::/64';
      delete s.networks[2]!.gateway;
    },
  },
  {
    id: 'cluster.family-mismatch',
    severity: 'error',
    path: '/cluster/serviceNetwork',
    name: 'IPv6 service network with an IPv4 machine network',
    change: (s) => void (s.cluster.serviceNetwork = 'fd02::/112'),
  },
  {
    id: 'network.machine-too-small',
    severity: 'error',
    path: '/networks/0/subnet',
    name: '/29 machine network',
    change: (s) => void (s.networks[0]!.subnet = '10.10.0.0/29'),
    message: /8 addresses.*at least 16 \(a \/28\)/,
  },
  {
    id: 'cluster.host-prefix',
    severity: 'error',
    path: '/cluster/clusterNetwork/hostPrefix',
    name: 'hostPrefix 26',
    change: (s) => void (s.cluster.clusterNetwork.hostPrefix = 26),
    message: /\/25/,
  },
  {
    id: 'cluster.host-prefix',
    severity: 'error',
    path: '/cluster/clusterNetwork/hostPrefix',
    name: 'hostPrefix shorter than the CIDR',
    change: (s) => void (s.cluster.clusterNetwork.hostPrefix = 12),
  },
  {
    id: 'cluster.host-prefix',
    severity: 'error',
    path: '/cluster/clusterNetwork/hostPrefix',
    name: 'IPv6 hostPrefix not 64',
    change: (s) => {
      s.cluster.clusterNetwork = { cidr: 'fd01::/48', hostPrefix: 56 };
    },
  },
  {
    id: 'cluster.pod-network-too-small',
    severity: 'error',
    path: '/cluster/clusterNetwork/cidr',
    name: 'pod network holding two node subnets',
    change: (s) => void (s.cluster.clusterNetwork.cidr = '10.128.0.0/22'),
    message: /only 2 node subnets .* at least 4/,
  },
  {
    id: 'cluster.service-network-size',
    severity: 'error',
    path: '/cluster/serviceNetwork',
    name: '/26 service network',
    change: (s) => void (s.cluster.serviceNetwork = '172.30.0.0/26'),
    message: /only 64 addresses/,
  },
  {
    id: 'cluster.service-network-size',
    severity: 'error',
    path: '/cluster/serviceNetwork',
    name: '/8 service network',
    change: (s) => void (s.cluster.serviceNetwork = '172.0.0.0/8'),
    message: /larger than a \/12/,
  },
]);

describe('subnet rules', () => {
  it('accepts a /28 machine network and the service network bounds /12 and /25', () => {
    expect(findingsOf(mutate((s) => void (s.networks[0]!.subnet = '10.10.0.0/28')), 'network.machine-too-small')).toEqual([]);
    expect(findingsOf(mutate((s) => void (s.cluster.serviceNetwork = '172.16.0.0/12')), 'cluster.service-network-size')).toEqual([]);
    expect(findingsOf(mutate((s) => void (s.cluster.serviceNetwork = '172.30.0.0/25')), 'cluster.service-network-size')).toEqual([]);
  });
  it('accepts hostPrefix 25 and a pod network with exactly four node subnets', () => {
    expect(findingsOf(mutate((s) => void (s.cluster.clusterNetwork.hostPrefix = 25)), 'cluster.host-prefix')).toEqual([]);
    expect(findingsOf(mutate((s) => void (s.cluster.clusterNetwork.cidr = '10.128.0.0/21')), 'cluster.pod-network-too-small')).toEqual([]);
  });
  it('does not report adjacent networks as overlapping', () => {
    expect(findingsOf(mutate((s) => void (s.networks[3]!.subnet = '10.100.1.0/24')), 'network.overlap')).toEqual([]);
  });
});
