/// <reference types="vite/client" />
// The Networks step's topology picture and cabling table, rendered to static markup (no DOM):
// plant-a from its plan alone, with LLDP contradicting one cable, and with a finding on a NIC.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import type { InventoryView } from '../../../main/contract/api';
import { siteSchema, type Site } from '../../../main/core/site/schema';
import type { Finding } from '../../../main/core/validation/finding';
import { CablingTable } from '../../../renderer/src/pictures/CablingTable';
import { topologyModel } from '../../../renderer/src/pictures/topology-model';
import { layoutTopology, selectHandlers, shortPort, TopologyView } from '../../../renderer/src/pictures/TopologyView';
import plantA from '../../../resources/examples/plant-a.site.yaml?raw';
import { healthyInventories } from '../probe/inventory-builder';

const site: Site = siteSchema.parse(parse(plantA));

function inventories(): InventoryView[] {
  return healthyInventories().map(({ sections: _sections, ...view }) => view);
}

/** acp-1's ens1f1 is plugged into sw-c2 Ethernet1/7 instead of the planned Ethernet1/1. */
function movedCable(): InventoryView[] {
  const invs = inventories();
  const lldp = invs[0]!.facts.lldp;
  lldp[1] = { ...lldp[1]!, portId: 'Ethernet1/7' };
  return invs;
}

const nicFinding: Finding = {
  id: 'test.nic',
  severity: 'warning',
  path: '/nodes/0/interfaces/1',
  message: 'acp-1: ens1f0 is suspicious',
  step: 'networks',
};

function picture(invs: readonly InventoryView[] = [], findings: readonly Finding[] = [], onSelect?: (p: string) => void): string {
  return renderToStaticMarkup(<TopologyView site={site} inventories={invs} findings={findings} {...(onSelect ? { onSelect } : {})} />);
}

function table(invs: readonly InventoryView[] = [], findings: readonly Finding[] = [], onPrint?: () => void): string {
  return renderToStaticMarkup(<CablingTable site={site} inventories={invs} findings={findings} onSelect={() => {}} {...(onPrint ? { onPrint } : {})} />);
}

/** Opening tags (`<g …>`, `<tr …>`) carrying every given attribute. */
function tags(html: string, element: string, attrs: Record<string, string>): string[] {
  const all = html.match(new RegExp(`<${element}\\b[^>]*>`, 'g')) ?? [];
  return all.filter((t) => Object.entries(attrs).every(([k, v]) => t.includes(`${k}="${v}"`)));
}

function one(html: string, element: string, attrs: Record<string, string>): string {
  const found = tags(html, element, attrs);
  expect(found, `${element} ${JSON.stringify(attrs)}`).toHaveLength(1);
  return found[0]!;
}

/** The markup of one node's uplink group (from its opening tag to the next group or node). */
function group(html: string, node: string, device: string | undefined): string {
  const start = html.indexOf(`data-node="${node}"><g class="sk-topo-group"`);
  expect(start, `node ${node}`).toBeGreaterThan(-1);
  const from = html.indexOf(device ? `data-device="${device}"` : 'data-unused="true"', start);
  expect(from, `group ${device} of ${node}`).toBeGreaterThan(-1);
  const next = html.indexOf('class="sk-topo-group"', from);
  const end = html.indexOf('class="sk-topo-foot"', from);
  return html.slice(from, next > -1 && next < end ? next : end);
}

describe('topology picture from the plan alone (plant-a, not probed)', () => {
  const html = picture();

  it('draws the three nodes side by side under an accessible summary', () => {
    expect(tags(html, 'g', { class: 'sk-topo-node' }).map((t) => /data-node="([^"]+)"/.exec(t)![1])).toEqual(['acp-1', 'acp-2', 'acp-3']);
    const img = one(html, 'g', { role: 'img' });
    expect(img).toMatch(/aria-label="Network topology of plant-a: 3 nodes, 2 switches, 12 cables \(12 not probed\)/);
    const lay = layoutTopology(topologyModel(site, [], []));
    const [a, b, c] = lay.nodes;
    expect(a!.y).toBe(b!.y);
    expect(b!.y).toBe(c!.y);
    expect(a!.x + a!.w).toBeLessThan(b!.x);
    expect(b!.x + b!.w).toBeLessThan(c!.x);
  });

  it('groups ens1f0 and ens1f1 under bond0 (802.3ad) carrying cluster VLAN 10 and storage VLAN 30 with the node IPs', () => {
    for (const [i, node] of ['acp-1', 'acp-2', 'acp-3'].entries()) {
      const bond = group(html, node, 'bond0');
      expect(bond).toContain('data-nic="ens1f0"');
      expect(bond).toContain('data-nic="ens1f1"');
      expect(bond).toContain('data-bond="bond0"');
      expect(bond).toContain('802.3ad');
      expect(bond).toMatch(/data-network="cluster" data-vlan="10"/);
      expect(bond).toMatch(/data-network="storage" data-vlan="30"/);
      expect(bond).toContain(`data-ip="10.10.0.1${i + 1}"`);
      expect(bond).toContain(`data-ip="10.30.0.1${i + 1}"`);
      expect(bond).toContain('MTU 9000');
      expect(bond).not.toContain('data-vlan="100"');
    }
  });

  it('puts br-vm on bond1 (active-backup of ens2f0 and ens2f1) with vm-prod VLAN 100 and vm-ot VLAN 110, and leaves eno1 unused', () => {
    const vm = group(html, 'acp-2', 'bond1');
    expect(vm).toContain('data-bridge="br-vm"');
    expect(vm).toContain('data-bond="bond1"');
    expect(vm).toContain('active-backup');
    expect(vm).toContain('data-nic="ens2f0"');
    expect(vm).toContain('data-nic="ens2f1"');
    expect(vm).toMatch(/data-network="vm-prod" data-vlan="100"/);
    expect(vm).toMatch(/data-network="vm-ot" data-vlan="110"/);
    expect(vm).not.toContain('data-ip=');
    const unused = group(html, 'acp-2', undefined);
    expect(unused).toContain('data-nic="eno1"');
    expect(unused).toContain('not used');
  });

  it('shows the planned switches and ports, every cable unverified, and the BMC addresses', () => {
    expect(tags(html, 'g', { class: 'sk-topo-switch' }).map((t) => /data-switch="([^"]+)"/.exec(t)![1])).toEqual(['sw-c1', 'sw-c2']);
    const ports = tags(html, 'g', { 'data-switch': 'sw-c1' }).filter((t) => t.includes('data-port='));
    expect(ports.map((t) => /data-port="([^"]+)"/.exec(t)![1])).toEqual(['Ethernet1/1', 'Ethernet1/2', 'Ethernet1/3', 'Ethernet1/11', 'Ethernet1/12', 'Ethernet1/13']);
    const ports2 = tags(html, 'g', { 'data-switch': 'sw-c2' }).filter((t) => t.includes('data-port='));
    expect(ports2.map((t) => /data-port="([^"]+)"/.exec(t)![1])).toEqual(['Ethernet1/1', 'Ethernet1/2', 'Ethernet1/3', 'Ethernet1/11', 'Ethernet1/12', 'Ethernet1/13']);
    expect(tags(html, 'path', { 'data-kind': 'planned' })).toHaveLength(12);
    expect(tags(html, 'path', { 'data-cable': 'not-probed' })).toHaveLength(12);
    expect(html).not.toContain('data-cable="confirmed"');
    expect(html).toContain('BMC 10.40.0.11');
    expect(html).toContain('Eth1/13');
  });

  it('lays out without overlaps: NICs apart, chips inside their node, switches inside the picture', () => {
    const lay = layoutTopology(topologyModel(site, movedCable(), []));
    for (const n of lay.nodes) {
      const boxes = n.groups.flatMap((g) => g.nics);
      boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => expect(a.x + a.w <= b.x || b.x + b.w <= a.x).toBe(true)));
      for (const g of n.groups) {
        for (const c of g.chips) {
          expect(c.x).toBeGreaterThanOrEqual(n.x);
          expect(c.x + c.w).toBeLessThanOrEqual(n.x + n.w);
          expect(c.y + c.h).toBeLessThanOrEqual(n.footY);
        }
      }
    }
    for (const s of lay.switches) {
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.x + s.w).toBeLessThanOrEqual(lay.width);
      expect(s.y + s.h).toBeLessThan(lay.nodes[0]!.y);
      for (const p of s.ports) expect(p.x + p.w).toBeLessThanOrEqual(s.x + s.w);
    }
    // Five NICs a node (15 boxes of 78 px in one row): reads at ~1100 px, scaled by no more than ~20 %.
    expect(lay.width).toBeLessThan(1400);
  });
});

describe('LLDP against the plan', () => {
  it('marks the NIC whose LLDP port differs from the plan as contradicted, in the picture and in the table', () => {
    const invs = movedCable();
    const html = picture(invs);
    const moved = one(html, 'g', { 'data-node': 'acp-1', 'data-nic': 'ens1f1', class: 'sk-topo-hit sk-topo-nic sk-topo-nic--contradicted' });
    expect(moved).toContain('data-cable="contradicted"');
    expect(one(html, 'g', { 'data-node': 'acp-2', 'data-nic': 'ens1f1' })).toContain('data-cable="confirmed"');
    expect(tags(html, 'g', { 'data-cable': 'confirmed' })).toHaveLength(11);
    expect(tags(html, 'g', { 'data-cable': 'contradicted' })).toHaveLength(1);
    // Where LLDP sees it instead, and the planned port left empty.
    expect(one(html, 'path', { 'data-kind': 'seen' })).toContain('data-nic="acp-1/ens1f1"');
    expect(one(html, 'g', { 'data-switch': 'sw-c2', 'data-port': 'Ethernet1/7' })).toContain('data-state="unexpected"');
    expect(one(html, 'g', { 'data-switch': 'sw-c2', 'data-port': 'Ethernet1/1' })).toContain('data-state="contradicted"');
    expect(one(html, 'g', { 'data-switch': 'sw-c2', 'data-port': 'Ethernet1/2' })).toContain('data-state="confirmed"');

    const t = table(invs);
    const rows = tags(t, 'tr', { 'data-node': 'acp-1' });
    expect(rows.map((r) => /data-nic="([^"]+)" data-state="([^"]+)"/.exec(r)!.slice(1).join(' '))).toEqual([
      'ens1f0 confirmed',
      'ens1f1 contradicted',
      'ens2f0 confirmed',
      'ens2f1 confirmed',
    ]);
    expect(tags(t, 'tr', { 'data-state': 'confirmed' })).toHaveLength(11);
    expect(t).toContain('Ethernet1/7');
    expect(t).toContain('12 cables: 11 confirmed, 1 contradicted');
  });

  it('calls a port without a planned VLAN contradicted even when the port itself is right', () => {
    const invs = inventories();
    const lldp = invs[2]!.facts.lldp;
    lldp[2] = { ...lldp[2]!, vlans: [{ id: 100 }, { id: 120 }] };
    const model = topologyModel(site, invs, []);
    const row = model.rows.find((r) => r.hostname === 'acp-3' && r.nic.name === 'ens2f0')!;
    expect(row.nic.status).toBe('contradicted');
    expect(row.nic.elsewhere).toBe(false);
    expect(row.nic.missingVlans).toEqual([110]);
    expect(table(invs)).toContain('port lacks VLAN 110');
    const html = picture(invs);
    expect(one(html, 'g', { 'data-node': 'acp-3', 'data-nic': 'ens2f0' })).toContain('data-cable="contradicted"');
    expect(one(html, 'g', { 'data-switch': 'sw-c1', 'data-port': 'Ethernet1/13' })).toContain('data-state="vlans-missing"');
    expect(html).not.toContain('data-kind="seen"');
  });

  it('says not seen when the node was probed but LLDP heard nothing', () => {
    const invs = inventories();
    invs[1]!.facts.lldp = [];
    const html = picture(invs);
    expect(one(html, 'g', { 'data-node': 'acp-2', 'data-nic': 'ens1f0' })).toContain('data-cable="not-seen"');
    expect(tags(table(invs), 'tr', { 'data-node': 'acp-2', 'data-state': 'not-seen' })).toHaveLength(4);
  });
});

describe('findings and navigation', () => {
  it('marks the NIC a finding points at, with the message as its tooltip, and nothing else', () => {
    const html = picture([], [nicFinding]);
    const nic = one(html, 'g', { 'data-node': 'acp-1', 'data-nic': 'ens1f0' });
    expect(nic).toContain('data-finding="warning"');
    expect(tags(html, 'g', { 'data-finding': 'warning' }).filter((t) => t.includes('data-nic='))).toHaveLength(1);
    expect(one(html, 'g', { 'data-node': 'acp-2', 'data-nic': 'ens1f0' })).not.toContain('data-finding');
    const from = html.indexOf(nic);
    expect(html.slice(from, html.indexOf('</title>', from))).toContain('Warning: acp-1: ens1f0 is suspicious');
    expect(table([], [nicFinding])).toContain('acp-1: ens1f0 is suspicious');
  });

  it('marks network chips, bonds and a node for findings on their pointers', () => {
    const findings: Finding[] = [
      { id: 't.net', severity: 'error', path: '/networks/1/mtu', message: 'storage MTU', step: 'networks' },
      { id: 't.bond', severity: 'warning', path: '/layout/bonds/0/members', message: 'members differ', step: 'networks' },
      { id: 't.node', severity: 'info', path: '/nodes/2', message: 'no LLDP', step: 'discover' },
    ];
    const html = picture([], findings);
    expect(tags(html, 'g', { 'data-network': 'storage', 'data-finding': 'error' })).toHaveLength(3);
    expect(tags(html, 'g', { 'data-network': 'cluster', 'data-finding': 'error' })).toHaveLength(0);
    expect(tags(html, 'g', { 'data-bond': 'bond0', 'data-finding': 'warning' })).toHaveLength(3);
    const model = topologyModel(site, [], findings);
    expect(model.nodes.map((n) => n.mark?.severity)).toEqual([undefined, undefined, 'info']);
  });

  it('makes every part a keyboard-reachable button carrying its site.yaml pointer', () => {
    const html = picture(inventories(), [], () => {});
    const nic = one(html, 'g', { 'data-node': 'acp-2', 'data-nic': 'ens1f1' });
    expect(nic).toContain('data-path="/nodes/1/interfaces/2"');
    expect(nic).toContain('role="button"');
    expect(nic).toContain('tabindex="0"');
    expect(nic).toMatch(/aria-label="NIC ens1f1 of acp-2, cable confirmed"/);
    expect(tags(html, 'g', { 'data-bond': 'bond0', 'data-path': '/layout/bonds/0', role: 'button' })).toHaveLength(3);
    expect(tags(html, 'g', { 'data-bond': 'bond1', 'data-path': '/layout/bonds/1', role: 'button' })).toHaveLength(3);
    expect(tags(html, 'g', { 'data-bridge': 'br-vm', 'data-path': '/layout/uplinks/1/bridge' })).toHaveLength(3);
    expect(tags(html, 'g', { 'data-path': '/networks/1', role: 'button' })).toHaveLength(3);
    expect(tags(html, 'g', { 'data-path': '/nodes/0/addresses/cluster', role: 'button' })).toHaveLength(1);
    expect(tags(html, 'g', { 'data-path': '/nodes/2/interfaces/3/port', 'data-port': 'Ethernet1/13' })).toHaveLength(1);
    expect(tags(html, 'g', { 'data-path': '/nodes/1/bmc/address', role: 'button' })).toHaveLength(1);
    // Without a handler nothing pretends to be a button.
    expect(picture(inventories())).not.toContain('role="button"');

    const onSelect = vi.fn();
    const h = selectHandlers('/nodes/1/interfaces/2', onSelect);
    h.onClick();
    const press = (key: string) => {
      const e = { key, preventDefault: vi.fn() };
      h.onKeyDown(e);
      return e.preventDefault.mock.calls.length;
    };
    expect(press('Enter')).toBe(1);
    expect(press(' ')).toBe(1);
    expect(press('Tab')).toBe(0);
    expect(onSelect.mock.calls).toEqual([['/nodes/1/interfaces/2'], ['/nodes/1/interfaces/2'], ['/nodes/1/interfaces/2']]);
  });

  it('renders the cabling table as a PatternFly table in the print area, with jumps and the print button', () => {
    const onPrint = vi.fn();
    const t = table(inventories(), [], onPrint);
    expect(t).toMatch(/<section class="sk-cabling sk-print-area"/);
    expect(t).toContain('class="pf-v6-c-table pf-m-compact"');
    expect(tags(t, 'tr', { class: 'pf-v6-c-table__tr' }).length).toBeGreaterThan(0);
    expect(tags(t, 'tr', {}).filter((r) => r.includes('data-nic='))).toHaveLength(12);
    expect(t).not.toContain('data-nic="eno1"');
    expect(t).toContain('Print cabling table');
    expect(t).toContain('data-path="/nodes/0/interfaces/1/port"');
    expect(t).toMatch(/data-vlan="100"/);
    expect(table(inventories())).not.toContain('Print cabling table');
    const unprobed = table();
    expect(tags(unprobed, 'tr', { 'data-state': 'not-probed' })).toHaveLength(12);
    expect(unprobed).toContain('hardware not probed yet');
  });

  it('shortens port names only in the picture', () => {
    expect(shortPort('Ethernet1/11')).toBe('Eth1/11');
    expect(shortPort('TenGigabitEthernet1/0/3')).toBe('Te1/0/3');
    expect(shortPort('swp12')).toBe('swp12');
  });
});
