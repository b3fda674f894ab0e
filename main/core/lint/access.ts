// Total accessors for YAML data of unknown shape: rules read hand-written files and must
// report what is there, never throw on what is missing or mistyped (the schema reports that).

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
export const obj = (v: unknown): Obj => (isObj(v) ? v : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const strs = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === 'string');

/** Entries of a list with their index, keeping only maps. */
export function objects(v: unknown): [number, Obj][] {
  return arr(v).flatMap((item, i) => (isObj(item) ? [[i, item] as [number, Obj]] : []));
}
