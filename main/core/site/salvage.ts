// The well-formed part of a site file the schema rejected, so the rules can still run on it
// and a technician sees every problem in one check instead of one layer at a time.
// Nothing is invented: values the schema flagged are left out (with the list entry or
// optional section that cannot stand without them) until what is left parses. When that
// would take the site's identity or a required top-level section, there is no salvage.
import type { z } from 'zod';
import { pointer, pointerSegments } from '../validation/step';
import { siteSchema, type Site } from './schema';

type Issue = z.core.$ZodIssue;
type Segment = string | number;

export interface SalvagedSite {
  /** Schema-valid; made only of values as written in the file. Never a plan to act on. */
  site: Site;
  /**
   * JSON pointers into the original data of what was left out, outermost only, in document
   * order: values the schema rejected, the list entries and sections that held them, and
   * unknown keys.
   */
  removed: string[];
  /** The subset of `removed` that are unknown keys: they hold nothing the rules read. */
  unknownKeys: string[];
  /** Names defined by removed entries of lists other parts refer to (networks, interfaces, bonds). */
  removedNames: string[];
  /** Original pointers of the lists that lost entries: positions counted in them moved. */
  shortenedLists: string[];
  /** The original pointer of a pointer into `site` (list indexes as written in the file). */
  toOriginal(path: string): string;
}

/** Each round removes at least one value; chains of climbs are at most a few levels deep. */
const MAX_ROUNDS = 20;
/** Deeper than any site field; a deeper document is not worth salvaging. */
const MAX_DEPTH = 64;
/** Removing one of these (or the whole document) would leave no site to check. */
const IDENTITY = new Set(['', '/apiVersion', '/kind', '/metadata', '/metadata/name']);
/** Lists whose entries are referred to by name elsewhere in the plan. */
const NAMED_LIST = /^\/(?:networks|layout\/(?:interfaces|bonds)|nodes\/\d+\/layout\/(?:interfaces|bonds))$/;

interface Target {
  segments: Segment[];
  unknownKey: boolean;
}

interface Removal {
  path: string;
  unknownKey: boolean;
}

/**
 * The parts of `data` that parse, given the issues `siteSchema` found in it; undefined when
 * nothing useful is left (identity or root broken, or no convergence within the bounds).
 * Work: at most MAX_ROUNDS parses of a copy of `data`, which is size-limited upstream.
 */
export function salvageSite(data: unknown, issues: readonly Issue[]): SalvagedSite | undefined {
  const work = cloneTree(data);
  if (!isRecord(work)) return undefined;
  /** For a list that lost entries: the original index of each remaining entry. */
  const origins = new WeakMap<unknown[], number[]>();
  const toOriginal = (segments: readonly string[]): string => originalPointer(work, origins, segments);

  const removals: Removal[] = [];
  const removedNames = new Set<string>();
  const shortenedLists = new Set<string>();
  let pending: readonly Issue[] = issues;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const targets = targetsOf(work, pending);
    if (!targets || targets.length === 0) return undefined;

    // Every pointer is resolved before anything moves; then each list shrinks in one pass.
    const splices = new Map<unknown[], number[]>();
    for (const { segments, unknownKey } of targets) {
      const path = toOriginal(segments.map(String));
      removals.push({ path, unknownKey });
      for (const name of namesDefinedBy(path, valueAt(data, pointerSegments(path)))) removedNames.add(name);
      const container = valueAt(work, segments.slice(0, -1)) as Record<string, unknown> | unknown[];
      const key = segments[segments.length - 1]!;
      if (Array.isArray(container)) {
        const indexes = splices.get(container) ?? [];
        indexes.push(Number(key));
        splices.set(container, indexes);
        shortenedLists.add(path.slice(0, path.lastIndexOf('/')));
      } else {
        delete container[String(key)];
      }
    }
    for (const [list, indexes] of splices) {
      const drop = new Set(indexes);
      const original = (origins.get(list) ?? list.map((_, i) => i)).filter((_, i) => !drop.has(i));
      const kept = list.filter((_, i) => !drop.has(i));
      list.length = 0;
      for (const entry of kept) list.push(entry);
      origins.set(list, original);
    }

    const result = siteSchema.safeParse(work);
    if (result.success) {
      const unique = outermost(removals).sort((a, b) => comparePointers(a.path, b.path));
      return {
        site: result.data,
        removed: unique.map((r) => r.path),
        unknownKeys: unique.filter((r) => r.unknownKey).map((r) => r.path),
        removedNames: [...removedNames],
        shortenedLists: [...shortenedLists],
        toOriginal: (path) => toOriginal(pointerSegments(path)),
      };
    }
    pending = result.error.issues;
  }
  return undefined;
}

/** What to remove for these issues, outermost only; undefined when that would be the identity or the root. */
function targetsOf(work: unknown, issues: readonly Issue[]): Target[] | undefined {
  const found: Target[] = [];
  for (const issue of issues) {
    const path = issue.path.map((s) => (typeof s === 'number' ? s : String(s)));
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) found.push({ segments: [...path, key], unknownKey: true });
      continue;
    }
    // A missing value cannot be removed: its section (or list entry) goes instead.
    let segments = path;
    while (segments.length > 0 && !exists(work, segments)) segments = segments.slice(0, -1);
    found.push({ segments, unknownKey: false });
  }
  const targets: Target[] = [];
  const taken = new Set<string>();
  for (const target of found.sort((a, b) => a.segments.length - b.segments.length)) {
    const at = pointer(...target.segments);
    if (IDENTITY.has(at)) return undefined;
    if (taken.has(at) || [...ancestors(at)].some((a) => taken.has(a))) continue;
    taken.add(at);
    targets.push(target);
  }
  return targets;
}

/** Removals not inside another one (a value removed, then the entry that held it): one per place. */
function outermost(removals: readonly Removal[]): Removal[] {
  const kept = new Map<string, Removal>();
  const depth = (path: string) => pointerSegments(path).length;
  for (const removal of [...removals].sort((a, b) => depth(a.path) - depth(b.path))) {
    if (kept.has(removal.path) || [...ancestors(removal.path)].some((a) => kept.has(a))) continue;
    kept.set(removal.path, removal);
  }
  return [...kept.values()];
}

/** Names a removed value defined, when it is (or holds the entries of) a list referred to by name. */
function namesDefinedBy(path: string, value: unknown): string[] {
  const nameOf = (entry: unknown): string | undefined =>
    typeof entry === 'string' ? entry : isRecord(entry) && typeof entry.name === 'string' ? entry.name : undefined;
  let names: (string | undefined)[] = [];
  if (NAMED_LIST.test(path) && Array.isArray(value)) names = value.map(nameOf);
  else if (NAMED_LIST.test(path.slice(0, path.lastIndexOf('/')))) names = [nameOf(value)];
  return names.filter((n): n is string => n !== undefined && n.trim() !== '');
}

function originalPointer(work: unknown, origins: WeakMap<unknown[], number[]>, segments: readonly string[]): string {
  const out: Segment[] = [];
  let node: unknown = work;
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment) && Number(segment) < node.length) {
      const index = Number(segment);
      out.push(origins.get(node)?.[index] ?? index);
      node = node[index];
    } else {
      out.push(segment);
      node = isRecord(node) && Object.hasOwn(node, segment) ? node[segment] : undefined;
    }
  }
  return pointer(...out);
}

function exists(root: unknown, segments: readonly Segment[]): boolean {
  let node = root;
  for (const segment of segments) {
    if (Array.isArray(node)) {
      if (typeof segment !== 'number' || segment >= node.length) return false;
      node = node[segment];
    } else if (isRecord(node)) {
      if (!Object.hasOwn(node, String(segment))) return false;
      node = node[String(segment)];
    } else {
      return false;
    }
    if (node === undefined) return false;
  }
  return true;
}

function valueAt(root: unknown, segments: readonly Segment[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isRecord(node) && Object.hasOwn(node, String(segment))) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

/** The pointers that contain `at`, nearest first, ending with '' (the whole document). */
export function* ancestors(at: string): Iterable<string> {
  for (let i = at.lastIndexOf('/'); i > 0; i = at.lastIndexOf('/', i - 1)) yield at.slice(0, i);
  if (at !== '') yield '';
}

function comparePointers(a: string, b: string): number {
  const x = pointerSegments(a);
  const y = pointerSegments(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const s = x[i]!;
    const t = y[i]!;
    if (s === t) continue;
    if (/^\d+$/.test(s) && /^\d+$/.test(t)) return Number(s) - Number(t);
    return s < t ? -1 : 1;
  }
  return x.length - y.length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class Unsalvageable extends Error {}

/**
 * A tree copy: YAML aliases share objects in the parsed data, and a removal in one place
 * must not happen in the other. A cycle (a recursive alias) or absurd depth: no copy.
 */
function cloneTree(value: unknown): unknown {
  const path: object[] = [];
  const copy = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (path.length >= MAX_DEPTH || path.includes(node)) throw new Unsalvageable();
    path.push(node);
    let out: unknown;
    if (Array.isArray(node)) {
      out = node.map(copy);
    } else {
      const record: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        // '__proto__' is an ordinary (unknown) key of the file; keep it one.
        Object.defineProperty(record, key, { value: copy(child), enumerable: true, writable: true, configurable: true });
      }
      out = record;
    }
    path.pop();
    return out;
  };
  try {
    return copy(value);
  } catch (error) {
    if (error instanceof Unsalvageable) return undefined;
    throw error;
  }
}
