// The objects a bundle puts on the cluster: every document of its gitops/ files (bootstrap,
// the Applications and what they sync). An object written twice (the mirror objects are in
// the bootstrap and in the operators Application) is compared once, as the later file has
// it: that is the copy Argo CD keeps in line. Also: which Application's folder a file is in.
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../client';
import { hookEffects } from './hook-effects';

export interface BundleObject {
  /** The bundle file, relative to the site folder (gitops/nmstate/acp-1-day2.yaml). */
  file: string;
  object: KubeObject;
  /** Not an object of the bundle but what one of its Sync hooks sets on another (hook-effects.ts). */
  effect?: {
    /** "the Sync hook Job sitekit-node-labels" */
    madeBy: string;
    /** Lists only need to contain the items (others add theirs: the console's plugin list). */
    listsContain?: boolean;
  };
}

export interface BundleFile {
  path: string;
  content: string;
}

function isObject(value: unknown): value is KubeObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const metadata = v.metadata as Record<string, unknown> | undefined;
  return typeof v.apiVersion === 'string' && typeof v.kind === 'string' && typeof metadata?.name === 'string';
}

export function refKey(object: KubeObject): string {
  return `${object.apiVersion}|${object.kind}|${object.metadata.namespace ?? ''}|${object.metadata.name}`;
}

/**
 * The objects of the gitops/ YAML files, in file order, each ref once (the later file wins),
 * followed by what their Sync hooks set on objects the bundle does not own (hook-effects.ts).
 */
export function bundleObjectsOf(files: readonly BundleFile[]): BundleObject[] {
  const byRef = new Map<string, BundleObject>();
  for (const file of files) {
    if (!file.path.startsWith('gitops/') || !/\.ya?ml$/.test(file.path)) continue;
    const parsed = parseAllDocuments(file.content);
    for (const document of Array.isArray(parsed) ? parsed : []) {
      if (document.errors.length > 0) continue;
      const value = document.toJS() as unknown;
      if (!isObject(value)) continue;
      const key = refKey(value);
      byRef.delete(key); // keep file order of the copy that wins
      byRef.set(key, { file: file.path, object: value });
    }
  }
  const objects = [...byRef.values()];
  return [...objects, ...hookEffects(objects)];
}

/**
 * The Application whose folder holds a bundle file: Applications sync
 * `<site path>/gitops/<folder>` recursively (core/generate/gitops/apps.ts).
 */
export function applicationForFile(objects: readonly BundleObject[], file: string): string | undefined {
  for (const { object } of objects) {
    if (object.kind !== 'Application') continue;
    const source = (object.spec as { source?: { path?: string } } | undefined)?.source;
    const at = source?.path?.lastIndexOf('/gitops/') ?? -1;
    if (at < 0) continue;
    const folder = source!.path!.slice(at + 1).replace(/\/+$/, '');
    if (file.startsWith(`${folder}/`)) return object.metadata.name;
  }
  return undefined;
}
