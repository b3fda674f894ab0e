// The readiness checklist on the command line: what the CLI can know (the plan, the
// inventories stored by `sitekit probe` next to site.yaml) and, said plainly, what it cannot
// (the secret store lives in the app; validate and report do not look for bundles or exports).
// An item the CLI cannot know never changes the exit code.
import path from 'node:path';
import { checkInventories } from '../core/probe/checks';
import type { NodeInventory } from '../core/probe/inventory';
import { judgeTlsResults } from '../core/plant/tls-judge';
import { loadInventories } from '../core/probe/store';
import { readinessLines, readiness as judgeReadiness, type Readiness, type ReadinessFacts } from '../core/readiness';
import { requiredSecrets } from '../core/site/required-secrets';
import type { Site } from '../core/site/schema';
import type { Finding } from '../core/validation/finding';
import { paint } from './io';

export const CLI_UNKNOWN: NonNullable<ReadinessFacts['unknown']> = {
  secrets: 'The command line has no secret store: the Sitekit app shows whether they are stored.',
  bundle: 'Not looked at by this command (sitekit generate writes the bundle).',
  export: 'Not looked at by this command (sitekit export commits the bundle).',
};

export interface CliInventories {
  inventories: NodeInventory[];
  /** Hardware findings of the stored inventories. */
  hardware: Finding[];
  /** False when the .sitekit folder could not be read. */
  readable: boolean;
}

/** The inventories stored next to the site file, and their hardware checks. */
export async function storedInventories(site: Site, siteFile: string): Promise<CliInventories> {
  try {
    const inventories = judgeTlsResults(site, await loadInventories(path.dirname(path.resolve(siteFile))));
    return { inventories, hardware: inventories.length ? checkInventories(site, inventories) : [], readable: true };
  } catch {
    return { inventories: [], hardware: [], readable: false };
  }
}

export function cliReadiness(site: Site, planFindings: readonly Finding[], stored: CliInventories): Readiness {
  return judgeReadiness({
    findings: [...planFindings, ...stored.hardware],
    nodes: site.nodes.map((n) => n.hostname),
    ...(stored.readable ? { discovered: stored.inventories.map((i) => i.node) } : {}),
    requiredSecrets: requiredSecrets(site),
    unknown: { ...CLI_UNKNOWN, ...(stored.readable ? {} : { hardware: 'The stored inventories (.sitekit/ next to site.yaml) could not be read.' }) },
  });
}

/** `plant-a: Not ready: …` and one line per item. */
export function formatReadiness(name: string, r: Readiness, color: boolean): string {
  const head = paint(color, 'bold', `${name}: ${r.summary}`);
  return [head, ...readinessLines(r)].map((line) => `${line}\n`).join('');
}
