// Judges the registry certificate chains the nodes saw against the current plan (node:crypto,
// main process only) and stores the verdict with each TLS answer, so the checks — also in the
// browser — use it. Called after a probe or an import and whenever inventories are read for
// checking, so a changed CA bundle is judged again.
import type { NodeInventory } from '../probe/inventory';
import type { Site } from '../site/schema';
import { tlsBasis, tlsTrustFor } from './tls-trust';
import { chainVerdict } from './tls-verify';

export function judgeTlsResults<T extends NodeInventory>(site: Site, inventories: readonly T[]): T[] {
  return inventories.map((inventory) => {
    const plant = inventory.facts.plant;
    if (!plant?.tls.length) return inventory;
    const tls = plant.tls.map((result) => {
      const request = plant.requests.find((r) => r.id === result.requestId);
      if (request?.kind !== 'tls' || result.status !== 'connected') return result;
      const trust = tlsTrustFor(site, request);
      const basis = tlsBasis(trust);
      if (result.verdict?.basis === basis) return result;
      return { ...result, verdict: { basis, ...chainVerdict(result.chainPem, trust) } };
    });
    return { ...inventory, facts: { ...inventory.facts, plant: { ...plant, tls } } };
  });
}
