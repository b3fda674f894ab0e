// The plant's services around the test bed: DNS servers of every profile (dnsmasq), an NTP server
// (chronyd), gateways, and the addresses where nothing answers. Each service runs in a network
// namespace of its own on the bed bridge (netns.ts); while they run, the nodes route via the
// gateway and resolve with the complete DNS. `stopPlantServices` undoes all of it; the bed's
// own teardown removes whatever a crashed run left.
import { existsSync } from 'node:fs';
import type { TestBed } from '../testbed';
import { TestBedSetupError } from '../net';
import { PLANT_OCTETS } from './addresses';
import { DNS_PROFILES, DNSMASQ, reverseZoneOf, startDnsServer, type DnsProfile, type DnsServer, type DnsZone } from './dns';
import { releaseAddress, routeNodesVia, startGateways, takeAddress, type Gateways } from './gateway';
import { bedAddress, removeServiceNamespace, serviceNamespace, stopService, type ServiceNamespace } from './netns';
import { CHRONYD, startNtpServer, type NtpServer } from './ntp';
import { restoreNodeResolvers, setNodeResolvers } from './resolv';

export interface PlantServicesOptions {
  /** The plan's cluster.name and baseDomain (default: the reference example's acp, plant-a.example.com). */
  clusterName?: string;
  baseDomain?: string;
  /** DNS profiles to start (default: all). */
  dnsProfiles?: readonly DnsProfile[];
  /** More names every DNS server resolves, e.g. { 'mirror.plant-a.example.com': registry address }. */
  extraHosts?: Record<string, string>;
}

export interface PlantServices {
  zone: DnsZone;
  dns: Partial<Record<DnsProfile, DnsServer>>;
  /** A host that runs no DNS server (refused at once), and an address nobody has (timeout). */
  dnsRefused: string;
  dnsSilent: string;
  ntp: string;
  /** An address nobody has: an NTP query there gets no answer. */
  ntpSilent: string;
  gateway: string;
  gatewayQuiet: string;
  apiVip: string;
  ingressVip: string;
  gateways: Gateways;
  ntpServer: NtpServer;
  namespaces: ServiceNamespace[];
}

/** Debian packages the plant services need, by program. */
const NEEDS: [string, string][] = [
  [DNSMASQ, 'dnsmasq'],
  [CHRONYD, 'chrony'],
  ['/usr/bin/dig', 'bind9-dnsutils'],
  ['/usr/bin/ping', 'iputils-ping'],
];

export async function startPlantServices(bed: TestBed, options: PlantServicesOptions = {}): Promise<PlantServices> {
  const missing = NEEDS.filter(([program]) => !existsSync(program)).map(([, pkg]) => pkg);
  if (missing.length) {
    throw new TestBedSetupError(`the plant services of the test bed need Debian's ${missing.join(', ')}: apt-get install -y ${missing.join(' ')}`);
  }
  const baseDomain = options.baseDomain ?? 'plant-a.example.com';
  const clusterDomain = `${options.clusterName ?? 'acp'}.${baseDomain}`;
  const at = (octet: number) => bedAddress(bed, octet);
  const zone: DnsZone = {
    clusterDomain,
    baseDomain,
    apiVip: at(PLANT_OCTETS.apiVip),
    ingressVip: at(PLANT_OCTETS.ingressVip),
    nodes: bed.nodes.map((n) => ({ hostname: n.name, address: n.host })),
    extraHosts: options.extraHosts,
    clusterWildcardTarget: at(PLANT_OCTETS.clusterWildcardTarget),
    baseWildcardTarget: at(PLANT_OCTETS.baseWildcardTarget),
    wrongApiTarget: at(PLANT_OCTETS.wrongApiTarget),
    reverseZone: reverseZoneOf(bed),
  };
  const started: Partial<PlantServices> & { dns: Partial<Record<DnsProfile, DnsServer>>; namespaces: ServiceNamespace[] } = {
    dns: {},
    namespaces: [],
  };
  try {
    const dnsServers = await Promise.all((options.dnsProfiles ?? DNS_PROFILES).map((profile) => startDnsServer(bed, profile, zone)));
    for (const server of dnsServers) {
      started.dns[server.profile] = server;
      started.namespaces.push(server.service);
    }
    // Up, but no DNS server: the node gets ICMP port unreachable (dig: connection refused).
    started.namespaces.push(await serviceNamespace(bed, 'nodns', PLANT_OCTETS.dnsRefused));
    started.ntpServer = await startNtpServer(bed);
    started.namespaces.push(started.ntpServer.service);
    started.gateways = await startGateways(bed);
    started.namespaces.push(started.gateways.answering, started.gateways.quiet, started.gateways.addressTaker);
    const services: PlantServices = {
      zone,
      dns: started.dns,
      dnsRefused: at(PLANT_OCTETS.dnsRefused),
      dnsSilent: at(PLANT_OCTETS.dnsSilent),
      ntp: started.ntpServer.service.address,
      ntpSilent: at(PLANT_OCTETS.ntpSilent),
      gateway: started.gateways.answering.address,
      gatewayQuiet: started.gateways.quiet.address,
      apiVip: zone.apiVip,
      ingressVip: zone.ingressVip,
      gateways: started.gateways,
      ntpServer: started.ntpServer,
      namespaces: started.namespaces,
    };
    await routeNodesVia(bed, services.gateway);
    const complete = started.dns.complete?.service.address;
    if (complete) await setNodeResolvers(bed, [complete, ...(started.dns.secondary ? [started.dns.secondary.service.address] : [])]);
    return services;
  } catch (error) {
    await stopPlantServices(bed, started as PlantServices);
    throw error;
  }
}

export async function stopPlantServices(bed: TestBed | undefined, services: PlantServices | undefined): Promise<void> {
  if (!bed || !services) return;
  await restoreNodeResolvers(bed).catch(() => undefined);
  await routeNodesVia(bed, undefined).catch(() => undefined);
  await Promise.all(Object.values(services.dns).map((server) => stopService(server.daemon)));
  await stopService(services.ntpServer?.daemon);
  for (const ns of services.namespaces ?? []) await removeServiceNamespace(ns);
}

/** The address of the DNS server of `profile` (started by startPlantServices). */
export function dnsAddress(services: PlantServices, profile: DnsProfile): string {
  const server = services.dns[profile];
  if (!server) throw new Error(`the DNS profile ${profile} was not started (PlantServicesOptions.dnsProfiles)`);
  return server.service.address;
}

/** Somebody takes the address (e.g. the Ingress VIP): it answers ping until released. */
export async function occupyAddress(bed: TestBed, services: PlantServices, address: string): Promise<() => Promise<void>> {
  const octet = Number(address.split('.').at(-1));
  if (bedAddress(bed, octet) !== address) throw new Error(`${address} is not on the bed subnet ${bed.subnet}`);
  await takeAddress(bed, services.gateways, octet);
  return () => releaseAddress(bed, services.gateways, octet);
}

export { routeNodesVia, setNodeResolvers };
