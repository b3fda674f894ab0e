// The site bundle (DESIGN §4): site.yaml as written, install/, gitops/, validation.json,
// bundle.json and SHA256SUMS. Pure: returns the files; writeBundle (write.ts) puts
// them on disk atomically. Deterministic: every file is a function of the site, its findings
// and the readiness facts given, except bundle.json (and a report passed in), where the
// generation time goes — a fixed one (SOURCE_DATE_EPOCH, see source-date-epoch.ts) makes the
// whole bundle byte-identical from run to run.
import { createHash } from 'node:crypto';
import { readiness as judgeReadiness, type BundleFact, type Readiness, type ReadinessFacts } from '../../readiness';
import { requiredSecrets } from '../../site/required-secrets';
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
export { SOURCE_DATE_EPOCH, SourceDateEpochError, sourceDateEpoch } from './source-date-epoch';

/**
 * What the caller knows for the readiness checklist in validation.json; what it leaves out
 * is recorded as not known. The plan findings, the nodes, the secrets the plan names and
 * whether this bundle was forced are the bundle's own.
 */
export type BundleReadinessFacts = Pick<ReadinessFacts, 'discovered' | 'storedSecrets' | 'exported' | 'unknown'> & {
  /** Findings of the discovered hardware (checkInventories). */
  hardwareFindings?: readonly Finding[];
};

/** Why validation.json of a bundle that is only written to a folder cannot say it was exported. */
export const EXPORT_UNKNOWN_TO_BUNDLE =
  'validation.json is written with the bundle, before any export; the export commit records it.';

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
  /**
   * Further files of later steps (inventory/<node>.json, report.html); paths relative to the
   * site folder. A function gets the bundle's readiness (the report shows it).
   */
  extraFiles?: readonly GeneratedFile[] | ((readiness: Readiness) => readonly GeneratedFile[]);
  /** Facts for the readiness checklist; without them those items are "not known". */
  readiness?: BundleReadinessFacts;
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
  /** The checklist recorded in validation.json (this bundle counts as written). */
  readiness: Readiness;
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
  const { hardwareFindings = [], unknown, ...known } = options.readiness ?? {};
  const judge = (bundle: BundleFact) =>
    judgeReadiness({
      ...known,
      findings: [...findings, ...hardwareFindings],
      nodes: site.nodes.map((n) => n.hostname),
      requiredSecrets: requiredSecrets(site),
      bundle,
      unknown: { export: EXPORT_UNKNOWN_TO_BUNDLE, ...unknown },
    });
  const readiness = judge({ written: true, forced });
  const extraFiles = typeof options.extraFiles === 'function' ? options.extraFiles(readiness) : (options.extraFiles ?? []);
  // What the caller hands in (the plan with its comments, inventories, report) is scanned
  // first, so a refused plan still names its secrets; force never lets one through.
  const inputs: GeneratedFile[] = [{ path: 'site.yaml', content: options.siteText ?? toYaml(site) }, ...extraFiles];
  const inputSecrets = scanFiles(inputs);
  const notWritten = () => judge({ written: false });
  if (errors.length > 0 && !options.force) return { files: [], findings, refused: true, secrets: inputSecrets.sort(byPathAndLine), readiness: notWritten() };

  const content: GeneratedFile[] = [
    inputs[0]!,
    ...installFiles(site, tree.documents),
    ...tree.documents.map(renderDocument),
    ...inputs.slice(1),
    { path: 'validation.json', content: validationJson(site, findings, forced, readiness) },
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
  if (secrets.length > 0) return { files: [], findings, refused: true, secrets, readiness: notWritten() };
  return { files, findings, refused: false, secrets: [], readiness };
}

function validationJson(site: Site, findings: readonly Finding[], forced: boolean, readiness: Readiness): string {
  const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
  return (
    JSON.stringify(
      {
        siteName: site.metadata.name,
        forced,
        errors: count('error'),
        warnings: count('warning'),
        notes: count('info'),
        // The checklist, not the counts, says whether the site is ready (issue 11 §2).
        readiness: {
          ready: readiness.ready,
          summary: readiness.summary,
          items: readiness.items.map((i) => ({ id: i.id, title: i.title, state: i.state, text: i.text })),
        },
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
