// `sitekit schema`: the JSON Schema of site.yaml, for editors and other tools.
import { siteJsonSchemaText } from '../core/site/json-schema';
import type { CliIo } from './io';

export function schemaCommand(io: CliIo): number {
  io.out(siteJsonSchemaText());
  return 0;
}
