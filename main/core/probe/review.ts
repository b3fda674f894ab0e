// After a probe: what the plan looks like against the hardware. Nodes not probed this time
// are still checked from their stored inventory; findings carry their line in site.yaml.
import { parseSiteDocument, positionOf } from '../site/load';
import type { Site } from '../site/schema';
import type { Finding } from '../validation/finding';
import { checkInventories } from './checks';
import type { NodeInventory, ProbeResult } from './inventory';
import { proposePlanEdits } from './proposals';
import type { Proposal } from './proposals/types';
import { judgeTlsResults } from '../plant/tls-judge';
import { loadInventories } from './store';

export interface ProbeReview {
  inventories: NodeInventory[];
  findings: Finding[];
  proposals: Proposal[];
}

export async function reviewProbe(site: Site, siteText: string, siteDir: string, results: readonly ProbeResult[]): Promise<ProbeReview> {
  const fresh = results.flatMap((r) => (r.inventory ? [r.inventory] : []));
  const stored = await loadInventories(siteDir).catch(() => [] as NodeInventory[]);
  const freshNames = new Set(results.map((r) => r.node));
  const inventories = judgeTlsResults(site, [...fresh, ...stored.filter((inv) => !freshNames.has(inv.node))]);
  const { document, lineCounter } = parseSiteDocument(siteText);
  const findings = checkInventories(site, inventories, results, { laptopTime: Date.now() }).map((f) => {
    const position = positionOf(document, lineCounter, f.path);
    return position ? { ...f, position } : f;
  });
  return { inventories, findings, proposals: proposePlanEdits(site, inventories) };
}
