// A generated file: a path relative to the site folder of the bundle (sites/<site>/) and its
// exact text. Generators return these; the bundle writer is the only code that touches disk.
import { stringify } from 'yaml';

export interface GeneratedFile {
  /** POSIX path relative to the site folder, e.g. `install/agent-config.yaml`. */
  path: string;
  content: string;
}

/**
 * YAML text of one or more Kubernetes-style objects, byte-stable for the same input:
 * key order is the order the generator built the object in, no line folding, no anchors.
 */
export function toYaml(...objects: unknown[]): string {
  return objects
    .map((object) => stringify(object, { lineWidth: 0, aliasDuplicateObjects: false, indentSeq: true }))
    .join('---\n');
}
