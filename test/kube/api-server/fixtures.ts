// Fixture objects (test/kube/fixtures, sources in its SOURCES.md) for seeding the test API
// server: `seedFixtures(server.store, 'plant-a/nodes.yaml', 'plant-a/clusterversion-installing.yaml')`.
// A `kind: List` file (what `oc get -o yaml` writes for several objects) gives its items.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { isObject, type JsonObject } from './fieldset.js';
import type { ObjectStore } from './store.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** The objects of one fixture file (path relative to test/kube/fixtures). */
export function loadFixture(name: string): JsonObject[] {
  const text = readFileSync(`${FIXTURES_DIR}${name}`, 'utf8');
  const objects: JsonObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    const value = doc.toJS() as unknown;
    if (!isObject(value)) continue;
    if (value.kind === 'List' && Array.isArray(value.items)) objects.push(...value.items.filter(isObject));
    else objects.push(value);
  }
  return objects;
}

/** Puts the objects of the fixture files into the store (new uid, resourceVersion and creationTimestamp, as on create). */
export function seedFixtures(store: ObjectStore, ...names: string[]): JsonObject[] {
  return names.flatMap((name) => loadFixture(name).map((object) => store.put(object)));
}
