// The discovered hardware goes into the bundle as `inventory/<node>.json`, byte for byte as
// the probe stored it (the evidence), and its collection times go into the commit message.
import { readFile } from 'node:fs/promises';
import type { GeneratedFile } from '../generate/files';
import type { NodeInventory } from '../probe/inventory';
import { inventoryPath, loadInventories } from '../probe/store';
import type { SiteInventories } from './export-site';

export async function siteInventories(siteDir: string): Promise<SiteInventories & { inventories: NodeInventory[] }> {
  const inventories = await loadInventories(siteDir);
  const files: GeneratedFile[] = [];
  for (const inventory of inventories) {
    files.push({ path: `inventory/${inventory.node}.json`, content: await readFile(inventoryPath(siteDir, inventory.node), 'utf8') });
  }
  return { files, probed: inventories.map((i) => ({ node: i.node, collectedAt: i.collectedAt, source: i.source })), inventories };
}
