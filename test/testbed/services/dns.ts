// The plant's DNS, played by Debian's dnsmasq: one server per profile, each in its own namespace,
// so one probe can ask a good and a broken server side by side (the plan lists both).
//   complete       api, api-int → API VIP; *.apps → Ingress VIP; every node's A and PTR
//   secondary      the same records on a second server (a plant has two DNS servers)
//   missing-apps   like complete, without the *.apps wildcard (the classic forgotten record)
//   wrong-api      like complete, but api points at another address
//   wildcard       like complete, plus a wildcard for everything under the cluster domain
//   base-wildcard  like complete, plus a wildcard under the base domain (not the cluster domain)
//   no-node-names  api, api-int and *.apps, but no node A and PTR records
// Names of the zone nobody configured get NXDOMAIN (dnsmasq `local=`); other names REFUSED
// (no upstream), as a plant DNS without forwarders answers.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestBed } from '../testbed';
import { PLANT_OCTETS } from './addresses';
import { bedAddress, serviceNamespace, startInNamespace, waitUntilReady, type ServiceNamespace, type ServiceProcess } from './netns';

export const DNS_PROFILES = ['complete', 'secondary', 'missing-apps', 'wrong-api', 'wildcard', 'base-wildcard', 'no-node-names'] as const;
export type DnsProfile = (typeof DNS_PROFILES)[number];

export const DNSMASQ = '/usr/sbin/dnsmasq';

export interface DnsZone {
  /** <cluster.name>.<baseDomain> */
  clusterDomain: string;
  baseDomain: string;
  apiVip: string;
  ingressVip: string;
  nodes: { hostname: string; address: string }[];
  /** More A records (and PTR) every profile serves, e.g. the mirror registry's name. */
  extraHosts?: Record<string, string>;
  /** Addresses the wrong profiles answer with. */
  clusterWildcardTarget: string;
  baseWildcardTarget: string;
  wrongApiTarget: string;
  /** The bed subnet's reverse zone, e.g. 80.254.10.in-addr.arpa. */
  reverseZone: string;
}

export interface DnsServer {
  profile: DnsProfile;
  service: ServiceNamespace;
  daemon: ServiceProcess;
}

/** The dnsmasq configuration of one profile (pure: the unit under the README's table). */
export function dnsmasqConfig(profile: DnsProfile, zone: DnsZone, listen: string, dir: string): string {
  const d = zone.clusterDomain;
  const lines = [
    '# sitekit test bed: the plant DNS, profile ' + profile,
    'port=53',
    'bind-interfaces',
    `listen-address=${listen}`,
    'no-resolv',
    'no-hosts',
    'no-poll',
    `pid-file=${path.join(dir, 'dnsmasq.pid')}`,
    'log-facility=-',
    'log-queries',
    // Unknown names of the plant's zones: NXDOMAIN, answered here (no forwarding).
    `local=/${zone.baseDomain}/`,
    `local=/${zone.reverseZone}/`,
  ];
  const api = profile === 'wrong-api' ? zone.wrongApiTarget : zone.apiVip;
  // host-record makes the A record and its PTR, as a plant DNS with reverse zones has.
  lines.push(`host-record=api.${d},${api}`, `host-record=api-int.${d},${zone.apiVip}`);
  // The OpenShift docs' dnsmasq form of *.apps: every name under apps.<cluster domain>.
  if (profile !== 'missing-apps') lines.push(`address=/apps.${d}/${zone.ingressVip}`);
  if (profile !== 'no-node-names') for (const node of zone.nodes) lines.push(`host-record=${node.hostname}.${d},${node.address}`);
  for (const [name, address] of Object.entries(zone.extraHosts ?? {})) lines.push(`host-record=${name},${address}`);
  // Named records above always win over these wildcards (dnsmasq: hosts override address=).
  if (profile === 'wildcard') lines.push(`address=/${d}/${zone.clusterWildcardTarget}`);
  if (profile === 'base-wildcard') {
    lines.push(`address=/${zone.baseDomain}/${zone.baseWildcardTarget}`);
    // A real *.<base domain> wildcard does not reach below the cluster domain, which exists
    // (api.<cluster domain> is in it): the closest encloser rule of RFC 4592.
    lines.push(`local=/${d}/`);
  }
  return lines.join('\n') + '\n';
}

export async function startDnsServer(bed: TestBed, profile: DnsProfile, zone: DnsZone): Promise<DnsServer> {
  const octet = PLANT_OCTETS.dns[profile];
  const service = await serviceNamespace(bed, `dns${octet}`, octet);
  const config = path.join(service.dir, 'dnsmasq.conf');
  await writeFile(config, dnsmasqConfig(profile, zone, service.address, service.dir));
  const daemon = startInNamespace(service.namespace, DNSMASQ, ['--keep-in-foreground', `--conf-file=${config}`]);
  // Ready when it answers a question over the bridge (the test process sits at .1).
  await waitUntilReady(`dnsmasq (${profile}) at ${service.address}`, daemon, () => answers(service.address, `api.${zone.clusterDomain}`));
  return { profile, service, daemon };
}

/** The reverse zone of the bed's /24: 10.254.80.0/24 → 80.254.10.in-addr.arpa. */
export function reverseZoneOf(bed: Pick<TestBed, 'subnet'>): string {
  const [a, b, c] = bedAddress(bed, 2).split('.');
  return `${c}.${b}.${a}.in-addr.arpa`;
}

function answers(server: string, name: string): Promise<boolean> {
  // dig from the root namespace, over the bridge.
  return new Promise((resolve) => {
    execFile('dig', ['+time=1', '+tries=1', '+short', `@${server}`, name], { timeout: 5000 }, (error, stdout) =>
      resolve(!error && stdout.trim().length > 0),
    );
  });
}
