// `dmidecode -t system`: the "System Information" block. Comment lines, other handles and
// OEM types are skipped; BIOS placeholder strings count as "not set".
import type { SystemFacts } from '../inventory';
import { fail, lines, ok, type Parsed } from './util';

const PLACEHOLDERS = [
  /^to be filled by o\.?e\.?m\.?$/i,
  /^not specified$/i,
  /^not available$/i,
  /^default string$/i,
  /^system (manufacturer|product name|serial number|version)$/i,
  /^n\/?a$/i,
  /^none$/i,
  /^\(none\)$/i,
  /^0+$/,
  /^0123456789$/,
  /^x+$/i,
];

export function dmiValue(raw: string | undefined): string | undefined {
  const v = raw?.trim();
  if (!v) return undefined;
  return PLACEHOLDERS.some((p) => p.test(v)) ? undefined : v;
}

export function parseDmidecode(text: string): Parsed<SystemFacts> {
  const fields: Record<string, string> = {};
  let inSystem = false;
  for (const line of lines(text)) {
    if (/^\S/.test(line)) {
      inSystem = line.trim() === 'System Information';
      continue;
    }
    if (!inSystem) continue;
    const m = /^\s+([^:]+):(.*)$/.exec(line);
    if (m && !(m[1]!.trim() in fields)) fields[m[1]!.trim()] = m[2]!;
  }
  if (!Object.keys(fields).length) {
    if (/permission denied|\/dev\/mem/i.test(text)) return fail('dmidecode was not allowed to read the firmware tables (needs root)');
    return fail('dmidecode printed no "System Information" block');
  }
  const system: SystemFacts = {};
  const vendor = dmiValue(fields['Manufacturer']);
  const model = dmiValue(fields['Product Name']);
  const serial = dmiValue(fields['Serial Number']);
  const uuid = dmiValue(fields['UUID']);
  if (vendor) system.vendor = vendor;
  if (model) system.model = model;
  if (serial) system.serial = serial;
  if (uuid) system.uuid = uuid;
  return ok(system);
}

/** The world-readable `/sys/class/dmi/id` fallback printed as `key=value` lines. */
export function parseDmiSysfs(text: string): Parsed<SystemFacts> {
  const kv: Record<string, string> = {};
  for (const line of lines(text)) {
    const i = line.indexOf('=');
    if (i > 0) kv[line.slice(0, i)] = line.slice(i + 1);
  }
  const system: SystemFacts = {};
  const vendor = dmiValue(kv['sys_vendor']);
  const model = dmiValue(kv['product_name']);
  const serial = dmiValue(kv['product_serial']);
  const uuid = dmiValue(kv['product_uuid']);
  if (vendor) system.vendor = vendor;
  if (model) system.model = model;
  if (serial) system.serial = serial;
  if (uuid) system.uuid = uuid;
  return Object.keys(system).length ? ok(system) : fail('no system identity in /sys/class/dmi/id', 'info');
}
