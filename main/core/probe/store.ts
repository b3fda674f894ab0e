// The probe's files in the site workspace: `<site dir>/.sitekit/known_hosts.json` (host-key
// pins) and `<site dir>/.sitekit/inventory/<node>.json`. Atomic writes; a pins file that
// cannot be read is an error, never "no pins" (that would silently trust new keys).
import { mkdir, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { nodeInventorySchema, type NodeInventory, type ProbeResult } from './inventory';
import type { HostKeyPins } from './ssh/types';

export const WORKSPACE_DIR = '.sitekit';

const pinSchema = z.object({
  host: z.string(),
  port: z.int(),
  algorithm: z.string(),
  sha256: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/),
  pinnedAt: z.string().optional(),
});
const pinsFileSchema = z.object({ version: z.literal(1), pins: z.record(z.string(), pinSchema) });

export function workspaceDir(siteDir: string): string {
  return path.join(siteDir, WORKSPACE_DIR);
}

export function pinsPath(siteDir: string): string {
  return path.join(workspaceDir(siteDir), 'known_hosts.json');
}

/** Node names become file names: anything but a plain host name is refused. */
export function inventoryPath(siteDir: string, node: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/.test(node) || node.includes('..')) {
    throw new Error(`"${node}" cannot be used as a node name for an inventory file`);
  }
  return path.join(workspaceDir(siteDir), 'inventory', `${node}.json`);
}

export async function loadPins(siteDir: string): Promise<HostKeyPins> {
  let text: string;
  try {
    text = await readFile(pinsPath(siteDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`${pinsPath(siteDir)} is not valid JSON; fix or remove it (host keys are then asked for again)`);
  }
  const parsed = pinsFileSchema.safeParse(data);
  if (!parsed.success) throw new Error(`${pinsPath(siteDir)} is not a Sitekit host-key file; fix or remove it`);
  return parsed.data.pins;
}

export async function savePins(siteDir: string, pins: HostKeyPins): Promise<void> {
  await mkdir(workspaceDir(siteDir), { recursive: true });
  const sorted = Object.fromEntries(Object.entries(pins).sort(([a], [b]) => a.localeCompare(b)));
  await writeFileAtomic(pinsPath(siteDir), `${JSON.stringify({ version: 1, pins: sorted }, null, 2)}\n`);
}

/** Pins plus every key accepted during the probe. Changed keys are never replaced here. */
export function mergePins(pins: HostKeyPins, results: readonly ProbeResult[]): HostKeyPins {
  const merged = { ...pins };
  for (const r of results) {
    for (const [key, pin] of Object.entries(r.newPins ?? {})) if (!merged[key]) merged[key] = pin;
  }
  return merged;
}

export function removePin(pins: HostKeyPins, key: string): HostKeyPins {
  const { [key]: _removed, ...rest } = pins;
  return rest;
}

export async function saveInventory(siteDir: string, inventory: NodeInventory): Promise<string> {
  const file = inventoryPath(siteDir, inventory.node);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify(inventory, null, 2)}\n`);
  return file;
}

export async function loadInventory(siteDir: string, node: string): Promise<NodeInventory | undefined> {
  let text: string;
  try {
    text = await readFile(inventoryPath(siteDir, node), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = nodeInventorySchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${inventoryPath(siteDir, node)} is not a Sitekit inventory`);
  return parsed.data;
}

export async function loadInventories(siteDir: string): Promise<NodeInventory[]> {
  let files: string[];
  try {
    files = await readdir(path.join(workspaceDir(siteDir), 'inventory'));
  } catch {
    return [];
  }
  const out: NodeInventory[] = [];
  for (const f of files.filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort()) {
    const inv = await loadInventory(siteDir, f.slice(0, -5)).catch(() => undefined);
    if (inv) out.push(inv);
  }
  return out;
}

/** Store what a probe produced: every inventory, and the pins accepted along the way. */
export async function saveProbeResults(siteDir: string, results: readonly ProbeResult[]): Promise<void> {
  for (const r of results) if (r.inventory) await saveInventory(siteDir, r.inventory);
  if (results.some((r) => r.newPins && Object.keys(r.newPins).length)) {
    await savePins(siteDir, mergePins(await loadPins(siteDir), results));
  }
}
