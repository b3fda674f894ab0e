import { describe, expect, it } from 'vitest';
import { parseEthtool, parseEthtoolDriver } from '../../../../main/core/probe/parse/ethtool';
import { nicKind, parseIpAddr, parseIpLink, parseIpRoute } from '../../../../main/core/probe/parse/ip';
import { parseLldp } from '../../../../main/core/probe/parse/lldp';
import { hw } from './fixtures';

describe('parseEthtool', () => {
  it('E810 up: 25G, FEC modes separated by tabs', () => {
    const e = parseEthtool(hw('ethtool/server-hw-report-ovh-epyc4464p-ice-e810-25g-up.txt')).value!;
    expect(e).toMatchObject({ speedMbps: 25000, duplex: 'full', linkDetected: true, autoNegotiation: false, port: 'Direct Attach Copper' });
  });

  it('E810 without link still reports 25000Mb/s: the speed does not count while the link is down', () => {
    const e = parseEthtool(hw('ethtool/server-hw-report-ovh-epyc4464p-ice-e810-25g-nolink.txt')).value!;
    expect(e.linkDetected).toBe(false);
    expect(e.speedMbps).toBeUndefined();
    expect(e.reportedSpeedMbps).toBe(25000);
  });

  it('space indentation (40G Mellanox) and continuation lines of link modes', () => {
    const e = parseEthtool(hw('ethtool/jc-40g-fibre-enp1s0.txt')).value!;
    expect(e).toMatchObject({ speedMbps: 40000, linkDetected: true, maxSupportedSpeedMbps: 56000 });
    expect(e.supportedLinkModes).toContain('40000baseCR4/Full');
  });

  it('netlink error line from a non-root run in the middle: parsed around, reported as info', () => {
    const p = parseEthtool(hw('ethtool/node-exporter-e1000e-1g-eth0-netlink-eperm.txt'));
    expect(p.value).toMatchObject({ speedMbps: 1000, linkDetected: true, errors: ['netlink error: Operation not permitted'] });
    expect(p.problems[0]!.severity).toBe('info');
  });

  it.each([
    ['ethtool/jc-1g-tp-enp0s3.txt', 1000],
    ['ethtool/jc-100m-link-partner-eth0.txt', 100],
    ['ethtool/testrun-usb-gige-at-100m-link-partner.txt', 100],
  ])('%s: link partner lines and message-level continuation do not confuse the speed', (file, speed) => {
    const e = parseEthtool(hw(file)).value!;
    expect(e.speedMbps).toBe(speed);
    expect(e.duplex).toBe('full');
    expect(e.linkDetected).toBe(true);
  });

  it('Speed: Unknown! and Duplex: Unknown! (255)', () => {
    const e = parseEthtool('Settings for eno2:\n\tSpeed: Unknown!\n\tDuplex: Unknown! (255)\n\tLink detected: no\n').value!;
    expect(e).toMatchObject({ duplex: 'unknown', linkDetected: false });
    expect(e.speedMbps).toBeUndefined();
  });

  it('`ethtool -i` output where `ethtool <nic>` was expected is a problem, not a NIC with no settings', () => {
    for (const file of ['ethtool-i/node-exporter-e1000e-eth0.txt', 'ethtool-i/server-hw-report-ovh-ice-e810.txt']) {
      const p = parseEthtool(hw(file));
      expect(p.value).toBeUndefined();
      expect(p.problems).toEqual([{ severity: 'warning', message: expect.stringMatching(/this is `ethtool -i` output .* speed, duplex and link state are unknown/) }]);
    }
  });

  it('an error text instead of settings is a problem that quotes it', () => {
    const p = parseEthtool('ethtool: bad command line argument(s)\nFor more information run ethtool -h\n');
    expect(p.value).toBeUndefined();
    expect(p.problems[0]!.message).toMatch(/no link settings \(it printed "ethtool: bad command line argument\(s\)"\)/);
    expect(parseEthtool('').problems[0]!.message).toMatch(/printed nothing/);
  });

  it('only "Cannot get" lines → a problem, no crash', () => {
    const p = parseEthtool('Cannot get device settings: Operation not permitted\n');
    expect(p.value).toBeUndefined();
    expect(p.problems[0]!.message).toMatch(/Cannot get/);
  });
});

describe('parseEthtoolDriver', () => {
  it.each([
    ['ethtool-i/server-hw-report-ovh-ice-e810.txt', 'ice', '4.20 0x8001b91f 1.3346.0', '0000:0a:00.0'],
    ['ethtool-i/node-exporter-e1000e-eth0.txt', 'e1000e', '0.5-4', '0000:00:1f.6'],
    ['ethtool-i/mailinglist-i40e-x710.txt', 'i40e', '9.54 0x8000fb2b 24.0.5', '0000:5e:00.1'],
  ])('%s (with or without the trailing space after expansion-rom-version)', (file, driver, firmware, busInfo) => {
    expect(parseEthtoolDriver(hw(file)).value).toMatchObject({ driver, firmware, busInfo });
  });
});

describe('parseEthtoolDriver on the wrong output', () => {
  it('`ethtool <nic>` output where `ethtool -i` was expected says so', () => {
    const p = parseEthtoolDriver(hw('ethtool/jc-1g-tp-enp0s3.txt'));
    expect(p.value).toBeUndefined();
    expect(p.problems[0]!.message).toMatch(/this is `ethtool <nic>` output .* driver, firmware and PCI address are unknown/);
  });
});

describe('ip -j', () => {
  it('reads a real laptop `ip -d -j addr`: PCI and USB parent bus, wireguard, down wwan with empty addr_info', () => {
    const text = hw('ip-addr/netplan-thinkpad-ip-d-j-addr.json');
    const links = new Map(parseIpLink(text).value!.map((l) => [l.name, l]));
    expect(links.get('enp0s31f6')).toMatchObject({ mac: '54:e1:ad:5f:24:b4', parentBus: 'pci', adminUp: true, lowerUp: true });
    expect(nicKind(links.get('enp0s31f6')!)).toBe('physical');
    expect(nicKind(links.get('wg0')!)).toBe('virtual');
    expect(nicKind(links.get('lo')!)).toBe('loopback');
    expect(links.get('wwan0')).toMatchObject({ parentBus: 'usb', adminUp: false });
    const addrs = parseIpAddr(text).value!;
    expect(addrs.get('wwan0')).toEqual([]);
    expect(addrs.get('enp0s31f6')!.some((a) => a.family === 'inet')).toBe(true);
  });

  it('an interface down with no UP flag', () => {
    const links = parseIpLink(hw('ip-addr/cloud-init-ip-json-addr-down-no-up-flag.json')).value!;
    expect(links.find((l) => l.name === 'eth0')).toMatchObject({ adminUp: false, lowerUp: false, operState: 'DOWN' });
  });

  it('container veth output with link_netnsid', () => {
    const addrs = parseIpAddr(hw('ip-addr/cloud-init-ip-json-addr-up-lxd-veth.json')).value!;
    expect(addrs.get('enp0s25')).toHaveLength(3);
  });

  it('bond, VLAN and bridge from linkinfo; permaddr of a bond member', () => {
    const text = JSON.stringify([
      { ifname: 'ens1f0', flags: ['BROADCAST', 'SLAVE', 'UP', 'LOWER_UP'], mtu: 9000, max_mtu: 9702, address: 'aa:bb:cc:00:00:01', permaddr: 'AA:BB:CC:00:00:02', master: 'bond0', linkinfo: { info_slave_kind: 'bond' }, parentbus: 'pci' },
      { ifname: 'bond0', flags: ['UP', 'LOWER_UP', 'MASTER'], mtu: 9000, address: 'aa:bb:cc:00:00:01', linkinfo: { info_kind: 'bond', info_data: { mode: '802.3ad' } } },
      { ifname: 'bond0.20', flags: ['UP'], link: 'bond0', linkinfo: { info_kind: 'vlan', info_data: { protocol: '802.1Q', id: 20 } } },
      { ifname: 'br-vm', flags: ['UP'], linkinfo: { info_kind: 'bridge' } },
    ]);
    const links = new Map(parseIpLink(text).value!.map((l) => [l.name, l]));
    expect(links.get('ens1f0')).toMatchObject({ permanentMac: 'aa:bb:cc:00:00:02', maxMtu: 9702, master: 'bond0' });
    expect(links.get('bond0')).toMatchObject({ bondMode: '802.3ad' });
    expect(nicKind(links.get('bond0')!)).toBe('bond');
    expect(links.get('bond0.20')).toMatchObject({ vlanId: 20, parent: 'bond0' });
    expect(nicKind(links.get('br-vm')!)).toBe('bridge');
  });

  it('routes', () => {
    const routes = parseIpRoute('[{"dst":"default","gateway":"10.0.0.1","dev":"eth0","protocol":"dhcp","metric":100},{"dst":"10.0.0.0/24","dev":"eth0"}]').value!;
    expect(routes[0]).toEqual({ dst: 'default', gateway: '10.0.0.1', dev: 'eth0', protocol: 'dhcp', metric: 100 });
  });

  it('an empty list is not an empty success', () => {
    expect(parseIpLink('[]')).toEqual({ problems: [{ severity: 'warning', message: expect.stringMatching(/listed no interface at all/) }] });
    expect(parseIpAddr('[{}]').problems[0]!.message).toMatch(/listed no interface at all/);
  });

  it('garbage → problem', () => {
    expect(parseIpLink('Option "-j" is unknown').problems[0]!.message).toMatch(/JSON/);
    expect(parseIpAddr('{"a":1}').problems[0]!.message).toMatch(/list/);
    expect(parseIpRoute('[1, null, {"x": 2}]').value).toEqual([]);
  });
});

describe('parseLldp', () => {
  it('interface as a list (3 neighbours): Catalyst with sysname and PVID, ConnectX firmware agent without, SG200', () => {
    const n = parseLldp(hw('lldpctl/replay-3-neighbors-cat9k-connectx4-sg200.json')).value!;
    expect(n.map((x) => x.interface)).toEqual(['eth0', 'ens2f0', 'ens3f0']);
    expect(n[0]).toMatchObject({ chassisName: 'cisco-bt-switch', portId: 'Gi1/0/2', portDescr: 'GigabitEthernet1/0/2', pvid: 1, mgmtIp: ['192.168.1.1'], ttl: 120 });
    expect(n[0]!.vlans).toEqual([{ id: 1, pvid: true }]);
    expect(n[1]!.chassisName).toBeUndefined();
    expect(n[1]).toMatchObject({ chassisId: '50:6b:4b:f6:1e:b3', portDescr: 'ConnectX-4 Lx, 25G/10G/1G SFP', ttl: 48 });
  });

  it('json0 gives the same neighbours as json', () => {
    expect(parseLldp(hw('lldpctl/replay-3-neighbors-cat9k-connectx4-sg200.json0.json')).value).toEqual(
      parseLldp(hw('lldpctl/replay-3-neighbors-cat9k-connectx4-sg200.json')).value,
    );
  });

  it('interface as an object (one interface), vlan as an object', () => {
    const n = parseLldp(hw('lldpctl/replay-cisco-cat9k-pvid-single-iface.json')).value!;
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ interface: 'eth0', pvid: 1 });
  });

  it('chassis without a name key (id directly under chassis)', () => {
    const n = parseLldp(hw('lldpctl/replay-mellanox-connectx4lx-fw-agent-no-sysname.json')).value!;
    expect(n[0]).toMatchObject({ interface: 'ens2f0', chassisId: '50:6b:4b:f6:1e:b3', portId: '50:6b:4b:f6:1e:b1' });
  });

  it('older SONiC shape: vlan list with names, TTL under chassis, mixed named and unnamed chassis', () => {
    const n = parseLldp(hw('lldpctl/sonic-dbsyncd-interface-only-unnamed-chassis.json')).value!;
    expect(n[0]).toMatchObject({ interface: 'Ethernet0', pvid: 101, ttl: 120, chassisDescr: "I'm a little teapot." });
    expect(n[0]!.vlans).toEqual([{ id: 101, pvid: true }, { id: 201, name: 'vlan201' }]);
    expect(n.find((x) => x.interface === 'Ethernet100')!.chassisName).toBe('switch13');
  });

  it.each([
    ['lldpctl/replay-3-neighbors.keyvalue.txt', /key=value text/],
    ['lldpctl-keyvalue/netbox-agent-cisco-c2960x-vlan.txt', /key=value text/],
    ['lldpctl/replay-3-neighbors.plain.txt', /plain text/],
  ])('%s: another format than JSON is "could not be read", never "no neighbour"', (file, format) => {
    const p = parseLldp(hw(file));
    expect(p.value).toBeUndefined();
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]!.message).toMatch(format);
    expect(p.problems[0]!.message).toMatch(/the neighbours were not read\. Run `lldpctl -f json`/);
  });

  it('no neighbours and garbage', () => {
    expect(parseLldp('{"lldp": {}}').value).toEqual([]);
    expect(parseLldp('{"lldp": [{}]}').value).toEqual([]);
    expect(parseLldp('unable to connect to socket').problems).toHaveLength(1);
    expect(parseLldp('{"lldp": {"interface": [1, "x", {"eth0": 5}]}}').value).toEqual([]);
  });
});
