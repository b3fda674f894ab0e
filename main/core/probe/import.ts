// A capture made by hand (`sitekit collect-script` run on the BMC console) becomes an
// inventory exactly like a live probe, with source 'import'. Only a capture is accepted (the
// script's header with its nonce, and its meta section closed with that nonce): any other
// file — a .bashrc, a log — would parse into an empty inventory and replace a good one.
import { readTextBounded } from '../fs/read-bounded';
import { COLLECT_SCRIPT_VERSION, READABLE_SCRIPT_VERSIONS } from './collect/script';
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

/**
 * Why this text is not a capture of the collection script (undefined: it is one). A capture
 * starts with `=====SITEKIT-CAPTURE v<version> <nonce>=====` (console noise before it is
 * allowed) and holds the `meta` section between BEGIN and END markers carrying that nonce,
 * with the script's `script_version=` line (collect/FORMAT.md).
 */
export function captureProblem(text: string): string | undefined {
  const how = 'make one with `sitekit collect-script` and run it on the node (sh sitekit-collect.sh > node.txt)';
  const split = splitCapture(text);
  if (split.version === undefined || split.nonce === undefined) {
    return `it is not a Sitekit capture: it has no "=====SITEKIT-CAPTURE v${COLLECT_SCRIPT_VERSION} <nonce>=====" line; ${how}`;
  }
  if (!READABLE_SCRIPT_VERSIONS.includes(split.version)) {
    return `it was made by collection script v${split.version}, but this Sitekit reads v${READABLE_SCRIPT_VERSIONS.join(' and v')}; ${how}`;
  }
  const meta = split.sections.get('meta');
  if (!meta || meta.cut) {
    return `it is not a complete Sitekit capture: the meta section with the capture's nonce ${split.nonce} is ${meta ? 'cut off' : 'missing'}; ${how}`;
  }
  if (!/^script_version=\S+\r?$/m.test(meta.stdout)) {
    return `it is not a Sitekit capture: its meta section has no script_version line; ${how}`;
  }
  return undefined;
}

/**
 * Reads a capture file: a regular file no larger than a live probe would accept (read no
 * further than that), holding a capture of the collection script. Throws with the reason.
 */
export async function readCaptureFile(file: string): Promise<string> {
  const text = await readTextBounded(file, { maxBytes: DEFAULT_MAX_OUTPUT_BYTES, what: 'a capture' });
  const problem = captureProblem(text);
  if (problem) throw new Error(`${file} cannot be imported: ${problem}`);
  return text;
}

export async function importCaptureFile(file: string, nodeName: string): Promise<NodeInventory> {
  return importCapture(await readCaptureFile(file), nodeName);
}

/**
 * What `previous` knew that `next` does not, in words (empty: nothing would be lost): facts
 * that disappear, NICs, disks and LLDP neighbours no longer seen, root access given up.
 */
export function lostFacts(previous: NodeInventory, next: NodeInventory): string[] {
  const before = previous.facts;
  const after = next.facts;
  const lost: string[] = [];
  const known = (value: unknown) => value !== undefined && value !== null && value !== '';
  const single: Array<[string, unknown, unknown]> = [
    ['host name', before.hostname, after.hostname],
    ['system vendor', before.system?.vendor, after.system?.vendor],
    ['system model', before.system?.model, after.system?.model],
    ['serial number', before.system?.serial, after.system?.serial],
    ['system UUID', before.system?.uuid, after.system?.uuid],
    ['CPU model', before.cpu?.model, after.cpu?.model],
    ['CPU cores', before.cpu?.cores, after.cpu?.cores],
    ['memory size', before.memory?.totalBytes, after.memory?.totalBytes],
    ['kernel', before.kernel, after.kernel],
    ['operating system', before.os, after.os],
    ['node clock', before.time?.epochMs, after.time?.epochMs],
    ['NTP state', before.time?.ntpSynced, after.time?.ntpSynced],
  ];
  for (const [what, was, is] of single) if (known(was) && !known(is)) lost.push(what);
  if ((before.cpu?.flags.length ?? 0) > 0 && (after.cpu?.flags.length ?? 0) === 0) lost.push('CPU flags');
  if (before.privileged === true && after.privileged !== true) lost.push('root access (dmidecode and LLDP need it)');
  if (before.lldpAvailable === true && after.lldpAvailable !== true) lost.push('LLDP (lldpctl ran before)');

  const missing = (was: readonly string[], is: readonly string[]) => was.filter((name) => !is.includes(name));
  const nics = missing(before.nics.map((n) => n.name), after.nics.map((n) => n.name));
  if (nics.length) lost.push(`${nics.length === 1 ? 'NIC' : 'NICs'} ${list(nics)} (of ${before.nics.length})`);
  const macs = before.nics.filter((n) => n.mac && !nics.includes(n.name) && !after.nics.find((m) => m.name === n.name)?.mac).map((n) => n.name);
  if (macs.length) lost.push(`the MAC of ${list(macs)}`);
  const disks = missing(before.disks.map((d) => d.name), after.disks.map((d) => d.name));
  if (disks.length) lost.push(`${disks.length === 1 ? 'disk' : 'disks'} ${list(disks)} (of ${before.disks.length})`);
  const lldp = missing([...new Set(before.lldp.map((l) => l.interface))], after.lldp.map((l) => l.interface));
  if (lldp.length) lost.push(`the switch neighbours (LLDP) of ${list(lldp)}`);
  const dns = missing((before.dns ?? []).map((d) => d.name), (after.dns ?? []).map((d) => d.name));
  if (dns.length) lost.push(`the DNS answers for ${list(dns)}`);
  return lost;
}

function list(names: readonly string[]): string {
  return names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', ');
}
