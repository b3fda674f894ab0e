// The Disks step's picture: per node one row of disk tiles (role by colour and word, size, a bar
// as wide as the disk is big, the wipe mark), the details of a disk on hover and focus, the ODF
// capacity raw and usable at 3 copies, and every disk in a table below. What happens to each disk
// is in the words the report uses too (main/core/disks/disk-fate.ts).
// A row is one Tab stop with the arrow keys between its disks; a planned disk is a button that
// selects its field in site.yaml.
import ExclamationCircleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-circle-icon';
import ExclamationTriangleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-triangle-icon';
import InfoCircleIcon from '@patternfly/react-icons/dist/esm/icons/info-circle-icon';
import { useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { InventoryView } from '../../../main/contract/api';
import type { Site } from '../../../main/core/site/schema';
import type { Finding, Severity } from '../../../main/core/validation/finding';
import {
  NEARLY_FULL,
  barWidth,
  cephSize,
  diskLayoutModel,
  kindText,
  shortDevice,
  vendorSize,
  type DiskPicture,
  type NodeDisks,
  type OdfCapacity,
} from '../../../main/core/disks/picture-model';
import './disks.css';
import { rovingTarget } from './roving-focus';

export interface DiskLayoutProps {
  site: Site;
  inventories: readonly InventoryView[];
  findings: readonly Finding[];
  onSelect?(path: string): void;
}

// Plain icons (no @patternfly/react-core here: its CommonJS build requires CSS files, which
// keeps the picture from rendering in node for the tests).
const SEVERITY_TEXT: Record<Severity, string> = { error: 'Error', warning: 'Warning', info: 'Note' };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function SeverityIcon({ severity }: { severity: Severity }) {
  const Glyph = severity === 'error' ? ExclamationCircleIcon : severity === 'warning' ? ExclamationTriangleIcon : InfoCircleIcon;
  return (
    <span className={`sk-sev sk-sev--${severity}`} role="img" aria-label={SEVERITY_TEXT[severity]}>
      <Glyph aria-hidden="true" />
    </span>
  );
}

/** `3.84 TB (3.49 TiB)`: vendor label first, Ceph's unit after. */
const both = (bytes: number) => `${vendorSize(bytes)} (${cephSize(bytes)})`;

type Tone = 'wipe' | 'keep' | 'bad' | 'unknown';
const TONE: Record<DiskPicture['fate']['tone'], Tone> = { wipe: 'wipe', keep: 'keep', held: 'bad', unknown: 'unknown' };

function fate(p: DiskPicture): { text: string; tone: Tone } {
  if (p.status === 'unset') return { text: 'No boot disk chosen yet', tone: 'bad' };
  if (p.status === 'missing') return { text: 'Not found on this node', tone: 'bad' };
  if (p.status === 'duplicate') return { text: 'Listed twice', tone: 'bad' };
  return { text: p.fate.text, tone: TONE[p.fate.tone] };
}

/** The few words on the disk's tile: the full sentence is in its details. */
function mark(p: DiskPicture): { text: string; tone: Tone } {
  if (p.status === 'unset') return { text: 'no hint', tone: 'bad' };
  if (p.status === 'missing') return { text: 'not found', tone: 'bad' };
  if (p.status === 'duplicate') return { text: 'listed twice', tone: 'bad' };
  if (p.wiped) return { text: 'wiped', tone: 'wipe' };
  // Not probed: what is on an ODF device is not known yet, and nothing is wrong with that.
  if (p.role === 'odf' && p.status === 'planned') return { text: 'to ODF', tone: 'keep' };
  if (p.fate.tone === 'held') return { text: 'blocked', tone: 'bad' };
  if (p.fate.tone === 'unknown') return { text: 'contents?', tone: 'unknown' };
  if (p.role === 'odf') return { text: 'empty', tone: 'keep' };
  return { text: 'kept', tone: 'keep' };
}

function roleText(p: DiskPicture): string {
  if (p.role === 'untouched') return 'Untouched';
  return p.label;
}

/** Size as the tile and the table say it. */
function sizeText(p: DiskPicture): string {
  if (p.sizeBytes !== undefined) return `${p.disk?.sizeApproximate ? 'about ' : ''}${vendorSize(p.sizeBytes)}`;
  return p.status === 'missing' ? '' : 'size unknown';
}

/**
 * A planned disk not found (or not probed) by the end of its name: `/dev/disk/by-path/pci-0000:5e:00.0-nvme-1`
 * → `5e:00.0-nvme-1`, a hint `serialNumber: S6EU…` → `S6EU…`. The whole name is in the details.
 */
function plannedShort(planned: string | undefined): string {
  if (!planned) return '';
  const base = planned.startsWith('/') ? planned.slice(planned.lastIndexOf('/') + 1) : planned.replace(/^[A-Za-z]+: /, '');
  return base.replace(/^pci-0000:/, '');
}

/** Everything the picture knows about one disk, in the pieces the details and the table show. */
function facts(p: DiskPicture) {
  const d = p.disk;
  const meta = [
    d?.model?.trim(),
    kindText(p.kind),
    d?.transport && d.transport !== 'nvme' ? d.transport.toUpperCase() : undefined,
    ...p.notes.filter((n) => n.length < 32),
  ].filter(Boolean) as string[];
  const stable = d ? (d.byPath[0] ?? d.byId[0] ?? d.path) : undefined;
  // Without a disk the plan is all there is; with one, the plan only when it reads differently.
  const plannedRaw = p.planned && (!d || p.planned !== stable) ? p.planned : undefined;
  const planned = plannedRaw
    ? `${d ? (plannedRaw.startsWith('/') ? 'planned as ' : 'picked by ') : ''}${plannedRaw.startsWith('/') ? shortDevice(plannedRaw) : `${p.role === 'boot' ? 'hint ' : ''}${plannedRaw}`}`
    : undefined;
  // An ODF device's fate already names what is on it.
  const has =
    p.contents.length > 0 && p.role !== 'odf'
      ? `Has ${p.contents.join('; ')}${p.wiped ? ' — lost' : ''}${p.mounted ? ' (mounted now)' : ''}`
      : undefined;
  const notes = [
    ...(p.role === 'odf' && p.mounted && p.status === 'found' ? ['Mounted in the live image now'] : []),
    ...(p.fate.note && p.status !== 'missing' && p.status !== 'duplicate' ? [p.fate.note] : []),
    ...p.notes.filter((n) => n.length >= 32),
  ];
  return { name: d ? d.name : p.status === 'unset' ? 'no hint' : plannedShort(p.planned), meta, stable: stable && shortDevice(stable), planned, has, notes, fate: fate(p) };
}

/** What the disk is and what happens to it: shown on hover and focus, and in the table. */
function DiskFacts({ p }: { p: DiskPicture }) {
  const f = facts(p);
  return (
    <>
      {f.meta.length > 0 && <span className="sk-disk__meta">{f.meta.join(' · ')}</span>}
      {f.stable && <span className="sk-disk__path">{f.stable}</span>}
      {f.planned && <span className="sk-disk__path">{f.planned}</span>}
      <span className={`sk-disk__fate sk-disk__fate--${f.fate.tone}`}>{f.fate.text}</span>
      {f.has && <span className={p.wiped ? 'sk-disk__has sk-disk__has--lost' : 'sk-disk__has'}>{f.has}</span>}
      {f.notes.map((n) => (
        <span key={n} className="sk-disk__note">
          {n}
        </span>
      ))}
      {p.findings.map((x, i) => (
        <span key={`${x.id}-${i}`} className={`sk-disk__finding sk-disk__finding--${x.severity}`}>
          <span className="pf-v6-screen-reader">{SEVERITY_TEXT[x.severity]}: </span>
          {x.message}
          {x.hint ? ` ${x.hint}` : ''}
        </span>
      ))}
    </>
  );
}

/** The tile's name for assistive technology: what the eye reads off it. */
function tileName(p: DiskPicture): string {
  const f = facts(p);
  return [roleText(p), f.name, sizeText(p), mark(p).text, p.severity ? SEVERITY_TEXT[p.severity] : ''].filter(Boolean).join(', ');
}

interface TileProps {
  p: DiskPicture;
  largest: number;
  tipId: string;
  /** Roving focus: only the active tile of a row is in the Tab order. */
  active: boolean;
  onFocus(): void;
  tileRef(el: HTMLElement | null): void;
  onSelect?: ((path: string) => void) | undefined;
}

function DiskTile({ p, largest, tipId, active, onFocus, tileRef, onSelect }: TileProps) {
  const m = mark(p);
  const className = [
    'sk-disk',
    `sk-disk--${p.role}`,
    `sk-disk--${p.status}`,
    p.wiped ? 'sk-disk--wiped' : '',
    p.severity ? `sk-disk--${p.severity}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const common = {
    className,
    tabIndex: active ? 0 : -1,
    onFocus,
    'aria-label': tileName(p),
    'aria-describedby': tipId,
    'data-role': p.role,
    'data-status': p.status,
    'data-disk': p.disk?.name ?? p.planned ?? p.key,
    'data-field': p.field,
  };
  const body = (
    <>
      <span className="sk-disk__head">
        <span className={`sk-disk__role sk-disk__role--${p.role}`}>{p.role === 'untouched' ? 'Other' : p.role === 'boot' ? 'Boot' : p.label}</span>
        {p.severity && <SeverityIcon severity={p.severity} />}
      </span>
      <span className="sk-disk__name">{facts(p).name || '—'}</span>
      <span className="sk-disk__size">{sizeText(p) || '—'}</span>
      <span className="sk-disk__track" aria-hidden="true">
        <span className="sk-disk__fill" style={{ width: `${barWidth(p.sizeBytes, largest)}%` }} />
      </span>
      <span className={`sk-disk__mark sk-disk__mark--${m.tone}`}>{m.text}</span>
    </>
  );
  if (p.field && onSelect) {
    const field = p.field;
    return (
      <button type="button" ref={tileRef} onClick={() => onSelect(field)} {...common}>
        {body}
      </button>
    );
  }
  return (
    <span role="group" ref={tileRef} {...common}>
      {body}
    </span>
  );
}

/** One node: a row of disk tiles, one Tab stop, arrow keys between the disks, details on hover and focus. */
function NodeRow({ n, largest, onSelect }: { n: NodeDisks; largest: number; onSelect?: ((path: string) => void) | undefined }) {
  const id = useId();
  const [active, setActive] = useState(0);
  // Escape hides the details until the focus moves (they must be dismissible without moving).
  const [tipHidden, setTipHidden] = useState(false);
  const tiles = useRef<(HTMLElement | null)[]>([]);
  const wiped = n.pictures.filter((p) => p.wiped).length;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') return setTipHidden(true);
    const next = rovingTarget(e.key, active, n.pictures.length);
    if (next === undefined) return;
    e.preventDefault();
    setActive(next);
    tiles.current[next]?.focus();
  };
  return (
    <section className="sk-disks__node" aria-labelledby={`${id}-host`} data-node={n.hostname}>
      <div className="sk-disks__line">
        <h3 id={`${id}-host`} className="sk-disks__host">
          {n.hostname}
        </h3>
        <span className="sk-disks__status">
          {n.probed
            ? `${plural(n.pictures.filter((p) => p.disk && p.status !== 'duplicate').length, 'disk')} found; ${wiped} will be wiped`
            : 'Not probed: planned disks only, sizes unknown'}
        </span>
        {n.odfBytes !== undefined && n.odfPlanned > 0 && (
          <span className="sk-disks__sum">
            ODF here: {n.odfFound} of {n.odfPlanned} planned, {both(n.odfBytes)} raw
          </span>
        )}
      </div>
      {n.findings.map((f, i) => (
        <p key={`${f.id}-${i}`} className={`sk-disks__finding sk-disk__finding--${f.severity}`}>
          <SeverityIcon severity={f.severity} /> {f.message}
        </p>
      ))}
      <ul className={tipHidden ? 'sk-disks__row sk-disks__row--quiet' : 'sk-disks__row'} aria-label={`Disks of ${n.hostname} (arrow keys move between them)`} onKeyDown={onKeyDown}>
        {n.pictures.map((p, i) => (
          <li key={p.key} className="sk-disks__item">
            <DiskTile
              p={p}
              largest={largest}
              tipId={`${id}-tip-${i}`}
              active={i === Math.min(active, n.pictures.length - 1)}
              onFocus={() => {
                setActive(i);
                setTipHidden(false);
              }}
              tileRef={(el) => {
                tiles.current[i] = el;
              }}
              onSelect={onSelect}
            />
            <span id={`${id}-tip-${i}`} role="tooltip" className="sk-disktip">
              <span className="sk-disktip__title">
                {n.hostname} · {roleText(p)} {facts(p).name} {sizeText(p) && `· ${sizeText(p)}`}
              </span>
              <DiskFacts p={p} />
              {p.field && onSelect ? <span className="sk-disktip__edit">Click or press Enter to edit it in the plan.</span> : null}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every disk of every node with all its details: what the tiles show on hover, side by side. */
function DiskTable({ nodes }: { nodes: readonly NodeDisks[] }) {
  const count = nodes.reduce((a, n) => a + n.pictures.length, 0);
  return (
    <details className="sk-disks__details" data-testid="disk-table">
      <summary>
        Every disk in detail ({plural(count, 'disk')} on {plural(nodes.length, 'node')})
      </summary>
      <table className="sk-disks__table">
        <caption className="pf-v6-screen-reader">Every disk of every node, and what happens to it</caption>
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Use</th>
            <th scope="col">Disk</th>
            <th scope="col">Size</th>
            <th scope="col">What happens to it, and what to know</th>
          </tr>
        </thead>
        <tbody>
          {nodes.flatMap((n) =>
            n.pictures.map((p) => {
              const f = facts(p);
              return (
                <tr
                  key={`${n.index}-${p.key}`}
                  className={p.severity ? `sk-disks__tr--${p.severity}` : undefined}
                  data-node={n.hostname}
                  data-role={p.role}
                  data-status={p.status}
                  data-disk={p.disk?.name ?? p.planned ?? p.key}
                >
                  <th scope="row">{n.hostname}</th>
                  <td>
                    <span className={`sk-disk__role sk-disk__role--${p.role}`}>{roleText(p)}</span>
                  </td>
                  <td>
                    <span className="sk-disk__name">{p.disk || p.status === 'unset' ? f.name : ''}</span>
                    {f.meta.length > 0 && <span className="sk-disk__meta">{f.meta.join(' · ')}</span>}
                    {f.stable && <span className="sk-disk__path">{f.stable}</span>}
                    {f.planned && <span className="sk-disk__path">{f.planned}</span>}
                  </td>
                  <td className="sk-disks__size">{sizeText(p)}</td>
                  <td>
                    <span className={`sk-disk__fate sk-disk__fate--${f.fate.tone}`}>{f.fate.text}</span>
                    {f.has && <span className={p.wiped ? 'sk-disk__has sk-disk__has--lost' : 'sk-disk__has'}>{f.has}</span>}
                    {f.notes.map((x) => (
                      <span key={x} className="sk-disk__note">
                        {x}
                      </span>
                    ))}
                    {p.findings.map((x, i) => (
                      <span key={`${x.id}-${i}`} className={`sk-disk__finding sk-disk__finding--${x.severity}`}>
                        <SeverityIcon severity={x.severity} /> {x.message}
                      </span>
                    ))}
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
    </details>
  );
}

function Legend() {
  return (
    <ul className="sk-disks__legend" aria-label="Legend">
      <li>
        <span className="sk-swatch sk-swatch--boot" aria-hidden="true" />
        <span>
          Boot: RHCOS installed, <strong>wiped</strong>
        </span>
      </li>
      <li>
        <span className="sk-swatch sk-swatch--odf" aria-hidden="true" />
        <span>
          ODF: given to Ceph; <strong>wiped</strong> only where you acknowledged it
        </span>
      </li>
      <li>
        <span className="sk-swatch sk-swatch--untouched" aria-hidden="true" />
        <span>Untouched</span>
      </li>
      <li>
        <span className="sk-swatch sk-swatch--missing" aria-hidden="true" />
        <span>Planned, not found</span>
      </li>
      <li>
        <span className="sk-swatch sk-swatch--unknown" aria-hidden="true" />
        <span>Size unknown (not probed)</span>
      </li>
    </ul>
  );
}

function Capacity({ c }: { c: OdfCapacity }) {
  const id = useId();
  if (!c.enabled) {
    return (
      <section className="sk-disks__capacity" aria-labelledby={id}>
        <h3 id={id}>ODF capacity</h3>
        <p>ODF is not enabled: no disk is given to ODF.</p>
      </section>
    );
  }
  const largest = Math.max(0, ...c.perNode.map((n) => n.bytes ?? 0));
  return (
    <section className="sk-disks__capacity" aria-labelledby={id} data-testid="odf-capacity">
      <h3 id={id}>ODF capacity</h3>
      {c.complete && c.raw !== undefined && c.usable !== undefined ? (
        <dl className="sk-capacity__figures">
          <div>
            <dt>Raw (all ODF devices)</dt>
            <dd data-testid="odf-raw">
              <strong>{cephSize(c.raw)}</strong> <span className="sk-muted">= {vendorSize(c.raw)}</span>
            </dd>
          </div>
          <div>
            <dt>Usable at {c.copies} copies</dt>
            <dd data-testid="odf-usable">
              <strong>≈ {cephSize(c.usable)}</strong> <span className="sk-muted">= {vendorSize(c.usable)}</span>
            </dd>
          </div>
          <div>
            <dt>Plan to fill up to {Math.round(NEARLY_FULL * 100)} %</dt>
            <dd>
              ≈ {cephSize(c.usable * NEARLY_FULL)} <span className="sk-muted">= {vendorSize(c.usable * NEARLY_FULL)}</span>
            </dd>
          </div>
        </dl>
      ) : (
        <p className="sk-capacity__unknown">
          Known once the device sizes have been read from every node (
          {plural(c.perNode.filter((n) => n.bytes === undefined).length, 'node')} not probed yet).
        </p>
      )}
      <p className="sk-capacity__how">
        Ceph keeps {c.copies} copies of every block, one on each node (failure domain {c.failureDomain}), so a node can fail
        without losing data: usable ≈ raw ÷ {c.copies}
        {c.evenShare !== undefined ? ` (${cephSize(c.evenShare)})` : ''}. Disk sizes are in GB/TB as vendors label
        them (10<sup>12</sup> bytes); capacity is also in TiB (2<sup>40</sup> bytes), the unit Ceph and the ODF console show.
      </p>
      {c.differ && c.usable !== undefined && (
        <p className="sk-capacity__differ" data-testid="odf-differ">
          <SeverityIcon severity="warning" /> The nodes differ: every node holds a full copy, so usable is limited by the
          smallest node, {c.smallest} ({cephSize(c.usable)}); the rest on the larger nodes stays unused.
        </p>
      )}
      <table className="sk-capacity__nodes">
        <caption className="pf-v6-screen-reader">Raw ODF capacity per node</caption>
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">ODF devices</th>
            <th scope="col">Raw</th>
            <th scope="col" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {c.perNode.map((n) => (
            <tr key={n.hostname}>
              <th scope="row">{n.hostname}</th>
              <td>{n.bytes === undefined ? 'not probed' : n.devices}</td>
              <td>{n.bytes === undefined ? 'unknown' : both(n.bytes)}</td>
              <td className="sk-capacity__barcell" aria-hidden="true">
                <span className="sk-capacity__track">
                  <span className="sk-capacity__fill" style={{ width: `${n.bytes === undefined ? 0 : barWidth(n.bytes, largest)}%` }} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * One column per disk, as many as the node with the most disks has: every node stays on one line
 * and ODF 1…6 line up from node to node. Past ten disks the tiles would get too narrow: they wrap.
 */
function columns(nodes: readonly NodeDisks[]): CSSProperties {
  const most = Math.max(1, ...nodes.map((n) => n.pictures.length));
  return { ['--sk-disk-columns' as string]: most <= 10 ? `repeat(${most}, minmax(0, 1fr))` : 'repeat(auto-fill, minmax(5rem, 1fr))' };
}

export function DiskLayout({ site, inventories, findings, onSelect }: DiskLayoutProps) {
  const model = diskLayoutModel(site, inventories, findings);
  return (
    <div className="sk-disks" data-testid="disk-layout">
      <Legend />
      {model.findings.map((f, i) => (
        <p key={`${f.id}-${i}`} className={`sk-disks__finding sk-disk__finding--${f.severity}`}>
          <SeverityIcon severity={f.severity} /> {f.message}
        </p>
      ))}
      <div className="sk-disks__nodes" style={columns(model.nodes)}>
        {model.nodes.map((n) => (
          <NodeRow key={n.index} n={n} largest={model.largestBytes} onSelect={onSelect} />
        ))}
      </div>
      <Capacity c={model.capacity} />
      <DiskTable nodes={model.nodes} />
    </div>
  );
}
