// One numbered report section; every section but the first starts a printed page.
import { esc } from '../escape';

export function section(num: number, id: string, title: string, body: string, newPage = true): string {
  return `<section id="${id}"${newPage ? ' class="page"' : ''}><h2><span class="num">${num}</span>${esc(title)}</h2>\n${body}\n</section>\n`;
}

/** A definition list of label → already-escaped HTML value; empty values are left out. */
export function kv(rows: readonly [string, string | undefined][]): string {
  const items = rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`);
  return `<dl class="kv">${items.join('')}</dl>`;
}

/** A table from header labels and rows of already-escaped HTML cells. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], cls = '', widths?: readonly string[]): string {
  const cols = widths ? `<colgroup>${widths.map((w) => (w ? `<col style="width:${w}">` : '<col>')).join('')}</colgroup>` : '';
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}>${cols}<thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export const dash = '<span class="muted">—</span>';
