// The plant's DNS as the nodes see it, against real dnsmasq servers on the SSH test bed
// (test/testbed/services/dns.ts): first each server is asked by hand with dig from a node, then
// the real probe asks every plan DNS server and the node's own resolvers in one SSH round trip per
// node, and checkInventories must name each broken server at its plan path, in the plant's terms,
// while the complete server beside it passes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../main/core/probe/inventory';
import type { Site } from '../../../main/core/site/schema';
import type { Finding } from '../../../main/core/validation/finding';
import { hideToolOnNode, onNode } from '../../testbed/services/on-node';
import { dnsAddress, setNodeResolvers, startPlantServices, stopPlantServices, type PlantServices } from '../../testbed/services/plant';
import { TESTBED_HOOK_MS } from '../../testbed/limits';
import { startTestBed, stopTestBed, type TestBed } from '../../testbed/testbed';
import { plantBedSite, plantFindingsOf, probePlantSite, where } from './plant-site';

const PROBE_MS = 300_000;
const DOMAIN = 'acp.plant-a.example.com';

let bed: TestBed;
let services: PlantServices;
beforeAll(async () => {
  bed = await startTestBed();
  services = await startPlantServices(bed);
}, TESTBED_HOOK_MS);
afterAll(async () => {
  await stopPlantServices(bed, services);
  await stopTestBed(bed);
}, TESTBED_HOOK_MS);

async function dig(server: string, question: string): Promise<string> {
  const r = await onNode(bed, bed.nodes[0]!, `dig +time=2 +tries=1 +short @${server} ${question}`);
  return r.code === 0 ? r.stdout.trim() : `rc=${r.code} ${r.stdout.trim()}`;
}

describe('the bed plant DNS, asked by hand from tb-1', () => {
  it('answers per profile', async () => {
    const at = (profile: Parameters<typeof dnsAddress>[1]) => dnsAddress(services, profile);
    const apps = `sitekit-check.apps.${DOMAIN}`;
    expect(await dig(at('complete'), `api.${DOMAIN}`)).toBe(services.apiVip);
    expect(await dig(at('complete'), `api-int.${DOMAIN}`)).toBe(services.apiVip);
    expect(await dig(at('complete'), apps)).toBe(services.ingressVip);
    expect(await dig(at('complete'), `tb-2.${DOMAIN}`)).toBe(bed.nodes[1]!.host);
    expect(await dig(at('complete'), `-x ${bed.nodes[1]!.host}`)).toBe(`tb-2.${DOMAIN}.`);
    expect(await dig(at('complete'), `validateNoWildcardDNS.${DOMAIN}`)).toBe('');
    expect(await dig(at('secondary'), apps)).toBe(services.ingressVip);
    expect(await dig(at('missing-apps'), apps)).toBe('');
    expect(await dig(at('wrong-api'), `api.${DOMAIN}`)).not.toBe(services.apiVip);
    expect(await dig(at('wildcard'), `validateNoWildcardDNS.${DOMAIN}`)).toMatch(/^10\.254\./);
    expect(await dig(at('base-wildcard'), 'validatenowildcarddns-sitekit.plant-a.example.com')).toMatch(/^10\.254\./);
    expect(await dig(at('base-wildcard'), `validateNoWildcardDNS.${DOMAIN}`)).toBe('');
    expect(await dig(at('no-node-names'), `tb-2.${DOMAIN}`)).toBe('');
    expect(await dig(services.dnsRefused, `api.${DOMAIN}`)).toMatch(/connection refused/);
    expect(await dig(services.dnsSilent, `api.${DOMAIN}`)).toMatch(/timed out/);
  });

  it("is the node's own resolver (its /etc/resolv.conf, in the node's mount namespace)", async () => {
    const conf = await onNode(bed, bed.nodes[2]!, 'cat /etc/resolv.conf; getent ahosts api.' + DOMAIN);
    expect(conf.stdout).toContain(`nameserver ${dnsAddress(services, 'complete')}`);
    expect(conf.stdout).toContain(services.apiVip);
  });
});

describe('probing the plant DNS', () => {
  let site: Site;
  let results: ProbeResult[];
  let findings: Finding[];
  // One probe asks the complete server (/cluster/dnsServers/0) and every broken one beside it.
  const servers = () => [
    dnsAddress(services, 'complete'),
    dnsAddress(services, 'missing-apps'),
    dnsAddress(services, 'wrong-api'),
    dnsAddress(services, 'wildcard'),
    dnsAddress(services, 'base-wildcard'),
    dnsAddress(services, 'no-node-names'),
    services.dnsSilent,
    services.dnsRefused,
  ];
  beforeAll(async () => {
    site = plantBedSite(bed, services, { dnsServers: servers() });
    results = await probePlantSite(bed, site);
    findings = plantFindingsOf(site, results);
  }, PROBE_MS);

  it('probes every node and records what each server answered', () => {
    for (const r of results) expect(r.status, `${r.node}: ${r.message}`).toBe('ok');
    const plant = (results[0]!.inventory!.facts as { plant?: { resolvers?: string[]; dns: unknown[] } }).plant;
    expect(plant?.resolvers).toEqual([dnsAddress(services, 'complete'), dnsAddress(services, 'secondary')]);
    expect(plant?.dns.length).toBeGreaterThan(0);
    expect(where(findings, 'plant.dns-not-checked')).toEqual([]);
  });

  it('passes the complete server and the node resolvers', () => {
    const clean = findings.filter((f) => f.path === '/cluster/dnsServers/0' || f.path === '/cluster/dnsServers');
    expect(clean.map((f) => `${f.id}: ${f.message}`)).toEqual([]);
  });

  it('finds the missing *.apps record, named in plant terms', () => {
    expect(where(findings, 'plant.dns-record-missing')).toEqual([['/cluster/dnsServers/1', 'error']]);
    const message = findings.find((f) => f.id === 'plant.dns-record-missing')!.message;
    expect(message).toContain(`The plant DNS ${dnsAddress(services, 'missing-apps')}`);
    expect(message).toContain(`*.apps.${DOMAIN}`);
    expect(message).toContain(`sitekit-check.apps.${DOMAIN}`);
    expect(message).toContain('NXDOMAIN');
    expect(message).toContain(services.ingressVip);
    expect(message).toContain('tb-1, tb-2 and tb-3');
  });

  it('finds the api record pointing elsewhere', () => {
    expect(where(findings, 'plant.dns-record-wrong')).toEqual([['/cluster/dnsServers/2', 'error']]);
    expect(findings.find((f) => f.id === 'plant.dns-record-wrong')!.message).toContain(`api.${DOMAIN}`);
  });

  it('finds the wildcard over the cluster domain and the one over the base domain', () => {
    expect(where(findings, 'plant.dns-wildcard')).toEqual([['/cluster/dnsServers/3', 'error']]);
    expect(findings.find((f) => f.id === 'plant.dns-wildcard')!.message).toContain(DOMAIN);
    expect(where(findings, 'plant.dns-base-wildcard')).toEqual([['/cluster/dnsServers/4', 'warning']]);
  });

  it('finds the missing node names (forward and PTR), as warnings', () => {
    const nodeNames = where(findings, 'plant.dns-node-name');
    expect(nodeNames.length).toBeGreaterThan(0);
    expect(new Set(nodeNames.map(([path, severity]) => `${path} ${severity}`))).toEqual(new Set(['/cluster/dnsServers/5 warning']));
  });

  it('finds the silent and the refusing server', () => {
    const silent = where(findings, 'plant.dns-server-silent');
    expect(new Set(silent.map(([path]) => path))).toEqual(new Set(['/cluster/dnsServers/6', '/cluster/dnsServers/7']));
    expect(silent.every(([, severity]) => severity === 'error')).toBe(true);
    expect(findings.find((f) => f.id === 'plant.dns-server-silent' && f.path.endsWith('/6'))!.message).toContain(services.dnsSilent);
  });
});

describe("the nodes' own resolvers", () => {
  it('are judged under /cluster/dnsServers when they lack *.apps, and pass when complete', async () => {
    const site = plantBedSite(bed, services);
    await setNodeResolvers(bed, [dnsAddress(services, 'missing-apps')]);
    try {
      const findings = plantFindingsOf(site, await probePlantSite(bed, site));
      expect(where(findings, 'plant.dns-record-missing')).toEqual([['/cluster/dnsServers', 'error']]);
      expect(findings.find((f) => f.id === 'plant.dns-record-missing')!.message).toContain(dnsAddress(services, 'missing-apps'));
    } finally {
      await setNodeResolvers(bed, [dnsAddress(services, 'complete'), dnsAddress(services, 'secondary')]);
    }
    const findings = plantFindingsOf(site, await probePlantSite(bed, site));
    expect(findings.filter((f) => f.id.startsWith('plant.dns-')).map((f) => `${f.id}: ${f.message}`)).toEqual([]);
  }, PROBE_MS);
});

describe('a node without dig', () => {
  it('says which tool is missing and that the plan servers were not asked from it; the other nodes still judge them', async () => {
    const site = plantBedSite(bed, services);
    const restore = await hideToolOnNode(bed.nodes[1]!, '/usr/bin/dig', bed.dir);
    let findings: Finding[];
    try {
      findings = plantFindingsOf(site, await probePlantSite(bed, site));
    } finally {
      await restore();
    }
    const notChecked = findings.filter((f) => f.id === 'plant.dns-not-checked');
    expect(notChecked.length, findings.map((f) => `${f.id}: ${f.message}`).join('\n')).toBeGreaterThan(0);
    expect(notChecked.every((f) => f.severity === 'info')).toBe(true);
    expect(notChecked.map((f) => f.message).join('\n')).toMatch(/dig/);
    expect(notChecked.map((f) => f.message).join('\n')).toContain(bed.nodes[1]!.name);
    // The complete server is still passed from the nodes that have dig: no error about it.
    expect(findings.filter((f) => f.id.startsWith('plant.dns-') && f.severity === 'error')).toEqual([]);
  }, PROBE_MS);
});
