// lscpu in every shape seen: `-J` flat (no tty, util-linux ≤2.38 over SSH), `-J` nested
// (`children`, on a tty or ≥2.39), and plain text (old util-linux without -J), including the
// sectioned RHEL 9 text whose Flags value wraps over several lines.
import type { CpuFacts } from '../inventory';
import { fail, int, isRecord, lines, ok, parseJson, type Parsed } from './util';

/** Field label → value, labels without the trailing colon; first occurrence wins. */
export function lscpuFields(text: string): Record<string, string> | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const { data } = parseJson(trimmed, 'lscpu');
    if (!isRecord(data) || !Array.isArray(data['lscpu'])) return undefined;
    const fields: Record<string, string> = {};
    const walk = (entries: unknown[]): void => {
      for (const entry of entries) {
        if (!isRecord(entry)) continue;
        const field = typeof entry['field'] === 'string' ? entry['field'].trim().replace(/:$/, '') : undefined;
        const value = entry['data'];
        if (field && typeof value === 'string' && !(field in fields)) fields[field] = value.trim();
        if (Array.isArray(entry['children'])) walk(entry['children']);
      }
    };
    walk(data['lscpu']);
    return fields;
  }
  const fields: Record<string, string> = {};
  let last: string | undefined;
  for (const line of lines(text)) {
    const m = /^\s*([^:]+?):\s*(.*)$/.exec(line);
    if (m && !/^\s{8,}\S/.test(line)) {
      last = m[1]!.trim();
      if (!(last in fields)) fields[last] = m[2]!.trim();
      else last = undefined;
    } else if (last && line.trim()) {
      fields[last] = `${fields[last]} ${line.trim()}`.trim(); // wrapped value (tty)
    }
  }
  return Object.keys(fields).length ? fields : undefined;
}

export function parseLscpu(text: string): Parsed<CpuFacts> {
  const f = lscpuFields(text);
  if (!f) return fail('lscpu output could not be read');
  const threads = int(f['CPU(s)']);
  const threadsPerCore = int(f['Thread(s) per core']);
  const coresPerSocket = int(f['Core(s) per socket']) ?? int(f['Core(s) per cluster']);
  const sockets = int(f['Socket(s)']) ?? int(f['Cluster(s)']);
  let cores: number | undefined;
  if (coresPerSocket !== undefined && sockets !== undefined) cores = coresPerSocket * sockets;
  else if (threads !== undefined && threadsPerCore) cores = Math.floor(threads / threadsPerCore);
  const cpu: CpuFacts = { flags: (f['Flags'] ?? '').split(/\s+/).filter(Boolean) };
  const model = f['Model name'];
  if (model) cpu.model = model;
  if (f['Vendor ID']) cpu.vendor = f['Vendor ID'];
  if (f['Architecture']) cpu.arch = f['Architecture'];
  if (sockets !== undefined) cpu.sockets = sockets;
  if (cores !== undefined) cpu.cores = cores;
  if (threads !== undefined) cpu.threads = threads;
  if (f['Virtualization']) cpu.virtualization = f['Virtualization'];
  const problems = threads === undefined ? [{ severity: 'warning' as const, message: 'lscpu did not report the number of CPUs' }] : [];
  return ok(cpu, problems);
}

/** The `flags : …` line of /proc/cpuinfo (lscpu without a Flags field, e.g. old versions). */
export function parseCpuinfoFlags(text: string): string[] {
  const m = /^(?:flags|Features)\s*:(.*)$/m.exec(text);
  return m ? m[1]!.split(/\s+/).filter(Boolean) : [];
}
