import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVENTORY_VERSION, emptyFacts, type NodeInventory, type ProbeResult } from '../../../../main/core/probe/inventory';
import {
  inventoryPath,
  loadInventories,
  loadInventory,
  loadPins,
  mergePins,
  pinsPath,
  removePin,
  saveInventory,
  savePins,
  saveProbeResults,
} from '../../../../main/core/probe/store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sitekit-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const inv = (node: string): NodeInventory => ({
  inventoryVersion: INVENTORY_VERSION,
  node,
  collectedAt: '2026-01-01T00:00:00.000Z',
  source: 'ssh',
  tools: [],
  facts: emptyFacts(),
  sections: { hostname: { ok: true, stdout: `${node}\n`, exitCode: 0 } },
  problems: [],
});
const fp = `SHA256:${'A'.repeat(43)}`;
const pin = { host: '10.0.0.11', port: 22, algorithm: 'ssh-ed25519', sha256: fp };

describe('store', () => {
  it('inventories round-trip under .sitekit/inventory/<node>.json', async () => {
    const file = await saveInventory(dir, inv('node1'));
    expect(file).toBe(path.join(dir, '.sitekit', 'inventory', 'node1.json'));
    expect(await loadInventory(dir, 'node1')).toEqual(inv('node1'));
    await saveInventory(dir, inv('node2'));
    expect((await loadInventories(dir)).map((i) => i.node)).toEqual(['node1', 'node2']);
    expect(await loadInventory(dir, 'node9')).toBeUndefined();
  });

  it('refuses node names that would leave the folder', () => {
    for (const bad of ['../x', 'a/b', '..', '', '.hidden']) expect(() => inventoryPath(dir, bad)).toThrow();
  });

  it('pins round-trip; no file means no pins; a broken file is an error, never "trust all"', async () => {
    expect(await loadPins(dir)).toEqual({});
    await savePins(dir, { node1: pin });
    expect(await loadPins(dir)).toEqual({ node1: pin });
    await writeFile(pinsPath(dir), '{broken');
    await expect(loadPins(dir)).rejects.toThrow(/not valid JSON/);
    await writeFile(pinsPath(dir), '{"version":1,"pins":{"n":{"sha256":"MD5:x"}}}');
    await expect(loadPins(dir)).rejects.toThrow(/not a Sitekit host-key file/);
  });

  it('mergePins adds accepted keys but never replaces an existing pin', () => {
    const other = { ...pin, sha256: `SHA256:${'B'.repeat(43)}` };
    const results: ProbeResult[] = [
      { node: 'node1', status: 'ok', message: '', newPins: { node1: other } },
      { node: 'node2', status: 'ok', message: '', newPins: { node2: other } },
    ];
    expect(mergePins({ node1: pin }, results)).toEqual({ node1: pin, node2: other });
    expect(removePin({ node1: pin, node2: other }, 'node1')).toEqual({ node2: other });
  });

  it('saveProbeResults writes inventories and new pins atomically', async () => {
    await mkdir(path.join(dir, '.sitekit'), { recursive: true });
    await saveProbeResults(dir, [
      { node: 'node1', status: 'ok', message: '', inventory: inv('node1'), newPins: { node1: pin } },
      { node: 'node2', status: 'unreachable', message: 'refused' },
    ]);
    expect(await loadPins(dir)).toEqual({ node1: pin });
    expect(JSON.parse(await readFile(inventoryPath(dir, 'node1'), 'utf8')).node).toBe('node1');
    await expect(stat(inventoryPath(dir, 'node2'))).rejects.toThrow();
  });
});
