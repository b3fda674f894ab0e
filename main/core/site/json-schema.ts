// The JSON Schema of site.yaml, generated from the zod schema so the two cannot drift.
// It ships in resources/schemas/ for editors (yaml-language-server) and is what
// `sitekit schema` prints. It describes the file as written (zod "input" side).
import { z } from 'zod';
import { siteSchema } from './schema';

export const SITE_SCHEMA_ID = 'https://sitekit.acp.io/schemas/site.v1alpha1.schema.json';

export function siteJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(siteSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, $id: SITE_SCHEMA_ID, ...rest };
}

/** The exact text of resources/schemas/site.schema.json: stable, 2-space, trailing newline. */
export function siteJsonSchemaText(): string {
  return JSON.stringify(siteJsonSchema(), null, 2) + '\n';
}
