// The site bundle (DESIGN §4): site.yaml as written, install/, gitops/, validation.json,
// bundle.json and SHA256SUMS. Pure: returns the files; writeBundle (write.ts) puts
// them on disk atomically. Deterministic: every file is a function of the site and its
// findings, except bundle.json, the one place the generation time goes.
import { createHash } from 'node:crypto';
import type { Site } from '../../site/schema';
import type { Finding } from '../../validation/finding';
import { stepForPath } from '../../validation/step';
import { checkGenerated } from './checks';
import { toYaml, type GeneratedFile } from '../files';
import { gitopsTree, renderDocument, type GenerateIssue } from '../gitops';
import { installFiles } from '../install';
import { formatSecretFinding, scanFiles, type SecretFinding } from '../../export/secret-scan';

export { recoverBundle, writeBundle, type BundleFs, type SwapFaults, type SwapPoint, type WriteBundleOptions } from './write';
export { isoInputFiles, isoInputsProblem, parsePullSecret, writeIsoInputs } from './iso-inputs';

export interface BundleOptions {
  /** The site file's text exactly as given; the bundle carries it unchanged. */
  siteText?: string;
  /** Findings of the plan (checkSiteFile), recorded in validation.json. */
  findings?: readonly Finding[];
  /** Generate although there are errors; recorded as `forced: true`. */
  force?: boolean;
  /** Generation time for bundle.json (tests pass a fixed one). */
  now?: Date;
  toolVersion: string;
  /** Further files of later steps (inventory/<node>.json, report.html); paths relative to the site folder. */
  extraFiles?: readonly GeneratedFile[];
}

export interface BundleResult {
  /** The bundle's files, sorted by path; empty when refused. */
  files: GeneratedFile[];
  /** Plan findings followed by the generator's own. */
  findings: Finding[];
  /** True when errors stopped the generation (no --force), or a secret did. */
  refused: boolean;
  /**
   * Lines of the bundle's files that look like a secret (file and line, never the value): the
   * plan with its comments, the extra files (inventories, report) and what is generated. Any
   * of them refuses the bundle, --force or not; paths are relative to the bundle folder.
   */
  secrets: SecretFinding[];
}

export const BUNDLE_METADATA = 'bundle.json';
export const CHECKSUMS = 'SHA256SUMS';

function toFinding(issue: GenerateIssue): Finding {
  return { ...issue, step: issue.path === '' ? 'export' : stepForPath(issue.path) };
}

/** `sha256  path` lines of every file, sorted by path: `sha256sum -c SHA256SUMS` checks them. */
export function checksums(files: readonly GeneratedFile[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${createHash('sha256').update(f.content, 'utf8').digest('hex')}  ${f.path}\n`)
    .join('');
}

/** The plan first (the file the technician edits), then the other files by path; by line within a file. */
const byPathAndLine = (a: SecretFinding, b: SecretFinding) => {
  const key = (f: SecretFinding) => (f.path === 'site.yaml' ? '' : f.path);
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.line - b.line;
};

/** Secret-scan hits as error findings of the Generate & export step, for a list of findings (the preview). */
export function secretFindings(secrets: readonly SecretFinding[]): Finding[] {
  return secrets.map((secret) => ({
    id: 'bundle.secret',
    severity: 'error',
    step: 'export',
    path: '',
    message: `${formatSecretFinding(secret)}: a bundle never carries a secret, force or not`,
    hint: 'Remove it from the file (a secret belongs in the Sitekit secret store, referenced by secretRef) and generate again.',
  }));
}

export function generateBundle(site: Site, options: BundleOptions): BundleResult {
  const tree = gitopsTree(site);
  const generated = [...tree.issues, ...checkGenerated(site, tree.documents)].map(toFinding);
  const findings = [...(options.findings ?? []), ...generated];
  const errors = findings.filter((f) => f.severity === 'error');
  const forced = options.force === true && errors.length > 0;
  // What the caller hands in (the plan with its comments, inventories, report) is scanned
  // first, so a refused plan still names its secrets; force never lets one through.
  const inputs: GeneratedFile[] = [{ path: 'site.yaml', content: options.siteText ?? toYaml(site) }, ...(options.extraFiles ?? [])];
  const inputSecrets = scanFiles(inputs);
  if (errors.length > 0 && !options.force) return { files: [], findings, refused: true, secrets: inputSecrets.sort(byPathAndLine) };

  const content: GeneratedFile[] = [
    inputs[0]!,
    ...installFiles(site),
    ...tree.documents.map(renderDocument),
    ...inputs.slice(1),
    { path: 'validation.json', content: validationJson(site, findings, forced) },
    {
      path: BUNDLE_METADATA,
      content:
        JSON.stringify(
          { siteName: site.metadata.name, toolVersion: options.toolVersion, generatedAt: (options.now ?? new Date()).toISOString() },
          null,
          2,
        ) + '\n',
    },
  ];
  const files = [...content, { path: CHECKSUMS, content: checksums(content) }].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const secrets = [...inputSecrets, ...scanFiles(files.filter((f) => !inputs.includes(f)))].sort(byPathAndLine);
  if (secrets.length > 0) return { files: [], findings, refused: true, secrets };
  return { files, findings, refused: false, secrets: [] };
}

function validationJson(site: Site, findings: readonly Finding[], forced: boolean): string {
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  return (
    JSON.stringify(
      {
        siteName: site.metadata.name,
        forced,
        errors: count('error'),
        warnings: count('warning'),
        notes: count('info'),
        findings: findings.map((f) => ({
          id: f.id,
          severity: f.severity,
          step: f.step,
          path: f.path,
          message: f.message,
          ...(f.hint !== undefined ? { hint: f.hint } : {}),
          ...(f.position ? { position: f.position } : {}),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
