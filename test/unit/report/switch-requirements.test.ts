// The report's cabling section says what the switches must do: MLAG/vPC for LACP bonds
// across two switches, native VLAN for the cluster network when VM VLANs ride on it as localnet.
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../../main/core/report';
import { switchRequirements } from '../../../main/core/report/sections/switch-requirements';
import { siteSchema, type Site } from '../../../main/core/site/schema';
import { reportInput, sectionOf } from './fixtures';

function sharedBond(site: Site): Site {
  const s = structuredClone(site);
  s.networks[0]!.vlan = 'untagged';
  s.networks[0]!.mtu = 9000;
  s.layout.uplinks = [{ device: 'bond0', networks: ['cluster', 'storage', 'vm-prod', 'vm-ot'] }];
  return siteSchema.parse(s);
}

describe('switch requirements in the cabling section', () => {
  it("plant-a: bond0 across sw-c1 and sw-c2 needs one MLAG/vPC port-channel per node, with the node's ports", () => {
    const cabling = sectionOf(renderReport(reportInput('plant-a', false)), 'cabling');
    expect(cabling).toContain('<h3>Switch requirements</h3>');
    expect(cabling).toMatch(/<strong>bond0<\/strong> is an 802.3ad \(LACP\) bond cabled to sw-c1 and sw-c2: the two switches must be one MLAG\/vPC pair/);
    expect(cabling).toContain('acp-1: sw-c1 Ethernet1/1 + sw-c2 Ethernet1/1; acp-2: sw-c1 Ethernet1/2 + sw-c2 Ethernet1/2');
    expect(cabling).not.toContain('localnet');
  });

  it('VM VLANs on the cluster bond: trunk them, cluster network native', () => {
    const input = reportInput('plant-a', false);
    const lines = switchRequirements(sharedBond(input.site));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toBe(
      '<strong>bond0</strong> of acp-1, acp-2 and acp-3 also carries VM VLANs 100 (vm-prod) and 110 (vm-ot) as OVN localnet on br-ex: its switch ports trunk these VLANs tagged and send the cluster network cluster untagged (native VLAN).',
    );
  });

  it('nothing to say for active-backup bonds and VM networks on their own NIC', () => {
    const site = structuredClone(reportInput('plant-a', false).site);
    site.layout.bonds![0]!.mode = 'active-backup';
    expect(switchRequirements(site)).toEqual([]);
    expect(sectionOf(renderReport({ ...reportInput('plant-a', false), site }), 'cabling')).not.toContain('Switch requirements');
  });
});
