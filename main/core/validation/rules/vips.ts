// API and Ingress VIPs: on the cluster network, free, distinct.
import { cidrContains, parseIp, reservedAddressKind, sameIp } from '../../net/ip';
import type { Site } from '../../site/schema';
import type { Rule } from '../engine';
import { clusterNetworkInfo, defineRule, pointer } from './common';

interface Vip {
  kind: 'API' | 'Ingress';
  field: 'apiVIPs' | 'ingressVIPs';
  index: number;
  text: string;
  path: string;
}

function vips(site: Site): Vip[] {
  return [
    ...site.cluster.apiVIPs.map((text, index) => ({ kind: 'API' as const, field: 'apiVIPs' as const, index, text, path: pointer('cluster', 'apiVIPs', index) })),
    ...site.cluster.ingressVIPs.map((text, index) => ({ kind: 'Ingress' as const, field: 'ingressVIPs' as const, index, text, path: pointer('cluster', 'ingressVIPs', index) })),
  ];
}

export const vipRules: Rule[] = [
  defineRule('vip.outside-network', 'VIPs lie in the cluster network', function* (site) {
    // installer.md §1.2 api-vips-valid, §4.1 "IP expected to be in one of the machine networks".
    const info = clusterNetworkInfo(site);
    if (!info?.cidr) return;
    for (const vip of vips(site)) {
      const ip = parseIp(vip.text);
      if (!ip || cidrContains(info.cidr, ip)) continue;
      yield {
        severity: 'error',
        path: vip.path,
        message: `${vip.kind} VIP ${vip.text} is not inside cluster network ${info.network.name} (${info.network.subnet}).`,
        hint: 'Pick a free address of the cluster network for the VIP.',
      };
    }
  }),

  defineRule('vip.reserved', 'VIPs are not the network or broadcast address', function* (site) {
    // installer.md §1.2: a VIP must not be the IPv4 broadcast address.
    const info = clusterNetworkInfo(site);
    if (!info?.cidr) return;
    for (const vip of vips(site)) {
      const ip = parseIp(vip.text);
      const kind = ip && reservedAddressKind(info.cidr, ip);
      if (!kind) continue;
      yield {
        severity: 'error',
        path: vip.path,
        message: `${vip.kind} VIP ${vip.text} is the ${kind} address of cluster network ${info.network.name} (${info.network.subnet}).`,
        hint: 'Pick a free host address of the cluster network.',
      };
    }
  }),

  defineRule('vip.is-gateway', 'VIPs are not the gateway', function* (site) {
    const info = clusterNetworkInfo(site);
    const gateway = info?.network.gateway;
    if (!info || gateway === undefined) return;
    for (const vip of vips(site)) {
      if (!sameIp(vip.text, gateway)) continue;
      yield {
        severity: 'error',
        path: vip.path,
        message: `${vip.kind} VIP ${vip.text} is the gateway of cluster network ${info.network.name}.`,
        hint: 'Pick a free address of the cluster network; the router already owns this one.',
      };
    }
  }),

  defineRule('vip.duplicate', 'API and Ingress VIPs are distinct', function* (site) {
    // installer.md §1.2 / §4.1: API and ingress VIPs must differ, compared as IPs.
    const all = vips(site);
    for (const [j, vip] of all.entries()) {
      const earlier = all.slice(0, j).find((v) => sameIp(v.text, vip.text));
      if (!earlier) continue;
      yield {
        severity: 'error',
        path: vip.path,
        message: `${vip.kind} VIP ${vip.text} is also given as ${earlier.kind} VIP.`,
        hint: 'The API and Ingress VIPs need two different free addresses.',
      };
    }
  }),

  defineRule('vip.family', 'Two VIPs are one IPv4 and one IPv6', function* (site) {
    // installer.md §4.1: "Two VIPs must be one IPv4 and one IPv6".
    for (const field of ['apiVIPs', 'ingressVIPs'] as const) {
      const [a, b] = site.cluster[field];
      if (a === undefined || b === undefined) continue;
      const x = parseIp(a);
      const y = parseIp(b);
      if (!x || !y || x.family !== y.family) continue;
      yield {
        severity: 'error',
        path: pointer('cluster', field, 1),
        message: `${field === 'apiVIPs' ? 'API' : 'Ingress'} VIPs ${a} and ${b} are both IPv${x.family}; a second VIP is only for dual stack (one IPv4 and one IPv6).`,
        hint: 'Keep one VIP, or give one IPv4 and one IPv6 address.',
      };
    }
  }),
];
