// Section 3: every NIC of every node, planned against what LLDP saw on it, and what the
// switches must be configured to do for the plan.
import { speed, type ReportContext, type ReportNode } from '../context';
import { esc } from '../escape';
import { cableState, lldpVlans, nicFacts, nicGroups, tagged, vlansMissing, type CableState } from '../plan';
import { dash, section, table } from './frame';
import { switchRequirements } from './switch-requirements';

const MARKS: Record<CableState, string> = {
  match: '<span class="mark ok">✓ match</span>',
  mismatch: '<span class="mark bad">✗ mismatch</span>',
  'no-lldp': '<span class="mark unknown">? no LLDP heard</span>',
  'lldp-unavailable': '<span class="mark unknown">LLDP not available</span>',
  'not-planned': '<span class="mark unknown">no port planned</span>',
  'not-probed': '<span class="mark unknown">not probed</span>',
};

function rows(ctx: ReportContext, rn: ReportNode): string[][] {
  const out: string[][] = [];
  for (const group of nicGroups(ctx.site, rn)) {
    const vlans = tagged(group.networks);
    const untagged = group.networks.some((n) => n.vlan === 'untagged');
    for (const name of group.nics) {
      const facts = nicFacts(rn, name);
      const { planned, nic, neighbour } = facts;
      const seenMac = nic?.permanentMac ?? nic?.mac;
      const macDiffers = planned?.mac && seenMac && seenMac.toLowerCase() !== planned.mac.toLowerCase();
      const mac = planned?.mac
        ? `<code>${esc(planned.mac)}</code>${macDiffers ? `<br><span class="mark bad">seen ${esc(seenMac)}</span>` : ''}`
        : seenMac
          ? `<code>${esc(seenMac)}</code> <span class="muted">(seen)</span>`
          : dash;
      const nicName = nic && nic.name !== name ? `${esc(name)}<br><span class="mark bad">seen as ${esc(nic.name)}</span>` : esc(name);
      const via = group.uplink ? `<br><span class="muted">${esc(group.bond ? `${group.bond.name} (${group.bond.mode})` : 'single NIC')}</span>` : '<br><span class="muted">not used</span>';
      const plannedVlans = [...vlans.map(String), ...(untagged ? ['untagged'] : [])].join(', ');
      const plan = planned?.switch || planned?.port
        ? `${esc(planned.switch ?? '?')} <code>${esc(planned.port ?? '?')}</code>`
        : '<span class="muted">no port planned</span>';
      const missing = neighbour ? vlansMissing(neighbour, vlans) : [];
      const seen = neighbour
        ? `${esc(neighbour.chassisName ?? neighbour.chassisId ?? '?')} <code>${esc(neighbour.portId ?? neighbour.portDescr ?? '?')}</code>` +
          (neighbour.vlans.length || neighbour.pvid !== undefined ? `<br>VLANs ${esc(lldpVlans(neighbour))}` : '') +
          (missing.length ? `<br><span class="mark bad">missing VLAN ${esc(missing.join(', '))}</span>` : '')
        : rn.inventory
          ? '<span class="muted">nothing heard</span>'
          : dash;
      const link = nic ? `${esc(speed(nic.speedMbps) || '?')}${nic.link === 'down' ? ' <span class="mark bad">link down</span>' : ''}` : dash;
      out.push([
        esc(rn.node.hostname),
        `<code>${nicName}</code>${via}`,
        mac,
        link,
        `${plan}${plannedVlans ? `<br>VLANs ${esc(plannedVlans)}` : ''}`,
        seen,
        MARKS[cableState(rn, facts, vlans)],
      ]);
    }
  }
  return out;
}

/** The switch configuration the plan relies on (MLAG/vPC, native VLAN for localnet), when any. */
function switchSection(ctx: ReportContext): string {
  const lines = switchRequirements(ctx.site);
  if (lines.length === 0) return '';
  return `<h3>Switch requirements</h3><ul class="switch-requirements">${lines.map((l) => `<li>${l}</li>`).join('')}</ul>`;
}

export function cablingSection(ctx: ReportContext): string {
  const all = ctx.nodes.flatMap((rn) => rows(ctx, rn));
  const note = ctx.probed
    ? ''
    : '<p class="note not-probed"><strong>Hardware not probed yet.</strong> The table shows the planned cabling; MACs seen on the NICs, link speeds and LLDP neighbours appear after <code>sitekit probe</code>.</p>';
  const body =
    note +
    table(['Node', 'NIC', 'MAC', 'Speed', 'Planned switch · port', 'Seen via LLDP', 'Check'], all, 'cabling fixed', ['16mm', '24mm', '31mm', '15mm', '', '', '24mm']) +
    '<p class="how">A cable matches when LLDP on the NIC names the planned switch (system name or chassis id) and port (port id or description), and the port carries every planned tagged VLAN (checked only when the switch advertises its tagged VLAN list).</p>' +
    switchSection(ctx);
  return section(3, 'cabling', 'Cabling', body);
}
