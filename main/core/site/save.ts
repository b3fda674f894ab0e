// Writes a plan back to site.yaml. An existing file is updated in place so the comments,
// key order and formatting a person wrote survive; a new file gets a fresh document with
// the yaml-language-server modeline so editors validate it against the shipped schema.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { resourcePath } from '../resources';
import type { Site, SiteInput } from './schema';
import { patchYamlText, renderYaml, type Json } from './yaml-patch';


/** The original text with the new plan applied; unchanged values keep their exact text. */
export function updateSiteText(originalText: string, site: SiteInput | Site): string {
  const data = toJson(site);
  return patchYamlText(originalText, data) ?? renderYaml(data);
}

/** A complete new site.yaml, starting with the schema modeline. */
export function newSiteText(site: SiteInput | Site, schemaRef = bundledSchemaRef()): string {
  return `${schemaModeline(schemaRef)}\n${renderYaml(toJson(site))}`;
}

export function schemaModeline(schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}`;
}

/**
 * Save atomically. `originalText` is the text the plan was loaded from; without it the
 * current file is read (a missing file means a new one). A site.yaml that is a symbolic link
 * (kept in a repository or a synced folder elsewhere) stays a link: the file it points to is
 * replaced, atomically next to it.
 */
export async function saveSiteFile(file: string, site: Site, originalText?: string): Promise<void> {
  const original = originalText ?? (await readIfExists(file));
  const text = original === undefined ? newSiteText(site, schemaRefFor(file)) : updateSiteText(original, site);
  await writeFileAtomic(file, text, { followSymlinks: true });
}

/**
 * The shipped JSON Schema as the modeline of `file` should name it: relative when the site
 * sits near the resources (a checkout), absolute otherwise, where `../../../..` would break
 * as soon as the folder moves.
 */
export function schemaRefFor(file: string): string {
  const schema = bundledSchemaRef();
  const relative = path.relative(path.dirname(path.resolve(file)), schema).split(path.sep).join('/');
  const levelsUp = relative.split('/').filter((part) => part === '..').length;
  return levelsUp <= 2 && !path.isAbsolute(relative) ? relative : schema.split(path.sep).join('/');
}

function bundledSchemaRef(): string {
  return resourcePath('schemas', 'site.schema.json');
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function toJson(site: SiteInput | Site): Json {
  // Drops undefined fields, the way they are absent from a file.
  return JSON.parse(JSON.stringify(site)) as Json;
}
