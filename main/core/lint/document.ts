// Reads one installer input: YAML with positions, so every finding gets file:line:col.
import { LineCounter, type Document } from 'yaml';
import { positionOf } from '../site/load';
import { isYamlLimitError, parseYaml } from '../site/yaml-parse';
import type { SourcePosition } from '../validation/finding';

export interface InputDocument {
  data: unknown;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

export type ReadResult = { ok: true; input: InputDocument } | { ok: false; error: string; position?: SourcePosition };

export function readInput(text: string): ReadResult {
  const lineCounter = new LineCounter();
  // Bounded (size, entries, depth), duplicate keys found in linear time: see yaml-parse.ts.
  const document = parseYaml(text, lineCounter);
  const error = document.errors[0];
  if (isYamlLimitError(error)) {
    const message = `not an installer input: ${error.message}`;
    if (!error.located) return { ok: false, error: message };
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { ok: false, error: message, position: { line, col } };
  }
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { ok: false, error: `not valid YAML: ${error.message.split('\n')[0]!.replace(/\.$/, '')}`, position: { line, col } };
  }
  try {
    return { ok: true, input: { data: document.toJS({ maxAliasCount: 100 }), document, lineCounter } };
  } catch (e) {
    return { ok: false, error: `not valid YAML: ${(e as Error).message}` };
  }
}

export function positionIn(input: InputDocument, pointer: string, at: 'key' | 'value' = 'value'): SourcePosition | undefined {
  return positionOf(input.document, input.lineCounter, pointer, at);
}
