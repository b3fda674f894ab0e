// What every section reads: the input, each plan node with its inventory (when probed) and
// the checks' node context, and small formatters. Pure and deterministic: no clock, no I/O.
import type { StoredVerification } from '../cluster/verification-store';
import type { GeneratedFile } from '../generate/files';
import type { NodeInventory } from '../probe/inventory';
import { nodeContexts, type NodeContext } from '../probe/checks/context';
import { readiness as judgeReadiness, type Readiness, type ReadinessFacts } from '../readiness';
import { requiredSecrets } from '../site/required-secrets';
import type { Site, SiteNode } from '../site/schema';
import type { Finding, Severity } from '../validation/finding';

export interface ReportInput {
  site: Site;
  /** The site file's text; its SHA-256 is shown so the report names the exact plan. */
  siteText?: string;
  /** Plan findings (checkSiteFile) and hardware findings (checkInventories). */
  findings: readonly Finding[];
  inventories: readonly NodeInventory[];
  /** Generation time; passed in so the same input gives the same report. */
  generatedAt: Date | string;
  toolVersion: string;
  /** Files of the bundle the report travels in (paths or generated files), listed under Versions. */
  bundleFiles?: readonly (string | Pick<GeneratedFile, 'path'>)[];
  /**
   * The readiness checklist: the bundle's own (generateBundle) when the report travels in a
   * bundle, or what the caller knows beyond the plan and the inventories (the secret store's
   * names). Without it, those items are reported as not known.
   */
  readiness?: Readiness | ReportReadinessFacts;
  /**
   * The last verification of the live cluster (.sitekit/cluster/verification.json, see
   * core/cluster/verification-store.ts). Without it the report says the site was not verified
   * on a live cluster yet.
   */
  liveCluster?: StoredVerification;
}

export type ReportReadinessFacts = Pick<ReadinessFacts, 'storedSecrets' | 'bundle' | 'exported' | 'unknown'>;

/** Said for what a report written on its own cannot know. */
export const REPORT_UNKNOWN: NonNullable<ReadinessFacts['unknown']> = {
  secrets: 'The report was written without the secret store: check in the Sitekit app that they are stored.',
  bundle: 'The report was written on its own, not with a bundle.',
  export: 'The report was written on its own, not with an export.',
};

export interface ReportNode {
  node: SiteNode;
  index: number;
  inventory?: NodeInventory;
  /** The hardware checks' view of the node; present when it was probed. */
  ctx?: NodeContext;
}

export interface ReportContext {
  input: ReportInput;
  site: Site;
  nodes: ReportNode[];
  /** At least one node has an inventory. */
  probed: boolean;
  generatedAt: string;
  readiness: Readiness;
}

export function reportContext(input: ReportInput): ReportContext {
  const contexts = nodeContexts(input.site, input.inventories);
  const nodes = input.site.nodes.map((node, index) => {
    const ctx = contexts.find((c) => c.index === index);
    return { node, index, ...(ctx ? { inventory: ctx.inventory, ctx } : {}) };
  });
  const generatedAt = typeof input.generatedAt === 'string' ? input.generatedAt : input.generatedAt.toISOString();
  return { input, site: input.site, nodes, probed: nodes.some((n) => n.inventory), generatedAt, readiness: reportReadiness(input, nodes) };
}

function reportReadiness(input: ReportInput, nodes: readonly ReportNode[]): Readiness {
  const given = input.readiness;
  if (given && 'items' in given) return given;
  // The report is given the inventories stored next to the plan: which nodes have one is known.
  return judgeReadiness({
    ...given,
    findings: input.findings,
    nodes: input.site.nodes.map((n) => n.hostname),
    discovered: nodes.filter((n) => n.inventory).map((n) => n.node.hostname),
    requiredSecrets: requiredSecrets(input.site),
    unknown: { ...REPORT_UNKNOWN, ...given?.unknown },
  });
}

export function count(findings: readonly Finding[], severity: Severity): number {
  return findings.filter((f) => f.severity === severity).length;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `2026-11-21 12:00:00 UTC` from an ISO time; the text itself when it is not one. */
export function time(iso: string | undefined): string {
  if (!iso) return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Decimal units as disk vendors label them: 3.84 TB, 480 GB. */
export function size(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes >= 1e12) return `${(bytes / 1e12).toFixed(2)} TB`;
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(bytes >= 1e11 ? 0 : 1)} GB`;
  return `${(bytes / 1e6).toFixed(0)} MB`;
}

export function gib(bytes: number | undefined): string {
  return bytes === undefined ? '' : `${Math.round(bytes / 1024 ** 3)} GiB`;
}

export function speed(mbps: number | undefined): string {
  if (mbps === undefined) return '';
  return mbps >= 1000 ? `${+(mbps / 1000).toFixed(1)} Gb/s` : `${mbps} Mb/s`;
}

export const NOT_PROBED = 'Hardware not probed yet';

/** The plain "not probed" note a section shows instead of an empty table. */
export function notProbed(what: string): string {
  return `<p class="note not-probed"><strong>${NOT_PROBED}.</strong> ${what} Run <code>sitekit probe site.yaml</code> on site to fill this in.</p>`;
}
