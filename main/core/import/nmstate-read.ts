// Reads the parts of an NMState networkConfig the importer needs: interfaces by kind,
// static addresses, the default route and the DNS servers.
import { arr, isObj, obj, objects, str, strs, type Obj } from '../lint/access';

export interface ReadAddress {
  iface: string;
  ip: string;
  prefix: number;
}

export interface ReadState {
  ethernets: string[];
  bonds: { name: string; mode: string; ports: string[]; mtu?: number }[];
  vlans: { name: string; base: string; id: number; mtu?: number }[];
  bridges: { name: string; ports: string[] }[];
  mtus: Map<string, number>;
  addresses: ReadAddress[];
  defaultRoute?: { via: string; iface: string };
  dns: string[];
}

export function readState(config: unknown): ReadState {
  const state: ReadState = { ethernets: [], bonds: [], vlans: [], bridges: [], mtus: new Map(), addresses: [], dns: [] };
  const doc = obj(config);
  for (const [, iface] of objects(doc.interfaces)) {
    const name = str(iface.name);
    if (name === undefined) continue;
    if (typeof iface.mtu === 'number') state.mtus.set(name, iface.mtu);
    const mtu = typeof iface.mtu === 'number' ? { mtu: iface.mtu } : {};
    if (iface.type === 'ethernet') state.ethernets.push(name);
    if (iface.type === 'bond') {
      const lag = obj(iface['link-aggregation']);
      state.bonds.push({ name, mode: str(lag.mode) ?? '', ports: strs(lag.port ?? lag.slaves), ...mtu });
    }
    if (iface.type === 'vlan') {
      const vlan = obj(iface.vlan);
      if (typeof vlan.id === 'number' && str(vlan['base-iface'])) state.vlans.push({ name, base: str(vlan['base-iface'])!, id: vlan.id, ...mtu });
    }
    if (iface.type === 'linux-bridge') {
      state.bridges.push({ name, ports: arr(obj(iface.bridge).port).map((p) => (isObj(p) ? str(p.name) : undefined)).filter((p): p is string => !!p) });
    }
    for (const family of ['ipv4', 'ipv6']) {
      for (const [, a] of objects(obj(iface[family] as Obj | undefined).address)) {
        const ip = str(a.ip);
        if (ip && typeof a['prefix-length'] === 'number') state.addresses.push({ iface: name, ip, prefix: a['prefix-length'] });
      }
    }
  }
  for (const [, route] of objects(obj(doc.routes).config)) {
    const destination = str(route.destination);
    const via = str(route['next-hop-address']);
    const iface = str(route['next-hop-interface']);
    if ((destination === '0.0.0.0/0' || destination === '::/0') && via && iface && !state.defaultRoute) state.defaultRoute = { via, iface };
  }
  state.dns = strs(obj(obj(doc['dns-resolver']).config).server);
  return state;
}
