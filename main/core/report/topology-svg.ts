// The topology picture as inline SVG, laid out here (no library): the nodes stacked on the
// left, each uplink a row (device, bridge, networks, member NICs), the switches and their
// ports on the right, one curve per cable. Planned cables take the colour of their network
// role; LLDP confirms them (✓) or shows where the cable really goes (red dashes).
import { networkMtu } from '../site/model';
import type { ReportContext, ReportNode } from './context';
import { speed } from './context';
import { esc } from './escape';
import { cableState, mainRole, nicFacts, nicGroups, ROLE_COLORS, tagged, vlanLabel, type CableState } from './plan';
import { COLORS } from './styles';

const NODE_X = 8;
const DEV_X = 14; // device column, relative to the node box
const CHIP_X = 138;
const CHIP_W = 300;
const CHIP_H = 22;
const NIC_W = 210;
const NIC_H = 34;
const NIC_GAP = 6;
const NODE_W = CHIP_X + CHIP_W + 44 + NIC_W + 12;
const SW_X = NODE_X + NODE_W + 150;
const SW_W = 180;
const W = SW_X + SW_W + 8;
const PORT_H = 24;
const HEADER_H = 54;

interface Cable {
  x: number;
  y: number;
  color: string;
  planned?: { sw: string; port: string };
  seen?: { sw: string; port: string };
  state: CableState;
}

/** Host of a BMC address (`redfish-virtualmedia://10.40.0.11/...` → 10.40.0.11). */
export function bmcHost(address: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/\[?([^/\]:]+)/i.exec(address);
  return m?.[1] ?? address;
}

/** A text element; squeezed to `max` units when its estimated width (px per char) is larger. */
function text(x: number, y: number, value: string, attrs = '', max?: number, perChar = 7): string {
  const fit = max !== undefined && value.length * perChar > max ? ` textLength="${max}" lengthAdjust="spacingAndGlyphs"` : '';
  return `<text x="${x}" y="${y}"${attrs ? ` ${attrs}` : ''}${fit}>${esc(value)}</text>`;
}

function nodeBlock(ctx: ReportContext, rn: ReportNode, top: number, cables: Cable[]): { svg: string; height: number } {
  const { site } = ctx;
  const parts: string[] = [];
  const x0 = NODE_X;
  const node = rn.node;
  const details = [
    ...site.networks.filter((n) => node.addresses[n.name]).map((n) => `${n.name} ${node.addresses[n.name]}`),
    node.bmc ? `BMC ${bmcHost(node.bmc.address)}` : undefined,
    node.rack ? `rack ${node.rack}` : undefined,
    node.zone ? `zone ${node.zone}` : undefined,
  ].filter((s): s is string => s !== undefined);
  const hw = rn.inventory?.facts.system;
  parts.push(text(x0 + DEV_X, top + 23, node.hostname, 'class="t-host"', 300, 10));
  if (hw?.model) parts.push(text(x0 + NODE_W - 12, top + 23, [hw.vendor, hw.model].filter(Boolean).join(' '), 'class="t-small" text-anchor="end"', 300, 6.6));
  parts.push(text(x0 + DEV_X, top + 42, details.join('  ·  '), 'class="t-small"', NODE_W - 28, 6.6));
  let y = top + HEADER_H;
  nicGroups(site, rn).forEach((group) => {
    const role = mainRole(group.networks);
    const color = role ? ROLE_COLORS[role] : COLORS.grey;
    const chips = group.networks.length + (group.uplink?.bridge ? 1 : 0);
    const nicsH = group.nics.length * (NIC_H + NIC_GAP) - NIC_GAP;
    const rowH = Math.max(nicsH, chips * (CHIP_H + 4) - 4, 36) + 16;
    parts.push(`<line x1="${x0 + 8}" x2="${x0 + NODE_W - 8}" y1="${y}" y2="${y}" class="sep"/>`);
    const yy = y + 8;
    // Device column.
    if (group.uplink) {
      parts.push(text(x0 + DEV_X, yy + 15, group.uplink.device, 'class="t-dev"', CHIP_X - 20, 8.6));
      parts.push(text(x0 + DEV_X, yy + 32, group.bond ? `bond · ${group.bond.mode}` : 'single NIC', 'class="t-small"', CHIP_X - 20, 6.6));
    } else {
      parts.push(text(x0 + DEV_X, yy + 15, 'not used', 'class="t-dev muted"'));
      parts.push(text(x0 + DEV_X, yy + 32, 'no network planned', 'class="t-small"', CHIP_X - 20, 6.6));
    }
    // Network chips (bridge first).
    let cy = yy;
    if (group.uplink?.bridge) {
      parts.push(`<rect x="${x0 + CHIP_X}" y="${cy}" width="${CHIP_W}" height="${CHIP_H}" rx="3" class="chip-bridge"/>`);
      parts.push(text(x0 + CHIP_X + 8, cy + 15.5, `Linux bridge ${group.uplink.bridge}`, 'class="t-chip-dark"', CHIP_W - 16));
      cy += CHIP_H + 4;
    }
    for (const net of group.networks) {
      const ip = node.addresses[net.name];
      const mtu = networkMtu(net) !== 1500 ? `MTU ${networkMtu(net)}` : undefined;
      const label = [net.name, vlanLabel(net), mtu].filter(Boolean).join(' · ');
      parts.push(`<rect x="${x0 + CHIP_X}" y="${cy}" width="${CHIP_W}" height="${CHIP_H}" rx="3" fill="${ROLE_COLORS[net.role]}"/>`);
      parts.push(text(x0 + CHIP_X + 8, cy + 15.5, label, 'class="t-chip"', ip ? CHIP_W - 122 : CHIP_W - 16));
      if (ip) parts.push(text(x0 + CHIP_X + CHIP_W - 8, cy + 15.5, ip, 'class="t-chip-ip" text-anchor="end"', 104, 7.2));
      cy += CHIP_H + 4;
    }
    // Member NICs, joined by a bracket when bonded.
    const nx = x0 + NODE_W - NIC_W - 12;
    let ny = yy;
    if (group.nics.length > 1) {
      const bx = nx - 14;
      parts.push(`<path d="M${nx} ${yy + NIC_H / 2} H${bx} V${yy + nicsH - NIC_H / 2} H${nx}" fill="none" stroke="${color}" stroke-width="2"/>`);
      parts.push(`<line x1="${x0 + CHIP_X + CHIP_W}" x2="${bx}" y1="${yy + CHIP_H / 2}" y2="${yy + CHIP_H / 2}" stroke="${color}" stroke-width="2"/>`);
    } else if (group.uplink) {
      parts.push(`<line x1="${x0 + CHIP_X + CHIP_W}" x2="${nx}" y1="${yy + CHIP_H / 2}" y2="${yy + CHIP_H / 2}" stroke="${color}" stroke-width="2"/>`);
    }
    for (const name of group.nics) {
      const facts = nicFacts(rn, name);
      const mac = facts.planned?.mac ?? facts.nic?.mac ?? '';
      const spd = speed(facts.nic?.speedMbps);
      const down = facts.nic && facts.nic.link === 'down';
      parts.push(`<rect x="${nx}" y="${ny}" width="${NIC_W}" height="${NIC_H}" rx="3" class="nic" stroke="${group.uplink ? color : COLORS.grey}"/>`);
      parts.push(text(nx + 8, ny + 15, name, 'class="t-nic"', 120, 8));
      if (spd || down) parts.push(text(nx + NIC_W - 8, ny + 15, down ? 'link down' : spd, `class="t-small" text-anchor="end"${down ? ` fill="${COLORS.red}"` : ''}`));
      parts.push(text(nx + 8, ny + 29, mac, 'class="t-mac"', NIC_W - 16, 7));
      const state = cableState(rn, facts, tagged(group.networks));
      const planned = facts.planned?.switch || facts.planned?.port ? { sw: facts.planned.switch ?? '?', port: facts.planned.port ?? '?' } : undefined;
      const n = facts.neighbour;
      const seen = n && (n.chassisName || n.chassisId) ? { sw: n.chassisName ?? n.chassisId ?? '?', port: n.portId ?? n.portDescr ?? '?' } : undefined;
      if (planned || seen) {
        cables.push({ x: nx + NIC_W, y: ny + NIC_H / 2, color: group.uplink ? color : COLORS.grey, state, ...(planned ? { planned } : {}), ...(seen ? { seen } : {}) });
      }
      ny += NIC_H + NIC_GAP;
    }
    y += rowH;
  });
  const height = y - top + 6;
  const box = `<rect x="${x0}" y="${top}" width="${NODE_W}" height="${height}" rx="5" class="node"/>`;
  return { svg: box + parts.join(''), height };
}

export function topologySvg(ctx: ReportContext): string {
  const cables: Cable[] = [];
  const blocks: string[] = [];
  let y = 8;
  for (const rn of ctx.nodes) {
    const block = nodeBlock(ctx, rn, y, cables);
    blocks.push(`<g class="node-box" data-node="${esc(rn.node.hostname)}">${block.svg}</g>`);
    y += block.height + 14;
  }
  const nodesH = y;

  // Switches and ports in the order the cables reach them (fewer crossings).
  const switches = new Map<string, string[]>();
  const addPort = (sw: string, port: string) => {
    const ports = switches.get(sw) ?? [];
    if (!ports.includes(port)) ports.push(port);
    switches.set(sw, ports);
  };
  for (const c of cables) {
    if (c.planned) addPort(c.planned.sw, c.planned.port);
    if (c.seen && (c.state === 'mismatch' || !c.planned)) addPort(c.seen.sw, c.seen.port);
  }
  const swH = [...switches.values()].reduce((h, ports) => h + 36 + ports.length * (PORT_H + 4) + 12, 0);
  let sy = Math.max(8, (nodesH - swH) / 2);
  const portAt = new Map<string, number>();
  const swParts: string[] = [];
  for (const [sw, ports] of switches) {
    const h = 36 + ports.length * (PORT_H + 4);
    swParts.push(`<g class="switch" data-switch="${esc(sw)}"><rect x="${SW_X}" y="${sy}" width="${SW_W}" height="${h}" rx="5" class="sw"/>`);
    swParts.push(text(SW_X + 10, sy + 21, sw, 'class="t-dev"', SW_W - 20, 8.6));
    ports.forEach((port, i) => {
      const py = sy + 32 + i * (PORT_H + 4);
      portAt.set(`${sw}\u0000${port}`, py + PORT_H / 2);
      swParts.push(`<rect x="${SW_X + 10}" y="${py}" width="${SW_W - 20}" height="${PORT_H}" rx="2" class="port"/>`);
      swParts.push(text(SW_X + 18, py + 16.5, port, 'class="t-port"', SW_W - 36, 7.6));
    });
    swParts.push('</g>');
    sy += h + 12;
  }
  const height = Math.max(nodesH, sy) + 4;

  const lines: string[] = [];
  const curve = (x: number, y1: number, y2: number) => `M${x} ${y1} C${x + 90} ${y1}, ${SW_X + 10 - 90} ${y2}, ${SW_X + 10} ${y2}`;
  for (const c of cables) {
    const py = c.planned ? portAt.get(`${c.planned.sw}\u0000${c.planned.port}`) : undefined;
    if (py !== undefined) {
      lines.push(`<path d="${curve(c.x, c.y, py)}" fill="none" stroke="${c.color}" stroke-width="2"${c.planned && c.seen === undefined && c.state !== 'not-probed' ? ' stroke-dasharray="2 3"' : ''}/>`);
      if (c.state === 'match') lines.push(text(SW_X - 4, py + 4, '✓', `class="t-mark" fill="${COLORS.green}" text-anchor="end"`));
      if (c.state === 'mismatch') lines.push(text(SW_X - 4, py + 4, '✗', `class="t-mark" fill="${COLORS.red}" text-anchor="end"`));
    }
    if (c.seen && (c.state === 'mismatch' || !c.planned)) {
      const sy2 = portAt.get(`${c.seen.sw}\u0000${c.seen.port}`);
      if (sy2 !== undefined) {
        lines.push(`<path d="${curve(c.x, c.y, sy2)}" fill="none" stroke="${c.planned ? COLORS.red : COLORS.grey}" stroke-width="2" stroke-dasharray="6 4"/>`);
      }
    }
  }

  const style = `<style>
.t-host{font:600 17px system-ui,sans-serif;fill:#151515}
.t-dev{font:600 14px ui-monospace,monospace;fill:#151515}
.t-small{font:12px system-ui,sans-serif;fill:#4f5255}
.t-chip{font:600 12px system-ui,sans-serif;fill:#fff}
.t-chip-ip{font:12px ui-monospace,monospace;fill:#fff}
.t-chip-dark{font:600 12px system-ui,sans-serif;fill:#151515}
.t-nic{font:600 13px ui-monospace,monospace;fill:#151515}
.t-mac{font:11.5px ui-monospace,monospace;fill:#4f5255}
.t-port{font:12.5px ui-monospace,monospace;fill:#151515}
.t-mark{font:700 16px system-ui,sans-serif}
.muted{fill:#6a6e73}
.node{fill:#f8f8f8;stroke:#8a8d90;stroke-width:1.2}
.sw{fill:#f0f0f0;stroke:#4f5255;stroke-width:1.2}
.port{fill:#fff;stroke:#8a8d90}
.nic{fill:#fff;stroke-width:2}
.sep{stroke:#d2d2d2}
.chip-bridge{fill:#fff;stroke:#4f5255;stroke-dasharray:4 2}
</style>`;
  const empty = switches.size === 0 ? text(SW_X, 24, 'no switch ports planned', 'class="t-small"') : '';
  return (
    `<svg viewBox="0 0 ${W} ${Math.ceil(height)}" role="img" aria-label="Topology of ${esc(ctx.site.metadata.name)}" class="topology">` +
    `<title>Topology of ${esc(ctx.site.metadata.name)}</title>${style}${blocks.join('')}${lines.join('')}${swParts.join('')}${empty}</svg>`
  );
}
