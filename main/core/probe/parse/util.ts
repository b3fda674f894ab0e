// Shared helpers of the section parsers. Parsers are pure and never throw: anything odd becomes
// a problem message next to whatever could still be read.

export interface ParseProblem {
  severity: 'error' | 'warning' | 'info';
  message: string;
}

export interface Parsed<T> {
  value?: T;
  problems: ParseProblem[];
}

export function ok<T>(value: T, problems: ParseProblem[] = []): Parsed<T> {
  return { value, problems };
}

export function fail<T>(message: string, severity: ParseProblem['severity'] = 'warning'): Parsed<T> {
  return { problems: [{ severity, message }] };
}

/** JSON.parse without throwing; the message says what was expected. */
export function parseJson(text: string, what: string): { data?: unknown; problem?: ParseProblem } {
  const trimmed = text.trim();
  if (!trimmed) return { problem: { severity: 'warning', message: `${what} printed nothing` } };
  try {
    return { data: JSON.parse(trimmed) as unknown };
  } catch {
    return { problem: { severity: 'warning', message: `${what} did not print valid JSON (the output may be cut or garbled)` } };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string value with padding removed; empty, null and non-strings are undefined. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed : undefined;
}

/** Booleans as old tools print them: true, "1", "yes", 1. */
export function bool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === '1' || v === 'true' || v === 'yes' || v === 'on') return true;
    if (v === '0' || v === 'false' || v === 'no' || v === 'off') return false;
  }
  return undefined;
}

export function int(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

const UNITS: Record<string, number> = { B: 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30, T: 2 ** 40, P: 2 ** 50, E: 2 ** 60 };

/** Bytes from a number or lsblk's human form ("447.1G": binary units, rounded, approximate). */
export function bytes(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*([BKMGTPE])?i?B?\s*$/i.exec(value);
  if (!m) return undefined;
  const n = Number.parseFloat(m[1]!.replace(',', '.'));
  return Math.round(n * (UNITS[(m[2] ?? 'B').toUpperCase()] ?? 1));
}

/** A size lsblk rounded for humans ("1.8T", "447.1G", "1024M"): not exact bytes. */
export function isHumanSize(value: unknown): boolean {
  return typeof value === 'string' && bytes(value) !== undefined && !/^\s*\d+\s*$/.test(value);
}

export function lines(text: string): string[] {
  return text.split(/\r?\n/);
}

export function normalizeMac(value: unknown): string | undefined {
  const s = str(value);
  if (!s) return undefined;
  const lower = s.toLowerCase();
  return /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/.test(lower) ? lower : undefined;
}
