// What the nodes are asked about the plant's services, made from the plan on the laptop
// (plant-design.md "Requests"): DNS questions to every plan DNS server and to the node's own
// resolvers, the registries and images the bundle pulls, the NTP sources, the gateway and the
// VIPs. Names and ids are deterministic, so two captures of the same plan can be compared, and
// the checks match results to the current plan by content (requestKey), never by id.
//
// A request travels to the node as one line of space-separated tokens inside a quoted
// here-document. Every token is checked here by a strict pattern (and again by the script):
// a token is never empty, never starts with `-`, and holds only the characters its kind needs.
import { isIp, parseIp } from '../net/ip';
import type { Site } from '../site/schema';
import { registryTargets, registryUrl, splitRegistry } from './registry-targets';
import type { PlantExpectation, PlantPlan, PlantRequest } from './types';

/** The script refuses more lines than this; the plan of a three-node site needs about 60. */
export const MAX_PLANT_REQUESTS = 500;

const ID = /^[a-z0-9][a-z0-9.-]{0,95}$/;
const DNS_NAME = /^(?=.{1,253}$)[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\.[A-Za-z0-9][A-Za-z0-9-]{0,62})*\.?$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const HOST_PORT = /^([A-Za-z0-9][A-Za-z0-9.-]{0,252}):([1-9]\d{0,4})$/;
const REGISTRY_URL =
  /^https:\/\/([A-Za-z0-9][A-Za-z0-9.-]{0,252})(?::([1-9]\d{0,4}))?\/v2\/(?:[a-z0-9]+(?:[._/-][a-z0-9]+)*\/manifests\/(?:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|sha256:[a-f0-9]{64}))?$/;

const isName = (text: string): boolean => DNS_NAME.test(text);
const isHost = (text: string): boolean => isName(text) || isIp(text);
const isPort = (text: string): boolean => /^[1-9]\d{0,4}$/.test(text) && Number(text) <= 65535;
const isHostPort = (text: string): boolean => {
  const m = HOST_PORT.exec(text);
  return Boolean(m && isHost(m[1]!) && isPort(m[2]!));
};
const isRegistryUrl = (text: string): boolean => {
  const m = REGISTRY_URL.exec(text);
  return Boolean(m && isHost(m[1]!) && (m[2] === undefined || isPort(m[2])));
};

/** Content key: what was asked, without id or credentials, so a result matches the current plan. */
export function requestKey(req: PlantRequest): string {
  switch (req.kind) {
    case 'dns':
      return ['dns', req.server.toLowerCase(), req.type, req.name.toLowerCase().replace(/\.$/, '')].join('|');
    case 'tls':
      return ['tls', req.host.toLowerCase(), req.port, req.serverName.toLowerCase(), req.proxy ?? ''].join('|');
    case 'http':
      return ['http', req.method, req.url.toLowerCase(), req.manifest ? 'manifest' : '', req.proxy ?? ''].join('|');
    case 'ntp':
      return ['ntp', req.server.toLowerCase()].join('|');
    case 'ping':
      return ['ping', req.address.toLowerCase()].join('|');
  }
}

/** The tokens of a request line, or undefined when one of them fails its pattern. */
function tokens(req: PlantRequest): string[] | undefined {
  if (!ID.test(req.id)) return undefined;
  switch (req.kind) {
    case 'dns': {
      const serverOk = req.server === 'node' || isHost(req.server);
      const nameOk = req.type === 'PTR' ? isIp(req.name) : isName(req.name);
      return serverOk && nameOk ? ['dns', req.id, req.server, req.type, req.name] : undefined;
    }
    case 'tls': {
      const ok = isHost(req.host) && isPort(String(req.port)) && (req.serverName === '' || isName(req.serverName)) && (req.proxy === undefined || isHostPort(req.proxy));
      return ok ? ['tls', req.id, req.host, String(req.port), req.serverName || '-', req.proxy ?? '-'] : undefined;
    }
    case 'http': {
      const authOk = req.auth === undefined || (req.auth >= 1 && req.auth <= 99);
      const ok = isRegistryUrl(req.url) && authOk && (req.proxy === undefined || isHostPort(req.proxy));
      return ok ? ['http', req.id, req.method, req.url, req.manifest ? '1' : '0', req.auth === undefined ? '-' : String(req.auth), req.proxy ?? '-'] : undefined;
    }
    case 'ntp':
      return isHost(req.server) ? ['ntp', req.id, req.server] : undefined;
    case 'ping':
      return isIp(req.address) ? ['ping', req.id, req.address] : undefined;
  }
}

export function isSafeRequest(req: PlantRequest): boolean {
  return tokens(req) !== undefined;
}

/** The line the script receives. Throws for a request whose tokens fail their patterns. */
export function requestLine(req: PlantRequest): string {
  const t = tokens(req);
  if (!t) throw new Error(`The plant request ${JSON.stringify(req.id)} has a value the collection script must not receive.`);
  return t.join(' ');
}

/** A request line as the capture echoes it; undefined for anything that is not one. */
export function parseRequestLine(line: string): PlantRequest | undefined {
  const t = line.replace(/\r$/, '').split(' ');
  const [kind, id] = t;
  if (!id || !ID.test(id)) return undefined;
  let req: PlantRequest | undefined;
  if (kind === 'dns' && t.length === 5 && (t[3] === 'A' || t[3] === 'AAAA' || t[3] === 'PTR')) {
    req = { kind, id, server: t[2]!, type: t[3], name: t[4]! };
  } else if (kind === 'tls' && t.length === 6 && isPort(t[3]!)) {
    req = { kind, id, host: t[2]!, port: Number(t[3]), serverName: t[4] === '-' ? '' : t[4]!, ...(t[5] === '-' ? {} : { proxy: t[5]! }) };
  } else if (kind === 'http' && t.length === 7 && (t[2] === 'GET' || t[2] === 'HEAD') && (t[4] === '0' || t[4] === '1')) {
    if (t[5] !== '-' && !/^[1-9]\d?$/.test(t[5]!)) return undefined;
    req = {
      kind,
      id,
      method: t[2],
      url: t[3]!,
      ...(t[4] === '1' ? { manifest: true } : {}),
      ...(t[5] === '-' ? {} : { auth: Number(t[5]) }),
      ...(t[6] === '-' ? {} : { proxy: t[6]! }),
    };
  } else if (kind === 'ntp' && t.length === 3) {
    req = { kind, id, server: t[2]! };
  } else if (kind === 'ping' && t.length === 3) {
    req = { kind, id, address: t[2]! };
  }
  if (!req) return undefined;
  // The round trip must give the same line: no token may differ from its canonical form.
  const again = tokens(req);
  return again && again.join(' ') === t.join(' ') ? req : undefined;
}

interface Builder {
  plan: PlantPlan;
  add(req: PlantRequest, expectation: Omit<PlantExpectation, 'requestId'>): void;
}

function builder(): Builder {
  const plan: PlantPlan = { requests: [], expectations: [] };
  const ids = new Set<string>();
  return {
    plan,
    add(req, expectation) {
      if (ids.has(req.id) || !isSafeRequest(req) || plan.requests.length >= MAX_PLANT_REQUESTS) return;
      ids.add(req.id);
      plan.requests.push(req);
      plan.expectations.push({ requestId: req.id, ...expectation });
    },
  };
}

const familyOf = (ip: string): 4 | 6 | undefined => parseIp(ip)?.family;

function dnsRequests(site: Site, b: Builder): void {
  const baseDomain = site.cluster.baseDomain.replace(/\.$/, '');
  const domain = `${site.cluster.name}.${baseDomain}`;
  const servers: { server: string; tag: string; path: string }[] = [];
  site.cluster.dnsServers.forEach((raw, i) => {
    const server = raw.trim();
    if (server === 'node' || !isHost(server) || servers.some((s) => s.server === server)) return;
    servers.push({ server, tag: `s${i + 1}`, path: `/cluster/dnsServers/${i}` });
  });
  servers.push({ server: 'node', tag: 'node', path: '/cluster/dnsServers' });

  const mirror = site.cluster.mirror ? splitRegistry(site.cluster.mirror.registry) : undefined;
  const mirrorHost = mirror && !isIp(mirror.hostname) ? mirror.hostname : undefined;
  const clusterNetwork = site.networks.find((n) => n.role === 'cluster');
  const nodes = site.nodes.flatMap((node) => {
    const ip = clusterNetwork ? node.addresses[clusterNetwork.name] : undefined;
    const host = node.hostname.toLowerCase();
    return ip && LABEL.test(host) ? [{ hostname: node.hostname, host, ip }] : [];
  });

  for (const { server, tag, path } of servers) {
    const forward = (purpose: string, short: string, name: string, vips: readonly string[]): void => {
      for (const [family, type] of [[4, 'A'], [6, 'AAAA']] as const) {
        const expect = vips.filter((ip) => familyOf(ip) === family);
        if (expect.length === 0) continue;
        b.add({ kind: 'dns', id: `dns-${tag}-${short}-${type.toLowerCase()}`, server, type, name }, { purpose, expect, path });
      }
    };
    forward('api', 'api', `api.${domain}`, site.cluster.apiVIPs);
    forward('api-int', 'api-int', `api-int.${domain}`, site.cluster.apiVIPs);
    forward('apps', 'apps', `sitekit-check.apps.${domain}`, site.cluster.ingressVIPs);
    // The Assisted Installer's own probe name for a wildcard over the cluster domain.
    b.add({ kind: 'dns', id: `dns-${tag}-wildcard-cluster`, server, type: 'A', name: `validateNoWildcardDNS.${domain}` }, { purpose: 'wildcard-cluster', expect: [], path });
    b.add({ kind: 'dns', id: `dns-${tag}-wildcard-base`, server, type: 'A', name: `validatenowildcarddns-sitekit.${baseDomain}` }, { purpose: 'wildcard-base', expect: [], path });
    for (const node of nodes) {
      const type = familyOf(node.ip) === 6 ? 'AAAA' : 'A';
      b.add(
        { kind: 'dns', id: `dns-${tag}-fwd-${node.host}-${type.toLowerCase()}`, server, type, name: `${node.hostname}.${domain}` },
        { purpose: 'node-forward', expect: [node.ip], node: node.hostname, path },
      );
      b.add(
        { kind: 'dns', id: `dns-${tag}-ptr-${node.host}`, server, type: 'PTR', name: node.ip },
        { purpose: 'node-ptr', expect: [node.hostname], node: node.hostname, path },
      );
    }
    // The mirror registry's name: the nodes pull every image from it (its address is not in the plan).
    if (mirrorHost) b.add({ kind: 'dns', id: `dns-${tag}-registry-a`, server, type: 'A', name: mirrorHost }, { purpose: 'registry-host', expect: [], path });
  }
}

function registryRequests(site: Site, b: Builder): void {
  registryTargets(site).forEach((target, i) => {
    const tag = `r${i + 1}`;
    const proxy = target.proxy ? { proxy: target.proxy } : {};
    b.add(
      { kind: 'tls', id: `tls-${tag}`, host: target.hostname, port: target.port, serverName: target.serverName ?? '', ...proxy },
      { purpose: 'registry-tls', path: target.path },
    );
    b.add({ kind: 'http', id: `http-${tag}-v2`, method: 'GET', url: registryUrl(target), ...proxy }, { purpose: 'registry-v2', path: target.path });
    for (const image of target.images) {
      const short = image.purpose === 'release-image' ? 'release' : 'index';
      b.add(
        { kind: 'http', id: `http-${tag}-${short}`, method: 'HEAD', url: registryUrl(target, image), manifest: true, ...proxy },
        { purpose: image.purpose, expect: [image.reference], path: target.path },
      );
    }
  });
}

function ntpRequests(site: Site, b: Builder): void {
  site.cluster.ntpServers.forEach((raw, i) => {
    const server = raw.trim();
    if (isHost(server)) b.add({ kind: 'ntp', id: `ntp-${i + 1}`, server }, { purpose: 'ntp-source', path: `/cluster/ntpServers/${i}` });
  });
}

function pingRequests(site: Site, b: Builder): void {
  const index = site.networks.findIndex((n) => n.role === 'cluster');
  const gateway = index >= 0 ? site.networks[index]!.gateway : undefined;
  if (gateway) b.add({ kind: 'ping', id: 'ping-gateway', address: gateway }, { purpose: 'gateway', path: `/networks/${index}/gateway` });
  site.cluster.apiVIPs.forEach((vip, i) => {
    b.add({ kind: 'ping', id: `ping-api-vip-${i + 1}`, address: vip }, { purpose: 'api-vip-free', path: `/cluster/apiVIPs/${i}` });
  });
  site.cluster.ingressVIPs.forEach((vip, i) => {
    b.add({ kind: 'ping', id: `ping-ingress-vip-${i + 1}`, address: vip }, { purpose: 'ingress-vip-free', path: `/cluster/ingressVIPs/${i}` });
  });
}

/** Every question the plan makes the nodes ask, with what the answer must be. */
export function plantPlan(site: Site): PlantPlan {
  const b = builder();
  dnsRequests(site, b);
  registryRequests(site, b);
  ntpRequests(site, b);
  pingRequests(site, b);
  return b.plan;
}
