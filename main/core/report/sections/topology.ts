// Section 2: the topology picture and its legend.
import type { ReportContext } from '../context';
import { esc } from '../escape';
import { ROLE_COLORS, ROLE_TITLES } from '../plan';
import { COLORS } from '../styles';
import { topologySvg } from '../topology-svg';
import { section } from './frame';

export function topologySection(ctx: ReportContext): string {
  const roles = (Object.keys(ROLE_COLORS) as (keyof typeof ROLE_COLORS)[]).filter((r) => ctx.site.networks.some((n) => n.role === r && r !== 'bmc'));
  const legend = [
    ...roles.map((r) => `<span><span class="sw" style="background:${ROLE_COLORS[r]}"></span>${esc(ROLE_TITLES[r])}</span>`),
    '<span><span class="sw" style="background:#fff;border:1px dashed #4f5255"></span>Linux bridge</span>',
    '<span><span class="ln" style="border-top-color:#0066cc"></span>planned cable</span>',
    ...(ctx.probed
      ? [
          `<span><strong style="color:${COLORS.green}">✓</strong> confirmed by LLDP</span>`,
          `<span><strong style="color:${COLORS.red}">✗</strong> <span class="ln lldp-bad"></span>where LLDP sees the cable instead</span>`,
          '<span><span class="ln" style="border-top-style:dotted"></span>no LLDP heard</span>',
        ]
      : []),
  ];
  const note = ctx.probed
    ? '<p class="how">Planned cables come from site.yaml (nodes[].interfaces switch and port); the LLDP neighbours come from the probe inventories.</p>'
    : '<p class="note not-probed"><strong>Hardware not probed yet.</strong> The picture shows the plan only; LLDP has not confirmed any cable.</p>';
  return section(2, 'topology', 'Topology', `<figure>${topologySvg(ctx)}</figure><div class="legend">${legend.join('')}</div>${note}`);
}
