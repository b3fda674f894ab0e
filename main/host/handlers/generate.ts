// bundle.* and report.*: what `sitekit generate` and `sitekit report` make, previewed,
// compared with an earlier bundle, written, or rendered for the UI.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  MAX_PREVIEW_BYTES,
  type BundleDiff,
  type BundleFileDiff,
  type BundlePreview,
  type BundleWriteResult,
  type ReportWriteResult,
} from '../../contract/api';
import { loadVerification } from '../../core/cluster/verification-store';
import { writeFileAtomic } from '../../core/fs/atomic-write';
import { formatSecretFinding } from '../../core/export/secret-scan';
import { generateBundle, recoverBundle, secretFindings, writeBundle, type BundleResult } from '../../core/generate/bundle';
import { REPORT_FILE, renderReport } from '../../core/report';
import { unifiedDiff } from '../line-diff';
import { HandlerError, fsError, resolveAbsolute, type HandlerContext, type ImplTable } from './common';
import { bundleTime, hostReadinessFacts } from './readiness-facts';

export const REPORT_PDF_FILE = 'report.pdf';
const NO_PDF_HERE = 'This Sitekit cannot print to PDF here. Open report.html in any browser and print it to PDF (A4).';

const MAX_COMPARED_FILES = 5000;
const MAX_COMPARED_BYTES = 4 * 1024 * 1024;

function isText(content: string): boolean {
  return !content.includes('\0');
}

async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), relPath);
      else if (entry.isFile()) {
        out.push(relPath);
        if (out.length > MAX_COMPARED_FILES) throw new HandlerError('too-large', `${root} holds more than ${MAX_COMPARED_FILES} files; it is not a bundle.`);
      }
    }
  };
  await walk(root, '');
  return out.sort();
}

export function generateHandlers(
  ctx: HandlerContext,
): ImplTable<'bundle.preview' | 'bundle.diff' | 'bundle.write' | 'report.render' | 'report.write'> {
  const generate = async (sitePath: string, force: boolean): Promise<BundleResult & { wouldRefuse: boolean }> => {
    const plan = await ctx.loadPlan(resolveAbsolute(sitePath, 'sitePath'));
    // validation.json records the readiness: the stored inventories and the secret store's names.
    const { readiness } = await hostReadinessFacts(ctx, plan.site, plan.file);
    const now = bundleTime();
    const options = { siteText: plan.text, findings: plan.check.findings, toolVersion: ctx.deps.version, readiness, ...(now ? { now } : {}) };
    const result = generateBundle(plan.site, { ...options, force: false });
    if (!result.refused || !force) return { ...result, wouldRefuse: result.refused };
    return { ...generateBundle(plan.site, { ...options, force: true }), wouldRefuse: true };
  };

  /** A bundle with a secret in it is never written nor compared, force or not: file and line, never the value. */
  const refuseSecrets = (result: BundleResult, what: string): void => {
    const n = result.secrets.length;
    if (n === 0) return;
    throw new HandlerError(
      'invalid-site',
      `${what}: ${n} line(s) look like a secret (${result.secrets.map(formatSecretFinding).join('; ')}). ` +
        'A bundle never carries a secret, force or not: remove it from the file (keep it in the secret store) and try again.',
    );
  };

  /** The handover report of a site with its plan findings, stored inventories and their hardware findings. */
  const renderSiteReport = async (sitePath: string): Promise<{ file: string; html: string }> => {
    const plan = await ctx.loadPlan(resolveAbsolute(sitePath, 'sitePath'));
    const { inventories, readiness } = await hostReadinessFacts(ctx, plan.site, plan.file);
    const html = renderReport({
      site: plan.site,
      siteText: plan.text,
      findings: [...plan.check.findings, ...(readiness.hardwareFindings ?? [])],
      inventories,
      generatedAt: bundleTime() ?? new Date(),
      toolVersion: ctx.deps.version,
      // The secret store's names; a report written on its own knows no bundle nor export.
      readiness: { ...(readiness.storedSecrets ? { storedSecrets: readiness.storedSecrets } : {}), unknown: readiness.unknown },
      // The last `cluster.verify` of this site (absent: the report says it was not verified yet).
      liveCluster: await loadVerification(path.dirname(plan.file)),
    });
    return { file: plan.file, html };
  };

  const writeOut = async (target: string, data: string | Uint8Array): Promise<void> => {
    try {
      await writeFileAtomic(target, data);
    } catch (error) {
      throw fsError(error, target) ?? new HandlerError('io-error', `Cannot write ${target}: ${(error as Error).message}`);
    }
  };

  return {
    'bundle.preview': async ({ sitePath }): Promise<BundlePreview> => {
      // A refused plan is still previewed (as it would be written with force).
      const result = await generate(sitePath, true);
      return {
        files: result.files.map((f) => {
          const size = Buffer.byteLength(f.content);
          return size <= MAX_PREVIEW_BYTES && isText(f.content) ? { path: f.path, size, content: f.content } : { path: f.path, size };
        }),
        findings: [...result.findings, ...secretFindings(result.secrets)],
        refused: result.wouldRefuse,
      };
    },

    'bundle.diff': async ({ sitePath, against }): Promise<BundleDiff> => {
      const dir = resolveAbsolute(against, 'against');
      // The diff shows the old files' text: only a folder the person chose or one in the site's
      // folder (the default bundle/), never Sitekit's data. Checked before anything touches it.
      const site = resolveAbsolute(sitePath, 'sitePath');
      await ctx.files.readable(site, 'sitePath');
      await ctx.files.readableFolder(dir, 'against', path.dirname(site));
      // A generate that crashed mid-swap may have left the bundle aside: put it back first.
      await recoverBundle(dir).catch((error: unknown) => ctx.deps.logError?.(`Could not recover the bundle folder ${dir}`, error));
      const stat = await fs.stat(dir).catch((error: unknown) => {
        throw fsError(error, dir) ?? error;
      });
      if (!stat.isDirectory()) throw new HandlerError('invalid-input', `against must be a folder (${dir} is not).`);
      const result = await generate(sitePath, true);
      refuseSecrets(result, 'The bundle cannot be compared');
      const oldFiles = new Set(await listFiles(dir));
      const files: BundleFileDiff[] = [];
      let unchanged = 0;
      for (const f of result.files) {
        if (!oldFiles.has(f.path)) {
          const diff = unifiedDiff('', f.content, '/dev/null', `b/${f.path}`);
          files.push(diff === undefined ? { path: f.path, change: 'added' } : { path: f.path, change: 'added', diff });
          continue;
        }
        oldFiles.delete(f.path);
        const file = path.join(dir, f.path);
        const size = (await fs.stat(file)).size;
        const old = size <= MAX_COMPARED_BYTES ? await fs.readFile(file, 'utf8') : undefined;
        if (old === f.content) {
          unchanged++;
          continue;
        }
        const diff =
          old !== undefined && isText(old) && Buffer.byteLength(f.content) <= MAX_COMPARED_BYTES
            ? unifiedDiff(old, f.content, `a/${f.path}`, `b/${f.path}`)
            : undefined;
        files.push(diff === undefined ? { path: f.path, change: 'changed' } : { path: f.path, change: 'changed', diff });
      }
      for (const gone of oldFiles) files.push({ path: gone, change: 'removed' });
      files.sort((x, y) => x.path.localeCompare(y.path));
      return { against: dir, files, unchanged };
    },

    'bundle.write': async ({ sitePath, outDir, force }): Promise<BundleWriteResult> => {
      const target = resolveAbsolute(outDir, 'outDir');
      await ctx.files.refusePrivate(target, 'outDir');
      const result = await generate(sitePath, force === true);
      refuseSecrets(result, 'The bundle was not written');
      if (result.refused) {
        const errors = result.findings.filter((f) => f.severity === 'error').length;
        throw new HandlerError('invalid-site', `The bundle was not written: ${errors} error(s) in the plan. Fix them, or write with force (recorded).`);
      }
      try {
        await writeBundle(target, result.files);
      } catch (error) {
        throw fsError(error, target) ?? new HandlerError('io-error', `Cannot write ${target}: ${(error as Error).message}`);
      }
      return { outDir: target, files: result.files.length, forced: result.wouldRefuse };
    },

    'report.render': async ({ sitePath }) => (await renderSiteReport(sitePath)).html,

    'report.write': async ({ sitePath, pdf }): Promise<ReportWriteResult> => {
      const { file, html } = await renderSiteReport(sitePath);
      if (await ctx.isExample(file)) {
        throw new HandlerError('read-only', 'The bundled example is read-only: save it as your own site first, then write its report.');
      }
      const dir = path.dirname(file);
      const htmlPath = path.join(dir, REPORT_FILE);
      await writeOut(htmlPath, html);
      const result: ReportWriteResult = { path: htmlPath };
      if (pdf !== true) return result;

      const print = ctx.deps.printPdf;
      if (!print) {
        result.pdfUnavailable = ctx.deps.pdfUnavailableReason ?? NO_PDF_HERE;
        return result;
      }
      let bytes: Uint8Array;
      try {
        bytes = await print(html);
      } catch (error) {
        ctx.deps.logError?.('Could not print the report to PDF', error);
        const why = error instanceof Error ? error.message : String(error);
        result.pdfUnavailable = `The PDF could not be printed (${why}). Open report.html in any browser and print it to PDF (A4).`;
        return result;
      }
      const pdfPath = path.join(dir, REPORT_PDF_FILE);
      await writeOut(pdfPath, bytes);
      result.pdfPath = pdfPath;
      return result;
    },
  };
}
