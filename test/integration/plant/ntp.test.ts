// The plant's NTP sources as the nodes see them, against a real chronyd on the SSH test bed
// (test/testbed/services/ntp.ts: local stratum 8, serving this machine's clock) and addresses
// where nothing answers: first asked by hand with chronyd -Q from a node, then the real probe
// and checkInventories must name the silent sources at their plan paths and pass the good ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANT_OCTETS } from '../../testbed/services/addresses';
import { bedAddress } from '../../testbed/services/netns';
import { onNode } from '../../testbed/services/on-node';
import { startPlantServices, stopPlantServices, type PlantServices } from '../../testbed/services/plant';
import { TESTBED_HOOK_MS } from '../../testbed/limits';
import { startTestBed, stopTestBed, type TestBed } from '../../testbed/testbed';
import { plantBedSite, plantFindingsOf, probePlantSite, where } from './plant-site';

const PROBE_MS = 300_000;
/** A name of the plant DNS for the chronyd (a plan may name its NTP servers). */
const NTP_NAME = 'ntp1.plant-a.example.com';
/** A name nobody registered. */
const NTP_UNKNOWN = 'ntp2.plant-a.example.com';

let bed: TestBed;
let services: PlantServices;
beforeAll(async () => {
  bed = await startTestBed();
  services = await startPlantServices(bed, {
    dnsProfiles: ['complete', 'secondary'],
    extraHosts: { [NTP_NAME]: bedAddress(bed, PLANT_OCTETS.ntp) },
  });
}, TESTBED_HOOK_MS);
afterAll(async () => {
  await stopPlantServices(bed, services);
  await stopTestBed(bed);
}, TESTBED_HOOK_MS);

const query = (server: string) => `chronyd -Q -t 3 -f /dev/null "server ${server} iburst minpoll -6 maxpoll -6" 2>&1`;

describe('the bed NTP server, asked by hand from tb-2 (as the test user)', () => {
  it('answers by address and by name; the silent address does not', async () => {
    const good = await onNode(bed, bed.nodes[1]!, query(services.ntp));
    expect(good.code, good.stdout).toBe(0);
    expect(good.stdout).toMatch(/System clock wrong by -?\d+\.\d+ seconds/);
    const byName = await onNode(bed, bed.nodes[1]!, query(NTP_NAME));
    expect(byName.code, byName.stdout).toBe(0);
    const silent = await onNode(bed, bed.nodes[1]!, query(services.ntpSilent));
    expect(silent.code).not.toBe(0);
    expect(silent.stdout).not.toMatch(/System clock wrong by/);
  });
});

describe('probing the plant NTP sources', () => {
  it('passes the answering sources and names the silent ones at their plan paths', async () => {
    const site = plantBedSite(bed, services, { ntpServers: [services.ntp, NTP_NAME, services.ntpSilent, NTP_UNKNOWN] });
    const results = await probePlantSite(bed, site);
    for (const r of results) expect(r.status, `${r.node}: ${r.message}`).toBe('ok');
    const findings = plantFindingsOf(site, results);
    expect(where(findings, 'plant.ntp-not-checked')).toEqual([]);
    // The chronyd serves this machine's own clock: no offset to speak of.
    expect(where(findings, 'plant.ntp-offset')).toEqual([]);
    expect(where(findings, 'plant.ntp-silent')).toEqual([
      ['/cluster/ntpServers/2', 'error'],
      ['/cluster/ntpServers/3', 'error'],
    ]);
    const silent = findings.find((f) => f.id === 'plant.ntp-silent' && f.path === '/cluster/ntpServers/2')!.message;
    expect(silent).toContain(`The NTP server ${services.ntpSilent} did not answer`);
    expect(silent).toContain('tb-1, tb-2 and tb-3');
    expect(silent).toContain('UDP port 123');
    const unknown = findings.find((f) => f.id === 'plant.ntp-silent' && f.path === '/cluster/ntpServers/3')!.message;
    expect(unknown).toContain(NTP_UNKNOWN);
  }, PROBE_MS);

  it('finds nothing to fix when every source answers', async () => {
    const site = plantBedSite(bed, services);
    const findings = plantFindingsOf(site, await probePlantSite(bed, site));
    expect(findings.filter((f) => f.id.startsWith('plant.ntp-')).map((f) => `${f.id}: ${f.message}`)).toEqual([]);
  }, PROBE_MS);
});
