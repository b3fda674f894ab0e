import type { MemoryFacts } from '../inventory';
import { fail, lines, ok, type Parsed } from './util';

/** /proc/meminfo: values are in KiB whatever the unit label says ("kB"). */
export function parseMeminfo(text: string): Parsed<MemoryFacts> {
  const kib: Record<string, number> = {};
  for (const line of lines(text)) {
    const m = /^([A-Za-z0-9_()]+):\s+(\d+)(?:\s*kB)?\s*$/.exec(line);
    if (m) kib[m[1]!] = Number(m[2]!);
  }
  if (kib['MemTotal'] === undefined) return fail('/proc/meminfo has no MemTotal line');
  const memory: MemoryFacts = { totalBytes: kib['MemTotal'] * 1024 };
  if (kib['MemAvailable'] !== undefined) memory.availableBytes = kib['MemAvailable'] * 1024;
  return ok(memory);
}
