// HTML escaping for every value that reaches the report: site values are user text.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value, safe in element content and in double- or single-quoted attributes. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A CSS string literal (for @page content): quotes, backslashes, `<` and line breaks escaped. */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"<>\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** Tagged template helper: joins parts of already-built HTML. */
export function join(parts: readonly (string | false | undefined | null)[], sep = ''): string {
  return parts.filter((p): p is string => typeof p === 'string').join(sep);
}
