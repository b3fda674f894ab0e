// The Networks and Disks steps rendered to static markup inside a WizardContext with a real
// site store, fed by a fake API that answers with real checks of the plant-a example: fields
// carry their JSON pointers and show what the file says, findings appear under their field,
// every pointer a rule reports in these steps has a bound element, and the probed hardware
// shows next to the plan.
import { describe, expect, it } from 'vitest';
import type { InventoryView, SiteDocument } from '../../../main/contract/api';
import { stepForPath } from '../../../main/core/validation/step';
import { diskChoices, sizeText } from '../../../renderer/src/steps/disks/disk-choices';
import { DisksStep } from '../../../renderer/src/steps/disks/DisksStep';
import { addressKeys, networkReferences, networkSummaries, nicFacts } from '../../../renderer/src/steps/networks/network-words';
import { NetworksStep } from '../../../renderer/src/steps/networks/NetworksStep';
import type { SiteStore } from '../../../renderer/src/store/site-store';
import { documentOf, editedDoc, exampleDoc, exampleText } from './example-doc';
import { after, bound, control, escapeRe, openStore, render, valueOf } from './step-render';

async function openDoc(doc: SiteDocument): Promise<SiteStore> {
  return (await openStore(doc)).store;
}

/** The example with plain text replacements (each must match). */
function variant(...changes: Array<[string, string]>): SiteDocument {
  let text = exampleText();
  for (const [from, to] of changes) {
    expect(text, `example contains ${JSON.stringify(from)}`).toContain(from);
    text = text.replace(from, to);
  }
  return documentOf(text, { path: '/sites/plant-a/site.yaml', readOnly: false });
}

/** The step's forms without the pictures (which bind the same pointers to their shapes). */
function forms(html: string): string {
  const start = html.indexOf('data-testid="networks-group"');
  const end = html.indexOf('sk-networks-cabling');
  expect(start).toBeGreaterThan(-1);
  return html.slice(start, end < 0 ? undefined : end);
}

/** The checkbox input standing for `value` inside the group bound to `group`. */
function checkbox(html: string, group: string, value: string): string {
  const start = html.indexOf(`data-path="${group}"`);
  if (start < 0) throw new Error(`nothing bound to ${group}`);
  const m = new RegExp(`<input[^>]*type="checkbox"[^>]*data-value="${escapeRe(value)}"[^>]*>`).exec(html.slice(start));
  if (!m) throw new Error(`no checkbox ${value} in ${group}`);
  return m[0];
}

function inventory(node: string, nics: InventoryView['facts']['nics'], disks: InventoryView['facts']['disks'] = [], lldp: InventoryView['facts']['lldp'] = []): InventoryView {
  return {
    inventoryVersion: 1,
    node,
    collectedAt: '2026-11-21T10:00:00Z',
    source: 'ssh',
    tools: [],
    facts: { nics, disks, lldp },
    problems: [],
  };
}

const disk = (name: string, byPath: string, sizeBytes: number, serial?: string): InventoryView['facts']['disks'][number] => ({
  name,
  path: `/dev/${name}`,
  byPath: [byPath],
  byId: [],
  sizeBytes,
  rotational: false,
  type: 'disk',
  transport: name.startsWith('nvme') ? 'nvme' : 'sata',
  ...(serial ? { serial } : {}),
  partitions: [],
  holders: [],
  signatures: [],
  mountpoints: [],
});

describe('Networks step', () => {
  it('shows the logical networks as bound fields', async () => {
    const store = await openDoc(exampleDoc());
    const html = render(store, <NetworksStep />);
    expect(html).toContain('data-testid="step-networks"');
    expect(valueOf(html, '/networks/0/name')).toBe('cluster');
    expect(valueOf(html, '/networks/0/role')).toBe('cluster');
    expect(valueOf(html, '/networks/0/vlan')).toBe('10');
    expect(valueOf(html, '/networks/0/subnet')).toBe('10.10.0.0/24');
    expect(valueOf(html, '/networks/0/gateway')).toBe('10.10.0.1');
    expect(valueOf(html, '/networks/0/mtu')).toBe('1500');
    expect(valueOf(html, '/networks/1/mtu')).toBe('9000');
    expect(valueOf(html, '/networks/1/gateway')).toBe('');
    expect(valueOf(html, '/networks/4/vlan')).toBe('untagged');
    expect(html.match(/data-testid="network-row"/g)).toHaveLength(5);
    expect(html).toContain('Add network');
  });

  it('draws the topology first and ends with the cabling table and its Print button', async () => {
    const store = await openDoc(exampleDoc());
    const html = render(store, <NetworksStep onPrint={() => undefined} />);
    const topology = html.indexOf('sk-topology');
    const networks = html.indexOf('data-path="/networks/0/name"');
    const cabling = html.indexOf('sk-cabling');
    expect(topology).toBeGreaterThan(-1);
    expect(topology).toBeLessThan(networks);
    expect(cabling).toBeGreaterThan(html.indexOf('data-path="/nodes/2/addresses/storage"'));
    expect(html).toContain('Print cabling table');
    expect(render(store, <NetworksStep />)).not.toContain('Print cabling table');
  });

  it('shows a finding at /networks/1/vlan under that field', async () => {
    // storage on VLAN 10 like cluster, both on bond0: network.vlan-reused at /networks/1/vlan.
    const doc = variant(['vlan: 30', 'vlan: 10']);
    expect(doc.findings.some((f) => f.path === '/networks/1/vlan' && f.id === 'network.vlan-reused')).toBe(true);
    const store = await openDoc(doc);
    const html = render(store, <NetworksStep />);
    expect(valueOf(html, '/networks/1/vlan')).toBe('10');
    const below = after(html, '/networks/1/vlan');
    expect(below).toContain('data-rule="network.vlan-reused"');
    expect(below).toContain('both use VLAN 10');
    expect(control(html, '/networks/1/vlan').tag).not.toContain('data-rule');
    expect(after(html, '/networks/0/vlan')).not.toContain('data-rule="network.vlan-reused"');
  });

  it('shows the shared cabling: NICs, bond members as checkboxes, uplinks with networks and bridge', async () => {
    const store = await openDoc(exampleDoc());
    const html = render(store, <NetworksStep />);
    expect(['eno1', 'ens1f0', 'ens1f1', 'ens2f0', 'ens2f1'].map((_, k) => valueOf(html, `/layout/interfaces/${k}`))).toEqual([
      'eno1',
      'ens1f0',
      'ens1f1',
      'ens2f0',
      'ens2f1',
    ]);
    expect(valueOf(html, '/layout/bonds/0/name')).toBe('bond0');
    expect(valueOf(html, '/layout/bonds/0/mode')).toBe('802.3ad');
    // bond0 = [ens1f0, ens1f1]: those boxes are checked and bound to the member entries.
    expect(checkbox(html, '/layout/bonds/0/members', 'ens1f0')).toMatch(/checked=""/);
    expect(checkbox(html, '/layout/bonds/0/members', 'ens1f0')).toContain('data-path="/layout/bonds/0/members/0"');
    expect(checkbox(html, '/layout/bonds/0/members', 'ens1f1')).toContain('data-path="/layout/bonds/0/members/1"');
    expect(checkbox(html, '/layout/bonds/0/members', 'ens1f1')).toMatch(/checked=""/);
    expect(checkbox(html, '/layout/bonds/0/members', 'eno1')).not.toMatch(/checked=""/);
    expect(checkbox(html, '/layout/bonds/0/members', 'ens2f0')).not.toMatch(/checked=""/);
    // bond1 = [ens2f0, ens2f1], active-backup, for the VM bridge.
    expect(valueOf(html, '/layout/bonds/1/name')).toBe('bond1');
    expect(valueOf(html, '/layout/bonds/1/mode')).toBe('active-backup');
    expect(checkbox(html, '/layout/bonds/1/members', 'ens2f0')).toContain('data-path="/layout/bonds/1/members/0"');
    expect(checkbox(html, '/layout/bonds/1/members', 'ens2f1')).toContain('data-path="/layout/bonds/1/members/1"');
    expect(checkbox(html, '/layout/bonds/1/members', 'ens2f0')).toMatch(/checked=""/);
    expect(checkbox(html, '/layout/bonds/1/members', 'ens2f1')).toMatch(/checked=""/);
    expect(checkbox(html, '/layout/bonds/1/members', 'ens1f0')).not.toMatch(/checked=""/);
    // Uplinks: the device select offers NICs and bonds; networks are checkboxes.
    expect(valueOf(html, '/layout/uplinks/0/device')).toBe('bond0');
    expect(valueOf(html, '/layout/uplinks/1/device')).toBe('bond1');
    expect(checkbox(html, '/layout/uplinks/0/networks', 'cluster')).toContain('data-path="/layout/uplinks/0/networks/0"');
    expect(checkbox(html, '/layout/uplinks/0/networks', 'storage')).toMatch(/checked=""/);
    expect(checkbox(html, '/layout/uplinks/0/networks', 'vm-prod')).not.toMatch(/checked=""/);
    expect(checkbox(html, '/layout/uplinks/1/networks', 'vm-ot')).toContain('data-path="/layout/uplinks/1/networks/1"');
    expect(valueOf(html, '/layout/uplinks/1/bridge')).toBe('br-vm');
    expect(html).toMatch(/A bond joins two or more NICs/);
    expect(html).toMatch(/A VLAN lets one cable carry several separate networks/);
    expect(html).toMatch(/A bridge is a virtual switch/);
  });

  it('shows every node\u2019s NICs and its address on each network that needs one', async () => {
    const store = await openDoc(exampleDoc());
    const html = render(store, <NetworksStep />);
    for (const [i, n] of [
      [0, 1],
      [1, 2],
      [2, 3],
    ] as const) {
      expect(valueOf(html, `/nodes/${i}/addresses/cluster`)).toBe(`10.10.0.1${n}`);
      expect(valueOf(html, `/nodes/${i}/addresses/storage`)).toBe(`10.30.0.1${n}`);
      expect(bound(html, `/nodes/${i}/addresses/vm-prod`)).toBe(false); // VMs plug into the bridge, no node IP
      expect(valueOf(html, `/nodes/${i}/interfaces/1/name`)).toBe('ens1f0');
      expect(valueOf(html, `/nodes/${i}/interfaces/1/mac`)).toBe(`b4:96:91:a1:0${n}:00`);
      expect(valueOf(html, `/nodes/${i}/interfaces/1/switch`)).toBe('sw-c1');
      expect(valueOf(html, `/nodes/${i}/interfaces/1/port`)).toBe(`Ethernet1/${n}`);
      expect(valueOf(html, `/nodes/${i}/interfaces/0/switch`)).toBe('');
    }
    expect(html).not.toContain('data-testid="node-layout-override"');
    expect(html).toContain('Uses the shared cabling.');
  });

  it('shows a node\u2019s own cabling with a note and bound fields', async () => {
    const doc = editedDoc(exampleText(), [{ path: '/nodes/1/layout', value: { uplinks: [{ device: 'eno1', networks: ['cluster'] }] } }]);
    const store = await openDoc(doc);
    const html = render(store, <NetworksStep />);
    expect(html).toContain('data-testid="node-layout-override"');
    expect(html).toContain('This node replaces the shared uplinks with its own');
    expect(valueOf(html, '/nodes/1/layout/uplinks/0/device')).toBe('eno1');
    expect(checkbox(html, '/nodes/1/layout/uplinks/0/networks', 'cluster')).toMatch(/checked=""/);
    // It replaces only the uplinks: no override NIC list or bonds for it.
    expect(bound(html, '/nodes/1/layout/interfaces')).toBe(false);
    expect(bound(html, '/nodes/1/layout/bonds')).toBe(false);
  });

  it('puts what the probe found next to the planned NICs', async () => {
    const store = await openDoc(exampleDoc());
    store.setState({
      inventories: [
        inventory(
          'acp-1',
          [
            { name: 'ens1f0', mac: 'b4:96:91:a1:01:00', link: 'up', carrier: true, speedMbps: 25000, kind: 'physical', addresses: [] },
            { name: 'ens1f1', mac: 'b4:96:91:ff:ff:ff', link: 'down', carrier: false, kind: 'physical', addresses: [] },
            { name: 'ens9f0', mac: 'b4:96:91:99:99:99', link: 'down', kind: 'physical', addresses: [] },
          ],
          [],
          [{ interface: 'ens1f0', chassisName: 'sw-c1', portId: 'Ethernet1/1', vlans: [] }],
        ),
      ],
    });
    const html = forms(render(store, <NetworksStep />));
    const row = after(html, '/nodes/0/interfaces/1/port');
    expect(row).toContain('link up 25 Gb/s');
    expect(row).toContain('LLDP: sw-c1 Ethernet1/1');
    const other = after(html, '/nodes/0/interfaces/2/port');
    expect(other).toContain('no link');
    expect(other).toMatch(/sk-differs[^>]*>b4:96:91:ff:ff:ff/);
    expect(html).toContain('Use found b4:96:91:ff:ff:ff');
    expect(html).toContain('Found on the nodes but not listed');
    expect(html).toContain('Add ens9f0');
    // acp-2 was not probed: no "found" column there.
    expect(after(html, '/nodes/1/interfaces/1/port')).not.toContain('nic-found');
  });

  it('binds every pointer the rules report in this step', async () => {
    const docs = [
      variant(['vlan: 30', 'vlan: 10'], ['members: [ens1f0, ens1f1]', 'members: [ens1f0, ens9]'], ['networks: [vm-prod, vm-ot]\n      bridge', 'networks: [vm-prod, vm-lab]\n      bridge']),
      variant(['gateway: 10.10.0.1', 'gateway: 10.20.0.1'], ['cluster: 10.10.0.12', 'cluster: 10.10.0.11'], ['storage: 10.30.0.13', 'storage: 10.31.0.13'], ['mtu: 9000', 'mtu: 20000']),
      variant(['{ name: ens1f1, mac: "b4:96:91:a1:02:01"', '{ name: ens1f1, mac: "b4:96:91:a1:01:01"'], ['- device: bond0', '- device: bond9']),
      variant(['    addresses:\n      cluster: 10.10.0.13\n      storage: 10.30.0.13', '    addresses:\n      vm-prod: 10.100.0.13']),
      // A node with cabling of its own: findings point into /nodes/1/layout.
      editedDoc(exampleText(), [
        {
          path: '/nodes/1/layout',
          value: { bonds: [{ name: 'bond0', mode: '802.3ad', members: ['ens1f0', 'ens7'] }], uplinks: [{ device: 'bond0', networks: ['cluster', 'nope'] }] },
        },
      ]),
    ];
    let checked = 0;
    for (const doc of docs) {
      expect(doc.status).toBe('ok');
      const html = forms(render(await openDoc(doc), <NetworksStep />));
      for (const f of doc.findings.filter((x) => stepForPath(x.path) === 'networks')) {
        expect(bound(html, f.path), `${f.id} at ${f.path}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(8);
  });

  it('shows schema problems of a half-typed network under its fields', async () => {
    // What "Add network" writes, through the store: the plan stops matching the format until
    // the VLAN and subnet are typed.
    const store = await openDoc(exampleDoc());
    await store.getState().edit([{ path: '/networks/-', value: { name: 'network-6', role: 'vm' } }]);
    const doc = store.getState().doc!;
    expect(doc.status).toBe('invalid');
    const html = render(store, <NetworksStep />);
    expect(valueOf(html, '/networks/5/name')).toBe('network-6');
    for (const f of doc.findings) expect(bound(forms(html), f.path), f.path).toBe(true);
    expect(after(html, '/networks/5/vlan')).toContain('field-finding');
    // The pictures keep showing the last readable plan.
    expect(html).toContain('sk-topology');
  });
});

describe('Disks step', () => {
  it('binds the boot disk and the ODF devices and warns that ODF devices are wiped', async () => {
    const store = await openDoc(exampleDoc());
    const html = render(store, <DisksStep />);
    expect(html).toContain('data-testid="step-disks"');
    expect(html.indexOf('data-testid="disk-layout"')).toBeLessThan(html.indexOf('data-path="/layout/disks/boot/deviceName"'));
    expect(valueOf(html, '/layout/disks/boot/deviceName')).toBe('/dev/disk/by-path/pci-0000:3b:00.0-ata-1');
    const odf = [0, 1, 2, 3, 4, 5].map((k) => valueOf(html, `/layout/disks/odf/${k}`));
    expect(odf[0]).toBe('/dev/disk/by-path/pci-0000:5e:00.0-nvme-1');
    expect(odf[5]).toBe('/dev/disk/by-path/pci-0000:d9:00.0-nvme-1');
    expect(bound(html, '/layout/disks/odf')).toBe(true);
    expect(html).toContain('ODF devices are wiped only where you agree');
    expect(html).toMatch(/Kernel names such as <code>\/dev\/sda<\/code>/);
    // No node overrides in plant-a: each node offers one.
    expect(html.match(/Override for this node/g)).toHaveLength(6);
    expect(bound(html, '/nodes/0/disks')).toBe(true);
  });

  it('shows per-node overrides as bound fields and findings under them', async () => {
    const doc = editedDoc(exampleText(), [
      { path: '/nodes/2/disks', value: { boot: { serialNumber: 'S6EUNX0T534567' }, odf: ['/dev/sdb', '/dev/disk/by-path/pci-0000:5e:00.0-nvme-1'] } },
    ]);
    const store = await openDoc(doc);
    const html = render(store, <DisksStep />);
    expect(valueOf(html, '/nodes/2/disks/boot/serialNumber')).toBe('S6EUNX0T534567');
    expect(valueOf(html, '/nodes/2/disks/odf/0')).toBe('/dev/sdb');
    expect(after(html, '/nodes/2/disks/odf/0')).toContain('data-rule="odf.device-path-unstable"');
    expect(html).toContain('Use the shared boot disk');
    expect(html).toContain('Use the shared ODF devices');
    for (const f of doc.findings.filter((x) => stepForPath(x.path) === 'disks')) expect(bound(html, f.path), `${f.id} at ${f.path}`).toBe(true);
  });

  it('binds the pointers of boot disk findings', async () => {
    const doc = variant(['deviceName: /dev/disk/by-path/pci-0000:3b:00.0-ata-1', 'deviceName: /dev/disk/by-id/wwn-0x5000']);
    const store = await openDoc(doc);
    const html = render(store, <DisksStep />);
    expect(after(html, '/layout/disks/boot/deviceName')).toContain('data-rule="disks.boot-device-name-rejected"');
    const missing = editedDoc(exampleText(), [{ path: '/layout/disks/boot' }]);
    const html2 = render(await openDoc(missing), <DisksStep />);
    expect(missing.findings.some((f) => f.path === '/layout/disks/boot')).toBe(true);
    expect(after(html2, '/layout/disks/boot')).toContain('data-rule="disks.boot-hint-missing"');
  });

  it('shows plant-b\u2019s per-node boot disks by serial number', async () => {
    const doc = exampleDoc('plant-b-racks');
    const html = render(await openDoc(doc), <DisksStep />);
    expect(html).toContain('data-testid="boot-all-own"');
    expect(valueOf(html, '/nodes/0/disks/boot/serialNumber')).toBe('S6EUNX0T512345');
    expect(valueOf(html, '/nodes/2/disks/boot/serialNumber')).toBe('S6EUNX0T534567');
    expect(valueOf(html, '/layout/disks/odf/3')).toBe('/dev/disk/by-path/pci-0000:c4:00.0-nvme-1');
    expect(html.match(/>Use the shared boot disk</g)).toHaveLength(3);
    expect(html.match(/Override for this node/g)).toHaveLength(3); // the ODF lists
  });

  it('offers the disks the nodes reported, by-path', async () => {
    const store = await openDoc(exampleDoc());
    const inv = inventory('acp-1', [], [
      disk('sda', '/dev/disk/by-path/pci-0000:3b:00.0-ata-1', 480e9, 'BOOT1'),
      disk('nvme0n1', '/dev/disk/by-path/pci-0000:5e:00.0-nvme-1', 3.84e12),
      disk('nvme6n1', '/dev/disk/by-path/pci-0000:e1:00.0-nvme-1', 3.84e12),
    ]);
    store.setState({ inventories: [inv] });
    const html = render(store, <DisksStep />);
    expect(html).toContain('Add a disk the nodes reported');
    expect(html).toContain('/dev/disk/by-path/pci-0000:e1:00.0-nvme-1 — 3.84 TB NVMe (acp-1)');
    // Already listed ODF devices and the boot disk are not offered again for ODF.
    const add = html.slice(html.indexOf('Add a disk the nodes reported'));
    expect(add.slice(0, add.indexOf('</select>'))).not.toContain('pci-0000:5e:00.0-nvme-1 —');
    expect(add.slice(0, add.indexOf('</select>'))).not.toContain('pci-0000:3b:00.0-ata-1 —');
    expect(after(html, '/layout/disks/odf/0')).toContain('3.84 TB on acp-1');
  });
});

describe('plain helpers', () => {
  it('names the places a network is still used', () => {
    const data = exampleDoc().data;
    expect(networkReferences(data, 'storage')).toEqual([
      'uplink bond0 (shared cabling)',
      'the addresses of acp-1, acp-2, acp-3',
      'ODF (its storage network)',
    ]);
    expect(networkReferences(data, 'vm-ot')).toEqual(['uplink bond1 (shared cabling)', 'virtualization (VM networks)']);
    expect(networkReferences(data, 'bmc')).toEqual([]);
  });

  it('asks for addresses on cluster and storage networks plus any written', () => {
    const networks = networkSummaries(exampleDoc().data && (exampleDoc().data as { networks: unknown }).networks);
    expect(addressKeys(networks, { cluster: '10.10.0.11' })).toEqual(['cluster', 'storage']);
    expect(addressKeys(networks, { lab: '1.2.3.4' })).toEqual(['cluster', 'storage', 'lab']);
  });

  it('reads NIC facts and disk choices from inventories', () => {
    const inv = inventory('acp-1', [{ name: 'eno1', mac: 'AA:BB:CC:00:00:01', permanentMac: 'aa:bb:cc:00:00:02', link: 'up', speedMbps: 1000, kind: 'physical', addresses: [] }]);
    expect(nicFacts(inv, 'eno1')).toEqual({ link: 'up', mac: 'aa:bb:cc:00:00:02', speed: '1 Gb/s' });
    expect(nicFacts(inv, 'eno2')).toBeUndefined();
    const a = inventory('a', [], [disk('sda', '/dev/disk/by-path/x', 480e9)]);
    const b = inventory('b', [], [disk('sdb', '/dev/disk/by-path/x', 480e9), { ...disk('sr0', '/dev/disk/by-path/cd', 1e9), type: 'rom' }]);
    expect(diskChoices([a, b]).map((c) => [c.value, c.nodes])).toEqual([['/dev/disk/by-path/x', ['a', 'b']]]);
    expect(diskChoices([a, b], 'b')).toHaveLength(1);
    expect(sizeText(3.84e12)).toBe('3.84 TB');
    expect(sizeText(480e9)).toBe('480 GB');
  });
});

