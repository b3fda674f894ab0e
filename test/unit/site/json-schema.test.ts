import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SITE_SCHEMA_ID, siteJsonSchema, siteJsonSchemaText } from '../../../main/core/site/json-schema';
import { SITE_API_VERSION } from '../../../main/core/site/schema';

const CHECKED_IN = fileURLToPath(new URL('../../../resources/schemas/site.schema.json', import.meta.url));

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  [key: string]: unknown;
};

/** Every object schema in the tree, with its location. */
function objects(schema: JsonSchema, at = '#', out: [string, JsonSchema][] = []): [string, JsonSchema][] {
  if (schema.type === 'object' && schema.properties) out.push([at, schema]);
  for (const [key, child] of Object.entries(schema.properties ?? {})) objects(child, `${at}/properties/${key}`, out);
  if (schema.items) objects(schema.items, `${at}/items`, out);
  schema.anyOf?.forEach((child, i) => objects(child, `${at}/anyOf/${i}`, out));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    objects(schema.additionalProperties as JsonSchema, `${at}/additionalProperties`, out);
  }
  return out;
}

describe('site JSON Schema', () => {
  it('is checked in up to date (run npm run schema)', () => {
    const current = readFileSync(CHECKED_IN, 'utf8');
    expect(current === siteJsonSchemaText(), 'resources/schemas/site.schema.json is out of date: run npm run schema').toBe(true);
  });

  it('is a draft 2020-12 schema with an $id', () => {
    const schema = siteJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(SITE_SCHEMA_ID);
    expect(Object.keys(schema).slice(0, 2)).toEqual(['$schema', '$id']);
  });

  it('closes every object, so a typo is flagged in the editor too', () => {
    const all = objects(siteJsonSchema() as JsonSchema);
    expect(all.length).toBeGreaterThan(15);
    for (const [at, schema] of all) {
      expect(schema.additionalProperties, at).toBe(false);
    }
  });

  it('requires what the zod schema requires and describes the file as written', () => {
    const schema = siteJsonSchema() as JsonSchema;
    expect(schema.required).toEqual(
      expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'cluster', 'networks', 'layout', 'nodes', 'odf', 'virtualization']),
    );
    expect(schema.required).not.toContain('gitops');
    const props = schema.properties!;
    expect(props.apiVersion).toMatchObject({ const: SITE_API_VERSION });
    expect(props.cluster!.required).toEqual(expect.arrayContaining(['name', 'baseDomain', 'pullSecret', 'sshPublicKey']));
    expect(props.nodes!.items!.required).toEqual(['hostname', 'interfaces', 'addresses']);
    // The vlan may be written as a number or "untagged" (input side of the schema).
    const vlan = props.networks!.items!.properties!.vlan!;
    expect(JSON.stringify(vlan)).toContain('untagged');
    expect(JSON.stringify(vlan)).toContain('4094');
  });
});
