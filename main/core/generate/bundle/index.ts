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

export { writeBundle, type BundleFs, type WriteBundleOptions } from './write';
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
  /** True when errors stopped the generation (no --force). */
  refused: boolean;
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

/** Text that must never reach a bundle: a docker config (pull secret) has an `auths` map. */
const SECRET_MARKERS = [/"auths"\s*:/, /^\s*auths\s*:/m];

export function generateBundle(site: Site, options: BundleOptions): BundleResult {
  const tree = gitopsTree(site);
  const generated = [...tree.issues, ...checkGenerated(site, tree.documents)].map(toFinding);
  const findings = [...(options.findings ?? []), ...generated];
  const errors = findings.filter((f) => f.severity === 'error');
  const forced = options.force === true && errors.length > 0;
  if (errors.length > 0 && !options.force) return { files: [], findings, refused: true };

  const content: GeneratedFile[] = [
    { path: 'site.yaml', content: options.siteText ?? toYaml(site) },
    ...installFiles(site),
    ...tree.documents.map(renderDocument),
    ...(options.extraFiles ?? []),
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
  for (const file of content) {
    if (file.path === 'site.yaml') continue; // the plan holds only secret references (schema)
    if (SECRET_MARKERS.some((marker) => marker.test(file.content))) {
      throw new Error(`refusing to write ${file.path}: it looks like it contains a pull secret`);
    }
  }
  const files = [...content, { path: CHECKSUMS, content: checksums(content) }].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, findings, refused: false };
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
