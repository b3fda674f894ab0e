// The one way Sitekit parses YAML it did not write itself (site.yaml, installer inputs, edited
// text): the work is bounded before and during the parse, so no text can stall or exhaust it.
//   - A cheap linear scan (no YAML library) refuses what no plan comes near: too many bytes,
//     too many lines and indicators, or nesting so deep that the library would exhaust memory
//     or the stack (`- - - …` 100k levels deep ran the process out of memory).
//   - The library's own duplicate-key check compares every key with every earlier key of its
//     map (2 MB with 120k keys took minutes). It is off; duplicates are found with one Set per
//     map instead and reported with the library's code, message and position.
//   - Values are counted with aliases expanded, so an anchor used many times cannot multiply
//     the work of everything after the parse (schema, rules, positions).
import { isAlias, isMap, isScalar, isSeq, parseDocument, YAMLParseError, type Document, type LineCounter, type YAMLError } from 'yaml';

/** What a plan (or an installer input) never comes near; a real site.yaml has ~400 values. */
export const YAML_LIMITS = Object.freeze({
  /** UTF-8 bytes, as the app's limit for a site file. */
  maxBytes: 2 * 1024 * 1024,
  /** Lines plus indicator characters (`:` `-` `?` `,` `[` `{`); a plan has ~600. */
  maxTokens: 20_000,
  /** Nesting levels as the scan estimates them (always at least the real depth); a plan has ~12. */
  maxDepth: 100,
  /** Values (keys, scalars, lists, sections) with every alias expanded; a plan has ~400. */
  maxValues: 10_000,
  /** Aliases (`*name`): the library looks up each one among all anchors and aliases before it. */
  maxAliases: 1_000,
});

/** Why a text was refused before or instead of being read. Code RESOURCE_EXHAUSTION. */
export class YamlLimitError extends YAMLParseError {
  constructor(
    offset: number,
    message: string,
    /** False when the refusal is about the whole text (its size), not a place in it. */
    readonly located: boolean,
  ) {
    super([offset, offset + 1], 'RESOURCE_EXHAUSTION', message);
  }
}

export function isYamlLimitError(error: YAMLError | undefined): error is YamlLimitError {
  return error instanceof YamlLimitError;
}

/**
 * parseDocument within YAML_LIMITS, duplicate keys found in linear time. Never throws for
 * bad input: a refused text comes back as an empty document whose only error is a
 * YamlLimitError (positions in `lineCounter` still refer to the refused text). Duplicate keys
 * are errors (DUPLICATE_KEY, "Map keys must be unique"), in document order among the others.
 */
export function parseYaml(text: string, lineCounter?: LineCounter): Document.Parsed {
  // Garbage can make an error per line, and an Error's stack trace costs more than parsing
  // the line: none are taken here (the messages and positions are all that is used).
  const stackTraceLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 0;
    return boundedParse(text, lineCounter);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function boundedParse(text: string, lineCounter: LineCounter | undefined): Document.Parsed {
  const refusal = scanYaml(text);
  if (refusal) return refused(text, refusal, lineCounter);
  const document = parseDocument(text, {
    ...(lineCounter ? { lineCounter } : {}),
    // Positions come from the line counter; prettyErrors would append a source excerpt.
    prettyErrors: false,
    uniqueKeys: false,
    // 'error': yaml would print odd-but-legal input (e.g. a list as a key) as a process warning.
    logLevel: 'error',
  });
  const walk = walkDocument(document);
  if (walk.refusal) return refused(text, walk.refusal, lineCounter);
  if (walk.duplicates.length > 0) {
    const errors = inOrder(document.errors, walk.duplicates);
    document.errors.length = 0;
    for (const error of errors) document.errors.push(error);
  }
  return document;
}

interface Refusal {
  offset: number;
  message: string;
  located?: false;
}

function refused(text: string, refusal: Refusal, lineCounter: LineCounter | undefined): Document.Parsed {
  const document = parseDocument('', { prettyErrors: false, logLevel: 'silent' });
  if (lineCounter) {
    // The lines up to the refusal, so its offset gets a line and column (bounded: the text
    // is at most maxBytes whenever the offset is not 0).
    lineCounter.lineStarts.length = 0;
    lineCounter.addNewLine(0);
    for (let at = text.indexOf('\n'); at !== -1 && at < refusal.offset; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
  }
  document.errors.push(new YamlLimitError(refusal.offset, refusal.message, refusal.located !== false));
  return document;
}

const SPACE = 32;
const TAB = 9;
const CR = 13;

/** One pass over the text, no allocation per line. Undefined: within the limits. */
export function scanYaml(text: string): Refusal | undefined {
  const bytes = utf8Bytes(text);
  if (bytes > YAML_LIMITS.maxBytes) {
    return {
      offset: 0,
      located: false,
      message: `the text is larger than the ${mib(YAML_LIMITS.maxBytes)} Sitekit reads as YAML (${bytes} bytes; a plan is a few KiB); nothing was read`,
    };
  }
  let tokens = 0;
  let flow = 0;
  const indents: number[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    let i = start;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    const first = i < end ? text.charCodeAt(i) : -1;
    tokens++;
    if (tokens > YAML_LIMITS.maxTokens) return tooManyTokens(i);
    if (first !== -1 && first !== 35 /* # */ && !(first === CR && i + 1 === end)) {
      const indent = i - start;
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      let compact = 0;
      let deepest = flow;
      for (let j = i; j < end; j++) {
        const c = text.charCodeAt(j);
        if (c === 58 /* : */ || c === 45 /* - */ || c === 63 /* ? */) {
          tokens++;
          const next = j + 1 < end ? text.charCodeAt(j + 1) : -1;
          if (next === -1 || next === SPACE || next === TAB || next === CR) compact++;
        } else if (c === 44 /* , */) {
          tokens++;
        } else if (c === 91 /* [ */ || c === 123 /* { */) {
          tokens++;
          if (++flow > deepest) deepest = flow;
        } else if (c === 93 /* ] */ || c === 125 /* } */) {
          if (flow > 0) flow--;
        } else if (c === 35 /* # */ && j > i) {
          const before = text.charCodeAt(j - 1);
          if (before === SPACE || before === TAB) break; // a comment to the end of the line
        }
      }
      // A block collection nests at a deeper indent, or (a list under a key) at the same one.
      if (2 * indents.length + compact + deepest > YAML_LIMITS.maxDepth) {
        return {
          offset: i,
          message: `the YAML is nested more than ${YAML_LIMITS.maxDepth} levels deep here (a plan has about 10); nothing was read`,
        };
      }
      if (tokens > YAML_LIMITS.maxTokens) return tooManyTokens(i);
    }
    start = end + 1;
  }
  return undefined;
}

function tooManyTokens(offset: number): Refusal {
  return {
    offset,
    message: `the YAML holds more than ${YAML_LIMITS.maxTokens} lines and entries by here (a plan has a few hundred); nothing was read`,
  };
}

interface Walk {
  duplicates: YAMLParseError[];
  refusal?: Refusal;
}

/** Duplicate keys (one Set per map) and the value count with aliases expanded, in document order. */
function walkDocument(document: Document.Parsed): Walk {
  const duplicates: YAMLParseError[] = [];
  const anchored = new Map<string, number>();
  let count = 0;
  let aliases = 0;
  let refusal: Refusal | undefined;

  // Recursion is bounded: the scan refused anything nested deeper than maxDepth.
  const visit = (node: unknown): number => {
    if (refusal || node === null || typeof node !== 'object') return 0;
    const before = count;
    if (isAlias(node)) {
      count += anchored.get(node.source) ?? 1;
      if (++aliases > YAML_LIMITS.maxAliases && !refusal) {
        refusal = {
          offset: node.range?.[0] ?? 0,
          message: `the YAML uses more than ${YAML_LIMITS.maxAliases} aliases (*name) by here (a plan has hardly any); it was not checked`,
        };
      }
    } else {
      count += 1;
      if (isMap(node)) {
        const seen = new Set<unknown>();
        for (const pair of node.items) {
          const key = pair.key;
          // The library's test: the same node, or scalars whose values are === (so never NaN).
          if (isScalar(key) && !Number.isNaN(key.value)) {
            if (seen.has(key.value)) {
              const offset = key.range?.[0] ?? 0;
              duplicates.push(new YAMLParseError([offset, offset + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
            } else {
              seen.add(key.value);
            }
          }
          visit(key);
          visit(pair.value);
        }
      } else if (isSeq(node)) {
        for (const item of node.items) visit(item);
      }
      const anchor = (node as { anchor?: string }).anchor;
      if (anchor) anchored.set(anchor, count - before);
    }
    if (count > YAML_LIMITS.maxValues && !refusal) {
      const range = (node as { range?: [number, number, number] }).range;
      refusal = {
        offset: range?.[0] ?? 0,
        message: `the YAML holds more than ${YAML_LIMITS.maxValues} values by here${isAlias(node) ? ' (aliases counted as what they repeat)' : ''} (a plan has a few hundred); it was not checked`,
      };
    }
    return count - before;
  };
  visit(document.contents);
  return refusal ? { duplicates, refusal } : { duplicates };
}

/** The library's errors in their order, each duplicate-key error before the first error after it. */
function inOrder(errors: readonly YAMLError[], duplicates: readonly YAMLParseError[]): YAMLError[] {
  const out: YAMLError[] = [];
  let d = 0;
  for (const error of errors) {
    while (d < duplicates.length && duplicates[d]!.pos[0] < error.pos[0]) out.push(duplicates[d++]!);
    out.push(error);
  }
  while (d < duplicates.length) out.push(duplicates[d++]!);
  return out;
}

function utf8Bytes(text: string): number {
  // Cheap bounds first: every UTF-16 unit is 1–3 UTF-8 bytes.
  if (text.length * 3 <= YAML_LIMITS.maxBytes) return text.length;
  if (text.length > YAML_LIMITS.maxBytes) return text.length;
  return Buffer.byteLength(text, 'utf8');
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MiB`;
}
