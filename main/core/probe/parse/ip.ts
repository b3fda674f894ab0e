// `ip -j -d link`, `ip -j addr`, `ip -j route`. Older iproute2 leaves out keys (no parentbus,
// no permaddr, no max_mtu); a down interface may have no UP flag and an empty addr_info.
import type { Nic, NicAddress, NicKind, Route } from '../inventory';
import { fail, int, isRecord, normalizeMac, ok, parseJson, str, type Parsed } from './util';

export interface IpLink {
  name: string;
  mac?: string;
  permanentMac?: string;
  mtu?: number;
  maxMtu?: number;
  operState?: string;
  adminUp: boolean;
  lowerUp: boolean;
  noCarrier: boolean;
  linkType?: string;
  infoKind?: string;
  slaveKind?: string;
  bondMode?: string;
  vlanId?: number;
  master?: string;
  parent?: string;
  parentBus?: string;
}

function jsonArray(text: string, what: string): { list?: unknown[]; problem?: Parsed<never>['problems'][number] } {
  const { data, problem } = parseJson(text, what);
  if (problem) return { problem };
  if (!Array.isArray(data)) return { problem: { severity: 'warning', message: `${what} did not print a JSON list` } };
  return { list: data };
}

export function parseIpLink(text: string): Parsed<IpLink[]> {
  const { list, problem } = jsonArray(text, 'ip -j -d link');
  if (!list) return { problems: [problem!] };
  const links: IpLink[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const name = str(item['ifname']);
    if (!name) continue;
    const flags = Array.isArray(item['flags']) ? item['flags'].filter((f): f is string => typeof f === 'string') : [];
    const info = isRecord(item['linkinfo']) ? item['linkinfo'] : {};
    const data = isRecord(info['info_data']) ? info['info_data'] : {};
    const link: IpLink = {
      name,
      adminUp: flags.includes('UP'),
      lowerUp: flags.includes('LOWER_UP'),
      noCarrier: flags.includes('NO-CARRIER'),
    };
    const mac = normalizeMac(item['address']);
    if (mac) link.mac = mac;
    const perm = normalizeMac(item['permaddr']);
    if (perm) link.permanentMac = perm;
    const mtu = int(item['mtu']);
    if (mtu !== undefined) link.mtu = mtu;
    const maxMtu = int(item['max_mtu']);
    if (maxMtu) link.maxMtu = maxMtu;
    const set = <K extends keyof IpLink>(key: K, value: IpLink[K] | undefined): void => {
      if (value !== undefined) link[key] = value;
    };
    set('operState', str(item['operstate']));
    set('linkType', str(item['link_type']));
    set('infoKind', str(info['info_kind']));
    set('slaveKind', str(info['info_slave_kind']));
    set('master', str(item['master']));
    set('parent', str(item['link']));
    set('parentBus', str(item['parentbus']));
    if (link.infoKind === 'bond') set('bondMode', str(data['mode']));
    if (link.infoKind === 'vlan') set('vlanId', int(data['id']));
    links.push(link);
  }
  // Every Linux host has at least lo: an empty list is an output that could not be read.
  return links.length ? ok(links) : fail('ip -j -d link listed no interface at all (not even lo), so the NICs are unknown');
}

export function parseIpAddr(text: string): Parsed<Map<string, NicAddress[]>> {
  const { list, problem } = jsonArray(text, 'ip -j addr');
  if (!list) return { problems: [problem!] };
  const byName = new Map<string, NicAddress[]>();
  for (const item of list) {
    if (!isRecord(item)) continue;
    const name = str(item['ifname']);
    if (!name) continue;
    const addrs: NicAddress[] = [];
    for (const a of Array.isArray(item['addr_info']) ? item['addr_info'] : []) {
      if (!isRecord(a)) continue;
      const family = a['family'];
      const local = str(a['local']);
      const prefix = int(a['prefixlen']);
      if ((family !== 'inet' && family !== 'inet6') || !local || prefix === undefined) continue;
      const addr: NicAddress = { family, address: local, prefixLength: prefix };
      const scope = str(a['scope']);
      if (scope) addr.scope = scope;
      if (a['dynamic'] === true) addr.dynamic = true;
      addrs.push(addr);
    }
    byName.set(name, addrs);
  }
  return byName.size ? ok(byName) : fail('ip -j addr listed no interface at all (not even lo), so the IP addresses are unknown');
}

export function parseIpRoute(text: string): Parsed<Route[]> {
  const { list, problem } = jsonArray(text, 'ip -j route');
  if (!list) return { problems: [problem!] };
  const routes: Route[] = [];
  for (const item of list) {
    if (!isRecord(item)) continue;
    const dst = str(item['dst']);
    if (!dst) continue;
    const route: Route = { dst };
    const gateway = str(item['gateway']);
    if (gateway) route.gateway = gateway;
    const dev = str(item['dev']);
    if (dev) route.dev = dev;
    const protocol = str(item['protocol']);
    if (protocol) route.protocol = protocol;
    const metric = int(item['metric']);
    if (metric !== undefined) route.metric = metric;
    routes.push(route);
  }
  return ok(routes);
}

/** `iface=` blocks of key=value lines printed by the script from /sys/class/net. */
export interface SysNet {
  name: string;
  kv: Record<string, string>;
}

export function parseSysfsNet(text: string): Parsed<SysNet[]> {
  const out: SysNet[] = [];
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i <= 0) continue;
    const key = line.slice(0, i);
    const value = line.slice(i + 1).trim();
    if (key === 'iface') out.push({ name: value, kv: {} });
    else if (out.length) out[out.length - 1]!.kv[key] = value;
  }
  return out.length ? ok(out) : fail('no interfaces under /sys/class/net');
}

export function nicKind(link: Pick<IpLink, 'linkType' | 'infoKind' | 'parentBus'>, sysPhysical?: boolean): NicKind {
  if (link.linkType === 'loopback') return 'loopback';
  if (link.infoKind === 'bond') return 'bond';
  if (link.infoKind === 'vlan') return 'vlan';
  if (link.infoKind === 'bridge') return 'bridge';
  if (link.infoKind) return 'virtual';
  if (sysPhysical !== undefined) return sysPhysical ? 'physical' : 'virtual';
  return link.parentBus ? 'physical' : 'virtual';
}

export type { Nic };
