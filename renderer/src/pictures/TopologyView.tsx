// The Networks step's topology picture: switches and their ports on top, the three nodes side
// by side below, cables from port to NIC. Per node: NICs (MAC, speed, link), bonds joining
// their members, Linux bridges, and one chip per network the uplink carries (VLAN, the node's
// IP). LLDP confirms or contradicts each planned cable; findings outline what they point at.
// Inline SVG laid out here (no library), scaled through its viewBox.
import { useMemo, type KeyboardEvent, type ReactNode } from 'react';
import type { InventoryView } from '../../../main/contract/api';
import { ROLE_COLORS, ROLE_TITLES } from '../../../main/core/report/plan';
import type { NetworkRole, Site } from '../../../main/core/site/schema';
import type { Finding, Severity } from '../../../main/core/validation/finding';
import {
  CABLE_STATUS_TEXT,
  topologyModel,
  type CableModel,
  type CableStatus,
  type ChipModel,
  type GroupModel,
  type Mark,
  type NicModel,
  type NodeModel,
  type PortModel,
  type SwitchModel,
  type TopologyModel,
} from './topology-model';

export interface TopologyViewProps {
  site: Site;
  inventories: readonly InventoryView[];
  findings: readonly Finding[];
  onSelect?(path: string): void;
}

// ---------------------------------------------------------------------------------------
// Geometry
// ---------------------------------------------------------------------------------------

const M = 10; // outer margin
const MIN_W = 1100;
const MIN_SCALE = 0.6;
const NODE_GAP = 16;
const PAD = 8; // inside a node box
const GROUP_GAP = 10;
const NIC_W = 78;
const NIC_W_UNUSED = 78;
const NIC_H = 54;
const NIC_GAP = 6;
const NIC_TOP = 12; // NIC row below the node box's top edge
const DEV_H = 26;
const CHIP_GAP = 5;
const TRUNK = 14; // chips are indented by this from the group's left edge (the trunk line)
const FOOT_H = 54;
const SW_HEAD = 26;
const PORT_H = 24;
const PORT_GAP = 6;
const SW_GAP = 20;
const CABLE_ZONE = 120;

export const STATUS_COLORS: Record<CableStatus, string> = {
  confirmed: '#3e8635',
  contradicted: '#ec7a08',
  'not-seen': '#8a8d90',
  'not-probed': '#8a8d90',
  'not-planned': '#6a6e73',
};
const SEVERITY_COLORS: Record<Severity, string> = { error: '#c9190b', warning: '#ec7a08', info: '#2b9af3' };
const GREY = '#8a8d90';

/** Estimated width of a text in SVG units (Red Hat Text / Mono metrics, a little generous). */
export function textWidth(value: string, size: number, kind: 'sans' | 'bold' | 'mono' = 'sans'): number {
  const em = kind === 'mono' ? 0.61 : kind === 'bold' ? 0.6 : 0.55;
  return value.length * size * em;
}

/** Cisco-style short port names (Ethernet1/11 → Eth1/11) for the picture; the tooltip and
 *  the cabling table keep the full name. */
export function shortPort(port: string): string {
  const rules: [RegExp, string][] = [
    [/^HundredGig(abit)?E(thernet)?/i, 'Hu'],
    [/^FortyGig(abit)?E(thernet)?/i, 'Fo'],
    [/^TwentyFiveGig(abit)?E(thernet)?/i, 'Twe'],
    [/^TenGig(abit)?E(thernet)?/i, 'Te'],
    [/^GigabitEthernet/i, 'Gi'],
    [/^Ethernet/i, 'Eth'],
  ];
  for (const [re, short] of rules) if (re.test(port)) return port.replace(re, short);
  return port;
}

/** Squeeze a text into `max` units when it would not fit. */
function fit(value: string, size: number, kind: 'sans' | 'bold' | 'mono', max: number): { textLength?: number; lengthAdjust?: 'spacingAndGlyphs' } {
  return textWidth(value, size, kind) > max ? { textLength: max, lengthAdjust: 'spacingAndGlyphs' } : {};
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface PlacedChip extends Box {
  chip: ChipModel;
  twoLines: boolean;
}

interface PlacedGroup {
  group: GroupModel;
  x: number;
  w: number;
  nics: (Box & { nic: NicModel })[];
  bond?: Box;
  bridge?: Box;
  chips: PlacedChip[];
  /** Bottom of the device chain (NIC, bond or bridge) where the VLAN trunk starts. */
  trunkTop: number;
  bottom: number;
}

interface PlacedNode extends Box {
  node: NodeModel;
  groups: PlacedGroup[];
  footY: number;
}

interface PlacedPort extends Box {
  port: PortModel;
}

interface PlacedSwitch extends Box {
  sw: SwitchModel;
  ports: PlacedPort[];
}

export interface TopologyLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  switches: PlacedSwitch[];
}

/** The VLAN as the chip's badge shows it: the id, or "untagged". */
function vlanBadge(chip: ChipModel): string {
  return chip.network.vlan === 'untagged' ? 'untagged' : String(chip.network.vlan);
}

const badgeWidth = (chip: ChipModel) => textWidth(vlanBadge(chip), 11, 'bold') + 10;

function chipLines(chip: ChipModel): { line1: number; line2: number } {
  const line1 = textWidth(chip.label, 12, 'bold') + 10 + badgeWidth(chip);
  const mtu = chip.mtu ? `MTU ${chip.mtu}` : '';
  const line2 = (chip.ip ? textWidth(chip.ip, 11.5, 'mono') : 0) + (mtu ? 10 + textWidth(mtu, 11) : 0);
  return { line1, line2 };
}

const nicWidth = (g: GroupModel) => (g.uplinkIndex === undefined ? NIC_W_UNUSED : NIC_W);

function nicsWidth(g: GroupModel): number {
  const n = g.nics.length;
  return n * nicWidth(g) + Math.max(0, n - 1) * NIC_GAP;
}

function groupWidth(g: GroupModel): number {
  const nicsW = nicsWidth(g);
  if (g.uplinkIndex === undefined) return nicsW;
  const chipNeed = Math.max(0, ...g.chips.map((c) => Math.max(chipLines(c).line1, chipLines(c).line2))) + 16 + TRUNK;
  const bondNeed = g.bond ? textWidth(g.bond.name, 12, 'bold') + textWidth(g.bond.mode, 11) + 34 : 0;
  const bridgeNeed = g.bridge ? textWidth(g.bridge.name, 12, 'bold') + textWidth('bridge', 11) + 34 : 0;
  return Math.ceil(Math.min(260, Math.max(nicsW, chipNeed, bondNeed, bridgeNeed)));
}

function placeGroup(g: GroupModel, x: number, w: number, top: number): PlacedGroup {
  const nw = nicWidth(g);
  const nx0 = Math.round(x + (w - nicsWidth(g)) / 2);
  const nics = g.nics.map((nic, i) => ({ nic, x: nx0 + i * (nw + NIC_GAP), y: top, w: nw, h: NIC_H }));
  let y = top + NIC_H;
  let bond: Box | undefined;
  let bridge: Box | undefined;
  if (g.bond) {
    y += 16;
    bond = { x, y, w, h: DEV_H };
    y += DEV_H;
  }
  if (g.bridge) {
    y += 12;
    bridge = { x, y, w, h: DEV_H };
    y += DEV_H;
  }
  const trunkTop = y;
  const chips: PlacedChip[] = [];
  y += g.chips.length ? 10 : 0;
  for (const chip of g.chips) {
    const twoLines = !!(chip.ip || chip.mtu);
    const h = twoLines ? 36 : 22;
    chips.push({ chip, twoLines, x: x + TRUNK, y, w: w - TRUNK, h });
    y += h + CHIP_GAP;
  }
  if (g.uplinkIndex === undefined) y += 22; // room for "not used"
  return { group: g, x, w, nics, ...(bond ? { bond } : {}), ...(bridge ? { bridge } : {}), chips, trunkTop, bottom: y };
}

export function layoutTopology(model: TopologyModel): TopologyLayout {
  // Node columns: one width for all three, the widest content wins.
  const inner = model.nodes.map((n) => n.groups.reduce((s, g, i) => s + groupWidth(g) + (i ? GROUP_GAP : 0), 0));
  const nodeW = Math.ceil(Math.max(300, ...inner) + 2 * PAD);
  const nodesW = model.nodes.length * nodeW + Math.max(0, model.nodes.length - 1) * NODE_GAP;

  // Switch boxes: ports in natural order, wrapped into rows that fit the width.
  const portW = (p: PortModel) => Math.max(56, Math.min(150, textWidth(shortPort(p.port), 11.5, 'mono') + 28));
  const width = Math.max(MIN_W, nodesW + 2 * M);
  const avail = width - 2 * M;
  const swSizes = model.switches.map((sw) => {
    const rows: PortModel[][] = [[]];
    let rowW = 0;
    for (const p of sw.ports) {
      const pw = portW(p);
      if (rowW > 0 && rowW + PORT_GAP + pw > avail - 20) {
        rows.push([]);
        rowW = 0;
      }
      rows[rows.length - 1]!.push(p);
      rowW += (rowW ? PORT_GAP : 0) + pw;
    }
    const rowWidths = rows.map((r) => r.reduce((s, p, i) => s + portW(p) + (i ? PORT_GAP : 0), 0));
    const w = Math.max(textWidth(sw.name, 13, 'bold') + 24, ...rowWidths.map((rw) => rw + 20));
    const h = SW_HEAD + rows.length * (PORT_H + PORT_GAP) - PORT_GAP + 10;
    return { sw, rows, w, h };
  });
  // Switches side by side, wrapped into rows, each row centred.
  const swRows: (typeof swSizes)[] = [[]];
  let rowW = 0;
  for (const s of swSizes) {
    if (rowW > 0 && rowW + SW_GAP + s.w > avail) {
      swRows.push([]);
      rowW = 0;
    }
    swRows[swRows.length - 1]!.push(s);
    rowW += (rowW ? SW_GAP : 0) + s.w;
  }
  const switches: PlacedSwitch[] = [];
  let y = M;
  for (const row of swRows) {
    if (!row.length) continue;
    const total = row.reduce((s, r, i) => s + r.w + (i ? SW_GAP : 0), 0);
    let x = Math.round((width - total) / 2);
    const rowH = Math.max(...row.map((r) => r.h));
    for (const s of row) {
      const ports: PlacedPort[] = [];
      s.rows.forEach((r, ri) => {
        let px = x + 10;
        for (const p of r) {
          const pw = portW(p);
          ports.push({ port: p, x: px, y: y + SW_HEAD + ri * (PORT_H + PORT_GAP), w: pw, h: PORT_H });
          px += pw + PORT_GAP;
        }
      });
      switches.push({ sw: s.sw, ports, x, y, w: s.w, h: s.h });
      x += s.w + SW_GAP;
    }
    y += rowH + 12;
  }
  const nodeTop = (switches.length ? y - 12 : M + 20) + CABLE_ZONE;

  const x0 = Math.round((width - nodesW) / 2);
  let bodyH = 0;
  const nodes: PlacedNode[] = model.nodes.map((node, i) => {
    const x = x0 + i * (nodeW + NODE_GAP);
    const widths = node.groups.map(groupWidth);
    const used = widths.reduce((s, w, k) => s + w + (k ? GROUP_GAP : 0), 0);
    let gx = Math.round(x + PAD + (nodeW - 2 * PAD - used) / 2);
    const groups = node.groups.map((g, k) => {
      const pg = placeGroup(g, gx, widths[k]!, nodeTop + NIC_TOP);
      gx += widths[k]! + GROUP_GAP;
      return pg;
    });
    bodyH = Math.max(bodyH, ...groups.map((g) => g.bottom - nodeTop));
    return { node, groups, x, y: nodeTop, w: nodeW, h: 0, footY: 0 };
  });
  const strayH = model.nodes.some((n) => n.strayAddresses.length) ? 30 : 0;
  for (const n of nodes) {
    n.footY = nodeTop + bodyH + 6;
    n.h = bodyH + 6 + FOOT_H + strayH;
  }
  const height = (nodes[0] ? nodes[0].y + nodes[0].h : nodeTop) + M;
  return { width, height, nodes, switches };
}

// ---------------------------------------------------------------------------------------
// Drawing
// ---------------------------------------------------------------------------------------

function tooltip(base: string, mark?: Mark): string {
  const lines = [base, ...(mark?.findings.map((f) => `${f.severity === 'error' ? 'Error' : f.severity === 'warning' ? 'Warning' : 'Note'}: ${f.message}`) ?? [])];
  return lines.filter(Boolean).join('\n');
}

interface HitProps {
  path: string;
  label: string;
  title: string;
  className: string;
  onSelect: ((path: string) => void) | undefined;
  children: ReactNode;
  data?: Record<string, string>;
}

/** Click and keyboard (Enter, Space) handlers of a part that jumps to `path`. */
export function selectHandlers(path: string, onSelect: (path: string) => void) {
  return {
    onClick: () => onSelect(path),
    onKeyDown: (e: Pick<KeyboardEvent<SVGGElement>, 'key' | 'preventDefault'>) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onSelect(path);
      }
    },
  };
}

/** A part of the picture that jumps to its site.yaml field: a keyboard-reachable button. */
function Hit({ path, label, title, className, onSelect, children, data }: HitProps) {
  const interactive = onSelect ? { role: 'button', tabIndex: 0, 'aria-label': label, ...selectHandlers(path, onSelect) } : {};
  return (
    <g className={`sk-topo-hit ${className}`} data-path={path} {...data} {...interactive}>
      <title>{title}</title>
      {children}
    </g>
  );
}

/** Red/orange outline around a box and a severity badge on its top-left corner. */
function MarkOutline({ box, mark }: { box: Box; mark?: Mark }) {
  if (!mark) return null;
  const color = SEVERITY_COLORS[mark.severity];
  return (
    <g className={`sk-topo-mark sk-topo-mark--${mark.severity}`} data-finding={mark.severity} aria-hidden="true">
      <rect x={box.x - 3} y={box.y - 3} width={box.w + 6} height={box.h + 6} rx={5} fill="none" stroke={color} strokeWidth={2.5} />
      <SeverityBadge x={box.x - 2} y={box.y - 2} severity={mark.severity} />
    </g>
  );
}

function SeverityBadge({ x, y, severity }: { x: number; y: number; severity: Severity }) {
  const color = SEVERITY_COLORS[severity];
  return (
    <g className="sk-topo-badge">
      <circle cx={x} cy={y} r={8} fill={color} stroke="#fff" strokeWidth={1.5} />
      <text x={x} y={y + 4} textAnchor="middle" className="sk-topo-t-badge">
        {severity === 'info' ? 'i' : '!'}
      </text>
    </g>
  );
}

const STATUS_GLYPH: Record<CableStatus, string> = { confirmed: '✓', contradicted: '✗', 'not-seen': '?', 'not-probed': '', 'not-planned': '?' };

function roleColor(role: NetworkRole | undefined): string {
  return role ? ROLE_COLORS[role] : GREY;
}

function NicPart({ box, nic, node, onSelect }: { box: Box; nic: NicModel; node: NodeModel; onSelect: HitProps['onSelect'] }) {
  const { x, y, w, h } = box;
  const color = roleColor(nic.role);
  const linkText = nic.missing ? 'not found' : nic.link === 'down' ? 'no link' : nic.speed ?? (nic.link === 'up' ? 'link up' : '');
  const linkBad = nic.missing || nic.link === 'down';
  const status = nic.status;
  const details = [
    `${node.hostname} ${nic.name}`,
    nic.mac ? `MAC ${nic.mac}` : undefined,
    nic.missing ? 'not found on the node' : [nic.speed, nic.link ? `link ${nic.link}` : undefined].filter(Boolean).join(', ') || undefined,
    nic.planned ? `planned: ${nic.planned.switch} ${nic.planned.port}` : undefined,
    nic.seen ? `LLDP: ${nic.seen.switch} ${nic.seen.port}${nic.seen.vlans ? ` (VLANs ${nic.seen.vlans})` : ''}` : undefined,
    status ? `cable ${CABLE_STATUS_TEXT[status]}${nic.statusText ? `: ${nic.statusText}` : ''}` : undefined,
  ].filter(Boolean) as string[];
  return (
    <Hit
      path={nic.path}
      label={`NIC ${nic.name} of ${node.hostname}${status ? `, cable ${CABLE_STATUS_TEXT[status]}` : ''}`}
      title={tooltip(details.join('\n'), nic.mark)}
      className={`sk-topo-nic${status ? ` sk-topo-nic--${status}` : ''}`}
      onSelect={onSelect}
      data={{
        'data-node': node.hostname,
        'data-nic': nic.name,
        ...(status ? { 'data-cable': status } : {}),
        ...(nic.mark ? { 'data-finding': nic.mark.severity } : {}),
      }}
    >
      <rect x={x} y={y} width={w} height={h} rx={4} className="sk-topo-nic-box" stroke={nic.role ? color : GREY} />
      <rect x={x} y={y} width={5} height={h} rx={2} fill={nic.role ? color : GREY} />
      <text x={x + 11} y={y + 17} className="sk-topo-t-nic" {...fit(nic.name, 12.5, 'mono', w - 34)}>
        {nic.name}
      </text>
      {nic.macShort && (
        <text x={x + 11} y={y + 32} className="sk-topo-t-mac">
          {nic.macShort}
        </text>
      )}
      {linkText && (
        <text x={x + 11} y={y + 47} className={`sk-topo-t-small${linkBad ? ' sk-topo-t-bad' : ''}`}>
          {nic.link === 'up' && !nic.missing && <tspan className="sk-topo-t-up">● </tspan>}
          {linkText}
        </text>
      )}
      {status && STATUS_GLYPH[status] && (
        <g className={`sk-topo-state sk-topo-state--${status}`}>
          <circle cx={x + w - 11} cy={y + 12} r={8} fill={STATUS_COLORS[status]} />
          <text x={x + w - 11} y={y + 16} textAnchor="middle" className="sk-topo-t-badge">
            {STATUS_GLYPH[status]}
          </text>
        </g>
      )}
      <MarkOutline box={box} mark={nic.mark} />
    </Hit>
  );
}

function DevicePart(props: {
  box: Box;
  kind: 'bond' | 'bridge';
  name: string;
  sub: string;
  path: string;
  color: string;
  mark?: Mark;
  node: NodeModel;
  onSelect: HitProps['onSelect'];
}) {
  const { box, kind, name, sub, path, color, mark, node, onSelect } = props;
  const { x, y, w, h } = box;
  return (
    <Hit
      path={path}
      label={`${kind === 'bond' ? 'Bond' : 'Linux bridge'} ${name} of ${node.hostname}`}
      title={tooltip(`${node.hostname}: ${kind === 'bond' ? `bond ${name}, mode ${sub}` : `Linux bridge ${name}`}`, mark)}
      className={`sk-topo-${kind}`}
      onSelect={onSelect}
      data={{ [`data-${kind}`]: name, 'data-node': node.hostname, ...(mark ? { 'data-finding': mark.severity } : {}) }}
    >
      <rect x={x} y={y} width={w} height={h} rx={kind === 'bond' ? 13 : 3} className={`sk-topo-${kind}-box`} stroke={color} />
      <text x={x + 12} y={y + 17.5} className="sk-topo-t-dev" {...fit(name, 12, 'bold', w / 2)}>
        {name}
      </text>
      <text x={x + w - 12} y={y + 17.5} textAnchor="end" className="sk-topo-t-small">
        {sub}
      </text>
      <MarkOutline box={box} mark={mark} />
    </Hit>
  );
}

function ChipPart({ pc, node, onSelect }: { pc: PlacedChip; node: NodeModel; onSelect: HitProps['onSelect'] }) {
  const { chip, x, y, w, h, twoLines } = pc;
  const color = ROLE_COLORS[chip.network.role];
  const mtu = chip.mtu ? `MTU ${chip.mtu}` : '';
  const badge = vlanBadge(chip);
  const bw = badgeWidth(chip);
  const ipW = chip.ip ? textWidth(chip.ip, 11.5, 'mono') + 10 : 0;
  const title = [`${chip.label}: ${ROLE_TITLES[chip.network.role]}, ${chip.vlan}`, chip.network.subnet, mtu].filter(Boolean).join(' · ');
  return (
    <g
      className="sk-topo-chip"
      data-network={chip.label}
      data-vlan={String(chip.network.vlan)}
      data-node={node.hostname}
      {...(chip.mark ? { 'data-finding': chip.mark.severity } : {})}
    >
      <rect x={x} y={y} width={w} height={h} rx={4} fill={color} className="sk-topo-chip-box" />
      <Hit path={chip.networkPath} label={`Network ${chip.label}, ${chip.vlan}`} title={tooltip(title, chip.mark)} className="sk-topo-chip-net" onSelect={onSelect}>
        <rect x={x} y={y} width={w} height={chip.ip ? 19 : h} rx={4} fill="transparent" />
        <text x={x + 8} y={y + 15} className="sk-topo-t-chip" {...fit(chip.label, 12, 'bold', w - bw - 22)}>
          {chip.label}
        </text>
        <rect x={x + w - bw - 4} y={y + 3} width={bw} height={16} rx={8} className="sk-topo-vlan" />
        <text x={x + w - 4 - bw / 2} y={y + 15} textAnchor="middle" className="sk-topo-t-vlan" aria-label={chip.vlan}>
          {badge}
        </text>
        {twoLines && !chip.ip && mtu && (
          <text x={x + 8} y={y + 30} className="sk-topo-t-chip-sub">
            {mtu}
          </text>
        )}
      </Hit>
      {chip.ip && chip.ipPath && (
        <Hit
          path={chip.ipPath}
          label={`${node.hostname} address on ${chip.label}: ${chip.ip}`}
          title={tooltip(`${node.hostname} on ${chip.label}: ${chip.ip}`, chip.mark)}
          className="sk-topo-chip-ip"
          onSelect={onSelect}
          data={{ 'data-ip': chip.ip }}
        >
          <rect x={x + 4} y={y + 19} width={Math.min(ipW, w - 8)} height={15} rx={2} fill="transparent" />
          <text x={x + 8} y={y + 30} className="sk-topo-t-chip-ip" {...fit(chip.ip, 11.5, 'mono', w - 16 - (mtu ? textWidth(mtu, 11) + 10 : 0))}>
            {chip.ip}
          </text>
        </Hit>
      )}
      {chip.ip && mtu && (
        <text x={x + w - 8} y={y + 30} textAnchor="end" className="sk-topo-t-chip-sub" aria-hidden="true">
          {mtu}
        </text>
      )}
      <MarkOutline box={pc} mark={chip.mark} />
    </g>
  );
}

/** Static wiring inside one node: NIC → bond → bridge, and the VLAN trunk to the chips. */
function groupWiring(pg: PlacedGroup, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  const color = roleColor(pg.group.role);
  let from: { y: number; xs: number[] } = { y: pg.nics[0] ? pg.nics[0].y + NIC_H : 0, xs: pg.nics.map((n) => n.x + n.w / 2) };
  for (const dev of [pg.bond, pg.bridge]) {
    if (!dev) continue;
    from.xs.forEach((x, i) => out.push(<line key={`${key}-d${out.length}-${i}`} x1={x} x2={x} y1={from.y} y2={dev.y} stroke={color} strokeWidth={2} />));
    from = { y: dev.y + dev.h, xs: [dev.x + dev.w / 2] };
  }
  if (pg.chips.length) {
    const tx = pg.x + 7;
    const last = pg.chips[pg.chips.length - 1]!;
    const startX = from.xs.length === 1 && !pg.bond && !pg.bridge ? from.xs[0]! : tx;
    if (startX !== tx) {
      // Single NIC without bond or bridge: drop from the NIC, then along the trunk.
      out.push(<path key={`${key}-t0`} d={`M${startX} ${from.y} V${from.y + 6} H${tx}`} fill="none" stroke={color} strokeWidth={2} />);
    }
    out.push(<line key={`${key}-t`} x1={tx} x2={tx} y1={startX !== tx ? from.y + 6 : from.y} y2={last.y + last.h / 2} stroke={color} strokeWidth={2} />);
    pg.chips.forEach((c, i) => {
      out.push(<line key={`${key}-c${i}`} x1={tx} x2={c.x} y1={c.y + (c.twoLines ? 10 : c.h / 2)} y2={c.y + (c.twoLines ? 10 : c.h / 2)} stroke={ROLE_COLORS[c.chip.network.role]} strokeWidth={2} />);
    });
  }
  return out;
}

function cableStyle(c: CableModel, nic: NicModel | undefined): { stroke: string; width: number; dash?: string; cls: string } {
  if (c.kind === 'seen') return c.status === 'not-planned' ? { stroke: STATUS_COLORS['not-planned'], width: 2, cls: 'seen-unplanned' } : { stroke: STATUS_COLORS.contradicted, width: 2.5, cls: 'seen-elsewhere' };
  switch (c.status) {
    case 'confirmed':
      return { stroke: STATUS_COLORS.confirmed, width: 2.5, cls: 'confirmed' };
    case 'contradicted':
      return nic?.elsewhere ? { stroke: GREY, width: 1.5, dash: '2 4', cls: 'planned-not-there' } : { stroke: STATUS_COLORS.contradicted, width: 2.5, cls: 'vlans-missing' };
    case 'not-seen':
      return { stroke: GREY, width: 2, dash: '7 5', cls: 'not-seen' };
    default:
      return { stroke: roleColor(c.role), width: 2, dash: '7 5', cls: 'planned' };
  }
}

export function TopologyPicture({ model, onSelect }: { model: TopologyModel; onSelect?: (path: string) => void }) {
  const lay = layoutTopology(model);
  const nicAt = new Map<string, { box: Box; nic: NicModel }>();
  for (const n of lay.nodes) for (const g of n.groups) for (const b of g.nics) nicAt.set(`${n.node.index}\u0000${b.nic.name}`, { box: b, nic: b.nic });
  const portAt = new Map<string, PlacedPort>();
  for (const s of lay.switches) for (const p of s.ports) portAt.set(p.port.key, p);

  // Cables: spread the ends over a port's bottom and over a NIC's top when several share it.
  const byPort = new Map<string, CableModel[]>();
  const byNic = new Map<string, CableModel[]>();
  for (const c of model.cables) {
    byPort.set(c.portKey, [...(byPort.get(c.portKey) ?? []), c]);
    const k = `${c.node}\u0000${c.nic}`;
    byNic.set(k, [...(byNic.get(k) ?? []), c]);
  }
  const cables = model.cables.map((c, i) => {
    const p = portAt.get(c.portKey);
    const k = `${c.node}\u0000${c.nic}`;
    const n = nicAt.get(k);
    if (!p || !n) return null;
    const pi = byPort.get(c.portKey)!.indexOf(c);
    const pn = byPort.get(c.portKey)!.length;
    const ni = byNic.get(k)!.indexOf(c);
    const nn = byNic.get(k)!.length;
    const x1 = p.x + (p.w * (pi + 1)) / (pn + 1);
    const y1 = p.y + p.h;
    const x2 = n.box.x + (n.box.w * (ni + 1)) / (nn + 1);
    const y2 = n.box.y;
    const dy = Math.max(40, (y2 - y1) * 0.5);
    const st = cableStyle(c, n.nic);
    return (
      <path
        key={`cable-${i}`}
        d={`M${x1} ${y1} C${x1} ${y1 + dy}, ${x2} ${y2 - dy}, ${x2} ${y2}`}
        fill="none"
        stroke={st.stroke}
        strokeWidth={st.width}
        strokeDasharray={st.dash}
        className={`sk-topo-cable sk-topo-cable--${st.cls}`}
        data-cable={c.status}
        data-kind={c.kind}
        data-nic={`${model.nodes[c.node]!.hostname}/${c.nic}`}
      />
    );
  });

  return (
    <svg
      className="sk-topo-svg"
      viewBox={`0 0 ${Math.ceil(lay.width)} ${Math.ceil(lay.height)}`}
      role="group"
      aria-label={model.summary}
      preserveAspectRatio="xMidYMin meet"
      // Never shrunk below 60 % (text stays readable): a wider plan (many NICs per node) scrolls sideways instead.
      style={{ minWidth: `${Math.round(lay.width * MIN_SCALE)}px` }}
    >
      <g role="img" aria-label={model.summary} className="sk-topo-static">
        <title>{model.summary}</title>
        {lay.switches.map((s) => (
          <g key={`sw-${s.sw.name}`} className="sk-topo-switch" data-switch={s.sw.name}>
            <rect x={s.x} y={s.y} width={s.w} height={s.h} rx={5} className="sk-topo-switch-box" />
            <text x={s.x + 10} y={s.y + 18} className="sk-topo-t-switch">
              {s.sw.name}
            </text>
            <text x={s.x + s.w - 10} y={s.y + 18} textAnchor="end" className="sk-topo-t-small sk-topo-t-muted">
              switch
            </text>
          </g>
        ))}
        {lay.nodes.map((n) => (
          <rect key={`nodebox-${n.node.index}`} x={n.x} y={n.y} width={n.w} height={n.h} rx={6} className="sk-topo-node-box" />
        ))}
        {cables}
        {lay.nodes.flatMap((n) => n.groups.flatMap((g, gi) => groupWiring(g, `w-${n.node.index}-${gi}`)))}
        {lay.nodes.map((n) => (
          <line key={`foot-${n.node.index}`} x1={n.x + 8} x2={n.x + n.w - 8} y1={n.footY} y2={n.footY} className="sk-topo-sep" />
        ))}
      </g>
      {lay.switches.flatMap((s) =>
        s.ports.map((pp) => <PortPart key={`port-${pp.port.key}`} pp={pp} model={model} onSelect={onSelect} />),
      )}
      {lay.nodes.map((n) => (
        <g key={`node-${n.node.index}`} className="sk-topo-node" data-node={n.node.hostname}>
          {n.groups.map((g, gi) => (
            <g key={`g-${gi}`} className="sk-topo-group" {...(g.group.device ? { 'data-device': g.group.device } : { 'data-unused': 'true' })}>
              {g.group.uplinkIndex === undefined && g.nics[0] && (
                <text x={g.x + g.w / 2} y={g.nics[0].y + NIC_H + 16} textAnchor="middle" className="sk-topo-t-small sk-topo-t-muted">
                  not used
                </text>
              )}
              {g.nics.map((b) => (
                <NicPart key={`nic-${b.nic.name}`} box={b} nic={b.nic} node={n.node} onSelect={onSelect} />
              ))}
              {g.bond && g.group.bond && (
                <DevicePart
                  box={g.bond}
                  kind="bond"
                  name={g.group.bond.name}
                  sub={g.group.bond.mode}
                  path={g.group.bond.path}
                  color={roleColor(g.group.role)}
                  mark={mergeMarks(g.group.bond.mark, g.group.mark)}
                  node={n.node}
                  onSelect={onSelect}
                />
              )}
              {g.bridge && g.group.bridge && (
                <DevicePart
                  box={g.bridge}
                  kind="bridge"
                  name={g.group.bridge.name}
                  sub="bridge"
                  path={g.group.bridge.path}
                  color={roleColor(g.group.role)}
                  mark={mergeMarks(g.group.bridge.mark, g.group.bond ? undefined : g.group.mark)}
                  node={n.node}
                  onSelect={onSelect}
                />
              )}
              {!g.group.bond && !g.group.bridge && g.group.mark && g.nics[0] && <MarkOutline box={g.nics[0]} mark={g.group.mark} />}
              {g.chips.map((c) => (
                <ChipPart key={`chip-${c.chip.label}`} pc={c} node={n.node} onSelect={onSelect} />
              ))}
            </g>
          ))}
          <NodeFooter pn={n} onSelect={onSelect} />
        </g>
      ))}
    </svg>
  );
}

function mergeMarks(a: Mark | undefined, b: Mark | undefined): Mark | undefined {
  if (!a) return b;
  if (!b) return a;
  const findings = [...a.findings, ...b.findings.filter((f) => !a.findings.includes(f))];
  const rank = { error: 3, warning: 2, info: 1 };
  return { severity: rank[a.severity] >= rank[b.severity] ? a.severity : b.severity, findings };
}

function PortPart({ pp, model, onSelect }: { pp: PlacedPort; model: TopologyModel; onSelect: HitProps['onSelect'] }) {
  const { port, x, y, w, h } = pp;
  const who = port.ends.map((e) => `${e.kind === 'planned' ? 'planned for' : 'LLDP sees'} ${model.nodes[e.node]!.hostname} ${e.nic}`);
  const glyph = { confirmed: '✓', contradicted: '✗', unexpected: '!', 'vlans-missing': '!', conflict: '!', unknown: '' }[port.status];
  const stateText = {
    confirmed: 'confirmed by LLDP',
    contradicted: 'planned, but the cable is elsewhere',
    unexpected: 'LLDP finds a cable here that the plan puts elsewhere',
    'vlans-missing': 'cabled as planned, but the port lacks planned VLANs',
    conflict: 'the plan puts more than one NIC on this port',
    unknown: 'not verified',
  }[port.status];
  return (
    <Hit
      path={port.path}
      label={`Switch ${port.switch} port ${port.port}: ${stateText}`}
      title={[`${port.switch} ${port.port}: ${stateText}`, ...who].join('\n')}
      className={`sk-topo-port sk-topo-port--${port.status}`}
      onSelect={onSelect}
      data={{ 'data-switch': port.switch, 'data-port': port.port, 'data-state': port.status }}
    >
      <rect x={x} y={y} width={w} height={h} rx={3} className="sk-topo-port-box" />
      <text x={x + 7} y={y + 16} className="sk-topo-t-port" {...fit(shortPort(port.port), 11.5, 'mono', w - 24)}>
        {shortPort(port.port)}
      </text>
      {glyph && (
        <text x={x + w - 6} y={y + 16.5} textAnchor="end" className={`sk-topo-t-portstate sk-topo-t-portstate--${port.status}`}>
          {glyph}
        </text>
      )}
    </Hit>
  );
}

function NodeFooter({ pn, onSelect }: { pn: PlacedNode; onSelect: HitProps['onSelect'] }) {
  const { node } = pn;
  const x = pn.x + PAD;
  const y = pn.footY;
  const hostW = textWidth(node.hostname, 15, 'bold');
  const extra = [node.rack ? `rack ${node.rack}` : '', node.zone ? `zone ${node.zone}` : '', node.probed ? '' : 'not probed'].filter(Boolean).join(' · ');
  const strayY = y + FOOT_H;
  return (
    <g className="sk-topo-foot">
      <Hit
        path={node.path}
        label={`Node ${node.hostname}`}
        title={tooltip(`Node ${node.index + 1}: ${node.hostname}${node.hardware ? ` (${node.hardware})` : ''}`, node.mark)}
        className="sk-topo-host"
        onSelect={onSelect}
        data={{ 'data-node': node.hostname }}
      >
        <rect x={x - 4} y={y + 6} width={hostW + 8} height={22} fill="transparent" />
        <text x={x} y={y + 23} className="sk-topo-t-host">
          {node.hostname}
        </text>
      </Hit>
      {node.mark && <SeverityBadge x={x + hostW + 14} y={y + 17} severity={node.mark.severity} />}
      {node.mark && <rect x={pn.x - 3} y={pn.y - 3} width={pn.w + 6} height={pn.h + 6} rx={8} fill="none" stroke={SEVERITY_COLORS[node.mark.severity]} strokeWidth={2} strokeDasharray="6 3" aria-hidden="true" className="sk-topo-mark" data-finding={node.mark.severity} />}
      {node.hardware && (
        <text x={pn.x + pn.w - PAD} y={y + 22} textAnchor="end" className="sk-topo-t-small sk-topo-t-muted" {...fit(node.hardware, 11, 'sans', pn.w - hostW - 60)}>
          {node.hardware}
        </text>
      )}
      {node.bmc && (
        <Hit
          path={node.bmc.path}
          label={`BMC of ${node.hostname}: ${node.bmc.host}`}
          title={tooltip(`BMC (out of band) of ${node.hostname}: ${node.bmc.host}`, node.bmc.mark)}
          className="sk-topo-bmc"
          onSelect={onSelect}
        >
          <rect x={x} y={y + 30} width={textWidth(`BMC ${node.bmc.host}`, 11.5, 'mono') + 14} height={18} rx={3} fill={ROLE_COLORS.bmc} />
          <text x={x + 7} y={y + 43} className="sk-topo-t-chip-ip">
            BMC {node.bmc.host}
          </text>
          <MarkOutline box={{ x, y: y + 30, w: textWidth(`BMC ${node.bmc.host}`, 11.5, 'mono') + 14, h: 18 }} mark={node.bmc.mark} />
        </Hit>
      )}
      {extra && (
        <text x={pn.x + pn.w - PAD} y={y + 43} textAnchor="end" className="sk-topo-t-small sk-topo-t-muted">
          {extra}
        </text>
      )}
      {node.strayAddresses.map((c, i) => {
        const cw = Math.min((pn.w - 2 * PAD) / node.strayAddresses.length - 6, textWidth(`${c.label} ${c.ip ?? ''}`, 11.5, 'mono') + 20);
        return (
          <ChipPart
            key={`stray-${c.label}`}
            pc={{ chip: { ...c, vlan: '' }, twoLines: false, x: x + i * (cw + 6), y: strayY, w: cw, h: 22 }}
            node={node}
            onSelect={onSelect}
          />
        );
      })}
    </g>
  );
}

function LegendLine({ color, dash, width = 2.5 }: { color: string; dash?: string; width?: number }) {
  return (
    <svg className="sk-topo-legend-swatch" viewBox="0 0 28 10" width="28" height="10" aria-hidden="true">
      <line x1="1" x2="27" y1="5" y2="5" stroke={color} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}

export function TopologyLegend({ probed }: { probed: boolean }) {
  const roles: NetworkRole[] = ['cluster', 'storage', 'vm', 'bmc'];
  return (
    <ul className="sk-topo-legend" aria-label="Legend">
      {roles.map((r) => (
        <li key={r}>
          <span className="sk-topo-legend-chip" style={{ background: ROLE_COLORS[r] }} aria-hidden="true" />
          {ROLE_TITLES[r]}
        </li>
      ))}
      <li>
        <LegendLine color={STATUS_COLORS.confirmed} /> cable confirmed by LLDP (✓)
      </li>
      <li>
        <LegendLine color={STATUS_COLORS.contradicted} /> where LLDP sees the cable instead (✗)
      </li>
      <li>
        <LegendLine color={GREY} dash="2 4" width={1.5} /> planned, contradicted
      </li>
      <li>
        <LegendLine color={GREY} dash="7 5" width={2} /> planned, not seen by LLDP
      </li>
      <li>
        <LegendLine color={ROLE_COLORS.cluster} dash="7 5" width={2} /> planned, not verified yet (colour of the network)
      </li>
      {!probed && <li className="sk-topo-legend-note">Probe the nodes (Discover) to check every cable by LLDP.</li>}
      <li>
        <span className="sk-topo-legend-mark sk-topo-legend-mark--error" aria-hidden="true">!</span> error finding
      </li>
      <li>
        <span className="sk-topo-legend-mark sk-topo-legend-mark--warning" aria-hidden="true">!</span> warning finding (hover for the message)
      </li>
    </ul>
  );
}

/** The picture with its legend; click (or Enter/Space on) any part to jump to its field. */
export function TopologyView({ site, inventories, findings, onSelect }: TopologyViewProps) {
  const model = useMemo(() => topologyModel(site, inventories, findings), [site, inventories, findings]);
  return (
    <figure className="sk-topology" data-probed={model.probed ? 'true' : 'false'}>
      <div className="sk-topology__scroll">
        <TopologyPicture model={model} {...(onSelect ? { onSelect } : {})} />
      </div>
      <figcaption>
        <TopologyLegend probed={model.probed} />
      </figcaption>
    </figure>
  );
}
