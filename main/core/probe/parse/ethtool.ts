// `ethtool <nic>` text and `ethtool -i <nic>`. Quirks: tab or space indentation, continuation
// lines (link modes, message level), `netlink error: …` / `Cannot get …` lines from non-root
// runs in the middle, `Speed: Unknown!`, `Duplex: Unknown! (255)`, and a down link that still
// reports a speed (E810) — speed counts only while the link is up. Output that holds none of the
// settings (an error text, `ethtool -i` output in the wrong section) is a problem, never an
// empty success.
import { fail, lines, ok, type Parsed } from './util';

export interface EthtoolSettings {
  speedMbps?: number;
  /** Speed the driver reports regardless of link state. */
  reportedSpeedMbps?: number;
  duplex?: 'full' | 'half' | 'unknown';
  linkDetected?: boolean;
  autoNegotiation?: boolean;
  port?: string;
  supportedLinkModes: string[];
  maxSupportedSpeedMbps?: number;
  /** Lines such as `netlink error: Operation not permitted`. */
  errors: string[];
}

/** Fields only `ethtool <nic>` prints; at least one must be there. */
const SETTINGS = ['Speed', 'Duplex', 'Link detected', 'Supported link modes', 'Port', 'Auto-negotiation', 'Supported ports'];

export function parseEthtool(text: string): Parsed<EthtoolSettings> {
  const fields: Record<string, string> = {};
  const errors: string[] = [];
  let last: string | undefined;
  for (const raw of lines(text)) {
    const line = raw.replace(/\s+$/, '');
    if (!line.trim() || line.startsWith('#') || /^Settings for /.test(line)) continue;
    if (/^(netlink error|Cannot get|No data available)/i.test(line.trim())) {
      errors.push(line.trim());
      last = undefined;
      continue;
    }
    const m = /^\s*([A-Za-z][A-Za-z0-9 ./()-]*?):\s*(.*)$/.exec(line);
    if (m && !/^\s{16,}/.test(line)) {
      last = m[1]!;
      fields[last] = m[2]!.trim();
    } else if (last) {
      fields[last] = `${fields[last]} ${line.trim()}`.trim();
    }
  }
  if (!SETTINGS.some((k) => k in fields)) {
    if (errors.length) return fail(`ethtool: ${errors[0]}`);
    if ('driver' in fields && 'bus-info' in fields) {
      return fail('this is `ethtool -i` output (driver and bus-info), not the link settings of `ethtool <nic>`: speed, duplex and link state are unknown');
    }
    const first = text.trim().split('\n')[0]?.trim().slice(0, 120);
    return fail(first ? `ethtool printed no link settings (it printed "${first}"): speed, duplex and link state are unknown` : 'ethtool printed nothing: speed, duplex and link state are unknown');
  }
  const settings: EthtoolSettings = { supportedLinkModes: [], errors };
  const speed = /^(\d+)\s*Mb\/s$/.exec(fields['Speed'] ?? '');
  const link = fields['Link detected']?.toLowerCase();
  if (link === 'yes' || link === 'no') settings.linkDetected = link === 'yes';
  if (speed) {
    settings.reportedSpeedMbps = Number(speed[1]);
    if (settings.linkDetected !== false) settings.speedMbps = Number(speed[1]);
  }
  const duplex = fields['Duplex']?.toLowerCase() ?? '';
  if (duplex.startsWith('full')) settings.duplex = 'full';
  else if (duplex.startsWith('half')) settings.duplex = 'half';
  else if (duplex) settings.duplex = 'unknown';
  const an = fields['Auto-negotiation']?.toLowerCase();
  if (an === 'on' || an === 'off') settings.autoNegotiation = an === 'on';
  if (fields['Port']) settings.port = fields['Port'];
  settings.supportedLinkModes = (fields['Supported link modes'] ?? '').split(/\s+/).filter((m) => /^\d+base/i.test(m));
  const speeds = settings.supportedLinkModes.map((m) => Number(/^(\d+)base/i.exec(m)?.[1] ?? 0));
  if (speeds.length) settings.maxSupportedSpeedMbps = Math.max(...speeds);
  const problems = errors.map((e) => ({ severity: 'info' as const, message: `ethtool: ${e} (run as root for full details)` }));
  return ok(settings, problems);
}

export interface EthtoolDriver {
  driver?: string;
  version?: string;
  firmware?: string;
  busInfo?: string;
}

export function parseEthtoolDriver(text: string): Parsed<EthtoolDriver> {
  const kv: Record<string, string> = {};
  for (const line of lines(text)) {
    const m = /^([a-z-]+):\s*(.*?)\s*$/.exec(line);
    if (m) kv[m[1]!] = m[2]!;
  }
  if (!kv['driver']) {
    if (/^Settings for |^\s+Link detected:/m.test(text)) return fail('this is `ethtool <nic>` output (link settings), not `ethtool -i`: the driver, firmware and PCI address are unknown');
    const first = text.trim().split('\n')[0]?.trim().slice(0, 120);
    return fail(first ? `ethtool -i printed no driver (it printed "${first}")` : 'ethtool -i printed nothing');
  }
  const info: EthtoolDriver = { driver: kv['driver'] };
  if (kv['version']) info.version = kv['version'];
  if (kv['firmware-version'] && kv['firmware-version'] !== 'N/A') info.firmware = kv['firmware-version'];
  if (kv['bus-info'] && kv['bus-info'] !== 'N/A') info.busInfo = kv['bus-info'];
  return ok(info);
}
