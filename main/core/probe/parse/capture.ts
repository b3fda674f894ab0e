// A whole capture → NodeInventory. Each section is parsed on its own; whatever fails becomes a
// problem of this node and the rest still counts.
import {
  INVENTORY_VERSION,
  emptyFacts,
  type Facts,
  type LldpNeighbor,
  type Nic,
  type NodeInventory,
  type Problem,
  type Section,
} from '../inventory';
import { plantFactsFromSections } from '../../plant/capture';
import { parseDmidecode, parseDmiSysfs } from './dmidecode';
import { parseEthtool, parseEthtoolDriver } from './ethtool';
import { nicKind, parseIpAddr, parseIpLink, parseIpRoute, parseSysfsNet } from './ip';
import { parseLldp } from './lldp';
import { parseDiskLinks, parseLsblk } from './lsblk';
import { parseCpuinfoFlags, parseLscpu } from './lscpu';
import { parseMeminfo } from './meminfo';
import { parseAhosts, parseKeyValues, parseTools } from './misc';
import { splitCapture, type RawSection } from './split';
import { parseChronySources, parseChronyTracking, parseClock, parseTimedatectl } from './time';
import type { Parsed } from './util';

export interface CaptureContext {
  node: string;
  source: 'ssh' | 'import';
  collectedAt?: string;
  hostKeyFingerprint?: string;
}

/** What each section is for, in words for a problem message. */
const PURPOSE: Record<string, string> = {
  hostname: 'host name',
  dmidecode: 'system vendor, model and serial',
  lscpu: 'CPU facts',
  meminfo: 'memory size',
  'ip-link': 'network interfaces',
  'ip-addr': 'IP addresses',
  'ip-route': 'routes',
  lsblk: 'disks',
  'disk-links': 'stable disk paths (by-path, by-id)',
  lldp: 'switch neighbours (LLDP)',
  clock: 'the node clock',
};
const REQUIRED = ['hostname', 'lscpu', 'meminfo', 'ip-link', 'ip-addr', 'lsblk', 'disk-links', 'clock'];
/** Sections the collect script always prints besides the required ones (collect/script.ts). */
const ALWAYS = ['meta', 'dmidecode', 'dmi-sysfs', 'cpuflags', 'ip-route', 'sysfs-net', 'lldp', 'chrony-tracking', 'chrony-sources', 'timedatectl', 'tools'];
const ALWAYS_PURPOSE: Record<string, string> = {
  meta: 'whether the script had root, the kernel and the OS',
  'dmi-sysfs': 'the system identity without root',
  cpuflags: 'the CPU flags from /proc/cpuinfo',
  'ip-route': 'the routes',
  'sysfs-net': 'carrier, speed and driver from /sys/class/net',
  lldp: 'the switch neighbours (LLDP)',
  'chrony-tracking': 'whether NTP is synchronised (chrony)',
  'chrony-sources': 'the NTP sources',
  timedatectl: 'whether NTP is synchronised (systemd)',
  tools: 'the tool versions',
};
/** Per-NIC and per-name sections. */
const PER_ITEM = /^(ethtool|ethtool-i|dns)\/./;
/** The plant sections (script v2): read by core/plant/capture.ts and judged by the plant checks,
 *  so a failing dig or an unanswered ping is a finding there, not a problem of the capture. */
const PLANT_SECTION = /^plant-(requests|resolv|(dns|tls|http|ntp|ping)\/.)/;
/** The script runs ethtool on at most this many NICs. */
const ETHTOOL_NIC_LIMIT = 64;
/** lldpctl exits 0 and prints an empty neighbour list when it cannot reach lldpd; only stderr tells. */
const LLDPD_UNREACHABLE = /not able to get the list of interfaces|unable to connect|could not connect|cannot connect|connection refused|no such file or directory/i;

export function parseCapture(text: string, context: CaptureContext): NodeInventory {
  const split = splitCapture(text);
  const problems: Problem[] = [];
  const sections: Record<string, Section> = {};
  const facts: Facts = emptyFacts();
  const inventory: NodeInventory = {
    inventoryVersion: INVENTORY_VERSION,
    node: context.node,
    collectedAt: context.collectedAt ?? new Date().toISOString(),
    source: context.source,
    tools: [],
    facts,
    sections,
    problems,
  };
  if (context.hostKeyFingerprint) inventory.hostKeyFingerprint = context.hostKeyFingerprint;
  if (!split.nonce) {
    problems.push({
      section: 'capture',
      severity: 'error',
      message: 'This is not a Sitekit capture: the header line "=====SITEKIT-CAPTURE …=====" is missing.',
    });
    sections['capture'] = { ok: false, stdout: text.slice(0, 4096), error: 'not a Sitekit capture' };
    return inventory;
  }
  if (split.version) inventory.scriptVersion = split.version;
  if (!split.complete) {
    problems.push({
      section: 'capture',
      severity: 'warning',
      message: 'The capture ends early (no end marker): it was cut off, so some facts may be missing.',
    });
  }

  for (const raw of split.sections.values()) sections[raw.name] = toSection(raw);
  const get = (name: string): RawSection | undefined => split.sections.get(name);
  const add = (section: string, severity: Problem['severity'], message: string): void => {
    problems.push({ section, severity, message });
  };
  for (const name of REQUIRED) {
    if (!get(name)) add(name, 'warning', `The capture has no "${name}" section, so ${PURPOSE[name] ?? name} are unknown.`);
  }
  for (const name of ALWAYS) {
    if (!get(name)) add(name, 'info', `The capture has no "${name}" section, so ${ALWAYS_PURPOSE[name] ?? PURPOSE[name] ?? name} ${name === 'lldp' ? 'are' : 'is'} unknown.`);
  }
  for (const name of split.sections.keys()) {
    if (!REQUIRED.includes(name) && !ALWAYS.includes(name) && !PER_ITEM.test(name) && !PLANT_SECTION.test(name)) {
      add(name, 'info', `The capture has a section "${name}" this version of Sitekit does not know; it was not read.`);
    }
  }
  for (const raw of split.sections.values()) {
    if (PLANT_SECTION.test(raw.name)) continue;
    const p = sectionProblem(raw);
    // One message per cause, not one per NIC.
    if (p && !problems.some((q) => q.section === p.section && q.message === p.message)) problems.push(p);
  }
  /** Runs a parser on a section that ran fine; its problems land on the node. */
  const use = <T>(name: string, parser: (t: string) => Parsed<T>): T | undefined => {
    const raw = get(name);
    if (!raw || !usable(raw)) return undefined;
    try {
      const parsed = parser(raw.stdout);
      for (const p of parsed.problems) add(name, p.severity, p.message);
      return parsed.value;
    } catch (error) {
      add(name, 'warning', `The ${name} output could not be read (${(error as Error).message}).`);
      return undefined;
    }
  };

  const metaText = usableText(get('meta'));
  const meta = metaText ? parseKeyValues(metaText) : {};
  if (metaText !== undefined && !meta['privilege']) {
    add('meta', 'warning', 'The meta output could not be read (no privilege= line): whether the script had root is unknown.');
  }
  if (meta['kernel']) facts.kernel = meta['kernel'];
  if (meta['os']) facts.os = meta['os'];
  if (meta['privilege']) facts.privileged = meta['privilege'] !== 'none';
  if (meta['privilege'] === 'none') {
    add('meta', 'warning', 'The script ran without root and sudo -n is not allowed: serial numbers and LLDP may be missing.');
  }

  const hostname = get('hostname')?.stdout.trim().split('\n')[0]?.trim();
  if (hostname && usable(get('hostname')!)) facts.hostname = hostname;
  else if (get('hostname') && usable(get('hostname')!)) add('hostname', 'warning', 'hostname printed nothing, so the host name is unknown.');

  const system = use('dmidecode', parseDmidecode) ?? use('dmi-sysfs', parseDmiSysfs);
  if (system) facts.system = system;

  const cpu = use('lscpu', parseLscpu);
  const cpuflagsText = usableText(get('cpuflags'));
  const flags = cpuflagsText ? parseCpuinfoFlags(cpuflagsText) : [];
  if (cpu) {
    if (!cpu.flags.length) cpu.flags = flags;
    if (!cpu.arch && meta['arch']) cpu.arch = meta['arch'];
    facts.cpu = cpu;
  } else if (flags.length) {
    facts.cpu = { flags, ...(meta['arch'] ? { arch: meta['arch'] } : {}) };
  }
  if (facts.cpu && !facts.cpu.flags.length) {
    add(cpuflagsText?.trim() ? 'cpuflags' : 'lscpu', 'warning',
      'The CPU flags are unknown (lscpu printed no Flags line and the /proc/cpuinfo flags line was missing or unreadable), so whether the CPU has VT-x/AMD-V (vmx/svm) is not known from the flags.');
  }

  const memory = use('meminfo', parseMeminfo);
  if (memory) facts.memory = memory;

  facts.nics = buildNics(split, use, add);
  const routes = use('ip-route', parseIpRoute);
  if (routes) facts.routes = routes;

  // Links first: they are attached to the disks and name the bus when lsblk has no TRAN.
  const links = use('disk-links', parseDiskLinks);
  facts.disks = use('lsblk', (t) => parseLsblk(t, links)) ?? [];

  const lldp = readLldp(get('lldp'), use, add);
  facts.lldp = lldp.neighbours;
  facts.lldpAvailable = lldp.problem === undefined;
  if (lldp.problem !== undefined) facts.lldpProblem = lldp.problem;

  const clockText = usableText(get('clock'));
  const epochMs = clockText !== undefined ? parseClock(clockText) : undefined;
  if (clockText !== undefined && epochMs === undefined) {
    add('clock', 'warning', `The clock output could not be read (${quote(clockText)}), so the node time is unknown.`);
  }
  if (epochMs !== undefined) {
    facts.time = { epochMs };
    const tracking = usableText(get('chrony-tracking'));
    const t = tracking ? parseChronyTracking(tracking) : undefined;
    if (t) Object.assign(facts.time, t);
    else if (tracking?.trim()) add('chrony-tracking', 'info', `The chronyc tracking output could not be read (${quote(tracking)}).`);
    const sources = usableText(get('chrony-sources'));
    if (sources) {
      facts.time.chronySources = parseChronySources(sources);
      if (!facts.time.chronySources?.length && sources.trim() && !/Name\/IP address/.test(sources)) {
        add('chrony-sources', 'info', `The chronyc sources output could not be read (${quote(sources)}).`);
      }
    }
    if (facts.time.ntpSynced === undefined) {
      const td = usableText(get('timedatectl'));
      const synced = td ? parseTimedatectl(td) : undefined;
      if (synced !== undefined) facts.time.ntpSynced = synced;
      else if (td?.trim()) add('timedatectl', 'info', `The timedatectl output could not be read (${quote(td)}).`);
    }
    if (facts.time.ntpSynced === undefined) {
      add('chrony-tracking', 'warning', 'Whether the clock is synchronised with NTP is unknown (neither chronyc nor timedatectl answered).');
    }
  }

  const dns = [...split.sections.values()].filter((s) => s.name.startsWith('dns/'));
  if (dns.length) facts.dns = dns.map((s) => ({ name: s.name.slice(4), addresses: parseAhosts(s.stdout) }));
  for (const s of dns) {
    if (usable(s) && parseAhosts(s.stdout).length === 0) {
      add(s.name, 'warning', `getent printed no address for ${s.name.slice(4)} (${quote(s.stdout)}), so whether the node resolves it is unknown.`);
    }
  }

  const plant = plantFactsFromSections(split.sections);
  if (plant) facts.plant = plant;

  const toolsText = usableText(get('tools'));
  if (toolsText !== undefined) {
    inventory.tools = parseTools(toolsText);
    if (!/^[a-z0-9_-]+\t/m.test(toolsText)) add('tools', 'info', `The tools output could not be read (${quote(toolsText)}).`);
  }
  return inventory;
}

/** The start of an unreadable output, for a problem message. */
function quote(text: string): string {
  const first = text.trim().split('\n')[0]?.trim() ?? '';
  if (!first) return 'it printed nothing';
  return `it printed "${first.length > 80 ? `${first.slice(0, 80)}…` : first}"`;
}

/**
 * LLDP neighbours, or why they are unknown. "lldpd could not be read" (not installed, not
 * running, not JSON) is a different fact from "a NIC heard no LLDP frame": only a readable
 * neighbour list is evidence that a NIC received nothing.
 */
function readLldp(raw: RawSection | undefined, use: Use, add: Add): { neighbours: LldpNeighbor[]; problem?: string } {
  if (!raw) return { neighbours: [], problem: 'the capture has no lldp section' };
  if (!usable(raw)) {
    const p = sectionProblem(raw);
    return { neighbours: [], problem: p?.message ?? `lldpctl failed with exit code ${raw.exitCode ?? 'unknown'}` };
  }
  let failed: string | undefined;
  const neighbours = use('lldp', (t) => {
    const parsed = parseLldp(t);
    if (parsed.value === undefined) failed = parsed.problems[0]?.message ?? 'the lldpctl output could not be read';
    return parsed;
  });
  if (!neighbours) return { neighbours: [], problem: failed ?? 'the lldpctl output could not be read' };
  // An empty list is "no neighbour" only when lldpctl reached lldpd: it exits 0 either way.
  const unreachable = neighbours.length === 0 ? raw.stderr.split('\n').find((l) => LLDPD_UNREACHABLE.test(l))?.trim() : undefined;
  if (unreachable) {
    const message = `lldpctl could not reach lldpd (${unreachable.slice(0, 200)}): lldpd is not running on the node, so its empty neighbour list means nothing. Start lldpd (systemctl start lldpd), wait 30 s and probe again.`;
    add('lldp', 'warning', message);
    return { neighbours: [], problem: message };
  }
  return { neighbours };
}

function toSection(raw: RawSection): Section {
  const section: Section = { ok: usable(raw), stdout: raw.stdout };
  if (raw.exitCode !== undefined) section.exitCode = raw.exitCode;
  if (raw.stderr.trim()) section.stderr = raw.stderr;
  if (raw.truncated) section.truncated = true;
  if (raw.cut) section.error = 'the capture ended inside this section';
  return section;
}

/** rc 0, or output that was cut by the size bound (the tool then dies of SIGPIPE). */
function usable(raw: RawSection): boolean {
  return raw.exitCode === 0 || (raw.truncated && raw.stdout.length > 0);
}

function usableText(raw: RawSection | undefined): string | undefined {
  return raw && usable(raw) ? raw.stdout : undefined;
}

/** Optional tools whose absence is normal on some images. */
const OPTIONAL = /^(lldp|chrony-|timedatectl|ethtool|dmidecode|dmi-sysfs|dns\/|cpuflags)/;

function sectionProblem(raw: RawSection): Problem | undefined {
  const section = raw.name;
  const what = PURPOSE[section] ?? section;
  const firstErr = raw.stderr.split('\n').find((l) => l.trim())?.trim().slice(0, 300);
  if (raw.cut) return { section, severity: 'warning', message: `The ${section} output was cut off; ${what} may be incomplete.` };
  if (raw.truncated) {
    return { section, severity: 'warning', message: `The ${section} output was longer than the size limit and was cut; ${what} may be incomplete.` };
  }
  if (raw.exitCode === 0 || raw.exitCode === undefined) return undefined;
  if (section.startsWith('dns/')) {
    return raw.exitCode === 2
      ? { section, severity: 'warning', message: `The node could not resolve ${section.slice(4)} (no DNS answer).` }
      : { section, severity: 'warning', message: `Resolving ${section.slice(4)} on the node failed (${firstErr ?? `exit code ${raw.exitCode}`}).` };
  }
  const severity: Problem['severity'] = OPTIONAL.test(section) ? 'info' : 'warning';
  if (raw.exitCode === 127) {
    if (section.startsWith('ethtool')) {
      return { section: 'ethtool', severity: 'info', message: 'ethtool is not installed on the node; link speed, carrier and driver come from /sys/class/net instead.' };
    }
    if (section.startsWith('chrony')) {
      return { section: 'chrony', severity: 'info', message: 'chronyc is not installed on the node; NTP state comes from timedatectl if it is there.' };
    }
    if (section === 'lldp') {
      return { section, severity: 'info', message: 'lldpctl is not installed on the node, so switch ports cannot be checked by LLDP.' };
    }
    return { section, severity, message: `The tool for ${what} is not installed on the node (${firstErr ?? 'command not found'}).` };
  }
  if (raw.exitCode === 124 || raw.exitCode === 137) {
    return { section, severity: 'warning', message: `${section} did not finish within its time limit on the node; ${what} are unknown.` };
  }
  if (raw.exitCode === 77 || /permission denied|not permitted|password is required|must be root|superuser/i.test(raw.stderr)) {
    return { section, severity, message: `Not allowed to read ${what} without root: ${firstErr ?? 'permission denied'}.` };
  }
  if (section === 'lldp') {
    return { section, severity: 'info', message: `lldpctl failed (${firstErr ?? `exit code ${raw.exitCode}`}); is lldpd running on the node?` };
  }
  return { section, severity, message: `${section} failed with exit code ${raw.exitCode}${firstErr ? `: ${firstErr}` : ''}.` };
}

type Use = <T>(name: string, parser: (t: string) => Parsed<T>) => T | undefined;
type Add = (section: string, severity: Problem['severity'], message: string) => void;

function buildNics(split: ReturnType<typeof splitCapture>, use: Use, add: Add): Nic[] {
  const links = use('ip-link', parseIpLink);
  const addrs = use('ip-addr', parseIpAddr);
  const sys = new Map((use('sysfs-net', parseSysfsNet) ?? []).map((s) => [s.name, s.kv]));
  const names = links ? links.map((l) => l.name) : [...sys.keys()];
  if (!links && names.length) add('ip-link', 'info', 'Interfaces were read from /sys/class/net instead of ip.');
  const nics: Nic[] = [];
  for (const name of names) {
    const l = links?.find((x) => x.name === name);
    const kv = sys.get(name) ?? {};
    const sysPhysical = sys.has(name) ? kv['physical'] === '1' && kv['sriov_vf'] !== '1' : undefined;
    const kind = l
      ? nicKind(l, sysPhysical)
      : kv['bond_slaves'] !== undefined
        ? 'bond'
        : kv['bridge']
          ? 'bridge'
          : kv['type'] === '772'
            ? 'loopback'
            : sysPhysical
              ? 'physical'
              : 'virtual';
    const nic: Nic = { name, kind, link: 'unknown', addresses: addrs?.get(name) ?? [] };
    const mac = l?.mac ?? (/^[0-9a-f:]{17}$/.test(kv['address'] ?? '') ? kv['address'] : undefined);
    if (mac) nic.mac = mac;
    if (l?.permanentMac) nic.permanentMac = l.permanentMac;
    const mtu = l?.mtu ?? (kv['mtu'] ? Number(kv['mtu']) : undefined);
    if (mtu !== undefined && Number.isFinite(mtu)) nic.mtu = mtu;
    if (l?.maxMtu) nic.maxMtu = l.maxMtu;
    const operState = l?.operState ?? kv['operstate'];
    if (operState) nic.operState = operState.toLowerCase();
    if (l?.master ?? kv['master']) nic.master = l?.master ?? kv['master'];
    if (l?.parentBus) nic.parentBus = l.parentBus;
    if (l?.bondMode) nic.bondMode = l.bondMode;
    if (l?.vlanId !== undefined) nic.vlanId = l.vlanId;
    if (l?.parent && kind === 'vlan') nic.parent = l.parent;
    if (kv['driver']) nic.driver = kv['driver'];

    // Carrier: ethtool "Link detected" first, then sysfs, then the LOWER_UP flag.
    let carrier: boolean | undefined;
    if (kv['carrier'] === '1' || kv['carrier'] === '0') carrier = kv['carrier'] === '1';
    else if (l && l.adminUp) carrier = l.lowerUp && !l.noCarrier;
    const sysSpeed = Number(kv['speed']);
    if (Number.isFinite(sysSpeed) && sysSpeed > 0 && carrier !== false) nic.speedMbps = sysSpeed;
    const sysDuplex = kv['duplex'];
    if (sysDuplex === 'full' || sysDuplex === 'half') nic.duplex = sysDuplex;

    const eth = split.sections.has(`ethtool/${name}`) ? use(`ethtool/${name}`, parseEthtool) : undefined;
    if (eth) {
      if (eth.linkDetected !== undefined) carrier = eth.linkDetected;
      if (eth.speedMbps !== undefined) nic.speedMbps = eth.speedMbps;
      else if (eth.linkDetected === false) delete nic.speedMbps;
      if (eth.duplex) nic.duplex = eth.duplex;
    }
    const drv = split.sections.has(`ethtool-i/${name}`) ? use(`ethtool-i/${name}`, parseEthtoolDriver) : undefined;
    if (drv) {
      if (drv.driver) nic.driver = drv.driver;
      if (drv.version) nic.driverVersion = drv.version;
      if (drv.firmware) nic.firmware = drv.firmware;
      if (drv.busInfo) nic.busInfo = drv.busInfo;
    }
    if (carrier !== undefined) {
      nic.carrier = carrier;
      nic.link = carrier ? 'up' : 'down';
    }
    nics.push(nic);
  }
  // The script runs `ethtool` and `ethtool -i` on every physical NIC (not SR-IOV VFs).
  const physical = [...sys.entries()].filter(([, kv]) => kv['physical'] === '1' && kv['sriov_vf'] !== '1').map(([n]) => n);
  for (const name of physical.slice(0, ETHTOOL_NIC_LIMIT)) {
    for (const [prefix, what] of [['ethtool', 'link speed and carrier'], ['ethtool-i', 'driver, firmware and PCI address']] as const) {
      if (!split.sections.has(`${prefix}/${name}`)) {
        add(`${prefix}/${name}`, 'info', `The capture has no "${prefix}/${name}" section, so the ${what} of ${name} come from /sys/class/net only, if at all.`);
      }
    }
  }
  for (const bond of nics.filter((n) => n.kind === 'bond')) {
    const fromLinks = nics.filter((n) => n.master === bond.name).map((n) => n.name);
    const fromSys = (sys.get(bond.name)?.['bond_slaves'] ?? '').split(/\s+/).filter(Boolean);
    bond.bondMembers = fromLinks.length ? fromLinks : fromSys;
  }
  return nics;
}
