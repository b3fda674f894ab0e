// Node addresses: one per network, inside its subnet, unique, not reserved, not a VIP.
import { cidrContains, parseIp, reservedAddressKind, sameIp } from '../../net/ip';
import type { Rule } from '../engine';
import { clusterNetworkInfo, defineRule, nodeLayouts, nodeName, networksByName, pointer, scope } from './common';

export const addressRules: Rule[] = [
  defineRule('address.unknown-network', 'Node addresses name existing networks', function* (site) {
    const networks = networksByName(site);
    for (const [i, node] of site.nodes.entries()) {
      for (const key of Object.keys(node.addresses)) {
        if (networks.has(key)) continue;
        yield {
          severity: 'error',
          path: pointer('nodes', i, 'addresses', key),
          message: `${nodeName(node, i)} has an address on "${key}", but no network has that name.`,
          hint: `Use one of the network names: ${[...networks.keys()].join(', ')}.`,
        };
      }
    }
  }),

  defineRule('address.outside-subnet', 'Node addresses lie in their network', function* (site) {
    // installer.md §4.4: host IPs inside the machine network are not checked by the installer.
    const networks = networksByName(site);
    for (const [i, node] of site.nodes.entries()) {
      for (const [key, text] of Object.entries(node.addresses)) {
        const info = networks.get(key);
        const ip = parseIp(text);
        if (!info?.cidr || !ip || cidrContains(info.cidr, ip)) continue;
        yield {
          severity: 'error',
          path: pointer('nodes', i, 'addresses', key),
          message: `Address ${text} of ${nodeName(node, i)} is not inside network ${key} (${info.network.subnet}).`,
          hint: `Use an address of ${info.network.subnet}.`,
        };
      }
    }
  }),

  defineRule('address.reserved', 'Node addresses are not the network or broadcast address', function* (site) {
    const networks = networksByName(site);
    for (const [i, node] of site.nodes.entries()) {
      for (const [key, text] of Object.entries(node.addresses)) {
        const info = networks.get(key);
        const ip = parseIp(text);
        const kind = info?.cidr && ip ? reservedAddressKind(info.cidr, ip) : undefined;
        if (!kind || !info) continue;
        yield {
          severity: 'error',
          path: pointer('nodes', i, 'addresses', key),
          message: `Address ${text} of ${nodeName(node, i)} is the ${kind} address of network ${key} (${info.network.subnet}).`,
          hint: 'Use a host address of that network.',
        };
      }
    }
  }),

  defineRule('address.duplicate', 'Node addresses are unique', function* (site) {
    const first = new Map<string, string>();
    for (const [i, node] of site.nodes.entries()) {
      for (const [key, text] of Object.entries(node.addresses)) {
        const ip = parseIp(text);
        if (!ip) continue;
        const id = `${ip.family}:${ip.value}`;
        const earlier = first.get(id);
        if (earlier === undefined) {
          first.set(id, `${nodeName(node, i)} (${key})`);
          continue;
        }
        yield {
          severity: 'error',
          path: pointer('nodes', i, 'addresses', key),
          message: `Address ${text} of ${nodeName(node, i)} on ${key} is also the address of ${earlier}.`,
          hint: 'Give every node its own address on each network.',
        };
      }
    }
  }),

  defineRule('address.is-gateway', 'Node addresses are not the gateway', function* (site) {
    const networks = networksByName(site);
    for (const [i, node] of site.nodes.entries()) {
      for (const [key, text] of Object.entries(node.addresses)) {
        const gateway = networks.get(key)?.network.gateway;
        if (gateway === undefined || !sameIp(text, gateway)) continue;
        yield {
          severity: 'error',
          path: pointer('nodes', i, 'addresses', key),
          message: `Address ${text} of ${nodeName(node, i)} is the gateway of network ${key}.`,
          hint: 'Use a free host address; the router owns the gateway address.',
        };
      }
    }
  }),

  defineRule('address.is-vip', 'Node addresses are not a VIP', function* (site) {
    // installer.md §4.4: VIPs colliding with host IPs are not caught by the installer.
    const vips = [...site.cluster.apiVIPs.map((v) => ['API', v] as const), ...site.cluster.ingressVIPs.map((v) => ['Ingress', v] as const)];
    for (const [i, node] of site.nodes.entries()) {
      for (const [key, text] of Object.entries(node.addresses)) {
        const hit = vips.find(([, v]) => sameIp(v, text));
        if (!hit) continue;
        yield {
          severity: 'error',
          path: pointer('nodes', i, 'addresses', key),
          message: `Address ${text} of ${nodeName(node, i)} is the ${hit[0]} VIP.`,
          hint: 'The VIPs move between nodes; give the node an address of its own.',
        };
      }
    }
  }),

  defineRule('address.cluster-missing', 'Every node has a cluster network address', function* (site) {
    // installer.md §1.1 belongs-to-machine-cidr. The first node is reported by
    // rendezvous.address-missing instead, which says why it matters twice for it.
    const info = clusterNetworkInfo(site);
    if (!info) return;
    for (const [i, node] of site.nodes.entries()) {
      if (i === 0 || node.addresses[info.network.name] !== undefined) continue;
      yield {
        severity: 'error',
        path: pointer('nodes', i, 'addresses'),
        message: `${nodeName(node, i)} has no address on cluster network ${info.network.name}.`,
        hint: `Add ${info.network.name}: <IP in ${info.network.subnet}> to the addresses of ${nodeName(node, i)}.`,
      };
    }
  }),

  defineRule('address.storage-missing', 'Every node has a storage network address when ODF uses one', function* (site) {
    const name = site.odf.enabled ? site.odf.storageNetwork : undefined;
    const info = name === undefined ? undefined : networksByName(site).get(name);
    if (!info) return;
    for (const [i, node] of site.nodes.entries()) {
      if (node.addresses[info.network.name] !== undefined) continue;
      yield {
        severity: 'error',
        path: pointer('nodes', i, 'addresses'),
        message: `${nodeName(node, i)} has no address on storage network ${info.network.name}, which ODF uses for replication.`,
        hint: `Add ${info.network.name}: <IP in ${info.network.subnet}> to the addresses of ${nodeName(node, i)}.`,
      };
    }
  }),

  defineRule('address.network-not-carried', 'Node addresses are on networks the node carries', function* (site) {
    const networks = networksByName(site);
    for (const view of nodeLayouts(site)) {
      const carried = new Set(view.uplinks.flatMap((u) => u.networks));
      for (const key of Object.keys(view.node.addresses)) {
        if (carried.has(key) || !networks.has(key)) continue; // unknown: address.unknown-network
        yield {
          severity: 'warning',
          path: pointer('nodes', view.index, 'addresses', key),
          message: `${view.name} has an address on network ${key}, but no uplink ${scope(view, 'uplinks')} carries ${key}; the address will not be configured.`,
          hint: `Add ${key} to an uplink, or remove the address.`,
        };
      }
    }
  }),
];
