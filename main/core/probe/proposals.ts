// Plan edits proposed from what a probe found, and applying the ones the user accepted.
// Applying goes through updateSiteText, so comments and formatting of site.yaml survive.
import type { Site, SiteInput } from '../site/schema';
import { updateSiteText } from '../site/save';
import { parseYaml } from '../site/yaml-parse';
import { pointerSegments } from '../validation/step';
import type { NodeInventory } from './inventory';
import { diskProposals } from './proposals/disks';
import { interfaceProposals } from './proposals/interfaces';
import type { Proposal } from './proposals/types';

export type { Proposal } from './proposals/types';

export function proposePlanEdits(site: Site, inventories: readonly NodeInventory[]): Proposal[] {
  return [...interfaceProposals(site, inventories), ...diskProposals(site, inventories)];
}

/** The site text with the accepted proposals applied; unknown ids are an error. */
export function applyProposals(siteText: string, proposals: readonly Proposal[], acceptedIds: readonly string[]): string {
  const byId = new Map(proposals.map((p) => [p.id, p]));
  const unknown = acceptedIds.filter((id) => !byId.has(id));
  if (unknown.length > 0) throw new Error(`no such proposal: ${unknown.join(', ')}`);
  const accepted = proposals.filter((p) => acceptedIds.includes(p.id));
  if (accepted.length === 0) return siteText;
  const document = parseYaml(siteText);
  if (document.errors.length > 0) throw new Error(`the site text is not readable YAML: ${document.errors[0]!.message}`);
  const data = document.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  for (const proposal of accepted) setAt(data, proposal.path, structuredClone(proposal.proposed));
  return updateSiteText(siteText, data as unknown as SiteInput | Site);
}

function setAt(root: Record<string, unknown>, path: string, value: unknown): void {
  const segments = pointerSegments(path);
  let parent: unknown = root;
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const nextIsIndex = !last && /^\d+$/.test(segments[i + 1]!);
    if (Array.isArray(parent)) {
      // An index at or past the end appends: accepting only some appends must still work.
      const index = Math.min(Number(segment), parent.length);
      if (last) parent[index] = value;
      else parent = parent[index] ??= nextIsIndex ? [] : {};
    } else if (parent && typeof parent === 'object') {
      const record = parent as Record<string, unknown>;
      if (last) record[segment] = value;
      else parent = record[segment] ??= nextIsIndex ? [] : {};
    } else {
      throw new Error(`cannot set ${path}: ${segments.slice(0, i).join('/')} is not an object`);
    }
  });
}
