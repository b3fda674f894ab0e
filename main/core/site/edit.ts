// Field edits on site.yaml text: each edit is an RFC 6901 JSON pointer and a new value (no
// value: remove it). They are applied to the document's plain data and the result is written
// back with patchYamlText, so comments, key order and quoting of everything else survive.
// Missing sections on the way to an object key are created; `-` (or the list's length) as
// the last list index appends. A readable document that does not match the site format can
// still be edited — that is often how it gets fixed.
import { parseSiteDocument, parseSiteText } from './load';
import { patchYamlText, renderYaml, type Json } from './yaml-patch';

export interface FieldEditInput {
  path: string;
  value?: unknown;
}

export type FieldEditErrorKind = 'unreadable' | 'bad-path';

/** An edit that cannot be made; `kind` says whether the text or an edit's path is the problem. */
export class FieldEditError extends Error {
  constructor(
    readonly kind: FieldEditErrorKind,
    message: string,
    /** The pointer at fault (`bad-path` only). */
    readonly path?: string,
  ) {
    super(message);
  }
}

/** The text with every edit applied in order; throws FieldEditError. */
export function applyFieldEdits(text: string, edits: readonly FieldEditInput[]): string {
  const { document } = parseSiteDocument(text);
  if (document.errors.length > 0) {
    const parsed = parseSiteText(text);
    const reason = parsed.status === 'unusable' ? parsed.error : document.errors[0]!.message;
    throw new FieldEditError('unreadable', `The text is not readable YAML (${reason}), so no field can be changed. Fix it in the editor first.`);
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new FieldEditError('unreadable', `The text is not readable YAML (${(error as Error).message}), so no field can be changed.`);
  }
  const next = applyPointerEdits(data, edits);
  return patchYamlText(text, next) ?? freshText(text, next);
}

/** The edits applied to a copy of plain data (pure; throws FieldEditError 'bad-path'). */
export function applyPointerEdits(data: unknown, edits: readonly FieldEditInput[]): Json {
  let root = (data === null || data === undefined ? {} : structuredClone(data)) as Json;
  for (const edit of edits) root = applyOne(root, edit);
  return root;
}

/** RFC 6901: `/a~1b/c~0d` → ['a/b', 'c~d']. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/') || /~[^01]|~$/.test(pointer)) {
    throw new FieldEditError('bad-path', `path "${pointer}" is not a JSON pointer such as /networks/0/vlan.`, pointer);
  }
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Json[] | { [key: string]: Json };

function applyOne(root: Json, edit: FieldEditInput): Json {
  const segments = parsePointer(edit.path);
  const remove = edit.value === undefined;
  const bad = (why: string) => new FieldEditError('bad-path', `path ${edit.path}: ${why}`, edit.path);
  if (segments.length === 0) {
    if (remove) throw bad('the whole document cannot be removed.');
    return structuredClone(edit.value) as Json;
  }
  if (!isContainer(root)) throw bad('the document is a single value, not a section with fields.');

  let node: Container = root;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const where = pointerOf(segments.slice(0, i + 1));
    if (Array.isArray(node)) {
      const list = pointerOf(segments.slice(0, i)) || '/';
      const index = listIndex(segment, node.length, () => bad(`"${segment}" is not a position in the list at ${list}.`));
      if (index > node.length) throw bad(`${where} is past the end of the list (it has ${node.length} entries).`);
      if (index === node.length) {
        if (remove) return root; // nothing there to remove
        node.push({});
      }
      if (node[index] === null) {
        if (remove) return root;
        node[index] = {};
      }
      const child: Json = node[index]!;
      if (!isContainer(child)) throw bad(`${where} is a single value (${describe(child)}), not a section or list.`);
      node = child;
    } else {
      const child = Object.hasOwn(node, segment) ? node[segment]! : undefined;
      if (child === undefined || child === null) {
        if (remove) return root; // nothing there to remove
        const fresh: { [key: string]: Json } = {};
        setKey(node, segment, fresh);
        node = fresh;
      } else if (isContainer(child)) {
        node = child;
      } else {
        throw bad(`${where} is a single value (${describe(child)}), not a section or list.`);
      }
    }
  }

  const last = segments[segments.length - 1]!;
  if (Array.isArray(node)) {
    const where = edit.path;
    const list = pointerOf(segments.slice(0, -1)) || '/';
    const index = listIndex(last, node.length, () => bad(`"${last}" is not a position in the list at ${list}.`));
    if (remove) {
      if (index >= node.length) throw bad(`there is no entry ${last} to remove (the list has ${node.length}).`);
      node.splice(index, 1);
    } else if (index > node.length) {
      throw bad(`${where} is past the end of the list (it has ${node.length} entries; use - to append).`);
    } else if (index === node.length) {
      node.push(structuredClone(edit.value) as Json);
    } else {
      node[index] = structuredClone(edit.value) as Json;
    }
  } else if (remove) {
    if (Object.hasOwn(node, last)) delete node[last];
  } else {
    setKey(node, last, structuredClone(edit.value) as Json);
  }
  return root;
}

/** `-` is the length (append); otherwise a decimal index without leading zeros. */
function listIndex(segment: string, length: number, error: () => FieldEditError): number {
  if (segment === '-') return length;
  if (!/^(0|[1-9]\d{0,8})$/.test(segment)) throw error();
  return Number(segment);
}

/** Own property even for `__proto__`, never the prototype. */
function setKey(node: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(node, key, { value, enumerable: true, writable: true, configurable: true });
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function describe(value: Json | undefined): string {
  return typeof value === 'string' ? `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"` : String(value);
}

function pointerOf(segments: readonly string[]): string {
  return segments.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * A new document for text patchYamlText cannot work on (empty, or not a section at the top),
 * keeping the comment lines it starts with (the schema modeline among them).
 */
function freshText(original: string, value: Json): string {
  const lines = original.split(/(?<=\n)/);
  let header = '';
  for (const line of lines) {
    if (!/^[ \t]*(#.*)?\r?\n?$/.test(line)) break;
    header += line;
  }
  header = header.replace(/(\r?\n)*$/, '');
  const body = renderYaml(value);
  return header.trim() === '' ? body : `${header}\n${body}`;
}
