// Every example site shipped in resources/examples, parsed, with its generated GitOps tree.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { gitopsTree, type GitopsDocument, type K8sObject } from '../../../../main/core/generate/gitops';
import { siteSchema, type Site } from '../../../../main/core/site/schema';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../../resources/examples/', import.meta.url));

export interface Example {
  name: string;
  file: string;
  text: string;
  site: Site;
}

export function examples(): Example[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.site.yaml'))
    .sort()
    .map((f) => {
      const file = path.join(EXAMPLES_DIR, f);
      const text = readFileSync(file, 'utf8');
      return { name: f.replace(/\.site\.yaml$/, ''), file, text, site: siteSchema.parse(YAML.parse(text)) };
    });
}

export function example(name: string): Site {
  const found = examples().find((e) => e.name === name);
  if (!found) throw new Error(`no example ${name}`);
  return structuredClone(found.site);
}

export function objectsOf(documents: readonly GitopsDocument[]): { doc: GitopsDocument; object: K8sObject }[] {
  return documents.flatMap((doc) => doc.objects.map((object) => ({ doc, object })));
}

export function allObjects(site: Site): K8sObject[] {
  return objectsOf(gitopsTree(site).documents).map((o) => o.object);
}

export function find(site: Site, kind: string, name?: string): K8sObject[] {
  return allObjects(site).filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
}
