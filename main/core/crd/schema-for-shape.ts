// Cuts a CRD schema down to the fields a value actually has, so validating one object does not
// compile the whole schema. The verdict is the same as with the whole schema: every field the
// value has keeps its full sub-schema, `required` and `additionalProperties` are kept as they
// are (a missing required field or an unknown one is still reported), and only the schemas of
// fields the value does not have are left out — they could never be applied to it.
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type JsonObject = { [key: string]: Json };
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The schema restricted to the shapes of `values` (all instances this node applies to). */
export function schemaForShape(schema: Json, values: readonly unknown[]): Json {
  if (!isObject(schema)) return schema;
  const node = schema as JsonObject;
  const out: JsonObject = { ...node };
  const objects = values.filter(isObject);
  if (isObject(node.properties)) {
    const properties = node.properties as JsonObject;
    const kept: JsonObject = {};
    const present = new Set(objects.flatMap((o) => Object.keys(o)));
    for (const name of Object.keys(properties)) {
      if (!present.has(name)) continue;
      kept[name] = schemaForShape(properties[name]!, objects.map((o) => o[name]).filter((v) => v !== undefined));
    }
    out.properties = kept;
  }
  if (isObject(node.additionalProperties)) {
    const known = isObject(node.properties) ? new Set(Object.keys(node.properties)) : new Set<string>();
    const mapValues = objects.flatMap((o) => Object.entries(o).filter(([k]) => !known.has(k)).map(([, v]) => v));
    out.additionalProperties = schemaForShape(node.additionalProperties, mapValues);
  }
  if (isObject(node.items)) {
    out.items = schemaForShape(node.items, values.filter(Array.isArray).flat());
  }
  return out;
}

/**
 * A string that is equal for two values exactly when schemaForShape would cut a schema the
 * same way for them: the field names at every level (array elements merged), not the values.
 */
export function shapeSignature(value: unknown): string {
  return JSON.stringify(shapeOf([value]));
}

type Shape = { o?: Record<string, Shape>; a?: Shape } | 0;

function shapeOf(values: readonly unknown[]): Shape {
  const objects = values.filter(isObject);
  const arrays = values.filter(Array.isArray);
  if (objects.length === 0 && arrays.length === 0) return 0;
  const shape: { o?: Record<string, Shape>; a?: Shape } = {};
  if (objects.length > 0) {
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))].sort();
    shape.o = Object.fromEntries(keys.map((k) => [k, shapeOf(objects.map((o) => o[k]).filter((v) => v !== undefined))]));
  }
  if (arrays.length > 0) shape.a = shapeOf(arrays.flat());
  return shape;
}
