import { describe, expect, it } from 'vitest';
import { SECTION_STDOUT_LIMIT, nodeInventorySchema } from '../../../../main/core/probe/inventory';
import { importCapture } from '../../../../main/core/probe/import';
import { parseCapture } from '../../../../main/core/probe/parse/capture';
import { splitCapture } from '../../../../main/core/probe/parse/split';
import { parseAhosts } from '../../../../main/core/probe/parse/misc';
import { parseChronySources, parseChronyTracking, parseClock, parseTimedatectl } from '../../../../main/core/probe/parse/time';
import { hw } from './fixtures';

const N = 'a1b2c3';
function section(name: string, stdout: string, rc = 0, stderr = ''): string {
  return `=====SITEKIT-BEGIN ${N} ${name}=====\n${stdout}\n=====SITEKIT-STDERR ${N} ${name}=====\n${stderr}\n=====SITEKIT-END ${N} ${name} rc=${rc}=====\n`;
}
function capture(...sections: string[]): string {
  return `=====SITEKIT-CAPTURE v1 ${N}=====\n${sections.join('')}=====SITEKIT-DONE ${N}=====\n`;
}
const ctx = { node: 'node1', source: 'ssh' as const, collectedAt: '2026-01-01T00:00:00.000Z' };

describe('splitCapture', () => {
  it('keeps each section byte for byte, with stderr and exit code', () => {
    const s = splitCapture(capture(section('a', 'line1\nline2\n'), section('b', '', 3, 'oops\n'), section('c', 'no newline')));
    expect(s.complete).toBe(true);
    expect(s.sections.get('a')).toMatchObject({ stdout: 'line1\nline2\n', exitCode: 0, stderr: '' });
    expect(s.sections.get('b')).toMatchObject({ stdout: '', exitCode: 3, stderr: 'oops\n' });
    expect(s.sections.get('c')!.stdout).toBe('no newline');
  });

  it('ignores marker look-alikes without the nonce (e.g. in a switch description)', () => {
    const forged = `evil\n=====SITEKIT-END other lldp rc=0=====\n=====SITEKIT-BEGIN other hostname=====\nmore`;
    const s = splitCapture(capture(section('lldp', forged), section('hostname', 'real')));
    expect(s.sections.get('lldp')!.stdout).toBe(forged);
    expect(s.sections.get('hostname')!.stdout).toBe('real');
  });

  it('tolerates CRLF line ends (capture saved on a console)', () => {
    const s = splitCapture(capture(section('hostname', 'n1')).replace(/\n/g, '\r\n'));
    expect(s.sections.get('hostname')).toMatchObject({ stdout: 'n1', exitCode: 0 });
  });

  it('marks a capture cut in the middle', () => {
    const text = capture(section('hostname', 'n1'), section('lsblk', '{}')).split('=====SITEKIT-STDERR a1b2c3 lsblk')[0]!;
    const s = splitCapture(text);
    expect(s.complete).toBe(false);
    expect(s.sections.get('lsblk')!.cut).toBe(true);
  });
});

describe('parseCapture', () => {
  it('a capture of real outputs becomes a full inventory', () => {
    const text = capture(
      section('meta', 'script_version=1\nprivilege=root\nkernel=5.14.0\narch=x86_64\nos=Red Hat Enterprise Linux CoreOS'),
      section('clock', '1767225600123\n1767225600\n'),
      section('hostname', 'node1\n'),
      section('dmidecode', hw('dmidecode/glpi-oracle-server-x5-2.txt')),
      section('lscpu', hw('lscpu-json/regen-util-linux-dump-amd-epyc-7451-2s-flat.json')),
      section('meminfo', hw('meminfo/server-hw-report-ovh-epyc4464p-128g.txt')),
      section('ip-link', hw('ip-addr/netplan-thinkpad-ip-d-j-addr.json')),
      section('ip-addr', hw('ip-addr/netplan-thinkpad-ip-d-j-addr.json')),
      section('sysfs-net', 'iface=enp0s31f6\naddress=54:e1:ad:5f:24:b4\nmtu=1500\ncarrier=0\nspeed=-1\nphysical=1\ndriver=e1000e\n'),
      section('ethtool/enp0s31f6', hw('ethtool/server-hw-report-ovh-epyc4464p-ice-e810-25g-nolink.txt')),
      section('ethtool-i/enp0s31f6', hw('ethtool-i/node-exporter-e1000e-eth0.txt')),
      section('lsblk', hw('lsblk-json/trident-sata-ssd-nvme-lvm-loops-util-linux-2.40-all-cols.json')),
      section('disk-links', '/dev/disk/by-path/pci-0000:00:17.0-ata-1\t/dev/sda\n/dev/disk/by-id/nvme-eui.0025\t/dev/nvme0n1\n'),
      section('lldp', hw('lldpctl/replay-3-neighbors-cat9k-connectx4-sg200.json')),
      section('chrony-tracking', 'Reference ID    : C0A80101 (ntp1.plant.local)\nStratum         : 3\nSystem time     : 0.000012345 seconds slow of NTP time\nLeap status     : Normal\n'),
      section('dns/api.acp.example.com', '10.0.0.5      STREAM api.acp.example.com\n10.0.0.5      DGRAM  \n'),
      section('tools', 'lsblk\tlsblk from util-linux 2.37.4\nlldpctl\t-\n'),
    );
    const inv = parseCapture(text, { ...ctx, hostKeyFingerprint: 'SHA256:x' });
    expect(nodeInventorySchema.safeParse(inv).success).toBe(true);
    const f = inv.facts;
    expect(f.hostname).toBe('node1');
    expect(f.system).toMatchObject({ vendor: 'Oracle Corporation', serial: '1634NM1107' });
    expect(f.cpu).toMatchObject({ cores: 48, threads: 96 });
    expect(f.memory!.totalBytes).toBe(131499104 * 1024);
    const nic = f.nics.find((n) => n.name === 'enp0s31f6')!;
    expect(nic).toMatchObject({ kind: 'physical', link: 'down', carrier: false, driver: 'e1000e', firmware: '0.5-4' });
    expect(nic.speedMbps).toBeUndefined(); // ethtool reports 25000 with no link
    expect(f.nics.find((n) => n.name === 'wg0')!.kind).toBe('virtual');
    expect(f.disks.find((d) => d.name === 'sda')!.byPath).toEqual(['/dev/disk/by-path/pci-0000:00:17.0-ata-1']);
    expect(f.lldp).toHaveLength(3);
    expect(f.lldpAvailable).toBe(true);
    expect(f.time).toMatchObject({ epochMs: 1767225600123, ntpSynced: true, reference: 'ntp1.plant.local' });
    expect(f.time!.offsetSeconds).toBeCloseTo(-0.000012345);
    expect(f.dns).toEqual([{ name: 'api.acp.example.com', addresses: ['10.0.0.5'] }]);
    expect(inv.tools).toEqual([{ name: 'lsblk', version: 'lsblk from util-linux 2.37.4' }]);
    expect(inv.sections['lsblk']!.ok).toBe(true);
    expect(inv.hostKeyFingerprint).toBe('SHA256:x');
    expect(inv.problems.filter((p) => p.severity !== 'info').map((p) => p.section)).toEqual([]);
  });

  it('missing tools, no root and garbage become problems of the node, never an exception', () => {
    const text = capture(
      section('meta', 'privilege=none'),
      section('hostname', 'n1'),
      section('dmidecode', '', 77, 'dmidecode needs root: this user is not root and sudo -n is not allowed'),
      section('lscpu', '\u0000\u00ff{{{garbage', 0),
      section('meminfo', 'MemFree: 1 kB'),
      section('ip-link', 'not json'),
      section('lsblk', '', 127, 'sh: lsblk: not found'),
      section('lldp', '', 127, 'lldpctl is not installed'),
      section('dns/api.x.example.com', '', 2),
    );
    const inv = parseCapture(text, ctx);
    const msg = (s: string) => inv.problems.filter((p) => p.section === s).map((p) => p.message).join(' | ');
    expect(msg('dmidecode')).toMatch(/without root/);
    expect(msg('lscpu')).toMatch(/could not be read/);
    expect(msg('meminfo')).toMatch(/MemTotal/);
    expect(msg('ip-link')).toMatch(/JSON/);
    expect(msg('lsblk')).toMatch(/not installed/);
    expect(msg('lldp')).toMatch(/lldpctl is not installed/);
    expect(msg('dns/api.x.example.com')).toMatch(/could not resolve/);
    expect(msg('meta')).toMatch(/without root/);
    expect(msg('clock')).toMatch(/no "clock" section/);
    expect(inv.facts.lldpAvailable).toBe(false);
    expect(inv.facts.disks).toEqual([]);
    expect(nodeInventorySchema.safeParse(inv).success).toBe(true);
  });

  it('without ip JSON (busybox ip, old iproute2) the NICs come from /sys/class/net', () => {
    const sysfs = [
      'iface=lo', 'address=00:00:00:00:00:00', 'mtu=65536', 'type=772',
      'iface=eno1', 'address=3c:ec:ef:00:00:01', 'mtu=9000', 'carrier=1', 'speed=25000', 'duplex=full', 'operstate=up', 'physical=1', 'driver=ice', 'master=bond0',
      'iface=eno2', 'address=3c:ec:ef:00:00:01', 'mtu=9000', 'carrier=0', 'speed=25000', 'physical=1', 'driver=ice', 'master=bond0',
      'iface=bond0', 'address=3c:ec:ef:00:00:01', 'mtu=9000', 'carrier=1', 'bond_slaves=eno1 eno2',
      'iface=eno3v0', 'address=3c:ec:ef:00:00:09', 'physical=1', 'sriov_vf=1',
    ].join('\n');
    const inv = parseCapture(capture(section('ip-link', '', 1, 'Option "-j" is unknown, try "ip -help".'), section('sysfs-net', sysfs)), ctx);
    const nics = new Map(inv.facts.nics.map((n) => [n.name, n]));
    expect(nics.get('lo')!.kind).toBe('loopback');
    expect(nics.get('eno1')).toMatchObject({ kind: 'physical', link: 'up', speedMbps: 25000, duplex: 'full', driver: 'ice', mtu: 9000, master: 'bond0' });
    expect(nics.get('eno2')).toMatchObject({ link: 'down', carrier: false });
    expect(nics.get('eno2')!.speedMbps).toBeUndefined();
    expect(nics.get('bond0')).toMatchObject({ kind: 'bond', bondMembers: ['eno1', 'eno2'] });
    expect(nics.get('eno3v0')!.kind).toBe('virtual');
    expect(inv.problems.some((p) => p.section === 'ip-link' && /exit code 1/.test(p.message))).toBe(true);
  });

  it('text that is not a capture at all', () => {
    const inv = parseCapture('Welcome to Red Hat Enterprise Linux\nlogin: ', ctx);
    expect(inv.problems[0]).toMatchObject({ severity: 'error', section: 'capture' });
    expect(inv.facts.nics).toEqual([]);
  });

  it('random bytes never throw', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 50; i++) {
      const junk = Array.from({ length: 400 }, () => String.fromCharCode(Math.floor(rnd() * 256))).join('');
      const names = ['lscpu', 'lsblk', 'ip-link', 'ip-addr', 'lldp', 'dmidecode', 'meminfo', 'ethtool/x', 'ethtool-i/x', 'sysfs-net', 'clock', 'chrony-tracking'];
      expect(() => parseCapture(capture(...names.map((n) => section(n, junk))), ctx)).not.toThrow();
    }
  });

  it('a huge section is bounded and reported', () => {
    const huge = 'x'.repeat(SECTION_STDOUT_LIMIT + 5000);
    const inv = parseCapture(capture(section('lscpu', huge, 141)), ctx);
    expect(inv.sections['lscpu']!.stdout.length).toBe(SECTION_STDOUT_LIMIT);
    expect(inv.sections['lscpu']!.truncated).toBe(true);
    expect(inv.problems.some((p) => p.section === 'lscpu' && /size limit/.test(p.message))).toBe(true);
  });

  it('importCapture marks the source and takes the time from the capture', () => {
    const inv = importCapture(capture(section('clock', '1767225600123\n'), section('hostname', 'n3')), 'node3');
    expect(inv).toMatchObject({ node: 'node3', source: 'import', collectedAt: '2026-01-01T00:00:00.123Z' });
  });
});

describe('time and DNS sections', () => {
  it('clock with and without %N support', () => {
    expect(parseClock('1767225600123\n1767225600\n')).toBe(1767225600123);
    expect(parseClock('1767225600%3N\n1767225600\n')).toBe(1767225600000);
    expect(parseClock('garbage')).toBeUndefined();
  });

  it('chrony tracking: not synchronised, and sources', () => {
    expect(parseChronyTracking('Reference ID    : 00000000 ()\nStratum         : 0\nLeap status     : Not synchronised\n')!.ntpSynced).toBe(false);
    const sources = parseChronySources(
      'MS Name/IP address         Stratum Poll Reach LastRx Last sample\n===============================================================================\n^* 10.0.0.1                      2   6   377    35   +120us[ +141us] +/-   15ms\n^? 10.0.0.2                      0   6     0     -     +0ns[   +0ns] +/-    0ns\n',
    )!;
    expect(sources).toEqual([
      { state: '^*', name: '10.0.0.1', stratum: 2, selected: true },
      { state: '^?', name: '10.0.0.2', stratum: 0, selected: false },
    ]);
  });

  it('timedatectl show and status', () => {
    expect(parseTimedatectl('Timezone=UTC\nNTPSynchronized=yes\n')).toBe(true);
    expect(parseTimedatectl('System clock synchronized: no\n')).toBe(false);
  });

  it('getent ahosts', () => {
    expect(parseAhosts('10.0.0.9      STREAM api.x\n10.0.0.9      DGRAM\nfd00::9 STREAM\n')).toEqual(['10.0.0.9', 'fd00::9']);
  });
});
