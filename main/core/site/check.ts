// The one entry point that answers "is this site file good?": read, parse, schema, rules,
// each finding tied to its line in the file. Never throws for bad input. When the schema
// rejects a plan, the rules still run on the parts of it that are well-formed (salvage.ts),
// so one check shows every problem it can.
import { BoundedReadError, readFileBounded } from '../fs/read-bounded';
import { RULE_FAILED_ID, validateSite } from '../validation/engine';
import type { Finding, SourcePosition } from '../validation/finding';
import { byPosition, parseSiteText, positionOf, type SiteParse } from './load';
import { ancestors, salvageSite } from './salvage';
import type { Site } from './schema';
import { YAML_LIMITS } from './yaml-parse';

export interface SiteCheck {
  /** ok = readable and schema-valid; findings then hold the rule findings (errors included). */
  status: 'ok' | 'invalid' | 'unusable';
  site?: Site;
  /** The plain value of the YAML as written (before the format is applied), when readable. */
  data?: unknown;
  findings: Finding[];
  error?: string;
  position?: SourcePosition;
  /**
   * Set when the plan is invalid and the rules ran on the parts of it that are well-formed:
   * `removed` (JSON pointers, document order) were left out. Fix the format errors and check
   * again; the rule findings may change. `site` stays undefined all the same.
   */
  partial?: { removed: string[] };
}

/** A site file larger than this is not a hand-written plan; refuse before parsing it. */
export const MAX_SITE_BYTES = YAML_LIMITS.maxBytes;

export function checkSiteText(text: string): SiteCheck {
  const parsed = parseSiteText(text);
  if (parsed.status === 'unusable') {
    return { status: 'unusable', findings: [], error: parsed.error, ...(parsed.position ? { position: parsed.position } : {}) };
  }
  if (parsed.status === 'invalid') return checkInvalid(parsed);

  const findings = validateSite(parsed.site).map((finding) => {
    if (finding.position) return finding;
    const position = positionOf(parsed.document, parsed.lineCounter, finding.path);
    return position ? { ...finding, position } : finding;
  });
  return { status: 'ok', site: parsed.site, data: parsed.data, findings };
}

/**
 * Schema findings, plus the rule findings on what is left once the values the schema
 * rejected are taken out. A rule finding is kept only when it is about something that was
 * kept: not on, inside or around a removed value, not about a removed network, interface or
 * bond by name, and not counting positions in a list that lost entries.
 */
function checkInvalid(parsed: Extract<SiteParse, { status: 'invalid' }>): SiteCheck {
  const schemaOnly: SiteCheck = { status: 'invalid', findings: parsed.findings, data: parsed.data };
  const salvaged = salvageSite(parsed.data, parsed.issues);
  if (!salvaged) return schemaOnly;

  // Set look-ups along each pointer: the number of removals is bounded only by the file size.
  const unknownKeys = new Set(salvaged.unknownKeys);
  const values = new Set(salvaged.removed.filter((path) => !unknownKeys.has(path)));
  const aroundValues = new Set(salvaged.removed.flatMap((path) => (unknownKeys.has(path) ? [] : [...ancestors(path)])));
  const shortened = new Set(salvaged.shortenedLists);
  const atOrInside = (path: string, set: ReadonlySet<string>) => set.has(path) || [...ancestors(path)].some((a) => set.has(a));
  const names = mentionPattern(salvaged.removedNames);
  const ruleFindings: Finding[] = [];
  for (const finding of validateSite(salvaged.site)) {
    if (finding.id === RULE_FAILED_ID) continue;
    const path = salvaged.toOriginal(finding.path);
    if (atOrInside(path, unknownKeys) || atOrInside(path, values) || aroundValues.has(path)) continue;
    if (names?.test(finding.message)) continue;
    if (POSITIONAL.test(finding.message) && atOrInside(path, shortened)) continue;
    const position = positionOf(parsed.document, parsed.lineCounter, path);
    ruleFindings.push({ ...finding, path, ...(position ? { position } : {}) });
  }
  // Document order, as the schema findings already are; on the same spot the format error first.
  const findings = [...parsed.findings, ...ruleFindings].sort(byPosition);
  return { ...schemaOnly, findings, partial: { removed: salvaged.removed } };
}

/** Messages that count entries ("node 2", "Nodes 1 and 3", "noProxy entry 4"). */
const POSITIONAL = /\b(?:nodes?|entry)\s+\d/i;

/** Any of the names as a whole word (`storage` but not `storage-2`); undefined for none. */
function mentionPattern(names: readonly string[]): RegExp | undefined {
  if (names.length === 0) return undefined;
  const escaped = [...new Set(names)].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![A-Za-z0-9_-])(?:${escaped.join('|')})(?![A-Za-z0-9_-])`);
}

/** A file's check; `text` is there whenever the file could be read as UTF-8 text. */
export async function checkSiteFile(file: string): Promise<SiteCheck & { file: string; text?: string }> {
  let bytes: Buffer;
  try {
    // Regular files only, and never more than the limit (+1 byte): not /dev/zero, not a FIFO.
    bytes = await readFileBounded(file, { maxBytes: MAX_SITE_BYTES, what: 'a site file' });
  } catch (error) {
    return { file, status: 'unusable', findings: [], error: error instanceof BoundedReadError ? error.message : `cannot read ${file}: ${(error as Error).message}` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { file, status: 'unusable', findings: [], error: `${file} is not a text file (it is not UTF-8)` };
  }
  return { file, text, ...checkSiteText(text) };
}
