// Writes a changed plan back into the text a person wrote, changing only what changed.
// Re-serialising a whole YAML document would re-space comments (`x   # note` → `x # note`)
// and flow collections (`[a]` → `[ a ]`), so the update is computed as text edits at the
// source ranges of the parsed document: a changed scalar is re-rendered in its old quoting
// style, a removed key or list entry takes its lines with it, a new one is appended after
// the last sibling at the siblings' indentation. Every result is re-parsed and compared to
// the intended data; if the splice got anything wrong, a comment-keeping AST update is
// used instead, so a save is never wrong — at worst less tidy.
import {
  Document,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  Scalar,
  YAMLSeq,
  type Node,
  type ToStringOptions,
  type YAMLMap,
} from 'yaml';
import { parseYaml } from './yaml-parse';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Where a node sits, which decides how a replacement is written. */
type Place =
  | { kind: 'root' }
  | { kind: 'mapValue'; key: Node }
  | { kind: 'seqItem' }
  | { kind: 'flow' };

const RENDER: ToStringOptions = { lineWidth: 0, minContentWidth: 0, indent: 2 };

class SpliceError extends Error {}

/**
 * The original text with `value` applied. Keeps comments, key order, quoting, flow style
 * and blank lines of everything that did not change. Returns undefined when the original
 * is not a YAML mapping it can work on (the caller then writes a fresh document).
 */
export function patchYamlText(original: string, value: Json): string | undefined {
  const document = parseYaml(original);
  if (document.errors.length > 0 || !isMap(document.contents) || !isPlainObject(value)) return undefined;
  const spliced = spliceYamlText(original, document, value);
  if (spliced !== undefined) return spliced;
  const text = withEol(withFinalNewline(patchDocument(document, value).toString(RENDER)), eolOf(original));
  return sameData(text, value) ? text : undefined;
}

/** The text-edit update alone; undefined when it cannot be done exactly (exported for tests). */
export function spliceYamlText(original: string, document: Document, value: Json): string | undefined {
  try {
    const edits: Edit[] = [];
    new Splicer(original, document, edits).patch(document.contents, value, { kind: 'root' });
    const eol = eolOf(original);
    const text = withFinalNewline(applyEdits(original, edits.map((edit) => ({ ...edit, text: withEol(edit.text, eol) }))), eol);
    return sameData(text, value) ? text : undefined;
  } catch (error) {
    if (error instanceof SpliceError) return undefined;
    throw error;
  }
}

/** A new document for a file that does not exist yet. */
export function renderYaml(value: Json): string {
  return new Document(value).toString(RENDER);
}

class Splicer {
  constructor(
    private readonly src: string,
    private readonly document: Document,
    private readonly edits: Edit[],
  ) {}

  patch(node: unknown, value: Json, place: Place): void {
    if (isNode(node) && deepEqual(this.js(node), value)) return;
    if (isScalar(node) && !isObjectLike(value)) return this.replaceScalar(node, value, place);
    if (isCollection(node) && node.flow && sameKind(node, value) && !this.growsIntoBlock(node, value)) {
      return this.patchFlow(node, value);
    }
    if (isMap(node) && isPlainObject(value) && Object.keys(value).length > 0) return this.patchBlockMap(node, value, place);
    if (isSeq(node) && Array.isArray(value) && value.length > 0) return this.patchBlockSeq(node, value);
    this.replaceValue(node, value, place);
  }

  /** An empty `[]`/`{}` that receives sections or lists becomes a block, not one long line. */
  private growsIntoBlock(node: Node, value: Json): boolean {
    return isCollection(node) && node.items.length === 0 && Object.values(value as object).some(isObjectLike);
  }

  // --- block collections: edit entry by entry ---

  private patchBlockMap(map: YAMLMap, value: { [key: string]: Json }, place: Place): void {
    const pairs = map.items;
    const present = new Set(pairs.map((pair) => keyText(pair.key)));
    // A map that is a list entry starts on the line of its dash (`- hostname: a`); removing
    // its first keys joins the dash with the first key that stays.
    let skip = 0;
    const firstKey = this.start(pairs[0]!.key);
    if (!/^[ \t]*$/.test(this.src.slice(this.lineStart(firstKey), firstKey))) {
      while (skip < pairs.length && !(keyText(pairs[skip]!.key) in value)) skip++;
      if (skip === pairs.length) return this.replaceValue(map, value, place);
      if (skip > 0) this.edits.push({ start: firstKey, end: this.start(pairs[skip]!.key), text: '' });
    }
    let previousEnd: number | undefined;
    for (const pair of pairs.slice(skip)) {
      const key = keyText(pair.key);
      const keyNode = pair.key as Node;
      if (key in value) this.patch(pair.value, value[key]!, { kind: 'mapValue', key: keyNode });
      else this.removeLines(this.start(keyNode), this.pairEnd(pair), previousEnd);
      previousEnd = this.pairEnd(pair);
    }
    const added = Object.keys(value).filter((key) => !present.has(key));
    if (added.length === 0) return;
    const indent = this.col(this.start(pairs[0]!.key as Node));
    const block = renderPairs(added.map((key) => [key, value[key]!]));
    this.insertLines(this.lineEnd(this.pairEnd(pairs[pairs.length - 1]!)), indentBlock(block, indent));
  }

  private patchBlockSeq(seq: YAMLSeq, value: Json[]): void {
    const items = seq.items as unknown[];
    for (let i = 0; i < Math.min(items.length, value.length); i++) {
      this.patch(items[i], value[i]!, { kind: 'seqItem' });
    }
    if (value.length < items.length) {
      const first = items[value.length];
      const previousEnd = value.length > 0 ? this.contentEnd(items[value.length - 1]) : undefined;
      this.removeLines(this.start(first), this.contentEnd(items[items.length - 1]), previousEnd, true);
    }
    if (value.length > items.length) {
      const template = items[items.length - 1] as Node | undefined;
      const fresh = new YAMLSeq();
      for (const item of value.slice(items.length)) fresh.items.push(styledNode(item, template));
      const text = new Document(fresh).toString({ ...RENDER, flowCollectionPadding: this.padded(template) }).replace(/\n$/, '');
      const indent = this.col(this.start(seq));
      this.insertLines(this.lineEnd(this.contentEnd(items[items.length - 1])), indentBlock(text, indent));
    }
  }

  /** Delete whole lines [from the line of start, through the line of end], with the comment lines just above. */
  private removeLines(start: number, end: number, previousEnd: number | undefined, dashed = false): void {
    const lineStart = this.lineStart(start);
    const before = this.src.slice(lineStart, start);
    if (!(dashed ? /^[ \t]*(-[ \t]+)+$/ : /^[ \t]*$/).test(before)) {
      throw new SpliceError('entry shares its line with another one');
    }
    let from = lineStart;
    const floor = previousEnd === undefined ? lineStart : this.lineEnd(previousEnd);
    while (from > floor) {
      const above = this.lineStart(from - 1);
      if (!/^[ \t]*#/.test(this.src.slice(above, from))) break;
      from = above;
    }
    const to = this.lineEnd(end);
    // Between two blank lines (or a blank line and the end), take one blank line along.
    if (from > floor) {
      const above = this.lineStart(from - 1);
      const blankAbove = /^[ \t]*\r?\n$/.test(this.src.slice(above, from));
      const blankBelow = /^[ \t]*(\r?\n|$)/.test(this.src.slice(to, this.lineEnd(to)));
      if (blankAbove && blankBelow) from = above;
    }
    this.edits.push({ start: from, end: to, text: '' });
  }

  private insertLines(at: number, block: string): void {
    const needsBreak = at > 0 && this.src[at - 1] !== '\n';
    this.edits.push({ start: at, end: at, text: (needsBreak ? '\n' : '') + block + '\n' });
  }

  // --- flow collections: scalars in place, anything structural re-renders the collection ---

  private patchFlow(node: Node, value: Json): void {
    if (this.scalarChangesOnly(node, value)) {
      this.forEachChild(node, value, (child, childValue) => this.patch(child, childValue, { kind: 'flow' }));
      return;
    }
    const patched = patchNode(this.document, node.clone(), value);
    const text = new Document(patched).toString({ ...RENDER, flowCollectionPadding: this.padded(node) }).trimEnd();
    if (text.includes('\n')) throw new SpliceError('flow collection no longer fits on its line');
    this.edits.push({ start: this.start(node), end: this.contentEnd(node), text });
  }

  private scalarChangesOnly(node: unknown, value: Json): boolean {
    if (isNode(node) && deepEqual(this.js(node), value)) return true;
    if (isScalar(node)) return !isObjectLike(value);
    if (!isCollection(node) || !node.flow || !sameKind(node, value)) return false;
    if (isMap(node)) {
      const keys = node.items.map((pair) => keyText(pair.key));
      const wanted = Object.keys(value as object);
      if (keys.length !== wanted.length || !wanted.every((key) => keys.includes(key))) return false;
    } else if ((node.items as unknown[]).length !== (value as Json[]).length) {
      return false;
    }
    let ok = true;
    this.forEachChild(node, value, (child, childValue) => {
      ok &&= this.scalarChangesOnly(child, childValue);
    });
    return ok;
  }

  private forEachChild(node: Node, value: Json, visit: (child: unknown, value: Json) => void): void {
    if (isMap(node)) for (const pair of node.items) visit(pair.value, (value as Record<string, Json>)[keyText(pair.key)]!);
    else if (isSeq(node)) (node.items as unknown[]).forEach((child, i) => visit(child, (value as Json[])[i]!));
  }

  // --- single values ---

  private replaceScalar(node: Scalar, value: Json, place: Place): void {
    const [start, end] = node.range ?? [];
    if (start === undefined || end === undefined || start === end) return this.replaceValue(node, value, place);
    const scalar = node.clone() as Scalar;
    scalar.value = value;
    scalar.comment = undefined;
    scalar.commentBefore = undefined;
    scalar.spaceBefore = undefined;
    if (typeof value !== 'string' && scalar.type !== 'PLAIN') scalar.type = undefined;
    if (value === '' && (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED')) scalar.type = undefined;
    let text: string;
    if (place.kind === 'flow') {
      const seq = new YAMLSeq();
      seq.flow = true;
      seq.items.push(scalar);
      const rendered = new Document(seq).toString({ ...RENDER, flowCollectionPadding: false }).trimEnd();
      text = rendered.slice(1, -1);
    } else {
      text = this.render(scalar, place, node).replace(/^ /, '');
    }
    // A block scalar's range ends after its last line break; keep that break.
    let replaceEnd = end;
    if (this.src[replaceEnd - 1] === '\n') replaceEnd -= this.src[replaceEnd - 2] === '\r' ? 2 : 1;
    const lineBreak = text.indexOf('\n');
    const restOfLine = this.src.slice(replaceEnd, this.lineEnd(replaceEnd)).replace(/\r?\n$/, '');
    if (lineBreak !== -1 && restOfLine.trim() !== '') {
      // A comment after a value that becomes a block scalar moves onto the `|` header line.
      if (!/^[|>]/.test(text)) throw new SpliceError('multi-line value before a comment');
      text = text.slice(0, lineBreak) + restOfLine + text.slice(lineBreak);
      replaceEnd += restOfLine.length;
    }
    this.edits.push({ start, end: replaceEnd, text });
  }

  /** Replace a value of a different shape (or an empty value) wholesale. */
  private replaceValue(node: unknown, value: Json, place: Place): void {
    const fresh = styledNode(value, undefined);
    if (isCollection(fresh) && fresh.items.length === 0) fresh.flow = true;
    if (place.kind === 'mapValue') {
      const from = this.colonEnd(place.key);
      const to = isNode(node) && node.range ? Math.max(from, this.contentEnd(node)) : from;
      this.edits.push({ start: from, end: to, text: this.render(fresh, place) });
      return;
    }
    if (!isNode(node) || !node.range) throw new SpliceError('value without a position');
    this.edits.push({ start: this.start(node), end: this.contentEnd(node), text: this.render(fresh, place, node) });
  }

  /**
   * `node` as it reads at its place: rendered as the value of `k:` (the text then starts
   * with a space or a line break) or as a `- ` entry, so yaml picks the layout a block
   * value needs there. Shifting the lines below by the parent's column keeps relative
   * indentation, including a block scalar's indentation indicator (`|2`), correct.
   */
  private render(node: Node, place: Place, old?: Node): string {
    let text: string;
    let shift = 0;
    if (place.kind === 'mapValue') {
      text = new Document({ k: node }).toString(RENDER).slice('k:'.length);
      shift = this.col(this.start(place.key));
    } else if (place.kind === 'seqItem') {
      text = new Document([node]).toString(RENDER).slice('- '.length);
      // yaml wrote the entry as if it started at column 2; it starts where the old one did.
      shift = old ? Math.max(0, this.col(this.start(old)) - 2) : 0;
    } else {
      text = new Document(node).toString(RENDER);
    }
    const pad = ' '.repeat(shift);
    const lines = text.replace(/\n$/, '').split('\n');
    return lines.map((line, i) => (i > 0 && line.length > 0 ? pad + line : line)).join('\n');
  }

  // --- positions in the source ---

  private js(node: Node): unknown {
    return node.toJS(this.document, { maxAliasCount: 100 });
  }

  private start(node: unknown): number {
    if (!isNode(node) || !node.range) throw new SpliceError('node without a position');
    return node.range[0];
  }

  /** End of a node's own text, without trailing blank space or the line break. */
  private contentEnd(node: unknown): number {
    if (!isNode(node) || !node.range) throw new SpliceError('node without a position');
    let end = node.range[1];
    while (end > node.range[0] && /\s/.test(this.src[end - 1]!)) end--;
    return end;
  }

  private pairEnd(pair: { key: unknown; value: unknown }): number {
    const value = pair.value;
    if (isNode(value) && value.range && value.range[1] > value.range[0]) return this.contentEnd(value);
    return this.colonEnd(pair.key as Node);
  }

  private colonEnd(key: Node): number {
    if (!key.range) throw new SpliceError('key without a position');
    let at = key.range[1];
    while (this.src[at] === ' ' || this.src[at] === '\t') at++;
    if (this.src[at] !== ':') throw new SpliceError('cannot find the colon after a key');
    return at + 1;
  }

  private lineStart(offset: number): number {
    return this.src.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Offset just after the line break of the line holding `offset` (or the end of the text). */
  private lineEnd(offset: number): number {
    const at = this.src.indexOf('\n', offset);
    return at === -1 ? this.src.length : at + 1;
  }

  private col(offset: number): number {
    return offset - this.lineStart(offset);
  }

  private padded(node: unknown): boolean {
    if (!isCollection(node) || !node.flow || !node.range) return true;
    return this.src[node.range[0] + 1] === ' ';
  }
}

/** `key: value` lines for keys appended to a block map. */
function renderPairs(entries: [string, Json][]): string {
  const document = new Document({});
  for (const [key, value] of entries) (document.contents as YAMLMap).set(key, styledNode(value, undefined));
  return document.toString(RENDER).replace(/\n$/, '');
}

// --- AST update: the fallback, and the renderer of flow collections that changed shape ---

function patchDocument(document: Document, value: Json): Document {
  document.contents = patchNode(document, document.contents, value);
  return document;
}

/** Update a node in place: unchanged nodes keep their style and comments, new ones are created. */
function patchNode(document: Document, node: unknown, value: Json): Node {
  if (isScalar(node) && !isObjectLike(value)) {
    if (node.value !== value) {
      node.value = value;
      if (typeof value !== 'string') node.type = undefined;
    }
    return node;
  }
  if (isMap(node) && isPlainObject(value)) {
    for (const pair of [...node.items]) {
      const key = keyText(pair.key);
      if (key in value) pair.value = patchNode(document, pair.value, value[key]!);
      else node.delete(pair.key);
    }
    for (const [key, child] of Object.entries(value)) {
      if (!node.has(key)) node.set(key, styledNode(child, undefined));
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(value)) {
    const items = node.items as unknown[];
    const template = items[items.length - 1] as Node | undefined;
    value.forEach((child, i) => {
      items[i] = i < items.length ? patchNode(document, items[i], child) : styledNode(child, template);
    });
    items.length = value.length;
    return node;
  }
  const fresh = styledNode(value, undefined);
  if (isNode(node)) {
    fresh.commentBefore = node.commentBefore;
    fresh.comment = node.comment;
    fresh.spaceBefore = node.spaceBefore;
  }
  return fresh;
}

/** A new node for `value`, copying flow style and string quoting from a sibling it joins. */
function styledNode(value: Json, template: unknown): Node {
  const node = new Document().createNode(value) as Node;
  applyStyle(node, template);
  return node;
}

function applyStyle(node: Node, template: unknown): void {
  if (!isNode(template)) return;
  if (isCollection(node) && isCollection(template) && template.flow) node.flow = true;
  if (isMap(node) && isMap(template)) {
    for (const pair of node.items) {
      const match = template.items.find((t) => keyText(t.key) === keyText(pair.key));
      if (match && isNode(pair.value)) applyStyle(pair.value, match.value);
    }
  } else if (isSeq(node) && isSeq(template)) {
    const templates = template.items as unknown[];
    (node.items as unknown[]).forEach((item, i) => {
      if (isNode(item)) applyStyle(item, templates[Math.min(i, templates.length - 1)]);
    });
  } else if (isScalar(node) && isScalar(template) && typeof node.value === 'string' && typeof template.value === 'string') {
    if (template.type === 'QUOTE_DOUBLE' || template.type === 'QUOTE_SINGLE') node.type = template.type;
  }
}

// --- helpers ---

function applyEdits(src: string, edits: Edit[]): string {
  // Later edits first so earlier offsets stay valid; at the same offset, the edit made
  // later (an outer append after an inner one) goes first so the inner text stays before it.
  const ordered = edits.map((edit, order) => ({ ...edit, order })).sort((a, b) => b.start - a.start || b.order - a.order);
  let text = src;
  let limit = Infinity;
  for (const edit of ordered) {
    if (edit.end > limit) throw new SpliceError('overlapping edits');
    text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    limit = edit.start;
  }
  return text;
}

function indentBlock(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  return text
    .split('\n')
    .map((line) => (line.length > 0 ? pad + line : line))
    .join('\n');
}

function withFinalNewline(text: string, eol = '\n'): string {
  return text.endsWith('\n') ? text : text + eol;
}

/** A file written with Windows line ends keeps them in the lines Sitekit adds. */
function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function withEol(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\r?\n/g, eol);
}

function sameData(text: string, value: Json): boolean {
  const document = parseYaml(text);
  return document.errors.length === 0 && deepEqual(document.toJS({ maxAliasCount: 100 }), value);
}

function keyText(key: unknown): string {
  if (isScalar(key)) return String(key.value);
  if (isPair(key) || isNode(key)) throw new SpliceError('complex keys are not supported');
  return String(key);
}

function isPlainObject(value: unknown): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isObjectLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function sameKind(node: Node, value: Json): boolean {
  return (isMap(node) && isPlainObject(value)) || (isSeq(node) && Array.isArray(value));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => deepEqual(item, other[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((key) => Object.hasOwn(b, key) && deepEqual((a as never)[key], (b as never)[key]));
}
