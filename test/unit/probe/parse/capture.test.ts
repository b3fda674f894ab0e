import { describe, expect, it } from 'vitest';
import { SECTION_STDOUT_LIMIT, nodeInventorySchema } from '../../../../main/core/probe/inventory';
import { importCapture } from '../../../../main/core/probe/import';
import { parseCapture } from '../../../../main/core/probe/parse/capture';
import { splitCapture } from '../../../../main/core/probe/parse/split';
import { parseAhosts } from '../../../../main/core/probe/parse/misc';
import { parseChronySources, parseChronyTracking, parseClock, parseTimedatectl } from '../../../../main/core/probe/parse/time';
import { captureSection, captureText, hw } from './fixtures';

const N = 'a1b2c3';
const section = (name: string, stdout: string, rc = 0, stderr = '') => captureSection(N, name, stdout, rc, stderr);
const capture = (...sections: string[]) => captureText(N, sections);
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

describe('parseCapture: LLDP unreadable is not "no frame"', () => {
  const lldpOnly = (stdout: string, rc = 0, stderr = '') => parseCapture(capture(section('lldp', stdout, rc, stderr)), ctx);

  it.each([
    ['keyvalue text', hw('lldpctl/replay-3-neighbors.keyvalue.txt'), /key=value text/],
    ['plain text', hw('lldpctl/replay-3-neighbors.plain.txt'), /plain text/],
    ['cut JSON', hw('lldpctl/replay-3-neighbors-cat9k-connectx4-sg200.json').slice(0, 500), /valid JSON/],
    ['JSON without "lldp"', '{}', /no "lldp" object/],
    ['nothing', '', /printed nothing/],
  ])('lldpctl rc 0 printing %s: lldp unavailable, with the reason and a problem of the node', (_what, stdout, reason) => {
    const inv = lldpOnly(stdout);
    expect(inv.facts.lldpAvailable).toBe(false);
    expect(inv.facts.lldp).toEqual([]);
    expect(inv.facts.lldpProblem).toMatch(reason);
    expect(inv.problems.some((p) => p.section === 'lldp' && reason.test(p.message))).toBe(true);
  });

  // lldpd not running: lldpctl still exits 0 and prints an empty "lldp" object (display.c writes
  // the tag before asking lldpd; json_writer.c folds the one-element list), and the reason is on
  // stderr only (commands.c + errors.c). Shape taken from the lldpd source, not from a capture.
  const EMPTY = '{\n  "lldp": {\n    \n  }\n}\n';
  it('lldpd not running (rc 0, empty list, error on stderr) is unavailable; the same list without the error is "no neighbour"', () => {
    const down = lldpOnly(EMPTY, 0, '2025-01-01T00:00:00 [WARN/lldpctl] not able to get the list of interfaces. Unable to connect to lldpd daemon');
    expect(down.facts.lldpAvailable).toBe(false);
    expect(down.facts.lldpProblem).toMatch(/lldpd is not running/);
    expect(down.problems.find((p) => p.section === 'lldp')).toMatchObject({ severity: 'warning', message: expect.stringMatching(/could not reach lldpd/) });
    const quiet = lldpOnly(EMPTY);
    expect(quiet.facts).toMatchObject({ lldpAvailable: true, lldp: [] });
    expect(quiet.facts.lldpProblem).toBeUndefined();
  });

  it('not installed, failed, or no section: unavailable with the reason', () => {
    expect(lldpOnly('', 127, 'lldpctl is not installed (lldpd not in this image)').facts).toMatchObject({ lldpAvailable: false, lldpProblem: expect.stringMatching(/not installed/) });
    expect(lldpOnly('', 1, 'lldpctl: cannot open socket').facts.lldpProblem).toMatch(/lldpctl failed/);
    expect(parseCapture(capture(section('hostname', 'n1')), ctx).facts).toMatchObject({ lldpAvailable: false, lldpProblem: 'the capture has no lldp section' });
  });

  it('a readable neighbour list is available', () => {
    expect(lldpOnly(hw('lldpctl/replay-cisco-cat9k-pvid-single-iface.json')).facts).toMatchObject({ lldpAvailable: true, lldp: [expect.objectContaining({ interface: 'eth0' })] });
  });
});

describe('parseCapture: nothing missing or unreadable passes as an empty success', () => {
  it('every section the script always prints and that is missing is a problem naming it', () => {
    const inv = parseCapture(capture(section('hostname', 'n1')), ctx);
    const missing = inv.problems.filter((p) => /has no ".*" section/.test(p.message)).map((p) => p.section);
    expect(missing.sort()).toEqual(
      ['meta', 'clock', 'dmidecode', 'dmi-sysfs', 'lscpu', 'cpuflags', 'meminfo', 'ip-link', 'ip-addr', 'ip-route', 'sysfs-net', 'lsblk', 'disk-links', 'lldp', 'chrony-tracking', 'chrony-sources', 'timedatectl', 'tools'].sort(),
    );
  });

  it('a section this version does not know is named, not silently dropped', () => {
    const inv = parseCapture(capture(section('hostname', 'n1'), section('nvme-list', '{"Devices": []}')), ctx);
    expect(inv.problems).toContainEqual({ section: 'nvme-list', severity: 'info', message: expect.stringMatching(/does not know; it was not read/) });
  });

  it('`ethtool -i` output in an ethtool/<nic> section is a problem of that section; the link comes from sysfs', () => {
    const inv = parseCapture(
      capture(
        section('sysfs-net', 'iface=eth0\naddress=00:1b:21:00:00:01\ncarrier=1\nspeed=1000\nphysical=1\ndriver=e1000e\n'),
        section('ethtool/eth0', hw('ethtool-i/node-exporter-e1000e-eth0.txt')),
        section('ethtool-i/eth0', hw('ethtool-i/node-exporter-e1000e-eth0.txt')),
      ),
      ctx,
    );
    expect(inv.problems).toContainEqual({ section: 'ethtool/eth0', severity: 'warning', message: expect.stringMatching(/this is `ethtool -i` output/) });
    expect(inv.facts.nics[0]).toMatchObject({ name: 'eth0', speedMbps: 1000, link: 'up', driver: 'e1000e', firmware: '0.5-4' });
  });

  it('an ethtool error text with rc 0 is a problem of that section', () => {
    const inv = parseCapture(
      capture(section('sysfs-net', 'iface=eth0\nphysical=1\n'), section('ethtool/eth0', 'Cannot get device settings: No such device\n'), section('ethtool-i/eth0', 'Cannot get driver information: No such device\n')),
      ctx,
    );
    expect(inv.problems.filter((p) => p.section.endsWith('/eth0')).map((p) => [p.section, p.message])).toEqual([
      ['ethtool/eth0', 'ethtool: Cannot get device settings: No such device'],
      ['ethtool-i/eth0', expect.stringMatching(/ethtool -i printed no driver \(it printed "Cannot get driver information: No such device"\)/)],
    ]);
  });

  it('a physical NIC without its ethtool sections is named', () => {
    const inv = parseCapture(capture(section('sysfs-net', 'iface=eno1\nphysical=1\niface=eno1v0\nphysical=1\nsriov_vf=1\niface=lo\ntype=772\n')), ctx);
    expect(inv.problems.filter((p) => p.section.startsWith('ethtool')).map((p) => p.section)).toEqual(['ethtool/eno1', 'ethtool-i/eno1']);
  });

  it('clock, hostname, meta, chrony, timedatectl, DNS and tools that ran but cannot be read are problems', () => {
    const inv = parseCapture(
      capture(
        section('meta', 'Permission denied'),
        section('clock', 'date: invalid date'),
        section('hostname', ''),
        section('chrony-tracking', '506 Cannot talk to daemon'),
        section('chrony-sources', 'garbage'),
        section('dns/api.x.example.com', 'garbage'),
        section('tools', 'garbage'),
      ),
      ctx,
    );
    const by = (s: string) => inv.problems.filter((p) => p.section === s).map((p) => p.message).join(' | ');
    expect(by('meta')).toMatch(/could not be read .* whether the script had root is unknown/);
    expect(by('clock')).toMatch(/could not be read \(it printed "date: invalid date"\), so the node time is unknown/);
    expect(by('hostname')).toMatch(/printed nothing/);
    expect(by('dns/api.x.example.com')).toMatch(/no address for api\.x\.example\.com/);
    expect(by('tools')).toMatch(/could not be read/);
    expect(inv.facts.time).toBeUndefined();

    const timed = parseCapture(
      capture(section('clock', '1767225600123\n'), section('chrony-tracking', '506 Cannot talk to daemon'), section('chrony-sources', 'garbage'), section('timedatectl', 'Failed to connect to bus')),
      ctx,
    );
    const t = (s: string) => timed.problems.filter((p) => p.section === s).map((p) => p.message).join(' | ');
    expect(t('chrony-tracking')).toMatch(/could not be read \(it printed "506 Cannot talk to daemon"\)/);
    expect(t('chrony-sources')).toMatch(/could not be read/);
    expect(t('timedatectl')).toMatch(/could not be read \(it printed "Failed to connect to bus"\)/);
  });

  it('CPU flags unknown (old lscpu without Flags, no cpuflags section) is said, not taken as "no vmx"', () => {
    const inv = parseCapture(capture(section('lscpu', hw('lscpu-text/ipa-intel-xeon-e5-2609-baremetal.txt'))), ctx);
    expect(inv.facts.cpu!.flags).toEqual([]);
    expect(inv.problems).toContainEqual({ section: 'lscpu', severity: 'warning', message: expect.stringMatching(/CPU flags are unknown/) });
  });

  it('disk links are read before lsblk: a USB by-path names the bus lsblk did not print', () => {
    const inv = parseCapture(
      capture(
        section('lsblk', hw('lsblk-json/checkbox-hp-elitebook-nvme-usb-recovery-loops.json')),
        section('disk-links', '/dev/disk/by-path/pci-0000:00:14.0-usb-0:1:1.0-scsi-0:0:0:0\t/dev/sda\n/dev/disk/by-path/pci-0000:00:14.0-usb-0:1:1.0-scsi-0:0:0:0-part1\t/dev/sda1\n'),
      ),
      ctx,
    );
    expect(inv.facts.disks.find((d) => d.name === 'sda')).toMatchObject({ transport: 'usb', byPath: ['/dev/disk/by-path/pci-0000:00:14.0-usb-0:1:1.0-scsi-0:0:0:0'] });
    expect(inv.problems.some((p) => p.section === 'lsblk' && /count as "removable: unknown"/.test(p.message))).toBe(true);
    expect(nodeInventorySchema.safeParse(inv).success).toBe(true);
  });

  it('an inventory with multipath devices, approximate sizes and unknown facts is valid for the schema', () => {
    const inv = parseCapture(capture(section('lsblk', hw('lsblk-json/harvester-hpe-smartarray-mpath-raid.json')), section('lldp', 'lldp.eth0.via=LLDP')), ctx);
    expect(inv.facts.disks[0]).toMatchObject({ type: 'mpath', sizeApproximate: true, multipathPaths: ['sda'] });
    expect(nodeInventorySchema.parse(JSON.parse(JSON.stringify(inv)))).toEqual(inv);
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
