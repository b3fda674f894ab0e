// The node clock (`date +%s%3N`, with `date +%s` for a date without %N), chronyc tracking and
// sources, and `timedatectl show` / `status` when chrony is not there.
import type { TimeFacts } from '../inventory';
import { lines } from './util';

export function parseClock(text: string): number | undefined {
  for (const line of lines(text)) {
    const t = line.trim();
    if (/^\d{13}$/.test(t)) return Number(t);
    if (/^\d{10}$/.test(t)) return Number(t) * 1000;
  }
  return undefined;
}

export type Tracking = Pick<TimeFacts, 'reference' | 'offsetSeconds' | 'ntpSynced'>;

export function parseChronyTracking(text: string): Tracking | undefined {
  const kv: Record<string, string> = {};
  for (const line of lines(text)) {
    const m = /^([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$/.exec(line);
    if (m) kv[m[1]!] = m[2]!.trim();
  }
  if (!('Reference ID' in kv)) return undefined;
  const out: Tracking = {};
  const ref = /\(([^)]*)\)/.exec(kv['Reference ID'])?.[1];
  if (ref) out.reference = ref;
  const offset = /^([+-]?\d+(?:\.\d+)?) seconds (fast|slow)/.exec(kv['System time'] ?? '');
  if (offset) out.offsetSeconds = Number(offset[1]) * (offset[2] === 'slow' ? -1 : 1);
  const leap = kv['Leap status'];
  // "Not synchronised" or reference 0.0.0.0/127.127.1.1 (local clock) means not synced.
  out.ntpSynced = leap !== undefined && leap !== 'Not synchronised' && !/^(00000000|7F7F0101)\b/i.test(kv['Reference ID']);
  return out;
}

export function parseChronySources(text: string): TimeFacts['chronySources'] {
  const out: NonNullable<TimeFacts['chronySources']> = [];
  for (const line of lines(text)) {
    const m = /^([\^=#])([*+\-?x~ ])\s+(\S+)\s+(\d+)\s/.exec(line);
    if (m) out.push({ state: m[1]! + m[2]!, name: m[3]!, stratum: Number(m[4]!), selected: m[2]! === '*' });
  }
  return out;
}

export function parseTimedatectl(text: string): boolean | undefined {
  const show = /^NTPSynchronized=(yes|no)$/m.exec(text);
  if (show) return show[1] === 'yes';
  const status = /(?:System clock synchronized|NTP synchronized):\s*(yes|no)/.exec(text);
  return status ? status[1] === 'yes' : undefined;
}
