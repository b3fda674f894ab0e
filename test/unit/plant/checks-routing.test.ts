// Routing findings from `ip -j route` facts and the pings of the gateway and the VIPs, on plant-a.
import { describe, expect, it } from 'vitest';
import type { NodeInventory } from '../../../main/core/probe/inventory';
import { findingsOf, plantInventories, plantOf, plantSite, resultOf } from './checks-fixture';

const ROUTING = ['plant.no-default-route', 'plant.default-route-other', 'plant.gateway-silent', 'plant.storage-routed', 'plant.vip-in-use'];

function routing(change: (inv: NodeInventory[]) => void = () => {}) {
  const site = plantSite();
  const inventories = plantInventories(site);
  change(inventories);
  return findingsOf(site, inventories).filter((f) => ROUTING.includes(f.id));
}

describe('plant routing checks', () => {
  it('find nothing with a default route via the planned gateway, a silent storage VLAN and free VIPs', () => {
    expect(routing()).toEqual([]);
  });

  it('plant.no-default-route', () => {
    const [f] = routing((inv) => {
      inv[0]!.facts.routes = inv[0]!.facts.routes!.filter((r) => r.dst !== 'default');
    });
    expect(f).toMatchObject({ id: 'plant.no-default-route', severity: 'warning', path: '/networks/0/gateway', step: 'networks' });
    expect(f!.message).toBe(
      'The node has no default route (ip route shows 2 routes, none to default; seen from acp-1): give the node a default route via 10.10.0.1 (the gateway of network cluster): the Assisted Installer requires one (has-default-route).',
    );
  });

  it('plant.default-route-other: the default route uses another gateway', () => {
    const [f] = routing((inv) => {
      inv[1]!.facts.routes![0] = { dst: 'default', gateway: '10.40.0.1', dev: 'eno1', protocol: 'dhcp', metric: 100 };
    });
    expect(f).toMatchObject({ id: 'plant.default-route-other', severity: 'warning', path: '/networks/0/gateway' });
    expect(f!.message).toBe(
      "The node's default route goes via 10.40.0.1, not via the planned gateway 10.10.0.1 of network cluster (ip route: default via 10.40.0.1 dev eno1 metric 100; seen from acp-2): route the node via 10.10.0.1, or correct the gateway of network cluster in the plan if 10.40.0.1 is right.",
    );
  });

  it('plant.gateway-silent: the planned gateway does not answer ping', () => {
    const [f] = routing((inv) => inv.forEach((n) => Object.assign(resultOf(plantOf(n), 'ping', (r) => r.address === '10.10.0.1'), { status: 'no-answer', received: 0 })));
    expect(f).toMatchObject({ id: 'plant.gateway-silent', severity: 'warning', path: '/networks/0/gateway' });
    expect(f!.message).toContain('The gateway 10.10.0.1 of network cluster did not answer ping (ping 10.10.0.1: 3 sent, 0 received; seen from acp-1, acp-2 and acp-3)');
  });

  it('plant.storage-routed: a route leaves the storage network', () => {
    const [f] = routing((inv) => {
      inv[2]!.facts.routes!.push({ dst: '10.99.0.0/16', gateway: '10.30.0.1', dev: 'bond0.30', protocol: 'static' });
    });
    expect(f).toMatchObject({ id: 'plant.storage-routed', severity: 'warning', path: '/networks/1/subnet' });
    expect(f!.message).toBe(
      'The node routes 10.99.0.0/16 out of the storage network storage, subnet 10.30.0.0/24 (ip route: 10.99.0.0/16 via 10.30.0.1 dev bond0.30; seen from acp-3): remove that route and any gateway handed out on the storage VLAN 30: ODF replication stays on its own subnet, with no way out of it.',
    );
  });

  it('plant.vip-in-use: the Ingress VIP already answers', () => {
    const [f] = routing((inv) => inv.forEach((n) => Object.assign(resultOf(plantOf(n), 'ping', (r) => r.address === '10.10.0.6'), { status: 'answered', received: 3 })));
    expect(f).toMatchObject({ id: 'plant.vip-in-use', severity: 'error', path: '/cluster/ingressVIPs/0', step: 'site' });
    expect(f!.message).toBe(
      'The Ingress VIP 10.10.0.6 already answers ping (ping 10.10.0.6: 3 sent, 3 received; seen from acp-1, acp-2 and acp-3): another machine holds 10.10.0.6: free it, or plan an unused address of 10.10.0.0/24 as the Ingress VIP.',
    );
  });
});
