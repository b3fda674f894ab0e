// A capture made by hand (`sitekit collect-script` run on the BMC console) becomes an
// inventory exactly like a live probe, with source 'import'.
import { readFile, stat } from 'node:fs/promises';
import type { NodeInventory } from './inventory';
import { parseCapture } from './parse/capture';
import { splitCapture } from './parse/split';
import { parseClock } from './parse/time';
import { DEFAULT_MAX_OUTPUT_BYTES } from './probe';

export { parseCapture } from './parse/capture';

/** `collectedAt` is the node's clock from the capture when it has one, else now. */
export function importCapture(text: string, nodeName: string): NodeInventory {
  const clock = splitCapture(text).sections.get('clock');
  const epochMs = clock ? parseClock(clock.stdout) : undefined;
  const collectedAt = epochMs !== undefined ? new Date(epochMs).toISOString() : new Date().toISOString();
  return parseCapture(text, { node: nodeName, source: 'import', collectedAt });
}

/** Reads a capture file, refusing anything larger than a live probe would accept. */
export async function readCaptureFile(file: string): Promise<string> {
  const info = await stat(file);
  if (info.size > DEFAULT_MAX_OUTPUT_BYTES) {
    throw new Error(`${file} is ${Math.round(info.size / 1048576)} MiB; a capture is never that large — is it the right file?`);
  }
  return readFile(file, 'utf8');
}

export async function importCaptureFile(file: string, nodeName: string): Promise<NodeInventory> {
  return importCapture(await readCaptureFile(file), nodeName);
}
