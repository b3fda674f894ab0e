// The stored hardware checked against the plan as it is now, in the browser: after discovery
// every edit is also checked against what the nodes reported (MACs, disks, cabling), and those
// findings sit under their fields like any other. Core's checks are pure, so they run here too.
import type { InventoryView, SiteDocument } from '../../../main/contract/api';
import { summarize } from '../../../main/contract/wire';
import { checkInventories } from '../../../main/core/probe/checks';
import type { NodeInventory } from '../../../main/core/probe/inventory';
import type { Finding } from '../../../main/core/validation/finding';


export function hardwareFindings(doc: SiteDocument, inventories: readonly InventoryView[]): Finding[] {
  if (!doc.site || inventories.length === 0) return [];
  // The checks never read the raw command outputs (sections), which stay on disk.
  const full = inventories.map((i): NodeInventory => ({ ...i, sections: {} }));
  // No probe results are passed: connection outcomes belong to the Discover step's node cards.
  return checkInventories(doc.site, full);
}

export function withHardwareFindings(doc: SiteDocument, inventories: readonly InventoryView[]): SiteDocument {
  const extra = hardwareFindings(doc, inventories);
  if (extra.length === 0) return doc;
  const findings = [...doc.findings, ...extra];
  return { ...doc, findings, summary: summarize(findings) };
}
