// Turns an existing install-config.yaml + agent-config.yaml pair into a site plan, as far
// as it maps, and lists what does not. The cluster network is the machine network; VLAN
// interfaces with addresses become further networks; the layout (NICs, bonds, uplinks)
// comes from the first host's NMState, nodes from every host. Secrets are never imported.
import { toYaml } from '../generate/files';
import { RELEASE_SOURCES } from '../generate/install/mirrors';
import { arr, obj, objects, str, strs, type Obj } from '../lint/access';
import { readInput } from '../lint/document';
import { normalizeInput } from '../lint/normalize';
import { cidrContains, networkCidrText, parseCidr, parseIp } from '../net/ip';
import { BOND_MODES, SITE_API_VERSION, SITE_KIND } from '../site/schema';
import { readState, type ReadState } from './nmstate-read';

export interface ImportResult {
  siteText: string;
  /** What could not be mapped, one plain sentence each. */
  unmapped: string[];
}

interface PlannedNetwork {
  name: string;
  role: 'cluster' | 'storage';
  vlan: number | 'untagged';
  subnet: string;
  gateway?: string;
  mtu?: number;
  device: string;
}

const HINT_KEYS = ['deviceName', 'serialNumber', 'wwn', 'hctl', 'model', 'vendor', 'minSizeGigabytes', 'rotational'];
/** Placeholder for a required field the installer inputs do not hold (reported as unmapped). */
const VERSION_PLACEHOLDER = '4.18';

export function importSite(installConfigText: string, agentConfigText: string): ImportResult {
  const unmapped: string[] = [];
  // Read as openshift-install reads them (field names in any case, deprecated fields converted, defaults).
  const ic = normalizeInput('install-config', parseMap(installConfigText, 'install-config')).data;
  const ac = normalizeInput('agent-config', parseMap(agentConfigText, 'agent-config')).data;
  const networking = obj(ic.networking);
  const hosts = objects(ac.hosts).map(([, h]) => h);
  const states = hosts.map((h) => readState(h.networkConfig));
  const first = states[0];

  const networks = first ? planNetworks(networking, first, unmapped) : [];
  if (!first) unmapped.push('hosts: agent-config.yaml has no hosts; nodes and layout are empty');

  const cluster = siteCluster(ic, ac, first, unmapped);
  const layout = first ? siteLayout(first, networks, hosts, unmapped) : { interfaces: [], uplinks: [] };
  const nodes = hosts.map((host, i) => siteNode(host, states[i]!, networks, layout.interfaces, unmapped));
  const bootHints = commonBootHints(nodes);
  if (bootHints) {
    (layout as Obj).disks = { boot: bootHints };
    for (const node of nodes) delete node.disks;
  }
  unmapped.push('ODF devices: not in the installer inputs; list them under layout.disks.odf and set odf.enabled: true');
  unmapped.push('VM networks and bridges: configured day-2, not in the installer inputs; add them with role vm and enable virtualization');

  const siteName = str(obj(ic.metadata).name) ?? 'imported';
  unmapped.unshift(`metadata.name: the installer inputs hold no site name; the cluster name ${siteName} was used`);
  const site = {
    apiVersion: SITE_API_VERSION,
    kind: SITE_KIND,
    metadata: { name: siteName },
    cluster,
    networks: networks.map(({ device: _device, ...n }) => n),
    layout,
    nodes,
    odf: { enabled: false },
    virtualization: { enabled: false },
  };
  const header = '# Imported by `sitekit import` from an install-config.yaml / agent-config.yaml pair.\n# Review it: the import notes list what could not be mapped.\n';
  return { siteText: header + toYaml(site), unmapped };
}

function parseMap(text: string, what: string): Obj {
  const read = readInput(text);
  if (!read.ok) throw new Error(`${what}: ${read.error}`);
  if (typeof read.input.data !== 'object' || read.input.data === null || Array.isArray(read.input.data)) throw new Error(`${what}: not a YAML map`);
  return read.input.data as Obj;
}

function siteCluster(ic: Obj, ac: Obj, first: ReadState | undefined, unmapped: string[]): Obj {
  const networking = obj(ic.networking);
  const bm = obj(obj(ic.platform).baremetal);
  const clusterNet = objects(networking.clusterNetwork)[0]?.[1];
  const cluster: Obj = {
    name: str(obj(ic.metadata).name) ?? '',
    baseDomain: str(ic.baseDomain) ?? '',
    openshiftVersion: VERSION_PLACEHOLDER,
    apiVIPs: strs(bm.apiVIPs),
    ingressVIPs: strs(bm.ingressVIPs),
    clusterNetwork: { cidr: str(clusterNet?.cidr) ?? '10.128.0.0/14', hostPrefix: typeof clusterNet?.hostPrefix === 'number' ? clusterNet.hostPrefix : 23 },
    serviceNetwork: strs(networking.serviceNetwork)[0] ?? '172.30.0.0/16',
    dnsServers: first?.dns ?? [],
    ntpServers: strs(ac.additionalNTPSources),
  };
  unmapped.push(`cluster.openshiftVersion: not in the installer inputs; ${VERSION_PLACEHOLDER} was written, set the version the site runs`);
  if (!clusterNet) unmapped.push('networking.clusterNetwork: missing; the installer default 10.128.0.0/14 (/23) was written');
  if (strs(networking.serviceNetwork).length === 0) unmapped.push('networking.serviceNetwork: missing; the installer default 172.30.0.0/16 was written');
  if (strs(networking.serviceNetwork).length > 1 || objects(networking.clusterNetwork).length > 1) unmapped.push('dual-stack cluster or service networks: only the first of each was imported');
  if ((first?.dns ?? []).length === 0) unmapped.push('DNS servers: the first host has no dns-resolver config; add cluster.dnsServers');
  if (strs(ac.additionalNTPSources).length === 0) unmapped.push('NTP servers: agent-config has no additionalNTPSources; add cluster.ntpServers');
  const proxy = obj(ic.proxy);
  if (ic.proxy !== undefined) {
    cluster.proxy = {
      ...(str(proxy.httpProxy) ? { httpProxy: str(proxy.httpProxy) } : {}),
      ...(str(proxy.httpsProxy) ? { httpsProxy: str(proxy.httpsProxy) } : {}),
      ...(str(proxy.noProxy) ? { noProxy: str(proxy.noProxy)!.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
    };
  }
  const mirror = mirrorRegistry(ic, unmapped);
  if (mirror) cluster.mirror = { registry: mirror, ...(str(ic.additionalTrustBundle) ? { caBundle: str(ic.additionalTrustBundle) } : {}) };
  else if (str(ic.additionalTrustBundle)) unmapped.push('additionalTrustBundle: no mirror registry to attach it to; it was not imported');
  cluster.sshPublicKey = str(ic.sshKey) ?? '';
  if (!str(ic.sshKey)) unmapped.push('sshKey: missing; add cluster.sshPublicKey');
  if (ic.fips === true) cluster.fips = true;
  cluster.pullSecret = { secretRef: 'pull-secret' };
  unmapped.push('pull secret: never imported, add it to the secret store (name pull-secret)');
  return cluster;
}

/** The registry of the release mirror, undoing the path convention of generate/install/mirrors.ts. */
function mirrorRegistry(ic: Obj, unmapped: string[]): string | undefined {
  const sources = objects(ic.imageDigestSources ?? ic.imageContentSources).map(([, s]) => s);
  if (sources.length === 0) return undefined;
  const release = sources.find((s) => s.source === RELEASE_SOURCES[0].source) ?? sources[0]!;
  const mirror = strs(release.mirrors)[0];
  if (!mirror) return undefined;
  const known = RELEASE_SOURCES.map((s) => `/${s.path}`).find((p) => mirror.endsWith(p));
  if (!known) unmapped.push(`imageDigestSources: mirror ${mirror} does not follow Sitekit's layout (<registry>/openshift/release-images); check the generated mirror paths`);
  return known ? mirror.slice(0, -known.length) : mirror.split('/')[0];
}

function planNetworks(networking: Obj, first: ReadState, unmapped: string[]): PlannedNetwork[] {
  const machine = objects(networking.machineNetwork).map(([, m]) => str(m.cidr)).filter((c): c is string => !!c);
  const result: PlannedNetwork[] = [];
  const used = new Set<string>();
  for (const address of first.addresses) {
    const ip = parseIp(address.ip);
    if (!ip) continue;
    const inMachine = machine.find((m) => { const c = parseCidr(m); return c ? cidrContains(c, ip) : false; });
    const vlan = first.vlans.find((v) => v.name === address.iface);
    const subnetCidr = parseCidr(`${address.ip}/${address.prefix}`);
    if (!subnetCidr) continue;
    const subnet = inMachine ?? networkCidrText(subnetCidr);
    if (used.has(subnet)) continue;
    used.add(subnet);
    const isCluster = inMachine !== undefined && !result.some((n) => n.role === 'cluster');
    const route = first.defaultRoute && first.defaultRoute.iface === address.iface ? first.defaultRoute.via : undefined;
    const mtu = first.mtus.get(address.iface);
    result.push({
      name: isCluster ? 'cluster' : vlan ? `vlan-${vlan.id}` : `net-${address.iface.replace(/[^a-z0-9-]/g, '-')}`,
      role: isCluster ? 'cluster' : 'storage',
      vlan: vlan ? vlan.id : 'untagged',
      subnet,
      ...(route ? { gateway: route } : {}),
      ...(mtu !== undefined ? { mtu } : {}),
      device: vlan ? vlan.base : address.iface,
    });
    if (!isCluster) unmapped.push(`network ${result.at(-1)!.name} (${subnet} on ${address.iface}): role guessed as storage; check it`);
  }
  if (!result.some((n) => n.role === 'cluster')) unmapped.push('cluster network: no address of the first host is in the machine network');
  for (const vlan of first.vlans) {
    if (!first.addresses.some((a) => a.iface === vlan.name)) unmapped.push(`VLAN interface ${vlan.name}: has no address, so no network could be made from it`);
  }
  return result;
}

function siteLayout(first: ReadState, networks: PlannedNetwork[], hosts: Obj[], unmapped: string[]): { interfaces: string[]; bonds?: Obj[]; uplinks: Obj[] } {
  const table = objects(hosts[0]?.interfaces).map(([, i]) => str(i.name)).filter((n): n is string => !!n);
  const interfaces = [...new Set([...first.ethernets, ...table])];
  const bonds = first.bonds.flatMap((b) => {
    if ((BOND_MODES as readonly string[]).includes(b.mode)) return [{ name: b.name, mode: b.mode, members: b.ports }];
    unmapped.push(`bond ${b.name}: mode ${b.mode || '(none)'} is not one Sitekit plans (${BOND_MODES.join(', ')})`);
    return [];
  });
  const devices = [...new Set(networks.map((n) => n.device))];
  const uplinks = devices.map((device) => ({ device, networks: networks.filter((n) => n.device === device).map((n) => n.name) }));
  return { interfaces, ...(bonds.length > 0 ? { bonds } : {}), uplinks };
}

function siteNode(host: Obj, state: ReadState, networks: PlannedNetwork[], layoutNics: string[], unmapped: string[]): Obj & { disks?: Obj } {
  const hostname = str(host.hostname) ?? '';
  if (!hostname) unmapped.push('a host has no hostname; add it to nodes');
  if (host.role === 'worker' || host.role === 'arbiter') unmapped.push(`host ${hostname}: role ${String(host.role)} is not planned; every ACP node is control plane and worker`);
  const interfaces = objects(host.interfaces).flatMap(([, i]) => {
    const name = str(i.name);
    const mac = str(i.macAddress);
    return name && mac ? [{ name, mac: mac.toLowerCase().replaceAll('-', ':') }] : [];
  });
  const carriers = new Set([...networks.map((n) => n.device), ...state.bonds.flatMap((b) => b.ports)]);
  for (const iface of interfaces) {
    if (!carriers.has(iface.name)) unmapped.push(`host ${hostname}: interface ${iface.name} has no matching network`);
    else if (!layoutNics.includes(iface.name)) unmapped.push(`host ${hostname}: interface ${iface.name} is not in the first host's layout`);
  }
  const addresses: Record<string, string> = {};
  for (const address of state.addresses) {
    const ip = parseIp(address.ip);
    const network = networks.find((n) => { const c = parseCidr(n.subnet); return ip && c ? cidrContains(c, ip) : false; });
    if (network && addresses[network.name] === undefined) addresses[network.name] = address.ip;
    else if (!network) unmapped.push(`host ${hostname}: address ${address.ip} on ${address.iface} is in no imported network`);
  }
  const hints = obj(host.rootDeviceHints);
  const boot = Object.fromEntries(HINT_KEYS.filter((k) => hints[k] !== undefined).map((k) => [k, hints[k]]));
  for (const key of Object.keys(hints).filter((k) => !HINT_KEYS.includes(k))) unmapped.push(`host ${hostname}: root device hint ${key} has no place in site.yaml`);
  if (arr(host.interfaces).length === 0) unmapped.push(`host ${hostname}: no interfaces`);
  return { hostname, interfaces, addresses, ...(Object.keys(boot).length > 0 ? { disks: { boot } } : {}) };
}

/** The boot hint every host shares, written once in the layout (DESIGN.md §4: shared once). */
function commonBootHints(nodes: (Obj & { disks?: Obj })[]): Obj | undefined {
  const texts = nodes.map((n) => JSON.stringify(n.disks?.boot ?? null));
  return nodes.length > 0 && texts[0] !== 'null' && texts.every((t) => t === texts[0]) ? (nodes[0]!.disks!.boot as Obj) : undefined;
}
