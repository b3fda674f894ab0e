// NMState of one node: install time (cluster network only) and day 2 (storage VLAN, VM
// bridges), and Sitekit's own NMState checks.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { checkNmState, day2NetworkState, installNetworkState, type NmState } from '../../../../main/core/generate/nmstate';
import { siteSchema, type Site } from '../../../../main/core/site/schema';

const load = (name: string): Site =>
  siteSchema.parse(YAML.parse(readFileSync(fileURLToPath(new URL(`../../../../resources/examples/${name}.site.yaml`, import.meta.url)), 'utf8')));

const iface = (state: NmState, name: string) => state.interfaces.find((i) => i.name === name);

/** plant-a with its cluster network untagged on bond0, at the bond's jumbo MTU so the plan stays consistent. */
const untaggedClusterSite = (): Site => {
  const site = load('plant-a');
  const cluster = site.networks.find((n) => n.role === 'cluster')!;
  cluster.vlan = 'untagged';
  cluster.mtu = 9000;
  return site;
};

describe('installNetworkState', () => {
  it('plant-a: cluster VLAN 10 on the LACP bond at MTU 1500, bond raised to the storage VLAN MTU, default route only', () => {
    const site = load('plant-a');
    const state = installNetworkState(site, site.nodes[0]!);
    expect(state.interfaces.map((i) => `${i.type}:${i.name}`)).toEqual([
      'ethernet:ens1f0',
      'ethernet:ens1f1',
      'ethernet:ens2f0',
      'ethernet:ens2f1',
      'bond:bond0',
      'bond:bond1',
      'vlan:bond0.10',
    ]);
    expect(iface(state, 'bond0')).toMatchObject({ mtu: 9000, ipv4: { enabled: false } });
    // The VM bond is declared at install without an address; its bridge comes day-2.
    expect(iface(state, 'bond1')).toMatchObject({
      mtu: 1500,
      'link-aggregation': { mode: 'active-backup', port: ['ens2f0', 'ens2f1'] },
      ipv4: { enabled: false },
      ipv6: { enabled: false },
    });
    expect(iface(state, 'bond0.10')).toMatchObject({
      mtu: 1500,
      vlan: { 'base-iface': 'bond0', id: 10 },
      ipv4: { enabled: true, dhcp: false, address: [{ ip: '10.10.0.11', 'prefix-length': 24 }] },
    });
    expect(state.routes).toEqual({ config: [{ destination: '0.0.0.0/0', 'next-hop-address': '10.10.0.1', 'next-hop-interface': 'bond0.10', 'table-id': 254 }] });
    expect(checkNmState(state, { site, node: site.nodes[0]! })).toEqual([]);
  });

  it('untagged cluster IP on the LACP bond, bond MTU raised to the storage VLAN MTU, default route only', () => {
    const site = untaggedClusterSite();
    const state = installNetworkState(site, site.nodes[0]!);
    expect(state.interfaces.map((i) => `${i.type}:${i.name}`)).toEqual(['ethernet:ens1f0', 'ethernet:ens1f1', 'ethernet:ens2f0', 'ethernet:ens2f1', 'bond:bond0', 'bond:bond1']);
    expect(iface(state, 'bond0')).toMatchObject({
      mtu: 9000,
      'link-aggregation': { mode: '802.3ad', options: { miimon: '100' }, port: ['ens1f0', 'ens1f1'] },
      ipv4: { enabled: true, dhcp: false, address: [{ ip: '10.10.0.11', 'prefix-length': 24 }] },
    });
    expect(iface(state, 'ens1f0')).toMatchObject({ mtu: 9000, ipv4: { enabled: false } });
    expect(iface(state, 'ens2f0')).toMatchObject({ mtu: 1500, ipv4: { enabled: false } });
    expect(iface(state, 'bond1')).toMatchObject({ mtu: 1500, ipv4: { enabled: false } });
    expect(state['dns-resolver']).toEqual({ config: { server: ['10.10.0.2'] } });
    expect(state.routes).toEqual({ config: [{ destination: '0.0.0.0/0', 'next-hop-address': '10.10.0.1', 'next-hop-interface': 'bond0', 'table-id': 254 }] });
    // The storage VLAN and the VM bridge come day-2.
    expect(iface(state, 'bond0.30')).toBeUndefined();
    expect(iface(state, 'br-vm')).toBeUndefined();
  });

  it('plant-b: tagged cluster network as bond0.210 carrying the address and the route; bond1 declared without address', () => {
    const site = load('plant-b-racks');
    const state = installNetworkState(site, site.nodes[1]!);
    expect(iface(state, 'bond0.210')).toMatchObject({
      type: 'vlan',
      mtu: 1500,
      vlan: { 'base-iface': 'bond0', id: 210 },
      ipv4: { enabled: true, dhcp: false, address: [{ ip: '172.20.10.12', 'prefix-length': 24 }] },
    });
    expect(iface(state, 'bond0')).toMatchObject({ ipv4: { enabled: false } });
    expect(iface(state, 'bond1')).toMatchObject({ mtu: 9000, ipv4: { enabled: false }, 'link-aggregation': { port: ['ens3f1', 'ens4f1'] } });
    expect(state.routes?.config).toEqual([{ destination: '0.0.0.0/0', 'next-hop-address': '172.20.10.1', 'next-hop-interface': 'bond0.210', 'table-id': 254 }]);
  });

  it('IPv6 cluster network: ipv6 static address without autoconf and a ::/0 route', () => {
    const site = untaggedClusterSite();
    const cluster = site.networks.find((n) => n.role === 'cluster')!;
    cluster.subnet = '2001:db8:10::/64';
    cluster.gateway = '2001:db8:10::1';
    site.nodes[0]!.addresses.cluster = '2001:db8:10::11';
    const state = installNetworkState(site, site.nodes[0]!);
    expect(iface(state, 'bond0')).toMatchObject({
      ipv4: { enabled: false },
      ipv6: { enabled: true, dhcp: false, autoconf: false, address: [{ ip: '2001:db8:10::11', 'prefix-length': 64 }] },
    });
    expect(state.routes?.config[0]).toMatchObject({ destination: '::/0', 'next-hop-address': '2001:db8:10::1' });
  });

  it('never shares objects between interfaces (the YAML writer would emit anchors)', () => {
    const site = load('plant-a');
    const text = YAML.stringify(installNetworkState(site, site.nodes[0]!));
    expect(text).not.toMatch(/[&*]a\d/);
  });
});

describe('day2NetworkState', () => {
  it('plant-a: storage VLAN on bond0 with static IP and no DNS, bridge br-vm on bond1 trunking VLANs 100 and 110', () => {
    const site = load('plant-a');
    const state = day2NetworkState(site, site.nodes[2]!);
    expect(state.interfaces).toEqual([
      {
        name: 'bond0.30',
        type: 'vlan',
        state: 'up',
        mtu: 9000,
        vlan: { 'base-iface': 'bond0', id: 30 },
        ipv4: { enabled: true, dhcp: false, address: [{ ip: '10.30.0.13', 'prefix-length': 24 }], 'auto-dns': false },
        ipv6: { enabled: false },
      },
      {
        name: 'br-vm',
        type: 'linux-bridge',
        state: 'up',
        mtu: 1500,
        ipv4: { enabled: false },
        ipv6: { enabled: false },
        bridge: { options: { stp: { enabled: false } }, port: [{ name: 'bond1', vlan: { mode: 'trunk', 'trunk-tags': [{ id: 100 }, { id: 110 }] } }] },
      },
    ]);
    expect(state).not.toHaveProperty('routes');
    expect(checkNmState(state, { site, node: site.nodes[2]! })).toEqual([]);
  });

  it('plant-b: storage VLAN 220 on bond1, bridge on eno1 trunking VLAN 300; passes checkNmState', () => {
    const site = load('plant-b-racks');
    for (const node of site.nodes) {
      const state = day2NetworkState(site, node);
      expect(state.interfaces.map((i) => i.name)).toEqual(['bond1.220', 'br-vm']);
      expect(checkNmState(state, { site, node })).toEqual([]);
    }
  });

  it('untagged storage network: the address goes on the uplink itself', () => {
    const site = load('plant-b-racks');
    site.networks.find((n) => n.role === 'storage')!.vlan = 'untagged';
    const state = day2NetworkState(site, site.nodes[0]!);
    expect(state.interfaces[0]).toMatchObject({ name: 'bond1', type: 'bond', mtu: 9000, ipv4: { address: [{ ip: '172.20.20.11' }] } });
  });
});

describe('checkNmState', () => {
  const site = untaggedClusterSite();
  const node = site.nodes[0]!;
  const base = (): NmState => installNetworkState(site, node);
  const ids = (state: unknown) => checkNmState(state, { site, node }).map((i) => `${i.id} ${i.path}`);

  it('bond port that exists nowhere', () => {
    const s = base();
    iface(s, 'bond0')!['link-aggregation']!.port = ['ens1f0', 'ens9f9'];
    expect(ids(s)).toEqual(['nmstate.unknown-interface /interfaces/4/link-aggregation/port/1']);
  });

  it('bond without ports', () => {
    const s = base();
    iface(s, 'bond0')!['link-aggregation']!.port = [];
    expect(ids(s)).toEqual(['nmstate.bond-ports /interfaces/4/link-aggregation']);
  });

  it('VLAN on a base interface that does not exist, route via an unknown interface', () => {
    const s = base();
    s.interfaces.push({ name: 'bond7.30', type: 'vlan', state: 'up', vlan: { 'base-iface': 'bond7', id: 30 } });
    s.routes!.config[0]!['next-hop-interface'] = 'bond9';
    expect(ids(s)).toEqual(['nmstate.unknown-interface /interfaces/6/vlan/base-iface', 'nmstate.unknown-interface /routes/config/0/next-hop-interface']);
  });

  it('bridge port that does not exist', () => {
    const s = day2NetworkState(site, node);
    s.interfaces[1]!.bridge!.port[0]!.name = 'ens7f0';
    expect(ids(s)).toEqual(['nmstate.unknown-interface /interfaces/1/bridge/port/0/name']);
  });

  it('names longer than 15 characters and reserved names', () => {
    const s = day2NetworkState(site, node);
    s.interfaces[1]!.name = 'br-vm-production';
    expect(ids(s)).toEqual(['nmstate.interface-name /interfaces/1/name']);
    s.interfaces[1]!.name = 'br0';
    expect(ids(s)).toEqual(['nmstate.reserved-name /interfaces/1/name']);
  });

  it('static IP outside every planned subnet, or with the wrong prefix', () => {
    const s = base();
    iface(s, 'bond0')!.ipv4!.address![0]!.ip = '192.0.2.11';
    expect(ids(s)).toEqual(['nmstate.ip-outside-subnet /interfaces/4/ipv4/address/0/ip']);
    const t = base();
    iface(t, 'bond0')!.ipv4!.address![0]!['prefix-length'] = 16;
    expect(ids(t)).toEqual(['nmstate.ip-outside-subnet /interfaces/4/ipv4/address/0/prefix-length']);
  });

  it('quoted MTU (the installer rejects it) and a VLAN larger than its base', () => {
    const s = base() as unknown as { interfaces: Record<string, unknown>[] };
    s.interfaces[0]!.mtu = '9000';
    expect(ids(s)).toEqual(['nmstate.mtu-not-integer /interfaces/0/mtu']);
    const t = base();
    t.interfaces.push({ name: 'bond0.30', type: 'vlan', state: 'up', mtu: 9216, vlan: { 'base-iface': 'bond0', id: 30 } });
    expect(ids(t)).toEqual(['nmstate.vlan-mtu /interfaces/6/mtu']);
  });

  it('a VM bridge on the link that carries the cluster network (OVN-Kubernetes owns it through br-ex)', () => {
    const bridged = load('plant-a');
    bridged.layout.uplinks[0]!.bridge = 'br-vm2';
    const n = bridged.nodes[0]!;
    const issues = checkNmState(day2NetworkState(bridged, n), { site: bridged, node: n });
    expect(issues.map((i) => `${i.id} ${i.path}`)).toEqual(['nmstate.bridge-on-cluster-link /interfaces/1/bridge/port/0/name']);
  });

  it('duplicate interfaces and a document that is not a map', () => {
    const s = base();
    s.interfaces.push({ ...s.interfaces[0]! });
    expect(ids(s)).toEqual(['nmstate.duplicate-interface /interfaces/6/name']);
    expect(ids(['x'])).toEqual(['nmstate.not-a-document ']);
  });
});
