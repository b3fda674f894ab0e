// VM networks next to the node's own uplink (issue 11 §1): no Linux bridge on the cluster
// network's device, localnet only on br-ex with an untagged cluster network, one attachment
// per network, and a warning for VM networks on a single NIC.
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../main/core/site/schema';
import { validateSite } from '../../../main/core/validation/engine';
import { exampleSite, findingsOf, mutate, ruleCases, toSharedBond } from '../../helpers/example-site';

/** plant-a with vm-prod moved from bond1 onto the cluster bond (vm-ot stays on the bridge). */
const vmProdOnBond = (s: Site) => {
  s.layout.uplinks[0]!.networks.push('vm-prod');
  s.layout.uplinks[1]!.networks = ['vm-ot'];
};

/**
 * plant-a rebuilt as a shared-bond site: cluster untagged (native VLAN) on bond0, storage and
 * both VM VLANs tagged on the same bond, no VM NIC and no Linux bridge. The cluster network
 * goes to MTU 9000 with the storage VLAN: a VLAN cannot be larger than its untagged parent
 * (network.mtu-untagged-parent), and storage at 1500 is a warning (network.storage-mtu).
 */
function sharedBondSite(): Site {
  return mutate(toSharedBond);
}

/** vm-prod renamed everywhere it is used. */
const renameVmProd = (s: Site, name: string) => {
  s.networks[2]!.name = name;
  for (const uplink of s.layout.uplinks) uplink.networks = uplink.networks.map((n) => (n === 'vm-prod' ? name : n));
  s.virtualization.vmNetworks = s.virtualization.vmNetworks!.map((n) => (n === 'vm-prod' ? name : n));
};

/** plant-a as it was before bond1: the VM bridge br-vm on the single NIC ens2f0. */
const vmBridgeOnOneNic = (s: Site) => {
  s.layout.interfaces = s.layout.interfaces.filter((i) => i !== 'ens2f1');
  s.layout.bonds = s.layout.bonds!.filter((b) => b.name !== 'bond1');
  s.layout.uplinks[1]!.device = 'ens2f0';
  for (const node of s.nodes) node.interfaces = node.interfaces.filter((i) => i.name !== 'ens2f1');
};

ruleCases([
  {
    id: 'vmnet.bridge-on-cluster-link',
    severity: 'error',
    path: '/layout/uplinks/0/bridge',
    name: 'the issue 11 plan: bridge br-vm on the cluster bond',
    change: (s) => void (s.layout.uplinks = [{ device: 'bond0', networks: ['cluster', 'storage', 'vm-prod', 'vm-ot'], bridge: 'br-vm' }]),
    message: /bond0 .*cluster network cluster.*br-ex/,
  },
  {
    id: 'vmnet.bridge-on-cluster-link',
    severity: 'error',
    path: '/nodes/2/layout/uplinks/0/bridge',
    name: 'one node bridges its cluster bond',
    change: (s) =>
      void (s.nodes[2]!.layout = {
        uplinks: [
          { device: 'bond0', networks: ['cluster', 'storage'], bridge: 'br-vm2' },
          { device: 'bond1', networks: ['vm-prod', 'vm-ot'], bridge: 'br-vm' },
        ],
      }),
    message: /on acp-3/,
  },
  {
    id: 'vmnet.linux-bridge-on-cluster-link',
    severity: 'error',
    path: '/networks/2/attachment',
    name: 'vm-prod asks for a Linux bridge on the cluster bond',
    change: (s) => {
      vmProdOnBond(s);
      s.networks[2]!.attachment = 'linux-bridge';
    },
    message: /vm-prod .*bond0 .*cluster/,
  },
  {
    id: 'vmnet.localnet-needs-cluster-link',
    severity: 'error',
    path: '/networks/2/attachment',
    name: 'vm-prod asks for localnet on a NIC of its own',
    change: (s) => void (s.networks[2]!.attachment = 'localnet'),
    message: /vm-prod .*bond1/,
  },
  {
    id: 'vmnet.localnet-reserved-name',
    severity: 'error',
    path: '/networks/2/name',
    name: "a localnet named physnet, OVN-Kubernetes' own mapping to br-ex",
    change: (s) => {
      toSharedBond(s);
      renameVmProd(s, 'physnet');
    },
    message: /physnet.*br-ex/,
  },
  {
    id: 'vmnet.localnet-reserved-name',
    severity: 'error',
    path: '/networks/2/name',
    name: 'a localnet named locnet',
    change: (s) => {
      toSharedBond(s);
      renameVmProd(s, 'locnet');
    },
  },
  {
    id: 'vmnet.localnet-tagged-cluster',
    severity: 'error',
    path: '/networks/2',
    name: 'vm-prod defaults to localnet on the bond whose cluster network is VLAN 10',
    change: vmProdOnBond,
    message: /double tagged/,
  },
  {
    id: 'vmnet.localnet-tagged-cluster',
    severity: 'error',
    path: '/networks/2/attachment',
    name: 'explicit localnet with a tagged cluster network',
    change: (s) => {
      vmProdOnBond(s);
      s.networks[2]!.attachment = 'localnet';
    },
  },
  {
    id: 'vmnet.attachment-differs',
    severity: 'error',
    path: '/networks/2',
    name: 'vm-prod on the cluster bond of acp-2 only',
    change: (s) =>
      void (s.nodes[1]!.layout = {
        uplinks: [
          { device: 'bond0', networks: ['cluster', 'storage', 'vm-prod'] },
          { device: 'bond1', networks: ['vm-ot'], bridge: 'br-vm' },
        ],
      }),
    message: /localnet on acp-2 and linux-bridge on acp-1 and acp-3|linux-bridge on acp-1 and acp-3 and localnet on acp-2/,
  },
]);

describe('vmnet rules on a shared-bond plan', () => {
  it('cluster untagged, VM VLANs on the cluster bond as localnet: no errors, no warnings', () => {
    const findings = validateSite(sharedBondSite()).filter((f) => f.severity !== 'info');
    expect(findings).toEqual([]);
  });

  it('the tagged cluster network makes the same plan an error that names the fix', () => {
    const site = sharedBondSite();
    site.networks[0]!.vlan = 10;
    const found = findingsOf(site, 'vmnet.localnet-tagged-cluster');
    expect(found.map((f) => f.path)).toEqual(['/networks/2', '/networks/3']);
    expect(found[0]!.hint).toMatch(/native VLAN 10.*vlan: untagged/);
  });

  it('a localnet VM network needs no bridge on its uplink', () => {
    expect(findingsOf(sharedBondSite(), 'uplink.vm-needs-bridge')).toEqual([]);
    expect(findingsOf(sharedBondSite(), 'virtualization.vm-network-not-bridged')).toEqual([]);
  });
});

describe('vmnet.no-redundancy', () => {
  it('warns once for the VM bridge on the single NIC ens2f0 of the shared layout', () => {
    const found = findingsOf(mutate(vmBridgeOnOneNic), 'vmnet.no-redundancy');
    expect(found).toEqual([expect.objectContaining({ id: 'vmnet.no-redundancy', severity: 'warning', path: '/layout/uplinks/1/device' })]);
    expect(found[0]!.message).toMatch(/vm-prod and vm-ot .*single NIC ens2f0/);
    expect(found[0]!.hint).toMatch(/MLAG\/vPC/);
  });

  it('is quiet when the VM bridge sits on a bond of two NICs (the example: br-vm on bond1 of ens2f0 and ens2f1)', () => {
    const site = exampleSite();
    expect(site.layout.uplinks[1]).toMatchObject({ device: 'bond1', bridge: 'br-vm' });
    expect(site.layout.bonds![1]).toEqual({ name: 'bond1', mode: 'active-backup', members: ['ens2f0', 'ens2f1'] });
    expect(findingsOf(site, 'vmnet.no-redundancy')).toEqual([]);
    expect(validateSite(site).filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('is quiet without virtualization', () => {
    expect(findingsOf(mutate((s) => void (s.virtualization = { enabled: false })), 'vmnet.no-redundancy')).toEqual([]);
  });
});

describe('bond.lacp-across-switches', () => {
  it("says the example's 802.3ad bond0 across sw-c1 and sw-c2 needs MLAG/vPC (info, once for the shared layout)", () => {
    const found = findingsOf(exampleSite(), 'bond.lacp-across-switches');
    expect(found.map((f) => `${f.severity} ${f.path}`)).toEqual(['info /layout/bonds/0']);
    expect(found[0]!.message).toBe(
      'Bond bond0 in the shared layout is 802.3ad (LACP) with members cabled to sw-c1 and sw-c2 on acp-1, acp-2 and acp-3: the switches must be one MLAG/vPC pair with one port-channel across both ports, otherwise LACP keeps only the links to one switch.',
    );
    expect(found[0]!.hint).toMatch(/ports of bond0 as one MLAG\/vPC port-channel \(LACP active\) on sw-c1 and sw-c2, or use mode active-backup/);
  });

  it('names each node with its own switches when the shared bond goes to different pairs', () => {
    const site = mutate((s) => {
      for (const i of s.nodes[2]!.interfaces) if (i.switch) i.switch = i.switch.replace('sw-c', 'sw-d');
    });
    const found = findingsOf(site, 'bond.lacp-across-switches');
    expect(found.map((f) => f.path)).toEqual(['/layout/bonds/0']);
    expect(found[0]!.message).toMatch(/cabled to sw-c1 and sw-c2 on acp-1 and acp-2; sw-d1 and sw-d2 on acp-3: the switches of each node must be one MLAG\/vPC pair/);
    expect(found[0]!.hint).toMatch(/on each pair \(sw-c1 and sw-c2; sw-d1 and sw-d2\)/);
  });

  it('keeps a finding of its own for a bond a node defines itself', () => {
    const site = mutate((s) => void (s.nodes[1]!.layout = { bonds: structuredClone(s.layout.bonds) }));
    const found = findingsOf(site, 'bond.lacp-across-switches');
    expect(found.map((f) => f.path)).toEqual(['/layout/bonds/0', '/nodes/1/layout/bonds/0']);
    expect(found[0]!.message).toMatch(/^Bond bond0 in the shared layout .*sw-c1 and sw-c2 on acp-1 and acp-3:/);
    expect(found[1]!.message).toMatch(/^Bond bond0 on acp-2 is 802\.3ad .*sw-c1 and sw-c2/);
  });

  it('is quiet for active-backup or when both members go to one switch', () => {
    expect(findingsOf(mutate((s) => void (s.layout.bonds![0]!.mode = 'active-backup')), 'bond.lacp-across-switches')).toEqual([]);
    const oneSwitch = mutate((s) => {
      for (const n of s.nodes) for (const i of n.interfaces) if (i.switch) i.switch = 'sw-c1';
    });
    expect(findingsOf(oneSwitch, 'bond.lacp-across-switches')).toEqual([]);
  });

  // The engine test matches `id: '<rule>'` in the topic files.
  it.each([
    { id: 'bond.lacp-across-switches', site: exampleSite },
    { id: 'vmnet.no-redundancy', site: () => mutate(vmBridgeOnOneNic) },
  ])('$id is registered', ({ id, site }) => {
    expect(validateSite(site()).some((f) => f.id === id)).toBe(true);
  });
});

describe('reserved localnet names', () => {
  it('leave a Linux bridge network named physnet alone: only a localnet takes the name as its mapping', () => {
    expect(findingsOf(mutate((s) => renameVmProd(s, 'physnet')), 'vmnet.localnet-reserved-name')).toEqual([]);
  });
});
