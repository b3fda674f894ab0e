// A whole capture → NodeInventory. Each section is parsed on its own; whatever fails becomes a
// problem of this node and the rest still counts.
import {
  INVENTORY_VERSION,
  emptyFacts,
  type Facts,
  type Nic,
  type NodeInventory,
  type Problem,
  type Section,
} from '../inventory';
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
  for (const raw of split.sections.values()) {
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

  const meta = get('meta') ? parseKeyValues(get('meta')!.stdout) : {};
  if (meta['kernel']) facts.kernel = meta['kernel'];
  if (meta['os']) facts.os = meta['os'];
  if (meta['privilege']) facts.privileged = meta['privilege'] !== 'none';
  if (meta['privilege'] === 'none') {
    add('meta', 'warning', 'The script ran without root and sudo -n is not allowed: serial numbers and LLDP may be missing.');
  }

  const hostname = get('hostname')?.stdout.trim().split('\n')[0]?.trim();
  if (hostname && usable(get('hostname')!)) facts.hostname = hostname;

  const system = use('dmidecode', parseDmidecode) ?? use('dmi-sysfs', parseDmiSysfs);
  if (system) facts.system = system;

  const cpu = use('lscpu', parseLscpu);
  const flags = get('cpuflags') ? parseCpuinfoFlags(get('cpuflags')!.stdout) : [];
  if (cpu) {
    if (!cpu.flags.length) cpu.flags = flags;
    if (!cpu.arch && meta['arch']) cpu.arch = meta['arch'];
    facts.cpu = cpu;
  } else if (flags.length) {
    facts.cpu = { flags, ...(meta['arch'] ? { arch: meta['arch'] } : {}) };
  }

  const memory = use('meminfo', parseMeminfo);
  if (memory) facts.memory = memory;

  facts.nics = buildNics(split, use, add);
  const routes = use('ip-route', parseIpRoute);
  if (routes) facts.routes = routes;

  facts.disks = use('lsblk', parseLsblk) ?? [];
  const links = use('disk-links', parseDiskLinks);
  if (links) {
    for (const disk of facts.disks) {
      disk.byPath = (links.byPath.get(disk.name) ?? []).sort();
      disk.byId = (links.byId.get(disk.name) ?? []).sort();
    }
  }

  const lldpRaw = get('lldp');
  facts.lldpAvailable = !!lldpRaw && lldpRaw.exitCode === 0;
  facts.lldp = use('lldp', parseLldp) ?? [];

  const epochMs = get('clock') ? parseClock(get('clock')!.stdout) : undefined;
  if (epochMs !== undefined) {
    facts.time = { epochMs };
    const tracking = usableText(get('chrony-tracking'));
    const t = tracking ? parseChronyTracking(tracking) : undefined;
    if (t) Object.assign(facts.time, t);
    const sources = usableText(get('chrony-sources'));
    if (sources) facts.time.chronySources = parseChronySources(sources);
    if (facts.time.ntpSynced === undefined) {
      const td = usableText(get('timedatectl'));
      const synced = td ? parseTimedatectl(td) : undefined;
      if (synced !== undefined) facts.time.ntpSynced = synced;
    }
    if (facts.time.ntpSynced === undefined) {
      add('chrony-tracking', 'warning', 'Whether the clock is synchronised with NTP is unknown (neither chronyc nor timedatectl answered).');
    }
  }

  const dns = [...split.sections.values()].filter((s) => s.name.startsWith('dns/'));
  if (dns.length) facts.dns = dns.map((s) => ({ name: s.name.slice(4), addresses: parseAhosts(s.stdout) }));

  if (get('tools')) inventory.tools = parseTools(get('tools')!.stdout);
  return inventory;
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
  for (const bond of nics.filter((n) => n.kind === 'bond')) {
    const fromLinks = nics.filter((n) => n.master === bond.name).map((n) => n.name);
    const fromSys = (sys.get(bond.name)?.['bond_slaves'] ?? '').split(/\s+/).filter(Boolean);
    bond.bondMembers = fromLinks.length ? fromLinks : fromSys;
  }
  return nics;
}
