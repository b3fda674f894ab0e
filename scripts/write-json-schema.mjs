#!/usr/bin/env node
// Writes resources/schemas/site.schema.json from the zod site schema (npm run schema).
// `--check` only compares and exits 1 when the checked-in file is stale.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const target = new URL('../resources/schemas/site.schema.json', import.meta.url);
const { siteJsonSchemaText } = await tsImport('../main/core/site/json-schema.ts', import.meta.url);
const { writeFileAtomic } = await tsImport('../main/core/fs/atomic-write.ts', import.meta.url);

const text = siteJsonSchemaText();
const current = await readFile(target, 'utf8').catch(() => undefined);

if (process.argv.includes('--check')) {
  if (current !== text) {
    console.error('resources/schemas/site.schema.json is out of date: run npm run schema');
    process.exit(1);
  }
  console.log('resources/schemas/site.schema.json is up to date');
} else if (current === text) {
  console.log('resources/schemas/site.schema.json is up to date');
} else {
  await writeFileAtomic(fileURLToPath(target), text);
  console.log('wrote resources/schemas/site.schema.json');
}
