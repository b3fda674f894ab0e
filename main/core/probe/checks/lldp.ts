// LLDP against the cabling plan: the neighbour on each planned NIC is the planned switch
// and port, and the port carries the planned VLANs. A NIC that hears nothing is reported
// with the usual cause: a NIC firmware LLDP agent that consumes the frames. That is only said
// when lldpd's neighbour list was read: if lldpctl is missing, lldpd is not running or its
// output is not JSON, nothing is known about any NIC and the finding says so instead.
import type { Finding } from '../../validation/finding';
import { pointer } from '../../validation/step';
import type { LldpNeighbor } from '../inventory';
import { finding, type NodeContext } from './context';
import { resolveNic } from './nics';

const FIRMWARE_AGENT_HINT =
  'Is lldpd running on the switch side and LLDP enabled on the port? Intel X710/E810 (i40e/ice) and Mellanox ConnectX NICs run a firmware LLDP agent that swallows the frames before Linux sees them: disable it (e.g. `ethtool --set-priv-flags <nic> disable-fw-lldp on`, or `lldp stop` for X710 in debugfs; mlxconfig LLDP_NB_DCBX_P1=0) and probe again.';

const same = (a: string | undefined, b: string | undefined) => a !== undefined && b !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();

export function lldpFindings(ctx: NodeContext): Finding[] {
  const { node, index, inventory, layout, site } = ctx;
  const host = node.hostname;
  const facts = inventory.facts;
  // Old inventories may lack lldpAvailable: without neighbours that is no evidence either.
  if (facts.lldpAvailable === false || (facts.lldpAvailable === undefined && facts.lldp.length === 0)) {
    const planned = node.interfaces.some((i) => i.switch || i.port);
    const why = facts.lldpProblem?.trim().replace(/\.$/, '') ?? 'lldpd is not running in the live image';
    return planned
      ? [finding('hw.lldp-unavailable', 'info', pointer('nodes', index), `${host}: LLDP neighbours could not be read (${why}), so the cabling was not checked.`)]
      : [];
  }
  const findings: Finding[] = [];
  const neighbourOn = (nic: string): LldpNeighbor | undefined => facts.lldp.find((n) => n.interface === nic);

  node.interfaces.forEach((planned, j) => {
    if (!planned.switch && !planned.port) return;
    const nicName = resolveNic(ctx, planned.name)?.name ?? planned.name;
    const neighbour = neighbourOn(nicName);
    if (!neighbour) {
      findings.push(
        finding('hw.lldp-no-neighbor', 'warning', pointer('nodes', index, 'interfaces', j, planned.switch ? 'switch' : 'port'),
          `${host}: ${nicName} receives no LLDP, so its switch port cannot be confirmed.`, FIRMWARE_AGENT_HINT),
      );
      return;
    }
    if (planned.switch && !same(neighbour.chassisName, planned.switch) && !same(neighbour.chassisId, planned.switch)) {
      const seen = neighbour.chassisName ?? `a device with chassis id ${neighbour.chassisId ?? 'unknown'} and no system name`;
      findings.push(
        finding('hw.lldp-switch-mismatch', 'error', pointer('nodes', index, 'interfaces', j, 'switch'),
          `${host}: ${nicName} is connected to ${seen}, not to ${planned.switch}.`,
          neighbour.chassisName ? 'Check the cabling against the plan.' : `A neighbour without a system name is often a NIC firmware LLDP agent, not the switch. ${FIRMWARE_AGENT_HINT}`),
      );
    }
    if (planned.port && !same(neighbour.portId, planned.port) && !same(neighbour.portDescr, planned.port)) {
      findings.push(
        finding('hw.lldp-port-mismatch', 'error', pointer('nodes', index, 'interfaces', j, 'port'),
          `${host}: ${nicName} is on port ${neighbour.portId ?? '?'}${neighbour.portDescr ? ` (${neighbour.portDescr})` : ''}, not on ${planned.port}.`,
          'Move the cable or correct the planned port.'),
      );
    }
  });

  // VLANs: the port must carry every tagged VLAN of the uplink using the NIC.
  layout.uplinks.forEach((uplink) => {
    const bond = layout.bonds?.find((b) => b.name === uplink.device);
    const members = bond ? bond.members : [uplink.device];
    const networks = uplink.networks.map((n) => site.networks.find((x) => x.name === n)).filter((n) => n !== undefined);
    const tagged = networks.map((n) => n.vlan).filter((v): v is number => typeof v === 'number');
    for (const member of members) {
      const nicName = resolveNic(ctx, member)?.name ?? member;
      const neighbour = neighbourOn(nicName);
      if (!neighbour || neighbour.vlans.length === 0) continue;
      const j = node.interfaces.findIndex((i) => i.name === member);
      const at = j >= 0 ? pointer('nodes', index, 'interfaces', j) : pointer('layout', 'uplinks');
      const pvid = neighbour.pvid ?? neighbour.vlans.find((v) => v.pvid)?.id;
      const onPort = new Set(neighbour.vlans.map((v) => v.id));
      // Many switches advertise only the port VLAN id; the tagged list is evidence only when sent.
      const listsTagged = neighbour.vlans.some((v) => !v.pvid && v.id !== pvid);
      const missing = listsTagged ? tagged.filter((v) => !onPort.has(v)) : [];
      if (missing.length > 0) {
        findings.push(
          finding('hw.lldp-vlan-missing', 'warning', at,
            `${host}: switch port ${neighbour.portId ?? '?'} on ${nicName} does not advertise VLAN ${missing.join(', ')} (it has ${[...onPort].join(', ')}).`,
            'Ask the network team to add the VLANs to the trunk, or check the plan.'),
        );
      }
      if (pvid !== undefined && tagged.includes(pvid)) {
        findings.push(
          finding('hw.lldp-pvid-tagged', 'warning', at,
            `${host}: switch port ${neighbour.portId ?? '?'} on ${nicName} has PVID ${pvid}, a VLAN the plan sends tagged.`,
            'The untagged (native) VLAN of the port should be the plan\'s untagged network, not one of its tagged VLANs.'),
        );
      }
    }
  });
  return findings;
}
