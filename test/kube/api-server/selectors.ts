// Label and field selectors of LIST and WATCH (k8s.io/apimachinery pkg/labels/selector.go
// syntax: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x,y)`; pkg/fields: `f=v`,
// `f==v`, `f!=v` on metadata.name / metadata.namespace, the field labels every resource supports).

import { isObject, type JsonObject } from './fieldset.js';
import { badRequest } from './status.js';

export type Matcher = (object: JsonObject) => boolean;

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function labelsOf(object: JsonObject): Record<string, string> {
  const metadata = object.metadata;
  const labels = isObject(metadata) && isObject(metadata.labels) ? metadata.labels : {};
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
}

export function parseLabelSelector(text: string | null): Matcher {
  if (!text) return () => true;
  const requirements: Matcher[] = splitTopLevel(text).map((term) => {
    let m = /^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m) {
      const key = m[1]!;
      const values = m[3]!.split(',').map((v) => v.trim());
      return m[2] === 'in'
        ? (o) => values.includes(labelsOf(o)[key] ?? '\u0000')
        : (o) => !values.includes(labelsOf(o)[key] ?? '\u0000');
    }
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (m) {
      const [, key, op, value] = m as unknown as [string, string, string, string];
      return op === '!=' ? (o) => labelsOf(o)[key] !== value : (o) => labelsOf(o)[key] === value;
    }
    m = /^(!?)([^=!\s()]+)$/.exec(term);
    if (m) {
      const key = m[2]!;
      return m[1] ? (o) => !(key in labelsOf(o)) : (o) => key in labelsOf(o);
    }
    throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
  });
  return (object) => requirements.every((r) => r(object));
}

export function parseFieldSelector(text: string | null): Matcher {
  if (!text) return () => true;
  const requirements: Matcher[] = splitTopLevel(text).map((term) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    const [, field, op, value] = m as unknown as [string, string, string, string];
    if (field !== 'metadata.name' && field !== 'metadata.namespace') {
      throw badRequest(`field label not supported: ${field}`);
    }
    const key = field.slice('metadata.'.length);
    const read = (o: JsonObject): string => (isObject(o.metadata) ? String(o.metadata[key] ?? '') : '');
    return op === '!=' ? (o) => read(o) !== value : (o) => read(o) === value;
  });
  return (object) => requirements.every((r) => r(object));
}
