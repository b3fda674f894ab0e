// The Disks step's picture: per node a bar for every disk, as wide as the disk is big and
// coloured by its role (boot: RHCOS written, ODF: given to Ceph, untouched), with what happens
// to it in the words the report uses too (main/core/disks/disk-fate.ts), the findings on it,
// and below the ODF capacity raw and usable at 3 copies.
// A planned disk is a button that selects its field in site.yaml.
import ExclamationCircleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-circle-icon';
import ExclamationTriangleIcon from '@patternfly/react-icons/dist/esm/icons/exclamation-triangle-icon';
import InfoCircleIcon from '@patternfly/react-icons/dist/esm/icons/info-circle-icon';
import { useId } from 'react';
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
} from './disk-model';
import './disks.css';

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

const TONE: Record<DiskPicture['fate']['tone'], 'wipe' | 'keep' | 'bad' | 'unknown'> = { wipe: 'wipe', keep: 'keep', held: 'bad', unknown: 'unknown' };

function fate(p: DiskPicture): { text: string; tone: 'wipe' | 'keep' | 'bad' | 'unknown' } {
  if (p.status === 'unset') return { text: 'No boot disk chosen yet', tone: 'bad' };
  if (p.status === 'missing') return { text: 'Not found on this node', tone: 'bad' };
  if (p.status === 'duplicate') return { text: 'Listed twice', tone: 'bad' };
  return { text: p.fate.text, tone: TONE[p.fate.tone] };
}

function roleText(p: DiskPicture): string {
  if (p.role === 'untouched') return 'Untouched';
  return p.label;
}

function DiskBody({ p, largest }: { p: DiskPicture; largest: number }) {
  const d = p.disk;
  const f = fate(p);
  const meta = [
    d?.model?.trim(),
    kindText(p.kind),
    d?.transport && d.transport !== 'nvme' ? d.transport.toUpperCase() : undefined,
    ...p.notes.filter((n) => n.length < 32),
  ].filter(Boolean);
  const longNotes = p.notes.filter((n) => n.length >= 32);
  const stable = d ? (d.byPath[0] ?? d.byId[0] ?? d.path) : undefined;
  // Without a disk the plan is all there is; with one, the plan only when it reads differently.
  const planned = p.planned && (!d || p.planned !== stable) ? p.planned : undefined;
  return (
    <>
      <span className="sk-disk__head">
        <span className={`sk-disk__role sk-disk__role--${p.role}`}>{roleText(p)}</span>
        <span className="sk-disk__name">{d ? d.name : p.status === 'unset' ? 'no hint' : ''}</span>
        <span className="sk-disk__size">{p.sizeBytes !== undefined ? `${d?.sizeApproximate ? 'about ' : ''}${vendorSize(p.sizeBytes)}` : p.status === 'missing' ? '' : 'size unknown'}</span>
        {p.severity && (
          <span className="sk-disk__mark">
            <SeverityIcon severity={p.severity} />
          </span>
        )}
      </span>
      <span className="sk-disk__track" aria-hidden="true">
        <span className="sk-disk__fill" style={{ width: `${barWidth(p.sizeBytes, largest)}%` }} />
      </span>
      {meta.length > 0 && <span className="sk-disk__meta">{meta.join(' · ')}</span>}
      {stable && <span className="sk-disk__path">{shortDevice(stable)}</span>}
      {planned && (
        <span className="sk-disk__path">
          {d ? (planned.startsWith('/') ? 'planned as ' : 'picked by ') : ''}
          {planned.startsWith('/') ? shortDevice(planned) : `${p.role === 'boot' ? 'hint ' : ''}${planned}`}
        </span>
      )}
      <span className={`sk-disk__fate sk-disk__fate--${f.tone}`}>{f.text}</span>
      {/* An ODF device's fate already names what is on it. */}
      {p.contents.length > 0 && p.role !== 'odf' && (
        <span className={p.wiped ? 'sk-disk__has sk-disk__has--lost' : 'sk-disk__has'}>
          Has {p.contents.join('; ')}
          {p.wiped ? ' — lost' : ''}
          {p.mounted ? ' (mounted now)' : ''}
        </span>
      )}
      {p.role === 'odf' && p.mounted && p.status === 'found' && <span className="sk-disk__note">Mounted in the live image now</span>}
      {p.fate.note && p.status !== 'missing' && p.status !== 'duplicate' && <span className="sk-disk__note">{p.fate.note}</span>}
      {longNotes.map((n) => (
        <span key={n} className="sk-disk__note">
          {n}
        </span>
      ))}
      {p.findings.map((x, i) => (
        <span key={`${x.id}-${i}`} className={`sk-disk__finding sk-disk__finding--${x.severity}`}>
          <span className="pf-v6-screen-reader">{SEVERITY_TEXT[x.severity]}: </span>
          {x.message}
        </span>
      ))}
    </>
  );
}

function tooltip(p: DiskPicture): string {
  const lines = p.findings.map((f) => `${SEVERITY_TEXT[f.severity]}: ${f.message}${f.hint ? ` ${f.hint}` : ''}`);
  if (p.field) lines.push(`Edit: ${p.field}`);
  return lines.join('\n');
}

function DiskItem({ p, largest, onSelect }: { p: DiskPicture; largest: number; onSelect?: (path: string) => void }) {
  const className = [
    'sk-disk',
    `sk-disk--${p.role}`,
    `sk-disk--${p.status}`,
    p.wiped ? 'sk-disk--wiped' : '',
    p.severity ? `sk-disk--${p.severity}` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const data = { 'data-role': p.role, 'data-status': p.status, 'data-disk': p.disk?.name ?? p.planned ?? p.key, 'data-field': p.field };
  const title = tooltip(p) || undefined;
  if (p.field && onSelect) {
    const field = p.field;
    return (
      <button type="button" className={className} title={title} onClick={() => onSelect(field)} {...data}>
        <DiskBody p={p} largest={largest} />
      </button>
    );
  }
  return (
    <div className={className} title={title} {...data}>
      <DiskBody p={p} largest={largest} />
    </div>
  );
}

function NodeColumn({ n, largest, onSelect }: { n: NodeDisks; largest: number; onSelect?: (path: string) => void }) {
  const id = useId();
  const wiped = n.pictures.filter((p) => p.wiped).length;
  return (
    <section className="sk-disks__node" aria-labelledby={id} data-node={n.hostname}>
      <h3 id={id} className="sk-disks__host">
        {n.hostname}
      </h3>
      <p className="sk-disks__status">
        {n.probed
          ? `${plural(n.pictures.filter((p) => p.disk && p.status !== 'duplicate').length, 'disk')} found; ${wiped} will be wiped`
          : 'Not probed: planned disks only, sizes unknown'}
      </p>
      {n.findings.map((f, i) => (
        <p key={`${f.id}-${i}`} className={`sk-disks__finding sk-disk__finding--${f.severity}`}>
          <SeverityIcon severity={f.severity} /> {f.message}
        </p>
      ))}
      <ul className="sk-disks__list" aria-label={`Disks of ${n.hostname}`}>
        {n.pictures.map((p) => (
          <li key={p.key}>
            <DiskItem p={p} largest={largest} onSelect={onSelect} />
          </li>
        ))}
      </ul>
      {n.odfBytes !== undefined && n.odfPlanned > 0 && (
        <p className="sk-disks__sum">
          ODF here: {n.odfFound} of {n.odfPlanned} planned, {both(n.odfBytes)} raw
        </p>
      )}
    </section>
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
      <div className="sk-disks__nodes">
        {model.nodes.map((n) => (
          <NodeColumn key={n.index} n={n} largest={model.largestBytes} onSelect={onSelect} />
        ))}
      </div>
      <Capacity c={model.capacity} />
    </div>
  );
}
