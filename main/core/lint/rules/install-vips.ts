// Baremetal VIPs (installer.md §4.1 "VIPs", §4.3): required with the agent method, at most
// two each, valid IPs, inside a machine network, API and Ingress VIPs distinct. The
// in-network and distinctness rules do not apply with a user-managed load balancer.
import { cidrContains, parseIp, sameIp } from '../../net/ip';
import { ic, machineNetworks, obj, type LintRule } from './context';

const KINDS = ['apiVIPs', 'ingressVIPs'] as const;

export const installVipRules: LintRule[] = [
  function* vips({ installConfig: c }) {
    if (!c) return;
    const baremetal = obj(c.platform).baremetal;
    if (baremetal === undefined) return;
    const bm = obj(baremetal);
    const userManaged = obj(bm.loadBalancer).type === 'UserManaged';
    const machine = machineNetworks(c);
    for (const kind of KINDS) {
      const list = bm[kind];
      if (!Array.isArray(list) || list.length === 0) {
        yield ic('install.vips', 'error', '/platform/baremetal', `platform.baremetal.${kind}: Required value: must specify at least one VIP for the ${kind === 'apiVIPs' ? 'API' : 'Ingress'}`);
        continue;
      }
      const label = kind === 'apiVIPs' ? 'API' : 'Ingress';
      if (list.length > 2) {
        yield ic('install.vips', 'error', `/platform/baremetal/${kind}`, `platform.baremetal.${kind}: Too many: ${list.length}: must have at most 2 items`);
      } else if (list.length === 2) {
        const families = list.map((v) => (typeof v === 'string' ? parseIp(v)?.family : undefined));
        if (families[0] !== undefined && families[0] === families[1]) {
          yield ic('install.vips', 'error', `/platform/baremetal/${kind}`, `platform.baremetal.${kind}: Invalid value: ${JSON.stringify(list)}: If two ${label} VIPs are given, one must be an IPv4 address, the other an IPv6`);
        }
      }
      for (const [i, vip] of list.entries()) {
        const path = `/platform/baremetal/${kind}/${i}`;
        const ip = typeof vip === 'string' ? parseIp(vip) : undefined;
        if (!ip) {
          yield ic('install.vips', 'error', path, `platform.baremetal.${kind}: Invalid value: ${JSON.stringify(vip)}: "${String(vip)}" is not a valid IP`);
          continue;
        }
        if (!userManaged && machine.length > 0 && !machine.some((m) => cidrContains(m.cidr, ip))) {
          yield ic('install.vip-outside-machine-network', 'error', path, `platform.baremetal.${kind}: Invalid value: "${String(vip)}": IP expected to be in one of the machine networks: ${machine.map((m) => m.text).join(',')}`);
        }
      }
    }
    if (userManaged) return;
    const api = Array.isArray(bm.apiVIPs) ? bm.apiVIPs : [];
    const ingress = Array.isArray(bm.ingressVIPs) ? bm.ingressVIPs : [];
    for (const [i, vip] of api.entries()) {
      if (typeof vip === 'string' && ingress.some((other) => typeof other === 'string' && sameIp(vip, other))) {
        yield ic('install.vips-distinct', 'error', `/platform/baremetal/apiVIPs/${i}`, `platform.baremetal.apiVIPs: Invalid value: "${vip}": VIP for API must not be one of the Ingress VIPs`, 'The API and the Ingress VIP need one free address each on the cluster network.');
      }
    }
  },
];
