// The one entry point that answers "is this site file good?": read, parse, schema, rules,
// each finding tied to its line in the file. Never throws for bad input.
import { readFile } from 'node:fs/promises';
import { validateSite } from '../validation/engine';
import type { Finding, SourcePosition } from '../validation/finding';
import { parseSiteText, positionOf } from './load';
import type { Site } from './schema';

export interface SiteCheck {
  /** ok = readable and schema-valid; findings then hold the rule findings (errors included). */
  status: 'ok' | 'invalid' | 'unusable';
  site?: Site;
  /** The plain value of the YAML as written (before the format is applied), when readable. */
  data?: unknown;
  findings: Finding[];
  error?: string;
  position?: SourcePosition;
}

/** A site file larger than this is not a hand-written plan; refuse before parsing it. */
const MAX_SITE_BYTES = 8 * 1024 * 1024;

export function checkSiteText(text: string): SiteCheck {
  const parsed = parseSiteText(text);
  if (parsed.status === 'unusable') {
    return { status: 'unusable', findings: [], error: parsed.error, ...(parsed.position ? { position: parsed.position } : {}) };
  }
  if (parsed.status === 'invalid') return { status: 'invalid', findings: parsed.findings, data: parsed.data };

  const findings = validateSite(parsed.site).map((finding) => {
    if (finding.position) return finding;
    const position = positionOf(parsed.document, parsed.lineCounter, finding.path);
    return position ? { ...finding, position } : finding;
  });
  return { status: 'ok', site: parsed.site, data: parsed.data, findings };
}

/** A file's check; `text` is there whenever the file could be read as UTF-8 text. */
export async function checkSiteFile(file: string): Promise<SiteCheck & { file: string; text?: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { file, status: 'unusable', findings: [], error: readErrorMessage(file, error) };
  }
  if (bytes.length > MAX_SITE_BYTES) {
    return { file, status: 'unusable', findings: [], error: `${file} is too large to be a site file (${bytes.length} bytes)` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { file, status: 'unusable', findings: [], error: `${file} is not a text file (it is not UTF-8)` };
  }
  return { file, text, ...checkSiteText(text) };
}

function readErrorMessage(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `cannot read ${file}: no such file`;
    case 'EACCES':
    case 'EPERM':
      return `cannot read ${file}: permission denied`;
    case 'EISDIR':
      return `cannot read ${file}: it is a folder, not a file`;
    default:
      return `cannot read ${file}: ${(error as Error).message}`;
  }
}
