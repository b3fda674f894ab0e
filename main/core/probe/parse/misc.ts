// Small sections: meta (key=value), tools (name<TAB>version), getent ahosts.
import { lines } from './util';

export function parseKeyValues(text: string): Record<string, string> {
  const kv: Record<string, string> = {};
  for (const line of lines(text)) {
    const i = line.indexOf('=');
    if (i > 0 && !(line.slice(0, i) in kv)) kv[line.slice(0, i)] = line.slice(i + 1).trim();
  }
  return kv;
}

export function parseTools(text: string): Array<{ name: string; version: string }> {
  const out: Array<{ name: string; version: string }> = [];
  for (const line of lines(text)) {
    const m = /^([a-z0-9_-]+)\t(.*)$/.exec(line);
    if (m && m[2]!.trim() && m[2]!.trim() !== '-') out.push({ name: m[1]!, version: m[2]!.trim().slice(0, 200) });
  }
  return out;
}

/** `getent ahosts`: one address per line, repeated per socket type; unique, in order. */
export function parseAhosts(text: string): string[] {
  const seen = new Set<string>();
  for (const line of lines(text)) {
    const m = /^([0-9a-fA-F.:]+)\s+(STREAM|DGRAM|RAW)\b/.exec(line);
    if (m) seen.add(m[1]!);
  }
  return [...seen];
}
