// install-config networking (installer.md §4.1 "Networks"): CIDRs parse with zero host
// bits, no two networks overlap each other or OVN-Kubernetes' internal ranges, hostPrefix
// fits its cluster network, the service network is not larger than the installer allows.
import { cidrsOverlap, hasHostBits, networkCidrText, OVN_RESERVED, parseCidr, type Cidr } from '../../net/ip';
import { ic, obj, objects, str, type LintRule } from './context';
import type { Obj } from '../access';

interface Net {
  kind: 'machineNetwork' | 'clusterNetwork' | 'serviceNetwork';
  text: string;
  cidr: Cidr;
  path: string;
}

function networks(c: Obj): { nets: Net[]; invalid: { text: string; path: string }[] } {
  const networking = obj(c.networking);
  const nets: Net[] = [];
  const invalid: { text: string; path: string }[] = [];
  const add = (kind: Net['kind'], text: unknown, path: string) => {
    if (typeof text !== 'string') return;
    const cidr = parseCidr(text);
    if (cidr) nets.push({ kind, text, cidr, path });
    else invalid.push({ text, path });
  };
  for (const [i, m] of objects(networking.machineNetwork)) add('machineNetwork', m.cidr, `/networking/machineNetwork/${i}/cidr`);
  for (const [i, m] of objects(networking.clusterNetwork)) add('clusterNetwork', m.cidr, `/networking/clusterNetwork/${i}/cidr`);
  const service = Array.isArray(networking.serviceNetwork) ? networking.serviceNetwork : [];
  service.forEach((s, i) => add('serviceNetwork', s, `/networking/serviceNetwork/${i}`));
  return { nets, invalid };
}

export const installNetworkRules: LintRule[] = [
  function* cidrs({ installConfig: c }) {
    if (!c) return;
    const { nets, invalid } = networks(c);
    for (const bad of invalid) yield ic('install.cidr', 'error', bad.path, `invalid CIDR address: ${bad.text}`);
    for (const net of nets) {
      if (hasHostBits(net.cidr)) {
        yield ic('install.cidr', 'error', net.path, `invalid network address. got ${net.text}, expecting ${networkCidrText(net.cidr)}`);
      }
    }
    // A missing machine or service network is defaulted first, as the installer does (normalize.ts).
  },

  function* overlaps({ installConfig: c }) {
    if (!c) return;
    const { nets } = networks(c);
    for (const [i, a] of nets.entries()) {
      for (const b of nets.slice(i + 1)) {
        if (cidrsOverlap(a.cidr, b.cidr)) {
          yield ic('install.network-overlap', 'error', b.path, `networking.${b.kind}: Invalid value: "${b.text}": ${b.kind} ${b.text} overlaps with ${a.kind} ${a.text}`);
        }
      }
      for (const reserved of OVN_RESERVED) {
        const r = parseCidr(reserved.cidr)!;
        if (cidrsOverlap(a.cidr, r)) {
          yield ic('install.ovn-overlap', 'error', a.path, `networking.${a.kind}: Invalid value: "${a.text}": must not overlap with the ${reserved.name} ${reserved.cidr} of OVN-Kubernetes`);
        }
      }
    }
  },

  function* hostPrefix({ installConfig: c }) {
    if (!c) return;
    const v4Prefixes = new Set<number>();
    for (const [i, net] of objects(obj(c.networking).clusterNetwork)) {
      const text = str(net.cidr);
      const cidr = text ? parseCidr(text) : undefined;
      const prefix = net.hostPrefix;
      const path = `/networking/clusterNetwork/${i}/hostPrefix`;
      if (!cidr) continue;
      if (typeof prefix !== 'number' || prefix <= 0) {
        yield ic('install.host-prefix', 'error', prefix === undefined ? `/networking/clusterNetwork/${i}` : path, `networking.clusterNetwork[${i}].hostPrefix: Invalid value: ${String(prefix ?? 0)}: hostPrefix must be positive`);
        continue;
      }
      if (prefix < cidr.prefix) {
        yield ic('install.host-prefix', 'error', path, `networking.clusterNetwork[${i}].hostPrefix: Invalid value: ${prefix}: cluster network host subnetwork prefix must not be larger size than CIDR ${text}`);
      } else if (prefix > cidr.bits) {
        yield ic('install.host-prefix', 'error', path, `networking.clusterNetwork[${i}].hostPrefix: Invalid value: ${prefix}: larger than the address length ${cidr.bits}`);
      }
      if (cidr.family === 6 && prefix !== 64) {
        yield ic('install.host-prefix', 'error', path, `networking.clusterNetwork[${i}].hostPrefix: Invalid value: ${prefix}: cluster network host subnetwork prefix must be 64 for IPv6 networks`);
      }
      if (cidr.family === 4) v4Prefixes.add(prefix);
    }
    if (v4Prefixes.size > 1) {
      yield ic('install.host-prefix', 'error', '/networking/clusterNetwork', `networking.clusterNetwork: Invalid value: all IPv4 cluster networks must use the same hostPrefix (found ${[...v4Prefixes].join(', ')})`);
    }
  },

  function* serviceNetworkSize({ installConfig: c }) {
    if (!c) return;
    const services = networks(c).nets.filter((n) => n.kind === 'serviceNetwork');
    for (const s of services) {
      if (s.cidr.family === 4 && s.cidr.prefix < 12) {
        yield ic('install.service-network', 'error', s.path, `networking.serviceNetwork: Invalid value: "${s.text}": subnet size for IPv4 service network must be /12 or greater`);
      }
      if (s.cidr.family === 6 && s.cidr.prefix < 108) {
        yield ic('install.service-network', 'error', s.path, `networking.serviceNetwork: Invalid value: "${s.text}": subnet size for IPv6 service network must be /108 or greater`);
      } else if (s.cidr.family === 6 && s.cidr.prefix !== 112) {
        yield ic('install.service-network', 'warning', s.path, `networking.serviceNetwork: Invalid value: "${s.text}": subnet size for IPv6 service network should be /112`);
      }
    }
    const families = new Set(services.map((s) => s.cidr.family));
    if (services.length > families.size) {
      yield ic('install.service-network', 'error', '/networking/serviceNetwork', 'networking.serviceNetwork: Invalid value: only one service network can be specified per address family');
    }
  },
];
