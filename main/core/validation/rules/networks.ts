// Logical networks: names, the one cluster (machine) network, gateways.
import { cidrContains, parseIp, reservedAddressKind } from '../../net/ip';
import type { Rule } from '../engine';
import { defineRule, networkInfos, pointer } from './common';

export const networkRules: Rule[] = [
  defineRule('network.name-duplicate', 'Network names are unique', function* (site) {
    const seen = new Set<string>();
    for (const [i, network] of site.networks.entries()) {
      if (seen.has(network.name)) {
        yield {
          severity: 'error',
          path: pointer('networks', i, 'name'),
          message: `Two networks are named "${network.name}".`,
          hint: 'Uplinks and node addresses refer to networks by name; give each network its own name.',
        };
      }
      seen.add(network.name);
    }
  }),

  defineRule('network.cluster-count', 'Exactly one cluster network', function* (site) {
    const clusters = site.networks.filter((n) => n.role === 'cluster');
    if (clusters.length !== 1) {
      yield {
        severity: 'error',
        path: pointer('networks'),
        message:
          clusters.length === 0
            ? 'No network has role cluster; the nodes, VIPs and default route need one machine network.'
            : `${clusters.length} networks have role cluster (${clusters.map((n) => n.name).join(', ')}); there must be exactly one.`,
        hint: 'Give exactly one network role: cluster (the machine network with node IPs and VIPs).',
      };
    }
  }),

  defineRule('network.gateway-outside-subnet', 'Gateways lie in their subnet', function* (site) {
    for (const { network, index, cidr } of networkInfos(site)) {
      const gw = network.gateway === undefined ? undefined : parseIp(network.gateway);
      if (!gw || !cidr || cidrContains(cidr, gw)) continue;
      yield {
        severity: 'error',
        path: pointer('networks', index, 'gateway'),
        message: `Gateway ${network.gateway} of network ${network.name} is not inside its subnet ${network.subnet}.`,
        hint: 'Use the router address of that subnet, or correct the subnet.',
      };
    }
  }),

  defineRule('network.gateway-reserved', 'Gateways are not the network or broadcast address', function* (site) {
    // installer.md §6.1: the gateway must not be the network or broadcast address.
    for (const { network, index, cidr } of networkInfos(site)) {
      const gw = network.gateway === undefined ? undefined : parseIp(network.gateway);
      if (!gw || !cidr) continue;
      const kind = reservedAddressKind(cidr, gw);
      if (!kind) continue;
      yield {
        severity: 'error',
        path: pointer('networks', index, 'gateway'),
        message: `Gateway ${network.gateway} of network ${network.name} is the ${kind} address of ${network.subnet}.`,
        hint: 'Use the router address of that subnet (often the first usable address).',
      };
    }
  }),

  defineRule('network.storage-gateway', 'The storage network has no gateway', function* (site) {
    for (const { network, index } of networkInfos(site)) {
      if (network.role !== 'storage' || network.gateway === undefined) continue;
      yield {
        severity: 'error',
        path: pointer('networks', index, 'gateway'),
        message: `Storage network ${network.name} has a gateway (${network.gateway}); ODF replication traffic must stay inside that network.`,
        hint: 'Remove the gateway: the storage network is internal to the three nodes.',
      };
    }
  }),

  defineRule('network.cluster-gateway-missing', 'The cluster network has a gateway', function* (site) {
    // installer.md §1.1 has-default-route: hosts need a default route.
    for (const { network, index } of networkInfos(site)) {
      if (network.role !== 'cluster' || network.gateway !== undefined) continue;
      yield {
        severity: 'warning',
        path: pointer('networks', index),
        message: `Cluster network ${network.name} has no gateway, so the nodes get no default route.`,
        hint: 'Add the gateway of the machine network; assisted-service checks for a default route (has-default-route).',
      };
    }
  }),
];
