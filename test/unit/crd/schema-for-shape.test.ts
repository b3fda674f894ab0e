// The cut schema (schema-for-shape.ts) must give exactly the verdict of the whole CRD schema:
// on every object the examples generate, and on broken variants of each (an unknown field, a
// wrong type deep inside, a required field removed, an unknown field inside an array element).
import { describe, expect, it } from 'vitest';
import { gvkOf, pruneNulls, schemaFile } from '../../../main/core/crd';
import { validatorFor, validatorForValue } from '../../../main/core/crd/schemas';
import { schemaForShape, shapeSignature } from '../../../main/core/crd/schema-for-shape';
import { allObjects, examples } from '../generate/gitops/examples';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function verdicts(object: Obj, strict: boolean): { whole: unknown; cut: unknown } | undefined {
  const file = schemaFile(gvkOf(object.apiVersion as string, object.kind as string));
  if (!file) return undefined;
  const whole = validatorFor(file, strict);
  if (!whole) return undefined;
  const { status: _s, ...value } = pruneNulls(object) as Obj;
  void _s;
  const cut = validatorForValue(file, strict, value)!;
  const summary = (ok: boolean, errors: typeof whole.errors) =>
    ({ ok, errors: (errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`).sort() });
  return { whole: summary(whole(value), whole.errors), cut: summary(cut(value), cut.errors) };
}

/** Broken copies of an object: each breaks it in one place the schema decides. */
function variants(object: Obj): Obj[] {
  const out: Obj[] = [];
  const spec = object.spec;
  if (isObj(spec)) {
    out.push({ ...object, spec: { ...spec, notAField: 1 } });
    const [firstKey] = Object.keys(spec);
    if (firstKey) out.push({ ...object, spec: { ...spec, [firstKey]: 12345 } });
    const { [firstKey ?? '']: _removed, ...rest } = spec;
    void _removed;
    if (firstKey) out.push({ ...object, spec: rest });
    for (const [key, value] of Object.entries(spec)) {
      if (Array.isArray(value) && isObj(value[0])) {
        out.push({ ...object, spec: { ...spec, [key]: [{ ...value[0], typoField: true }, ...value.slice(1)] } });
        out.push({ ...object, spec: { ...spec, [key]: [...value, 'not-an-object'] } });
      }
    }
  }
  out.push({ ...object, unknownTopLevel: 'x' });
  return out;
}

describe('a schema cut to the shape of the value', () => {
  const objects = examples().flatMap((e) => allObjects(e.site) as unknown as Obj[]);

  it('gives the verdict of the whole schema on every generated object and on broken copies of each', () => {
    let compared = 0;
    let rejected = 0;
    for (const object of objects) {
      for (const candidate of [object, ...variants(object)]) {
        for (const strict of [true, false]) {
          const result = verdicts(candidate, strict);
          if (!result) continue;
          expect(result.cut, `${candidate.kind as string} strict=${strict}`).toEqual(result.whole);
          compared++;
          if (!(result.whole as { ok: boolean }).ok) rejected++;
        }
      }
    }
    // The comparison covered many objects, and the broken copies were really rejected.
    expect(compared).toBeGreaterThan(200);
    expect(rejected).toBeGreaterThan(100);
  });

  it('keeps required, additionalProperties and the sub-schemas of present fields; drops absent ones', () => {
    const schema = {
      type: 'object',
      required: ['a'],
      additionalProperties: false,
      properties: { a: { type: 'object', properties: { x: { type: 'string' }, y: { type: 'integer' } } }, b: { type: 'string' } },
    };
    expect(schemaForShape(schema, [{ a: { y: 1 } }])).toEqual({
      type: 'object',
      required: ['a'],
      additionalProperties: false,
      properties: { a: { type: 'object', properties: { y: { type: 'integer' } } } },
    });
  });

  it('gives one signature per shape, whatever the values', () => {
    expect(shapeSignature({ a: 1, b: [{ c: 'x' }] })).toBe(shapeSignature({ b: [{ c: 'y' }, { c: 'z' }], a: 2 }));
    expect(shapeSignature({ a: 1 })).not.toBe(shapeSignature({ a: 1, b: 2 }));
    expect(shapeSignature({ b: [{ c: 1 }] })).not.toBe(shapeSignature({ b: [{ d: 1 }] }));
  });
});
