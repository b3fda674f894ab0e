// A plan for the test bed whose plant services are the bed's own (test/testbed/services): the
// three bed nodes, the cluster network = the bed subnet with the bed's gateway (so the nodes'
// default route has a real gateway to check), the VIPs on free addresses of that subnet, and DNS
// and NTP servers chosen by the test among the running services (a good one and the one under
// test, so each probe shows a passing and a failing server side by side).
import { readFileSync } from 'node:fs';
import { checkInventories } from '../../../main/core/probe/checks';
import type { ProbeResult } from '../../../main/core/probe/inventory';
import { probeNodes } from '../../../main/core/probe/probe';
import type { Site } from '../../../main/core/site/schema';
import type { Finding } from '../../../main/core/validation/finding';
import { siteSchema } from '../../../main/core/site/schema';
import { dnsAddress, type PlantServices } from '../../testbed/services/plant';
import type { TestBed } from '../../testbed/testbed';
import { blankBedSite } from '../probe/bed-site';

export interface PlantSiteOptions {
  /** Plan DNS servers (default: the complete and the secondary dnsmasq). */
  dnsServers?: string[];
  /** Plan NTP sources (default: the bed's chronyd). */
  ntpServers?: string[];
  /** The cluster network's gateway (default: the gateway that answers ping). */
  gateway?: string;
  apiVIPs?: string[];
  ingressVIPs?: string[];
  /** The mirror registry (default: none, which makes the site a connected one). */
  mirror?: Site['cluster']['mirror'];
}

export function plantBedSite(bed: TestBed, services: PlantServices, options: PlantSiteOptions = {}): Site {
  const site = blankBedSite(bed);
  site.metadata.name = 'testbed-plant';
  const [clusterName, ...base] = services.zone.clusterDomain.split('.');
  site.cluster.name = clusterName!;
  site.cluster.baseDomain = base.join('.');
  site.cluster.apiVIPs = options.apiVIPs ?? [services.apiVip];
  site.cluster.ingressVIPs = options.ingressVIPs ?? [services.ingressVip];
  site.cluster.dnsServers = options.dnsServers ?? [dnsAddress(services, 'complete'), dnsAddress(services, 'secondary')];
  site.cluster.ntpServers = options.ntpServers ?? [services.ntp];
  if (options.mirror) site.cluster.mirror = options.mirror;
  else delete site.cluster.mirror;
  const cluster = site.networks.find((n) => n.role === 'cluster')!;
  cluster.vlan = 'untagged';
  cluster.subnet = bed.subnet;
  cluster.gateway = options.gateway ?? services.gateway;
  site.nodes = site.nodes.map((node, i) => ({ ...node, addresses: { ...node.addresses, [cluster.name]: bed.nodes[i]!.host } }));
  return siteSchema.parse(site);
}

/** The real probe of every bed node (one SSH round trip each), with wide limits for a busy machine. */
export function probePlantSite(bed: TestBed, site: Site): Promise<ProbeResult[]> {
  return probeNodes(site, {
    credentials: { privateKey: readFileSync(bed.identityFile) },
    acceptNewHostKeys: true,
    commandTimeoutMs: 120_000,
    connectTimeoutMs: 60_000,
  });
}

/** The plant findings (`plant.*`) of a probe, as checkInventories reports them. */
export function plantFindingsOf(site: Site, results: ProbeResult[]): Finding[] {
  const inventories = results.flatMap((r) => (r.inventory ? [r.inventory] : []));
  return checkInventories(site, inventories, results).filter((f) => f.id.startsWith('plant.'));
}

/** `[path, severity]` of every finding with this id, for compact expectations. */
export function where(findings: Finding[], id: string): [string, string][] {
  return findings.filter((f) => f.id === id).map((f) => [f.path, f.severity]);
}
