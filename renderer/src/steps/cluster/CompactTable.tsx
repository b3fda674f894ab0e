// A read-only table in PatternFly's table markup (classes, no table package): compact rows,
// headers that wrap between words, cells that wrap long words, and a scroll box of its own so a wide
// table never pushes the page sideways at 1024 pixels. Every cell carries its column title
// (data-label) for PatternFly's stacked layout on narrow windows.
import type { ReactNode } from 'react';

export interface Column<R> {
  title: string;
  cell(row: R): ReactNode;
  /** Extra class of the column's cells (sk-cluster-col--narrow, sk-cluster-mono, …). */
  className?: string;
  /** With `fixed`: the column's width (CSS), e.g. `22%` or `8rem`; the others share the rest. */
  width?: string;
}

export function CompactTable<R>({
  label,
  columns,
  rows,
  rowKey,
  rowState,
  testid,
  fixed = false,
}: {
  label: string;
  columns: ReadonlyArray<Column<R>>;
  rows: readonly R[];
  rowKey(row: R, index: number): string;
  /** data-state of a row (tests and the row's left border). */
  rowState?: (row: R) => string | undefined;
  testid?: string;
  /**
   * Columns keep the widths given (table-layout: fixed) instead of following their longest text:
   * for tables whose one long value (a list of MACs) would squeeze the others in a narrow window.
   */
  fixed?: boolean;
}) {
  return (
    <div className="sk-cluster-table" {...(testid ? { 'data-testid': testid } : {})}>
      <table className={`pf-v6-c-table pf-m-compact pf-m-grid-md${fixed ? ' pf-m-fixed' : ''}`} aria-label={label}>
        <thead className="pf-v6-c-table__thead">
          <tr className="pf-v6-c-table__tr">
            {columns.map((c) => (
              <th key={c.title} className="pf-v6-c-table__th" scope="col" {...(c.width ? { style: { width: c.width } } : {})}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="pf-v6-c-table__tbody">
          {rows.map((row, i) => {
            const state = rowState?.(row);
            return (
              <tr key={rowKey(row, i)} className={`pf-v6-c-table__tr${state ? ` sk-cluster-row--${state}` : ''}`} {...(state ? { 'data-state': state } : {})}>
                {columns.map((c) => (
                  <td key={c.title} className={`pf-v6-c-table__td${c.className ? ` ${c.className}` : ''}`} data-label={c.title}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
