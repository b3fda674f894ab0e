// The readiness checklist as the app knows it (issue 11 §2), from what the wizard already
// holds: the findings of the plan as edited with those of the stored hardware, the
// inventories, the secret store's names (secrets.status: names only, never a value), and what
// this window wrote and exported from the saved plan. Core's judgement is pure, so it runs here.
import type { BundleWriteResult, ExportRunResult, InventoryView, SiteDocument } from '../../../main/contract/api';
import { readiness, type BundleFact, type ExportFact, type Readiness } from '../../../main/core/readiness';
import { requiredSecrets } from '../../../main/core/site/required-secrets';

/** What the Generate & export step's store knows (ExportState's fields of the same names). */
export interface ReadinessExportState {
  /** Names in the secret store; undefined until asked. */
  secretNames?: string[];
  /** Why the secret store could not be asked. */
  secretsProblem?: string;
  writeResult?: BundleWriteResult;
  /** The saved plan text the write was made from. */
  writtenPlan?: string;
  exportResult?: ExportRunResult;
  /** The saved plan text the export was made from. */
  exportedPlan?: string;
}

export interface AppReadinessInput {
  doc?: SiteDocument;
  inventories: readonly InventoryView[];
  /** The saved site.yaml text; a write or an export counts only when it was made from it. */
  savedText: string;
  /** Unsaved edits (or the read-only example): nothing written from the file shows them. */
  dirty: boolean;
  exporter: ReadinessExportState;
}

const exportedFrom = (input: AppReadinessInput) => {
  const result = input.exporter.exportResult;
  const ok = result && (result.status === 'committed' || result.status === 'unchanged') && result.oid && result.branch;
  return ok && !input.dirty && input.exporter.exportedPlan === input.savedText ? result : undefined;
};

/** Whether this window wrote (or exported) a bundle from the plan as saved now, and with force. */
export function appBundleFact(input: AppReadinessInput): BundleFact {
  if (input.dirty) return { written: false, note: 'The plan has unsaved edits: save it, then write the bundle from it.' };
  const { writeResult, writtenPlan } = input.exporter;
  if (writeResult && writtenPlan === input.savedText) return { written: true, forced: writeResult.forced };
  const exported = exportedFrom(input);
  if (exported) return { written: true, forced: exported.forced === true };
  return { written: false, note: 'Not written from the saved plan in this window yet.' };
}

function exportFact(input: AppReadinessInput): ExportFact {
  const exported = exportedFrom(input);
  if (exported) return { state: 'committed', oid: exported.oid!, branch: exported.branch! };
  return {
    state: 'none',
    note: 'Not exported from the saved plan in this window yet (exporting an unchanged site makes no new commit, so exporting again is safe).',
  };
}

/** The checklist; undefined while there is no readable plan. */
export function appReadiness(input: AppReadinessInput): Readiness | undefined {
  const site = input.doc?.site;
  if (!input.doc || !site) return undefined;
  const { secretNames, secretsProblem } = input.exporter;
  return readiness({
    findings: input.doc.findings,
    nodes: site.nodes.map((n) => n.hostname),
    discovered: input.inventories.map((i) => i.node),
    requiredSecrets: requiredSecrets(site),
    ...(secretNames ? { storedSecrets: secretNames } : {}),
    bundle: appBundleFact(input),
    exported: exportFact(input),
    unknown: { secrets: secretsProblem ? `The secret store could not be asked: ${secretsProblem}` : 'Asking the secret store…' },
  });
}
