// Builds SiteDocuments for renderer tests from the bundled examples, with the real check
// (schema + rules) the host would run. Node-only (reads files); type-checked with
// tsconfig.renderer-tests.json, which adds Node types to the renderer's settings.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { summarize, type SiteDocument } from '../../../main/contract/api';
import { checkSiteText } from '../../../main/core/site/check';
import { applyFieldEdits } from '../../../main/core/site/edit';
import type { Finding } from '../../../main/core/validation/finding';

export type ExampleName = 'plant-a' | 'plant-b-racks';

export function examplePath(name: ExampleName = 'plant-a'): string {
  return fileURLToPath(new URL(`../../../resources/examples/${name}.site.yaml`, import.meta.url));
}

/** Absolute path of the plant-a example (the app's bundled example). */
export const EXAMPLE_PATH = examplePath('plant-a');

export function exampleText(name: ExampleName = 'plant-a'): string {
  return readFileSync(examplePath(name), 'utf8');
}

/** The document the host answers for a text, optionally with extra findings (e.g. from a probe). */
export function documentOf(text: string, options: { path?: string; readOnly?: boolean; extraFindings?: Finding[] } = {}): SiteDocument {
  const check = checkSiteText(text);
  const findings = [...check.findings, ...(options.extraFindings ?? [])];
  return {
    readOnly: options.readOnly ?? true,
    text,
    status: check.status,
    ...(check.site ? { site: check.site } : {}),
    ...(check.data !== undefined ? { data: check.data } : {}),
    findings,
    summary: summarize(findings),
    ...(check.error ? { error: check.error } : {}),
    ...(options.path ? { path: options.path } : {}),
  };
}

export function exampleDoc(name: ExampleName = 'plant-a', extraFindings: Finding[] = []): SiteDocument {
  return documentOf(exampleText(name), { path: examplePath(name), readOnly: true, extraFindings });
}

/** What site.edit answers: the edits applied to the text (comments kept), checked again. */
export function editedDoc(text: string, edits: ReadonlyArray<{ path: string; value?: unknown }>): SiteDocument {
  return documentOf(applyFieldEdits(text, edits), { readOnly: true });
}
