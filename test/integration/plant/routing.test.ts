// Routing as the nodes have it, on the SSH test bed: the cluster network is the bed subnet, the
// nodes route via the bed's gateway (a namespace that answers ping and forwards nothing), a second
// gateway drops ping, and a host can take an address that should be free (a VIP in use). First
// proven by hand with ping and ip route from a node, then the real probe and checkInventories.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Site } from '../../../main/core/site/schema';
import { onNode } from '../../testbed/services/on-node';
import { occupyAddress, routeNodesVia, startPlantServices, stopPlantServices, type PlantServices } from '../../testbed/services/plant';
import { TESTBED_HOOK_MS } from '../../testbed/limits';
import { startTestBed, stopTestBed, type TestBed } from '../../testbed/testbed';
import { plantBedSite, plantFindingsOf, probePlantSite, where } from './plant-site';

const PROBE_MS = 300_000;
const run = promisify(execFile);
const ROUTING_IDS = ['plant.no-default-route', 'plant.default-route-other', 'plant.gateway-silent', 'plant.storage-routed', 'plant.vip-in-use'];

let bed: TestBed;
let services: PlantServices;
beforeAll(async () => {
  bed = await startTestBed();
  services = await startPlantServices(bed, { dnsProfiles: ['complete', 'secondary'] });
}, TESTBED_HOOK_MS);
afterAll(async () => {
  await stopPlantServices(bed, services);
  await stopTestBed(bed);
}, TESTBED_HOOK_MS);

const ping = async (address: string) => (await onNode(bed, bed.nodes[0]!, `ping -n -c 2 -i 0.2 -W 1 ${address}`)).code;

/** The cluster network's index in the plan (the gateway's path). */
const clusterIndex = (site: Site) => site.networks.findIndex((n) => n.role === 'cluster');

async function routingFindings(site: Site) {
  const results = await probePlantSite(bed, site);
  for (const r of results) {
    expect(r.status, `${r.node}: ${r.message}`).toBe('ok');
    // The checks judged real answers: every node pinged the gateway and the VIPs.
    const plant = (r.inventory!.facts as { plant?: { ping: unknown[] } }).plant;
    expect(plant?.ping.length, r.node).toBe(3);
  }
  return plantFindingsOf(site, results).filter((f) => ROUTING_IDS.includes(f.id));
}

describe('the bed gateways, by hand from tb-1', () => {
  it('route the node via the gateway; one gateway answers ping, the other does not; the VIPs are free until taken', async () => {
    const route = await onNode(bed, bed.nodes[0]!, 'ip route show default');
    expect(route.stdout).toContain(`default via ${services.gateway} dev eth0`);
    expect(await ping(services.gateway)).toBe(0);
    expect(await ping(services.gatewayQuiet)).not.toBe(0);
    expect(await ping(services.ingressVip)).not.toBe(0);
    const release = await occupyAddress(bed, services, services.ingressVip);
    try {
      expect(await ping(services.ingressVip)).toBe(0);
    } finally {
      await release();
    }
  });
});

describe('probing the routing', () => {
  it('passes a default route via the planned gateway that answers, with free VIPs', async () => {
    const findings = await routingFindings(plantBedSite(bed, services));
    expect(findings.map((f) => `${f.id} ${f.path}: ${f.message}`)).toEqual([]);
  }, PROBE_MS);

  it('finds a gateway that does not answer ping and a VIP somebody took', async () => {
    const site = plantBedSite(bed, services, { gateway: services.gatewayQuiet });
    await routeNodesVia(bed, services.gatewayQuiet);
    const release = await occupyAddress(bed, services, services.ingressVip);
    try {
      const findings = await routingFindings(site);
      expect(where(findings, 'plant.gateway-silent')).toEqual([[`/networks/${clusterIndex(site)}/gateway`, 'warning']]);
      const silent = findings.find((f) => f.id === 'plant.gateway-silent')!.message;
      expect(silent).toContain(`The gateway ${services.gatewayQuiet}`);
      expect(silent).toContain('tb-1, tb-2 and tb-3');
      expect(where(findings, 'plant.vip-in-use')).toEqual([['/cluster/ingressVIPs/0', 'error']]);
      expect(findings.find((f) => f.id === 'plant.vip-in-use')!.message).toContain(`The Ingress VIP ${services.ingressVip} already answers ping`);
      expect(where(findings, 'plant.no-default-route')).toEqual([]);
      expect(where(findings, 'plant.default-route-other')).toEqual([]);
    } finally {
      await release();
      await routeNodesVia(bed, services.gateway);
    }
  }, PROBE_MS);

  it('finds a node without a default route', async () => {
    const site = plantBedSite(bed, services);
    await routeNodesVia(bed, undefined);
    try {
      const findings = await routingFindings(site);
      expect(where(findings, 'plant.no-default-route')).toEqual([[`/networks/${clusterIndex(site)}/gateway`, 'warning']]);
      expect(findings.find((f) => f.id === 'plant.no-default-route')!.message).toContain(services.gateway);
    } finally {
      await routeNodesVia(bed, services.gateway);
    }
  }, PROBE_MS);

  it('finds a default route via another gateway than the planned one', async () => {
    const site = plantBedSite(bed, services);
    await routeNodesVia(bed, services.gatewayQuiet);
    try {
      const findings = await routingFindings(site);
      expect(where(findings, 'plant.default-route-other')).toEqual([[`/networks/${clusterIndex(site)}/gateway`, 'warning']]);
      const message = findings.find((f) => f.id === 'plant.default-route-other')!.message;
      expect(message).toContain(services.gatewayQuiet);
      expect(message).toContain(services.gateway);
    } finally {
      await routeNodesVia(bed, services.gateway);
    }
  }, PROBE_MS);

  it('finds a route out of the storage network on the node that has one', async () => {
    const site = plantBedSite(bed, services);
    const storage = site.networks.findIndex((n) => n.role === 'storage');
    const subnet = site.networks[storage]!.subnet; // 10.30.0.0/24 in the plan
    const prefix = subnet.replace(/\.0\/24$/, '');
    const ns = bed.nodes[0]!.namespace;
    // tb-1 has an address on the storage subnet and a route through a gateway there, as a DHCP
    // server on the storage VLAN would hand out.
    await run('ip', ['-n', ns, 'addr', 'add', `${prefix}.11/24`, 'dev', 'eth0']);
    await run('ip', ['-n', ns, 'route', 'add', '198.51.100.0/24', 'via', `${prefix}.1`]);
    try {
      const findings = await routingFindings(site);
      expect(findings.filter((f) => f.id === 'plant.storage-routed').map((f) => [f.path, f.severity, f.message.includes(bed.nodes[0]!.name)])).toEqual([
        [`/networks/${storage}/subnet`, 'warning', true],
      ]);
      expect(findings.find((f) => f.id === 'plant.storage-routed')!.message).toContain('198.51.100.0/24');
    } finally {
      await run('ip', ['-n', ns, 'route', 'del', '198.51.100.0/24']).catch(() => undefined);
      await run('ip', ['-n', ns, 'addr', 'del', `${prefix}.11/24`, 'dev', 'eth0']).catch(() => undefined);
    }
  }, PROBE_MS);
});
