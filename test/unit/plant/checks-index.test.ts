// The plant checks as a whole: wired into checkInventories, quiet on captures from before the
// plant checks, matched to the current plan by content, and every id they emit is listed.
import { beforeAll, describe, expect, it } from 'vitest';
import { judgeTlsResults } from '../../../main/core/plant/tls-judge';
import { PLANT_FINDING_IDS as FROM_PROBE_CHECKS, checkInventories } from '../../../main/core/probe/checks';
import { PLANT_FINDING_IDS, plantFindings } from '../../../main/core/plant/checks';
import { nodeContexts } from '../../../main/core/probe/checks/context';
import type { PlantFacts } from '../../../main/core/plant/types';
import { healthyInventories } from '../probe/inventory-builder';
import { findingsOf, plantInventories, plantOf, plantSite } from './checks-fixture';
import { makeTestCerts, type TestCerts } from './tls-certs';

let certs: TestCerts;
beforeAll(() => {
  certs = makeTestCerts();
});

describe('plantFindings', () => {
  it('gives only notes (certificate days, disk figures) when the plant answers as planned', () => {
    const site = plantSite(certs.rootCa);
    const findings = findingsOf(site, plantInventories(site, [certs.leaf, certs.intermediate]), Date.now() + 60_000);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(findings.map((f) => f.id)).toEqual(['plant.registry-cert-ok', 'plant.disk-speed', 'plant.disk-speed', 'plant.disk-speed']);
  });

  it('says nothing about a capture from before the plant checks (no facts.plant)', () => {
    const site = plantSite(certs.rootCa);
    expect(findingsOf(site, healthyInventories())).toEqual([]);
  });

  it('is part of checkInventories and its ids are exported there', () => {
    const site = plantSite(certs.rootCa);
    const inventories = plantInventories(site, [certs.untrusted, certs.otherCa]);
    // Unjudged (as the browser would see a capture no main process judged): not checked, not passed.
    const unjudged = checkInventories(site, inventories, [], { laptopTime: Date.now() + 60_000 });
    expect(unjudged.filter((f) => f.id.startsWith('plant.registry-cert'))).toEqual([]);
    expect(unjudged.find((f) => f.id === 'plant.registry-not-checked')?.message).toContain('the certificate was not judged yet');
    const ids = checkInventories(site, judgeTlsResults(site, inventories), [], { laptopTime: Date.now() + 60_000 }).map((f) => f.id);
    expect(ids).toContain('plant.registry-cert-untrusted');
    expect(FROM_PROBE_CHECKS).toBe(PLANT_FINDING_IDS);
  });

  it('matches results by content: other ids and another order still count', () => {
    const site = plantSite(certs.rootCa);
    const inventories = plantInventories(site, [certs.leaf, certs.intermediate]);
    const plant: PlantFacts = plantOf(inventories[0]!);
    plant.requests.reverse();
    for (const r of plant.requests) {
      const old = r.id;
      r.id = `x${plant.requests.indexOf(r)}`;
      for (const list of [plant.dns, plant.tls, plant.http, plant.ntp, plant.ping]) for (const res of list) if (res.requestId === old) res.requestId = r.id;
    }
    const findings = findingsOf(site, inventories, Date.now() + 60_000);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('never judges the current plan by an answer to an older question (renamed cluster)', () => {
    const site = plantSite(certs.rootCa);
    const inventories = plantInventories(site, [certs.leaf, certs.intermediate]);
    for (const inv of inventories) {
      const plant = plantOf(inv);
      const old = new Set(plant.requests.filter((r) => r.kind === 'dns' && r.name.includes('.acp.')).map((r) => r.id));
      for (const r of plant.dns) if (old.has(r.requestId)) r.answers = ['192.0.2.1']; // wrong, but for the old names
    }
    site.cluster.name = 'acp2';
    const findings = findingsOf(site, inventories, Date.now() + 60_000).filter((f) => f.id.startsWith('plant.dns-'));
    expect(findings.map((f) => f.id)).toEqual(['plant.dns-not-checked']);
    expect(findings[0]!.message).toContain('api.acp2.plant-a.example.com of 10.10.0.2: the capture did not ask it (the plan changed after the probe)');
  });

  it('lists every id it can emit exactly once', () => {
    expect(new Set(PLANT_FINDING_IDS).size).toBe(PLANT_FINDING_IDS.length);
    expect(PLANT_FINDING_IDS).toEqual([
      'plant.dns-record-missing', 'plant.dns-record-wrong', 'plant.dns-wildcard', 'plant.dns-base-wildcard', 'plant.dns-node-name',
      'plant.dns-server-silent', 'plant.dns-not-checked',
      'plant.registry-unreachable', 'plant.registry-cert-untrusted', 'plant.registry-cert-name', 'plant.registry-cert-expired',
      'plant.registry-cert-expiring', 'plant.registry-cert-ok', 'plant.registry-api', 'plant.registry-auth', 'plant.registry-image-missing',
      'plant.registry-not-checked', 'plant.registry-credentials',
      'plant.ntp-silent', 'plant.ntp-offset', 'plant.ntp-not-checked',
      'plant.no-default-route', 'plant.default-route-other', 'plant.gateway-silent', 'plant.storage-routed', 'plant.vip-in-use',
      'plant.disk-slow', 'plant.disk-speed', 'plant.disk-speed-not-measured',
    ]);
  });
});

describe('registry certificate verdicts', () => {
  it('a verdict judged against another CA bundle is not used: the changed bundle is judged again', () => {
    const site = plantSite(certs.rootCa);
    const judged = judgeTlsResults(site, plantInventories(site, [certs.leaf, certs.intermediate]));
    expect(findingsOf(site, judged).filter((f) => f.id.startsWith('plant.registry-cert-untrusted'))).toEqual([]);
    const changed = plantSite(certs.otherCa);
    const stale = plantFindings(changed, nodeContexts(changed, judged), Date.now());
    expect(stale.filter((f) => f.id.startsWith('plant.registry-cert'))).toEqual([]);
    expect(stale.find((f) => f.id === 'plant.registry-not-checked')?.message).toContain('the CA bundle changed since the certificate was judged');
    expect(findingsOf(changed, judged).map((f) => f.id)).toContain('plant.registry-cert-untrusted');
  });
});
