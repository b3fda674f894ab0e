// The printable cabling table: one row per cabled NIC per node — planned switch port, what
// LLDP saw, whether that confirms the plan, and the networks/VLANs the port must carry.
// Printing goes through onPrint (the renderer may not touch window.*); cabling-print.css puts
// only the .sk-print-area on paper. Plain PatternFly markup (classes), no PatternFly React
// components: the unit tests render this in Node, where their CSS imports cannot load.
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { InventoryView } from '../../../main/contract/api';
import { ROLE_COLORS } from '../../../main/core/report/plan';
import type { Site } from '../../../main/core/site/schema';
import type { Finding } from '../../../main/core/validation/finding';
import { CABLE_STATUS_TEXT, topologyModel, type CablingRow, type CableStatus } from './topology-model';
import './cabling-print.css';

export interface CablingTableProps {
  site: Site;
  inventories: readonly InventoryView[];
  findings: readonly Finding[];
  onSelect?(path: string): void;
  /** Prints the page (the app's API client calls window.print()); the button shows only with it. */
  onPrint?: () => void;
}

/** The date on the printed sheet, in the laptop's time: 2026-05-04 14:30. */
export function printDate(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

const STATE_GLYPH: Record<CableStatus, string> = { confirmed: '✓', contradicted: '✗', 'not-seen': '?', 'not-probed': '–', 'not-planned': '?' };

function Jump({ path, label, onSelect, children }: { path: string; label: string; onSelect?: (path: string) => void; children: ReactNode }) {
  if (!onSelect) return <>{children}</>;
  return (
    <button type="button" className="pf-v6-c-button pf-m-link pf-m-inline" onClick={() => onSelect(path)} aria-label={label} data-path={path}>
      <span className="pf-v6-c-button__text">{children}</span>
    </button>
  );
}

function Row({ row, first, span, onSelect }: { row: CablingRow; first: boolean; span: number; onSelect?: (path: string) => void }) {
  const { nic } = row;
  const status = nic.status!;
  const portPath = /^\/nodes\/\d+\/interfaces\/\d+$/.test(nic.path) ? `${nic.path}/port` : nic.path;
  return (
    <tr
      className={`pf-v6-c-table__tr sk-cabling__row sk-cabling__row--${status}${first ? '' : ' pf-m-first-cell-offset-reset'}`}
      data-node={row.hostname}
      data-nic={nic.name}
      data-state={status}
      data-path={nic.path}
    >
      {first && (
        <td className="pf-v6-c-table__td sk-cabling__node" rowSpan={span} data-label="Node">
          <strong>{row.hostname}</strong>
        </td>
      )}
      <td className="pf-v6-c-table__td" data-label="NIC">
        <span className="sk-mono">
          <Jump path={nic.path} label={`${row.hostname} ${nic.name}: go to the interface`} onSelect={onSelect}>
            {nic.name}
          </Jump>
        </span>
        {(nic.speed || nic.link === 'down' || nic.missing) && (
          <span className="sk-cabling__sub">{nic.missing ? 'not found on the node' : nic.link === 'down' ? 'no link' : nic.speed}</span>
        )}
      </td>
      <td className="pf-v6-c-table__td sk-mono" data-label="MAC">
        {nic.mac ?? '—'}
      </td>
      <td className="pf-v6-c-table__td" data-label="Planned switch / port">
        {nic.planned ? (
          <Jump path={portPath} label={`${row.hostname} ${nic.name}: go to the planned port`} onSelect={onSelect}>
            <span className="sk-nowrap">{nic.planned.switch}</span> <span className="sk-mono">{nic.planned.port}</span>
          </Jump>
        ) : (
          <span className="sk-cabling__sub">not planned</span>
        )}
      </td>
      <td className="pf-v6-c-table__td" data-label="LLDP switch / port">
        {nic.seen ? (
          <>
            <span className="sk-nowrap">{nic.seen.switch}</span> <span className="sk-mono">{nic.seen.port}</span>
            {nic.seen.vlans && <span className="sk-cabling__sub">VLANs {nic.seen.vlans}</span>}
          </>
        ) : (
          <span className="sk-cabling__sub">{status === 'not-probed' ? 'not probed' : 'nothing heard'}</span>
        )}
      </td>
      <td className="pf-v6-c-table__td" data-label="State">
        <span className={`sk-cabling__state sk-cabling__state--${status}`} data-state={status}>
          <span aria-hidden="true">{STATE_GLYPH[status]}</span> {CABLE_STATUS_TEXT[status]}
        </span>
        {nic.statusText && status !== 'confirmed' && status !== 'not-probed' && !nic.elsewhere && <span className="sk-cabling__sub">{nic.statusText}</span>}
        {nic.mark?.findings.map((f, i) => (
          <span key={i} className={`sk-cabling__finding sk-cabling__finding--${f.severity}`} data-finding={f.id}>
            {f.message}
          </span>
        ))}
      </td>
      <td className="pf-v6-c-table__td" data-label="Must carry">
        {nic.networks.length === 0 && <span className="sk-cabling__sub">no network</span>}
        {nic.networks.map((n) => (
          <span key={n.name} className="sk-cabling__vlan" style={{ background: ROLE_COLORS[n.role] }} data-vlan={String(n.vlan)}>
            {n.name} {n.vlan === 'untagged' ? 'untagged' : n.vlan}
          </span>
        ))}
      </td>
    </tr>
  );
}

export function CablingTable({ site, inventories, findings, onSelect, onPrint }: CablingTableProps) {
  const model = useMemo(() => topologyModel(site, inventories, findings), [site, inventories, findings]);
  const byNode = model.nodes.map((n) => model.rows.filter((r) => r.node === n.index)).filter((rows) => rows.length > 0);
  const collected = inventories.map((i) => i.collectedAt).sort().at(-1);
  const counts = (Object.keys(model.counts) as CableStatus[])
    .filter((k) => model.counts[k] > 0)
    .map((k) => `${model.counts[k]} ${CABLE_STATUS_TEXT[k]}`)
    .join(', ');
  const title = `Cabling of ${site.metadata.name}`;
  // When the table was put on paper: refreshed by the Print button just before the print
  // starts (Ctrl+P shows when the table was last drawn).
  const [printedAt, setPrintedAt] = useState(() => new Date());
  const print = () => {
    flushSync(() => setPrintedAt(new Date()));
    onPrint?.();
  };
  return (
    <section className="sk-cabling sk-print-area" aria-label={title}>
      <div className="sk-cabling__toolbar">
        <div>
          <h3 className="sk-cabling__title">{title}</h3>
          <span className="sk-cabling__sub">
            {model.rows.length} cable{model.rows.length === 1 ? '' : 's'}
            {counts ? `: ${counts}` : ''}
            {collected ? ` · LLDP as probed ${collected.slice(0, 16).replace('T', ' ')} UTC` : ' · hardware not probed yet'}
          </span>
        </div>
        {onPrint && (
          <button type="button" className="pf-v6-c-button pf-m-secondary sk-no-print" onClick={print}>
            <span className="pf-v6-c-button__text">Print cabling table</span>
          </button>
        )}
      </div>
      <table className="pf-v6-c-table pf-m-compact" aria-label={title}>
        <thead className="pf-v6-c-table__thead">
          {/* On paper only, at the top of every sheet: which site, and when it was printed. */}
          <tr className="pf-v6-c-table__tr sk-cabling__print-only sk-cabling__sheet-head" data-testid="cabling-print-header">
            <th className="pf-v6-c-table__th pf-m-wrap" colSpan={7} scope="colgroup">
              Site {site.metadata.name}
              {site.metadata.location ? ` · ${site.metadata.location}` : ''} · cluster {site.cluster.name}.{site.cluster.baseDomain} · printed{' '}
              {printDate(printedAt)}
            </th>
          </tr>
          <tr className="pf-v6-c-table__tr">
            {['Node', 'NIC', 'MAC', 'Planned switch / port', 'LLDP switch / port', 'State', 'Must carry'].map((h) => (
              <th key={h} className="pf-v6-c-table__th pf-m-wrap" scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="pf-v6-c-table__tbody">
          {byNode.length === 0 && (
            <tr className="pf-v6-c-table__tr">
              <td className="pf-v6-c-table__td" colSpan={7}>
                No NIC carries a network or has a switch port planned yet.
              </td>
            </tr>
          )}
          {byNode.map((rows) => (
            <Fragment key={rows[0]!.node}>
              {rows.map((row, i) => (
                <Row key={row.nic.name} row={row} first={i === 0} span={rows.length} {...(onSelect ? { onSelect } : {})} />
              ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </section>
  );
}
