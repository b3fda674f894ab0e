// VIPs of the platforms that have them (baremetal, vSphere, Nutanix; installer.md §4.1 "VIPs",
// §4.3, installer pkg/types/validation validateVIPsForPlatform): required with the agent
// method, at most two each (one per family), valid IPs, inside a machine network, API and
// Ingress VIPs distinct. The in-network and distinctness rules do not apply with a
// user-managed load balancer; platform none and external have no VIPs.
import { cidrContains, parseCidr, parseIp, sameIp } from '../../net/ip';
import type { Obj } from '../access';
import type { RuleReport } from '../finding';
import { ic, machineNetworks, obj, objects, type LintRule } from './context';

const KINDS = ['apiVIPs', 'ingressVIPs'] as const;
const VIP_PLATFORMS = ['baremetal', 'vsphere', 'nutanix'] as const;

export const installVipRules: LintRule[] = [
  function* vips({ installConfig: c }) {
    if (!c) return;
    for (const platform of VIP_PLATFORMS) {
      if (obj(c.platform)[platform] !== undefined) yield* platformVips(c, platform);
    }
  },
];

function* platformVips(c: Obj, platform: (typeof VIP_PLATFORMS)[number]): Iterable<RuleReport> {
  const bm = obj(obj(c.platform)[platform]);
  const userManaged = obj(bm.loadBalancer).type === 'UserManaged';
  const machine = machineNetworks(c);
  const given = (kind: string) => Array.isArray(bm[kind]) && (bm[kind] as unknown[]).length > 0;
  for (const kind of KINDS) {
    const list = bm[kind];
    if (!Array.isArray(list) || list.length === 0) {
      yield ic('install.vips', 'error', `/platform/${platform}`, `platform.${platform}.${kind}: Required value: must specify at least one VIP for the ${kind === 'apiVIPs' ? 'API' : 'Ingress'}`);
      const other = kind === 'apiVIPs' ? 'ingressVIPs' : 'apiVIPs';
      if (platform !== 'baremetal' && given(other)) {
        yield ic('install.vips', 'error', `/platform/${platform}`, kind === 'apiVIPs' ? `platform.${platform}.apiVIPs: Required value: must specify VIP for API, when VIP for ingress is set` : `platform.${platform}.ingressVIPs: Required value: must specify VIP for ingress, when VIP for API is set`);
      }
      continue;
    }
    const label = kind === 'apiVIPs' ? 'API' : 'Ingress';
    if (list.length > 2) {
      yield ic('install.vips', 'error', `/platform/${platform}/${kind}`, `platform.${platform}.${kind}: Too many: ${list.length}: must have at most 2 items`);
    } else if (list.length === 2) {
      const families = list.map((v) => (typeof v === 'string' ? parseIp(v)?.family : undefined));
      if (families[0] !== undefined && families[0] === families[1]) {
        yield ic('install.vips', 'error', `/platform/${platform}/${kind}`, `platform.${platform}.${kind}: Invalid value: ${JSON.stringify(list)}: If two ${label} VIPs are given, one must be an IPv4 address, the other an IPv6`);
      }
    }
    for (const [i, vip] of list.entries()) {
      const path = `/platform/${platform}/${kind}/${i}`;
      const ip = typeof vip === 'string' ? parseIp(vip) : undefined;
      if (!ip) {
        yield ic('install.vips', 'error', path, `platform.${platform}.${kind}: Invalid value: ${JSON.stringify(vip)}: "${String(vip)}" is not a valid IP`);
        continue;
      }
      if (!userManaged && machine.length > 0 && !machine.some((m) => cidrContains(m.cidr, ip))) {
        yield ic('install.vip-outside-machine-network', 'error', path, `platform.${platform}.${kind}: Invalid value: "${String(vip)}": IP expected to be in one of the machine networks: ${machine.map((m) => m.text).join(',')}`);
      }
    }
  }
  // Dual stack: the first VIP must be of the cluster's primary family (clusterNetwork[0]).
  const clusterFamilies = objects(obj(c.networking).clusterNetwork).map(([, n]) => (typeof n.cidr === 'string' ? parseCidr(n.cidr)?.family : undefined));
  const primary = clusterFamilies[0];
  if (primary !== undefined && new Set(clusterFamilies.filter(Boolean)).size === 2) {
    for (const kind of KINDS) {
      const first = Array.isArray(bm[kind]) && typeof bm[kind][0] === 'string' ? (bm[kind][0] as string) : undefined;
      const family = first ? parseIp(first)?.family : undefined;
      if (family !== undefined && family !== primary) {
        yield ic('install.vips', 'error', `/platform/${platform}/${kind}/0`, `platform.${platform}.${kind}: Invalid value: "${first}": clusterNetwork primary IP Family and primary IP family for the ${kind === 'apiVIPs' ? 'API' : 'Ingress'} VIP should match`);
      }
    }
  }
  if (userManaged) return;
  const api = Array.isArray(bm.apiVIPs) ? bm.apiVIPs : [];
  const ingress = Array.isArray(bm.ingressVIPs) ? bm.ingressVIPs : [];
  for (const [i, vip] of api.entries()) {
    if (typeof vip === 'string' && ingress.some((other) => typeof other === 'string' && sameIp(vip, other))) {
      yield ic('install.vips-distinct', 'error', `/platform/${platform}/apiVIPs/${i}`, `platform.${platform}.apiVIPs: Invalid value: "${vip}": VIP for API must not be one of the Ingress VIPs`, 'The API and the Ingress VIP need one free address each on the cluster network.');
    }
  }
}
