// Reads one installer input: YAML with positions, so every finding gets file:line:col.
import { LineCounter, parseDocument, type Document } from 'yaml';
import { positionOf } from '../site/load';
import type { SourcePosition } from '../validation/finding';

export interface InputDocument {
  data: unknown;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

export type ReadResult = { ok: true; input: InputDocument } | { ok: false; error: string; position?: SourcePosition };

export function readInput(text: string): ReadResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const error = document.errors[0];
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
