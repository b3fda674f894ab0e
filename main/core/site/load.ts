// Reads site.yaml text into a Site. Three outcomes: ok (a schema-valid plan), invalid (a
// site file with field errors, each with its line and column), or unusable (not YAML, or
// not a Sitekit site at all — nothing field-level to show).
import { isMap, isScalar, isSeq, LineCounter, type Document, type Node, type YAMLError, type YAMLMap } from 'yaml';
import type { z } from 'zod';
import type { Finding, SourcePosition } from '../validation/finding';
import { SITE_API_VERSION, SITE_KIND, siteSchema, type Site } from './schema';
import { pointerSegments } from '../validation/step';
import { issuesToFindings } from './schema-issues';
import { isYamlLimitError, parseYaml } from './yaml-parse';

export type ParsedDocument = Document.Parsed;

export type SiteParse =
  | { status: 'ok'; site: Site; data: unknown; document: ParsedDocument; lineCounter: LineCounter }
  | { status: 'invalid'; findings: Finding[]; data: unknown; document: ParsedDocument; lineCounter: LineCounter; issues: readonly z.core.$ZodIssue[] }
  | { status: 'unusable'; error: string; position?: SourcePosition };

/** Options every reader of site.yaml uses, so positions and duplicate-key handling agree. */
export function parseSiteDocument(text: string): { document: ParsedDocument; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  // Bounded (size, entries, depth) and with duplicate keys found in linear time: see yaml-parse.ts.
  const document = parseYaml(text, lineCounter);
  return { document, lineCounter };
}

export function parseSiteText(text: string): SiteParse {
  const { document, lineCounter } = parseSiteDocument(text);

  const syntaxError = document.errors[0];
  if (isYamlLimitError(syntaxError)) {
    // Refused before (or instead of) the parse: where the limit was crossed, when it has a place.
    if (!syntaxError.located) return { status: 'unusable', error: `this file is not a site plan: ${syntaxError.message}` };
    const position = toPosition(lineCounter, syntaxError.pos[0]);
    return { status: 'unusable', error: `${position.line}:${position.col}: this file is not a site plan: ${syntaxError.message}`, position };
  }
  if (syntaxError) {
    const position = toPosition(lineCounter, syntaxError.pos[0]);
    return { status: 'unusable', error: `${position.line}:${position.col}: ${yamlErrorMessage(syntaxError, text)}`, position };
  }

  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return { status: 'unusable', error: `not valid YAML: ${(error as Error).message}` };
  }

  const notASite = identityProblem(data);
  if (notASite) {
    const position = notASite.key ? positionOf(document, lineCounter, `/${notASite.key}`) : undefined;
    return { status: 'unusable', error: notASite.message, ...(position ? { position } : {}) };
  }

  const result = siteSchema.safeParse(data);
  if (result.success) return { status: 'ok', site: result.data, data, document, lineCounter };

  const findings = issuesToFindings(result.error.issues, data, siteSchema).map((finding) => {
    const at = finding.id === 'schema.unrecognized-keys' ? 'key' : 'value';
    const position = positionOf(document, lineCounter, finding.path, at);
    return position ? { ...finding, position } : finding;
  });
  return { status: 'invalid', findings: findings.sort(byPosition), data, document, lineCounter, issues: result.error.issues };
}

/** Is this a Sitekit site at all? Answers before the schema, whose errors would be noise. */
function identityProblem(data: unknown): { message: string; key?: string } | undefined {
  const expectedStart = `a site file starts with 'apiVersion: ${SITE_API_VERSION}' and 'kind: ${SITE_KIND}'`;
  if (data === null || data === undefined) return { message: `the file is empty; ${expectedStart}` };
  if (typeof data !== 'object' || Array.isArray(data)) {
    const found = Array.isArray(data) ? 'a list' : 'a single value';
    return { message: `this file is not a Sitekit site: it holds ${found}, but ${expectedStart}` };
  }
  const { kind, apiVersion } = data as Record<string, unknown>;
  if (kind === undefined) return { message: `this file is not a Sitekit site: it has no 'kind'; ${expectedStart}` };
  if (kind !== SITE_KIND) {
    return { message: `this file is not a Sitekit site: kind is '${String(kind)}', expected '${SITE_KIND}'`, key: 'kind' };
  }
  if (apiVersion === undefined) {
    return { message: `this file is not a Sitekit site: it has no 'apiVersion'; ${expectedStart}` };
  }
  if (apiVersion !== SITE_API_VERSION) {
    const message =
      typeof apiVersion === 'string' && apiVersion.startsWith('sitekit.acp.io/')
        ? `this site file is written for apiVersion '${apiVersion}', but this version of Sitekit reads '${SITE_API_VERSION}'`
        : `this file is not a Sitekit site: apiVersion is '${String(apiVersion)}', expected '${SITE_API_VERSION}'`;
    return { message, key: 'apiVersion' };
  }
  return undefined;
}

function yamlErrorMessage(error: YAMLError, text: string): string {
  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = /^["']?([^"':\n]+)/.exec(text.slice(error.pos[0]))?.[1]?.trim();
      return `the key '${key ?? '?'}' appears twice in the same section; keep only one`;
    }
    case 'MULTIPLE_DOCS':
      return "the file holds more than one YAML document (a '---' line in the middle); a site file holds exactly one";
    case 'TAB_AS_INDENT':
      return 'a tab is used for indentation; YAML needs spaces';
    default:
      return `not valid YAML: ${error.message.replace(/\.$/, '')}`;
  }
}

/** Document order; findings without a position last. */
/** Line and column; findings without a position last. Array.sort is stable. */
export function byPosition(a: Finding, b: Finding): number {
  const x = a.position ?? { line: Number.MAX_SAFE_INTEGER, col: 0 };
  const y = b.position ?? { line: Number.MAX_SAFE_INTEGER, col: 0 };
  return x.line - y.line || x.col - y.col;
}

function toPosition(lineCounter: LineCounter, offset: number): SourcePosition {
  const { line, col } = lineCounter.linePos(offset);
  return { line, col };
}

/**
 * Line and column of the node a JSON pointer names. When the pointer goes deeper than the
 * file (a missing field), the deepest existing node is used: the key of the section the
 * field is missing from. `at: 'key'` points at a map key itself (for unknown keys).
 */
export function positionOf(
  document: Document,
  lineCounter: LineCounter,
  pointer: string,
  at: 'value' | 'key' = 'value',
): SourcePosition | undefined {
  let node: unknown = document.contents;
  let key: Node | undefined;
  let complete = true;
  for (const segment of pointerSegments(pointer)) {
    if (isMap(node)) {
      const pair = pairByKey(node, segment);
      if (!pair) {
        complete = false;
        break;
      }
      key = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && /^\d+$/.test(segment) && Number(segment) < node.items.length) {
      key = undefined;
      node = node.items[Number(segment)];
    } else {
      complete = false;
      break;
    }
  }
  const valueNode = node as Node | null | undefined;
  const emptyValue = !valueNode?.range || (isScalar(valueNode) && valueNode.range![0] === valueNode.range![1]);
  const target = key && (!complete || at === 'key' || emptyValue) ? key : valueNode;
  const offset = target?.range?.[0];
  return offset === undefined ? undefined : toPosition(lineCounter, offset);
}

/**
 * The first pair of a map with this key text. Indexed once per map: a finding per key of a
 * large map would otherwise search the map once per finding (quadratic).
 */
const keyIndex = new WeakMap<YAMLMap, { size: number; pairs: Map<string, YAMLMap['items'][number]> }>();
function pairByKey(map: YAMLMap, key: string): YAMLMap['items'][number] | undefined {
  if (map.items.length < 16) return map.items.find((item) => keyText(item.key) === key);
  let index = keyIndex.get(map);
  if (index?.size !== map.items.length) {
    const pairs = new Map<string, YAMLMap['items'][number]>();
    for (const item of map.items) {
      const text = keyText(item.key);
      if (text !== undefined && !pairs.has(text)) pairs.set(text, item);
    }
    index = { size: map.items.length, pairs };
    keyIndex.set(map, index);
  }
  return index.pairs.get(key);
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}
