// Kubernetes label selectors (metav1.LabelSelector) as the API server evaluates them:
// matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist) all have to hold; an
// empty selector matches everything and a missing one matches nothing (policy/v1 PDBs and
// pod affinity terms both work that way).

export type Labels = Record<string, string>;

interface SelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: SelectorRequirement[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The selector in `value` when it has the shape of one, else undefined (matches nothing). */
export function asSelector(value: unknown): LabelSelector | undefined {
  if (!isRecord(value)) return undefined;
  const matchLabels = isRecord(value.matchLabels) ? stringMap(value.matchLabels) : undefined;
  const matchExpressions = Array.isArray(value.matchExpressions)
    ? value.matchExpressions.filter(isRecord).map((e) => ({
        key: String(e.key ?? ''),
        operator: String(e.operator ?? ''),
        values: Array.isArray(e.values) ? e.values.map(String) : undefined,
      }))
    : undefined;
  return { matchLabels, matchExpressions };
}

/** A map of string values (labels, matchLabels); other values are turned into text. */
export function stringMap(value: unknown): Labels {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

export function selectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const requirement of selector.matchExpressions ?? []) if (!requirementHolds(requirement, labels)) return false;
  return true;
}

function requirementHolds(requirement: SelectorRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const values = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return has && values.includes(labels[requirement.key]!);
    case 'NotIn':
      return !has || !values.includes(labels[requirement.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An unknown operator is rejected by the API server; such a selector selects nothing.
      return false;
  }
}
