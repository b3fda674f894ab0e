// Plant facts for the plant-a example in which every service answers as planned, for the plant
// check tests to break one answer at a time. The capture's request ids differ from the plan's
// (prefix "c-") so every test also proves that results are matched by content, not by id.
import type { ResultByKind } from '../../../main/core/plant/checks/match';
import { judgeTlsResults } from '../../../main/core/plant/tls-judge';
import { plantFindings } from '../../../main/core/plant/checks';
import { plantPlan } from '../../../main/core/plant/requests';
import type { PlantExpectation, PlantFacts, PlantRequest } from '../../../main/core/plant/types';
import { nodeContexts } from '../../../main/core/probe/checks/context';
import type { NodeInventory } from '../../../main/core/probe/inventory';
import type { Site } from '../../../main/core/site/schema';
import type { Finding } from '../../../main/core/validation/finding';
import { exampleSite } from '../../helpers/example-site';
import { healthyInventories } from '../probe/inventory-builder';

/** plant-a with a full OpenShift version (so the release image is checked) and the given CA bundle. */
export function plantSite(caBundle?: string): Site {
  const site = exampleSite();
  site.cluster.openshiftVersion = '4.18.3';
  if (caBundle !== undefined && site.cluster.mirror) site.cluster.mirror.caBundle = caBundle;
  return site;
}


function healthyResult(req: PlantRequest, expectation: PlantExpectation | undefined, id: string, chainPem: string[]): ResultByKind[keyof ResultByKind] {
  switch (req.kind) {
    case 'dns': {
      const tool = req.server === 'node' ? 'getent' : 'dig';
      const found = req.server === 'node' ? 'found' : 'NOERROR';
      const none = req.server === 'node' ? 'not-found' : 'NXDOMAIN';
      const purpose = expectation?.purpose ?? '';
      if (purpose.startsWith('wildcard')) return { requestId: id, tool, status: none, answers: [] };
      if (purpose === 'node-ptr') return { requestId: id, tool, status: found, answers: [`${expectation?.expect?.[0]}.acp.plant-a.example.com.`] };
      if (purpose === 'registry-host') return { requestId: id, tool, status: found, answers: ['10.10.0.40'] };
      return { requestId: id, tool, status: found, answers: [...(expectation?.expect ?? [])] };
    }
    case 'tls':
      return { requestId: id, status: 'connected', chainPem, protocol: 'TLSv1.3' };
    case 'http':
      return req.manifest
        ? { requestId: id, status: 'answered', code: 200, authSent: true, digest: 'sha256:' + 'a'.repeat(64) }
        : { requestId: id, status: 'answered', code: 401, authSent: false, challenge: 'basic' };
    case 'ntp':
      return { requestId: id, status: 'answered', offsetSeconds: 0.004 };
    case 'ping':
      return expectation?.purpose === 'gateway'
        ? { requestId: id, status: 'answered', sent: 3, received: 3, avgMs: 0.4 }
        : { requestId: id, status: 'no-answer', sent: 3, received: 0 };
  }
}

/** What one node's capture holds when every plant service answers as planned. */
export function healthyPlantFacts(site: Site, chainPem: string[] = []): PlantFacts {
  const facts: PlantFacts = { requests: [], resolvers: ['10.10.0.2'], dns: [], tls: [], http: [], ntp: [], ping: [] };
  const plan = plantPlan(site);
  for (const req of plan.requests) {
    const id = `c-${req.id}`;
    facts.requests.push({ ...req, id });
    const result = healthyResult(req, plan.expectations.find((e) => e.requestId === req.id), id, chainPem);
    (facts[req.kind] as ResultByKind[typeof req.kind][]).push(result as never);
  }
  facts.diskSpeed = { device: '/dev/sda', target: '/dev/sda', status: 'measured', tool: 'fio', syncMs: 1.8, measure: 'p99', thresholdMs: 10 };
  return facts;
}

/** The capture's result for the request that `match` picks (mutable, for a test to break). */
export function resultOf<K extends keyof ResultByKind>(facts: PlantFacts, kind: K, match: (req: Extract<PlantRequest, { kind: K }>) => boolean): ResultByKind[K] {
  const req = facts.requests.find((r): r is Extract<PlantRequest, { kind: K }> => r.kind === kind && match(r as Extract<PlantRequest, { kind: K }>));
  if (!req) throw new Error(`no ${kind} request matches`);
  const result = (facts[kind] as ResultByKind[K][]).find((r) => r.requestId === req.id);
  if (!result) throw new Error(`no result for ${req.id}`);
  return result;
}

/** plant-a's healthy inventories with plant facts and the routes of the cluster and storage VLANs. */
export function plantInventories(site: Site, chainPem: string[] = []): NodeInventory[] {
  return healthyInventories().map((inv, i) => {
    const facts = inv.facts as NodeInventory['facts'] & { plant?: PlantFacts };
    facts.plant = healthyPlantFacts(site, chainPem);
    facts.routes = [
      { dst: 'default', gateway: '10.10.0.1', dev: 'bond0.10', protocol: 'static', metric: 400 },
      { dst: '10.10.0.0/24', dev: 'bond0.10', protocol: 'kernel', metric: 400 },
      { dst: '10.30.0.0/24', dev: 'bond0.30', protocol: 'kernel', metric: 401 },
    ];
    facts.hostname = `acp-${i + 1}`;
    return inv;
  });
}

export function plantOf(inv: NodeInventory): PlantFacts {
  const plant = (inv.facts as { plant?: PlantFacts }).plant;
  if (!plant) throw new Error('no plant facts');
  return plant;
}

export function findingsOf(site: Site, inventories: NodeInventory[], now = Date.now()): Finding[] {
  // As the main process does before any check: the registry chains judged against the plan.
  return plantFindings(site, nodeContexts(site, judgeTlsResults(site, inventories)), now);
}

export function only(findings: Finding[], id: string): Finding[] {
  return findings.filter((f) => f.id === id);
}
