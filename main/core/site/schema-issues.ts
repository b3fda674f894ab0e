// Turns zod issues into findings a technician can act on: the field name, what was found,
// what is expected, and for a typo the closest known field. zod's own messages
// ("Invalid input: expected int, received number") are written for programmers.
import type { z } from 'zod';
import type { Finding } from '../validation/finding';
import { pointer, stepForPath } from '../validation/step';

type Issue = z.core.$ZodIssue;
type Segment = PropertyKey;

export function issuesToFindings(issues: readonly Issue[], input: unknown, schema: z.ZodType): Finding[] {
  const findings: Finding[] = [];
  // A misspelt required key shows up twice (unknown 'hostPrefx', missing 'hostPrefix');
  // the unknown-key finding already names the fix, so the missing one is left out.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeysAt(schema, issue.path);
    for (const key of issue.keys) {
      const suggestion = closestKey(key, known);
      if (suggestion) suggested.add(pathKey([...issue.path, suggestion]));
      findings.push(
        finding('schema.unrecognized-keys', [...issue.path, key], unknownKeyMessage(key, suggestion), unknownKeyHint(suggestion, known)),
      );
    }
  }
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') continue;
    if (issue.code === 'invalid_type' && suggested.has(pathKey(issue.path)) && valueAt(input, issue.path) === undefined) continue;
    const { message, hint } = describeIssue(issue, input);
    // Every refine() in the site schema checks the shape of a value, hence invalid-format.
    const code = issue.code === 'custom' ? 'invalid_format' : issue.code;
    findings.push(finding(`schema.${code.replaceAll('_', '-')}`, issue.path, message, hint));
  }
  return findings;
}

function finding(id: string, path: readonly Segment[], message: string, hint?: string): Finding {
  const at = pointer(...path.map((segment) => (typeof segment === 'number' ? segment : String(segment))));
  return { id, severity: 'error', path: at, message, ...(hint ? { hint } : {}), step: stepForPath(at) };
}

function pathKey(path: readonly Segment[]): string {
  return JSON.stringify(path.map(String));
}

function unknownKeyMessage(key: string, suggestion: string | undefined): string {
  return suggestion ? `unknown field '${key}' — did you mean '${suggestion}'?` : `unknown field '${key}'`;
}

function unknownKeyHint(suggestion: string | undefined, known: string[]): string | undefined {
  if (suggestion) return `Rename it to '${suggestion}'.`;
  if (known.length > 0) return `Remove it; the fields allowed here are: ${known.join(', ')}.`;
  return 'Remove it.';
}

function describeIssue(issue: Issue, input: unknown): { message: string; hint?: string } {
  const value = valueAt(input, issue.path);
  const label = fieldLabel(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const last = issue.path[issue.path.length - 1];
      if (value === undefined && typeof last === 'string') {
        return { message: `required field '${last}' is missing`, hint: `Add '${last}' to this section.` };
      }
      const expected = describeExpected(issue.expected);
      if (value === null) return { message: `${label} has no value; it must be ${expected}` };
      return { message: `${label} must be ${expected}, not ${describeValue(value)}` };
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => `'${String(v)}'`);
      const expected = allowed.length === 1 ? allowed[0] : `one of ${allowed.join(', ')}`;
      return { message: `${label} must be ${expected}, not ${describeValue(value)}` };
    }
    case 'invalid_union': {
      const options = issue.errors.map((branch) => branch[0]).filter((i): i is Issue => i !== undefined);
      const expected = [...new Set(options.map(expectedOf))].join(' or ');
      return { message: `${label} must be ${expected}, not ${describeValue(value)}` };
    }
    case 'too_small':
    case 'too_big':
      return { message: sizeMessage(issue, label, value) };
    case 'invalid_format':
    case 'custom':
      return { message: formatMessage(issue, label, value) };
    default:
      return { message: `${label}: ${issue.message}` };
  }
}

function sizeMessage(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, label: string, value: unknown): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? (issue as z.core.$ZodIssueTooSmall).minimum : (issue as z.core.$ZodIssueTooBig).maximum);
  if (!/^Too (small|big)/.test(issue.message)) return `${label} is ${describeValue(value)}: ${issue.message}`;
  const bound = small ? 'at least' : 'at most';
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `${label} needs ${bound} ${limit} ${limit === 1 ? 'entry' : 'entries'}`;
    case 'string':
      if (small && limit === 1) return `${label} must not be empty`;
      return `${label} must be ${bound} ${limit} characters long`;
    default:
      return `${label} must be ${bound} ${limit}, not ${describeValue(value)}`;
  }
}

function formatMessage(issue: Issue, label: string, value: unknown): string {
  const found = typeof value === 'string' || typeof value === 'number' ? `; found '${String(value)}'` : '';
  const text = issue.message;
  if (/^Invalid/.test(text)) {
    const pattern = 'pattern' in issue && issue.pattern ? ` (${String(issue.pattern)})` : '';
    return `${label} is not in the expected format${pattern}${found}`;
  }
  if (text.startsWith('not ')) return `${label} is ${text}${found}`;
  if (text.startsWith('must ')) return `${label} ${text}${found}`;
  return `${label}: ${text}${found}`;
}

function expectedOf(issue: Issue): string {
  if (issue.code === 'invalid_type') return describeExpected(issue.expected);
  if (issue.code === 'invalid_value') return issue.values.map((v) => `'${String(v)}'`).join(' or ');
  return 'a valid value';
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'a section of fields (key: value)';
    default:
      return `a ${expected}`;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a section of fields';
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

function fieldLabel(path: readonly Segment[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the file';
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return parent === undefined ? `entry ${last + 1}` : `entry ${last + 1} of '${String(parent)}'`;
  }
  return `'${String(last)}'`;
}

function valueAt(input: unknown, path: readonly Segment[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

// --- the keys a strict object at a path accepts, read from the zod schema itself ---

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Unwrap optional/nullable/pipe wrappers down to the schema that describes the value. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(current);
    const next = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
    if (!next) return current;
    current = next;
  }
  return current;
}

function knownKeysAt(schema: z.ZodType, path: readonly Segment[]): string[] {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (!current) return [];
    const def = defOf(current);
    if (def.type === 'object') current = def.shape?.[String(segment)];
    else if (def.type === 'array') current = def.element;
    else if (def.type === 'record') current = def.valueType;
    else return [];
    if (current) current = unwrap(current);
  }
  const def = current ? defOf(current) : undefined;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** The known key a typo most likely meant, or undefined when nothing is close. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = Math.max(2, Math.floor(key.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
