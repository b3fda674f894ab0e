// Each hardware check with a passing and a failing inventory: the healthy inventories match
// plant-a exactly; every case breaks one fact and expects one finding at the plan path.
import { describe, expect, it } from 'vitest';
import { checkInventories } from '../../../../main/core/probe/checks';
import { parseCapture } from '../../../../main/core/probe/parse/capture';
import type { NodeInventory, ProbeResult } from '../../../../main/core/probe/inventory';
import type { Site } from '../../../../main/core/site/schema';
import type { Finding } from '../../../../main/core/validation/finding';
import { exampleSite } from '../../../helpers/example-site';
import { COLLECTED_AT, disk, healthyInventories } from '../inventory-builder';
import { hw } from '../parse/fixtures';

interface Case {
  id: string;
  path: string;
  severity: Finding['severity'];
  message: RegExp;
  breakIt: (inv: NodeInventory[], site: Site) => void;
  results?: ProbeResult[];
}

function run(change?: (inv: NodeInventory[], site: Site) => void, results: ProbeResult[] = []): Finding[] {
  const site = exampleSite();
  const inventories = healthyInventories();
  change?.(inventories, site);
  return checkInventories(site, inventories, results, { laptopTime: Date.parse(COLLECTED_AT) });
}

const node = (inv: NodeInventory[], n: number) => inv[n]!.facts;

describe('checkInventories: the healthy plant-a inventories', () => {
  it('give no errors or warnings, only the capacity note', () => {
    const findings = run();
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(findings.map((f) => f.id)).toEqual(['hw.odf-capacity']);
    expect(findings[0]!.message).toContain('ODF raw capacity 69.12 TB on 3 nodes; usable at replica 3 about 23.04 TB');
  });
});

const CASES: Case[] = [
  {
    id: 'hw.cpu-too-few', path: '/nodes/1', severity: 'error', message: /acp-2 has 16 CPUs; this site needs 26 per node \(4 cores\/16 GiB .*18 cores\/49 GiB ODF with 6 devices.*4 cores\/150 MiB/,
    breakIt: (inv) => { node(inv, 1).cpu!.threads = 16; },
  },
  {
    id: 'hw.memory-too-little', path: '/nodes/0', severity: 'error', message: /acp-1 has 48\.0 GiB usable memory; this site needs 65\.1 GiB/,
    breakIt: (inv) => { node(inv, 0).memory!.totalBytes = 48 * 1024 ** 3; },
  },
  {
    id: 'hw.no-virtualization', path: '/virtualization/enabled', severity: 'error', message: /acp-3: the CPU has no vmx\/svm flag/,
    breakIt: (inv) => { node(inv, 2).cpu!.flags = ['fpu']; },
  },
  {
    id: 'hw.mac-missing', path: '/nodes/0/interfaces/1/mac', severity: 'error', message: /acp-1: no NIC has the planned MAC b4:96:91:a1:01:00/,
    breakIt: (inv) => { node(inv, 0).nics[1]!.mac = 'b4:96:91:ff:ff:ff'; },
  },
  {
    id: 'hw.mac-on-other-interface', path: '/nodes/1/interfaces/2/name', severity: 'error', message: /acp-2: MAC b4:96:91:a1:02:01 is on ens1f1np1, not on ens1f1/,
    breakIt: (inv) => { node(inv, 1).nics[2]!.name = 'ens1f1np1'; },
  },
  {
    id: 'hw.no-link', path: '/nodes/2/interfaces/3', severity: 'error', message: /acp-3: ens2f0 has no link/,
    breakIt: (inv) => { Object.assign(node(inv, 2).nics[3]!, { carrier: false, link: 'down' }); },
  },
  {
    id: 'hw.storage-nic-slow', path: '/nodes/0/interfaces/2', severity: 'error', message: /acp-1: ens1f1 carries the storage network at 1 Gb\/s/,
    breakIt: (inv) => { node(inv, 0).nics[2]!.speedMbps = 1000; },
  },
  {
    id: 'hw.bond-speed-mismatch', path: '/layout/bonds/0/members', severity: 'warning', message: /acp-2: the members of bond0 run at different speeds \(ens1f0 25 Gb\/s, ens1f1 10 Gb\/s\)/,
    breakIt: (inv) => { node(inv, 1).nics[2]!.speedMbps = 10000; },
  },
  {
    id: 'hw.mtu-unsupported', path: '/layout/uplinks/0/networks', severity: 'error', message: /acp-1: ens1f0 supports an MTU of at most 1500, but bond0 carries a network with MTU 9000/,
    breakIt: (inv) => { node(inv, 0).nics[1]!.maxMtu = 1500; },
  },
  {
    id: 'hw.interface-missing', path: '/layout/interfaces/0', severity: 'error', message: /acp-3 has no NIC named eno1/,
    breakIt: (inv) => { node(inv, 2).nics.shift(); },
  },
  {
    id: 'hw.boot-disk-not-found', path: '/layout/disks/boot', severity: 'error', message: /acp-1: no disk matches the boot disk hint/,
    breakIt: (inv) => { node(inv, 0).disks[0]!.byPath = ['/dev/disk/by-path/pci-0000:00:1f.2-ata-1']; },
  },
  {
    id: 'hw.boot-disk-ambiguous', path: '/nodes/0/disks/boot', severity: 'error', message: /acp-1: the boot disk hint matches 7 disks/,
    breakIt: (_inv, site) => { site.nodes[0]!.disks = { boot: { rotational: false } }; },
  },
  {
    id: 'hw.boot-disk-too-small', path: '/layout/disks/boot', severity: 'error', message: /acp-2: the boot disk sda \(64\.0 GB SSDSC2KB480G8\) is smaller than the 100 GB/,
    breakIt: (inv) => { node(inv, 1).disks[0]!.sizeBytes = 64e9; },
  },
  {
    id: 'hw.odf-device-missing', path: '/layout/disks/odf/3', severity: 'error', message: /acp-3: ODF device \/dev\/disk\/by-path\/pci-0000:61:00.0-nvme-1 does not exist/,
    breakIt: (inv) => { node(inv, 2).disks.splice(4, 1); },
  },
  {
    id: 'hw.odf-device-is-boot', path: '/nodes/0/disks/odf/0', severity: 'error', message: /acp-1: ODF device \/dev\/sda is the boot disk sda/,
    breakIt: (_inv, site) => { site.nodes[0]!.disks = { odf: ['/dev/sda'] }; },
  },
  {
    id: 'hw.odf-device-removable', path: '/layout/disks/odf/0', severity: 'error', message: /acp-1: ODF device nvme0n1 is a removable disk/,
    breakIt: (inv) => { node(inv, 0).disks[1]!.removable = true; },
  },
  {
    id: 'hw.odf-device-too-small', path: '/layout/disks/odf/5', severity: 'error', message: /acp-2: ODF device nvme5n1 \(16\.0 GB .*\) is smaller than 25 GB/,
    breakIt: (inv) => { node(inv, 1).disks[6]!.sizeBytes = 16e9; },
  },
  {
    id: 'hw.odf-device-hdd', path: '/layout/disks/odf/1', severity: 'warning', message: /acp-3: ODF device sdq \(3\.84 TB .*\) is a spinning disk \(HDD\)/,
    breakIt: (inv) => { Object.assign(node(inv, 2).disks[2]!, { rotational: true, transport: 'sas', name: 'sdq' }); },
  },
  {
    id: 'hw.odf-device-not-empty', path: '/layout/disks/odf/2', severity: 'error', message: /acp-1: ODF device nvme2n1 holds partition nvme2n1p1 \(xfs, mounted on \/var\)\. The installer zeroes its partition table/,
    breakIt: (inv) => { node(inv, 0).disks[3]!.partitions = [{ name: 'nvme2n1p1', fstype: 'xfs', mountpoints: ['/var'] }]; },
  },
  {
    id: 'hw.boot-disk-too-small', path: '/layout/disks/boot', severity: 'error', message: /acp-2: the boot disk sda \(about 64\.0 GB SSDSC2KB480G8\) is smaller than the 100 GB/,
    breakIt: (inv) => { Object.assign(node(inv, 1).disks[0]!, { sizeBytes: 64e9, sizeApproximate: true }); },
  },
  {
    id: 'hw.boot-disk-multipath-path', path: '/layout/disks/boot', severity: 'error', message: /acp-1: the boot disk sda is one of the paths sda and sdy to one LUN \(same WWN\), with no multipath device on top/,
    breakIt: (inv) => { node(inv, 0).disks[0]!.multipathPaths = ['sda', 'sdy']; },
  },
  {
    id: 'hw.boot-disk-external', path: '/layout/disks/boot', severity: 'warning', message: /acp-3: the boot disk sda \(480 GB SSDSC2KB480G8\) is attached over USB/,
    breakIt: (inv) => { node(inv, 2).disks[0]!.transport = 'usb'; },
  },
  {
    id: 'hw.odf-device-multipath-path', path: '/layout/disks/odf/0', severity: 'error', message: /acp-2: ODF device \/dev\/disk\/by-path\/pci-0000:5e:00\.0-nvme-1 is a path of the multipath device dm-0 \(3\.84 TB\), not a disk of its own/,
    breakIt: (inv) => {
      const d = node(inv, 1).disks;
      d[1] = disk('dm-0', '', 3.84e12, { type: 'mpath', byPath: [], path: '/dev/mapper/mpatha', multipathPaths: ['sdk', 'sdl'], multipathPathLinks: ['/dev/sdk', '/dev/disk/by-path/pci-0000:5e:00.0-nvme-1', '/dev/sdl'] });
    },
  },
  {
    id: 'hw.odf-device-removable-unknown', path: '/layout/disks/odf/1', severity: 'warning', message: /acp-1: whether ODF device nvme1n1 is removable or attached over USB is unknown/,
    breakIt: (inv) => { delete node(inv, 0).disks[2]!.removable; },
  },
  {
    id: 'hw.odf-device-external', path: '/layout/disks/odf/2', severity: 'warning', message: /acp-3: ODF device nvme2n1 \(3\.84 TB .*\) is an iSCSI LUN/,
    breakIt: (inv) => { node(inv, 2).disks[3]!.transport = 'iscsi'; },
  },
  {
    id: 'hw.odf-device-contents-unknown', path: '/layout/disks/odf/3', severity: 'warning', message: /acp-2: what is on ODF device nvme3n1 is unknown \(lsblk printed no FSTYPE or MOUNTPOINT\)\. If it is empty ODF uses it; if it holds data, Ceph makes no OSD on it/,
    breakIt: (inv) => { node(inv, 1).disks[4]!.unknown = ['contents']; },
  },
  {
    id: 'hw.odf-device-duplicate', path: '/nodes/1/disks/odf/1', severity: 'error', message: /acp-2: \/dev\/nvme0n1 is nvme0n1, already listed as ODF device 1/,
    breakIt: (_inv, site) => { site.nodes[1]!.disks = { odf: ['/dev/disk/by-path/pci-0000:5e:00.0-nvme-1', '/dev/nvme0n1'] }; },
  },
  {
    id: 'hw.odf-sizes-differ', path: '/layout/disks/odf', severity: 'warning', message: /ODF devices differ between nodes \(acp-1: .*; acp-2: 1\.92 TB \+ 3\.84 TB/,
    breakIt: (inv) => { node(inv, 1).disks[1]!.sizeBytes = 1.92e12; },
  },
  {
    id: 'hw.clock-off-laptop', path: '/cluster/ntpServers', severity: 'warning', message: /acp-2: the clock is 10 min ahead of this laptop/,
    breakIt: (inv) => { node(inv, 1).time!.epochMs += 10 * 60_000; },
  },
  {
    id: 'hw.clock-skew', path: '/cluster/ntpServers', severity: 'error', message: /The node clocks differ by 6 min \(acp-3 is ahead of acp-1\)/,
    breakIt: (inv) => { node(inv, 2).time!.epochMs += 6 * 60_000; },
  },
  {
    id: 'hw.ntp-not-synced', path: '/cluster/ntpServers', severity: 'warning', message: /acp-1: the clock is not synchronised by NTP/,
    breakIt: (inv) => { node(inv, 0).time!.ntpSynced = false; },
  },
  {
    id: 'hw.lldp-switch-mismatch', path: '/nodes/0/interfaces/1/switch', severity: 'error', message: /acp-1: ens1f0 is connected to sw-c3, not to sw-c1/,
    breakIt: (inv) => { node(inv, 0).lldp[0]!.chassisName = 'sw-c3'; },
  },
  {
    id: 'hw.lldp-port-mismatch', path: '/nodes/1/interfaces/2/port', severity: 'error', message: /acp-2: ens1f1 is on port Ethernet1\/7, not on Ethernet1\/2/,
    breakIt: (inv) => { node(inv, 1).lldp[1]!.portId = 'Ethernet1/7'; },
  },
  {
    id: 'hw.lldp-no-neighbor', path: '/nodes/2/interfaces/3/switch', severity: 'warning', message: /acp-3: ens2f0 receives no LLDP/,
    breakIt: (inv) => { node(inv, 2).lldp.splice(2, 1); },
  },
  {
    id: 'hw.lldp-vlan-missing', path: '/nodes/0/interfaces/3', severity: 'warning', message: /acp-1: switch port Ethernet1\/11 on ens2f0 does not advertise VLAN 110 \(it has 100\)/,
    breakIt: (inv) => { node(inv, 0).lldp[2]!.vlans = [{ id: 100 }]; },
  },
  {
    id: 'hw.lldp-pvid-tagged', path: '/nodes/1/interfaces/1', severity: 'warning', message: /acp-2: switch port Ethernet1\/2 on ens1f0 has PVID 30, a VLAN the plan sends tagged/,
    breakIt: (inv) => { node(inv, 1).lldp[0]!.pvid = 30; },
  },
  {
    id: 'hw.lldp-unavailable', path: '/nodes/2', severity: 'info', message: /acp-3: LLDP neighbours could not be read/,
    breakIt: (inv) => { node(inv, 2).lldpAvailable = false; node(inv, 2).lldp = []; },
  },
  {
    id: 'hw.nodes-differ-model', path: '/nodes', severity: 'info', message: /The nodes differ in model: acp-1 Dell Inc\. PowerEdge R650; acp-2 HPE ProLiant DL380 Gen10/,
    breakIt: (inv) => { node(inv, 1).system = { vendor: 'HPE', model: 'ProLiant DL380 Gen10' }; },
  },
  {
    id: 'hw.nodes-differ-nics', path: '/nodes', severity: 'info', message: /The nodes differ in NIC layout/,
    breakIt: (inv) => { node(inv, 2).nics.push({ ...node(inv, 2).nics[3]!, name: 'ens3f0', mac: '00:00:00:00:00:01' }); },
  },
  {
    id: 'hw.nodes-differ-disks', path: '/nodes', severity: 'info', message: /The nodes differ in disk layout/,
    breakIt: (inv) => { node(inv, 0).disks.push(disk('sdb', '/dev/disk/by-path/x', 2e12, { rotational: true })); },
  },
];

describe('checkInventories: one broken fact, one finding at the plan path', () => {
  for (const c of CASES) {
    it(`${c.id} at ${c.path}`, () => {
      expect(run().filter((f) => f.id === c.id)).toEqual([]);
      const found = run(c.breakIt).filter((f) => f.id === c.id);
      expect(found, JSON.stringify(run(c.breakIt).map((f) => [f.id, f.path, f.message]), null, 1)).toHaveLength(1);
      expect(found[0]).toMatchObject({ path: c.path, severity: c.severity });
      expect(found[0]!.message).toMatch(c.message);
    });
  }
});

describe('checkInventories: connection statuses', () => {
  const result = (status: ProbeResult['status'], extra: Partial<ProbeResult> = {}): ProbeResult[] => [
    { node: 'acp-2', status, message: 'detail', ...extra },
  ];
  const only = (results: ProbeResult[]) => run(undefined, results).filter((f) => f.id.startsWith('probe.'));

  it('ok results give nothing', () => {
    expect(only(result('ok'))).toEqual([]);
  });
  it.each([
    ['unreachable', 'probe.unreachable', /acp-2: cannot reach core@10\.10\.0\.12:22: no SSH server answered/],
    ['auth-failed', 'probe.auth-failed', /acp-2: core@10\.10\.0\.12:22 refused the login/],
    ['timeout', 'probe.timeout', /acp-2: core@10\.10\.0\.12:22 did not finish in time/],
    ['error', 'probe.error', /acp-2: the probe of core@10\.10\.0\.12:22 failed/],
  ] as const)('%s has its own message', (status, id, message) => {
    const findings = only(result(status));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ id, path: '/nodes/1/ssh', step: 'discover', severity: 'error' });
    expect(findings[0]!.message).toMatch(message);
  });
  it('a changed host key names both fingerprints', () => {
    const [f] = only(result('host-key-changed', { fingerprint: 'SHA256:new', pinnedFingerprint: 'SHA256:old' }));
    expect(f!.message).toContain('it was SHA256:old and is now SHA256:new');
  });
  it('section problems of a probed node become discover findings', () => {
    const findings = run((inv) => inv[0]!.problems.push({ section: 'dmidecode', severity: 'warning', message: 'needs root' })).filter(
      (f) => f.id === 'probe.section',
    );
    expect(findings).toEqual([
      { id: 'probe.section', severity: 'warning', path: '/nodes/0', message: 'acp-1: dmidecode: needs root', step: 'discover' },
    ]);
  });
});

describe('checkInventories: LLDP evidence', () => {
  it('a port that advertises only its PVID is no evidence of missing tagged VLANs', () => {
    const findings = run((inv) => {
      node(inv, 0).lldp[2] = { interface: 'ens2f0', chassisName: 'sw-c1', portId: 'Ethernet1/11', vlans: [{ id: 1, pvid: true }], pvid: 1 };
    });
    expect(findings.filter((f) => f.id.startsWith('hw.lldp'))).toEqual([]);
  });
  it('a neighbour without a system name is named as a likely NIC firmware agent', () => {
    const [f] = run((inv) => {
      node(inv, 1).lldp[0] = { interface: 'ens1f0', chassisId: '50:6b:4b:f6:1e:b3', portId: '50:6b:4b:f6:1e:b1', vlans: [] };
    }).filter((x) => x.id === 'hw.lldp-switch-mismatch');
    expect(f!.message).toBe('acp-2: ens1f0 is connected to a device with chassis id 50:6b:4b:f6:1e:b3 and no system name, not to sw-c1.');
    expect(f!.hint).toMatch(/firmware LLDP agent.*Intel X710\/E810.*Mellanox ConnectX/);
  });
  it('no LLDP on a NIC mentions the firmware agents that swallow frames', () => {
    const [f] = run((inv) => node(inv, 2).lldp.pop()).filter((x) => x.id === 'hw.lldp-no-neighbor');
    expect(f!.hint).toMatch(/Intel X710\/E810.*Mellanox ConnectX/);
  });
});

describe('checkInventories: LLDP that could not be read is not "no frame on this NIC"', () => {
  const N = 'f00d';
  const capture = (stdout: string, stderr = '') =>
    `=====SITEKIT-CAPTURE v1 ${N}=====\n=====SITEKIT-BEGIN ${N} lldp=====\n${stdout}\n=====SITEKIT-STDERR ${N} lldp=====\n${stderr}\n=====SITEKIT-END ${N} lldp rc=0=====\n=====SITEKIT-DONE ${N}=====\n`;
  const lldpFrom = (text: string) => (inv: NodeInventory[]) => {
    const { lldp, lldpAvailable, lldpProblem } = parseCapture(text, { node: 'acp-2', source: 'import' }).facts;
    Object.assign(node(inv, 1), { lldp, lldpAvailable, lldpProblem });
  };

  it.each([
    ['keyvalue output (real lldpd 1.0.16 replay)', capture(hw('lldpctl/replay-3-neighbors.keyvalue.txt')), /key=value text/],
    ['plain text output', capture(hw('lldpctl/replay-3-neighbors.plain.txt')), /plain text/],
    ['lldpd not running', capture('{\n  "lldp": {\n  }\n}', '[WARN/lldpctl] not able to get the list of interfaces. Unable to connect to lldpd daemon'), /lldpd is not running/],
  ])('%s: one "could not be read" finding with the reason, no per-NIC finding, no firmware hint', (_what, text, reason) => {
    const lldp = run(lldpFrom(text)).filter((f) => f.id.startsWith('hw.lldp'));
    expect(lldp.map((f) => f.id)).toEqual(['hw.lldp-unavailable']);
    expect(lldp[0]!.message).toMatch(/^acp-2: LLDP neighbours could not be read \(/);
    expect(lldp[0]!.message).toMatch(reason);
    expect(JSON.stringify(lldp)).not.toMatch(/firmware/);
  });

  it('lldpd running with no neighbour at all: each planned NIC "receives no LLDP", with the firmware-agent hint', () => {
    const lldp = run(lldpFrom(capture('{\n  "lldp": {\n  }\n}'))).filter((f) => f.id.startsWith('hw.lldp'));
    expect(lldp.length).toBeGreaterThan(0);
    expect(lldp.every((f) => f.id === 'hw.lldp-no-neighbor' && /firmware LLDP agent/.test(f.hint ?? ''))).toBe(true);
  });

  it('an old inventory without lldpAvailable and without neighbours is not taken as "no frame"', () => {
    const lldp = run((inv) => { delete node(inv, 0).lldpAvailable; node(inv, 0).lldp = []; }).filter((f) => f.id.startsWith('hw.lldp'));
    expect(lldp.map((f) => f.id)).toEqual(['hw.lldp-unavailable']);
  });
});

describe('checkInventories: requirement arithmetic', () => {
  it('matches the worked example of installer.md §2.3: 1 ODF disk, CNV on → 16 cores, 41110 MiB', () => {
    const findings = run((inv, site) => {
      site.layout.disks!.odf = site.layout.disks!.odf!.slice(0, 1);
      node(inv, 0).cpu!.threads = 15;
      node(inv, 0).memory!.totalBytes = 41109 * 1024 ** 2;
    });
    expect(findings.find((f) => f.id === 'hw.cpu-too-few')!.message).toContain('needs 16 per node');
    expect(findings.find((f) => f.id === 'hw.memory-too-little')!.message).toContain('needs 40.1 GiB');
    const enough = run((inv, site) => {
      site.layout.disks!.odf = site.layout.disks!.odf!.slice(0, 1);
      node(inv, 0).cpu!.threads = 16;
      node(inv, 0).memory!.totalBytes = 41110 * 1024 ** 2;
    });
    expect(enough.filter((f) => f.id === 'hw.cpu-too-few' || f.id === 'hw.memory-too-little')).toEqual([]);
  });
});
