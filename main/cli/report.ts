// `sitekit report <site.yaml>`: the handover report (issue 6 §2) of a site with its plan
// findings, the stored inventories and their hardware findings, as report.html next to the
// site (or -o), and with --pdf as a PDF through a headless Chromium installed on the machine.
// Its summary is the readiness checklist as far as the command line knows it; the time in
// it is SOURCE_DATE_EPOCH when set (a malformed value is an error, exit 2).
import type { Command } from 'commander';
import path from 'node:path';
import { loadVerification } from '../core/cluster/verification-store';
import { writeFileAtomic } from '../core/fs/atomic-write';
import { sourceDateEpoch } from '../core/generate/bundle/source-date-epoch';
import { REPORT_FILE, renderReport } from '../core/report';
import { CHROMIUM_CANDIDATES, CHROMIUM_INSTALL_HINT, findChromium, htmlToPdf } from '../core/report/pdf';
import { readPlan } from './site-input';
import { toolVersion } from './generate';
import type { CliIo } from './io';
import { cliReadiness, formatReadiness, storedInventories } from './readiness';
import { EXIT_FINDINGS, EXIT_OK, EXIT_UNUSABLE } from './validate';

export interface ReportOptions {
  output?: string;
  /** true: next to the HTML file; a string: this file. */
  pdf?: boolean | string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export async function reportCommand(file: string, options: ReportOptions, io: CliIo): Promise<number> {
  const plan = await readPlan(file, io, 'no report');
  if (!plan.ok) return plan.code;
  const { site } = plan;
  const siteDir = path.dirname(path.resolve(file));
  let generatedAt: Date;
  try {
    generatedAt = sourceDateEpoch(process.env) ?? new Date();
  } catch (error) {
    io.err(`sitekit report: ${(error as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  const stored = await storedInventories(site, file);
  if (!stored.readable) io.err('sitekit report: the stored inventories cannot be read; reporting without hardware\n');
  const { inventories } = stored;
  const findings = [...plan.findings, ...stored.hardware];
  const readiness = cliReadiness(site, plan.findings, stored);
  const html = renderReport({
    site,
    siteText: plan.text,
    findings,
    inventories,
    generatedAt,
    toolVersion: toolVersion(),
    readiness,
    liveCluster: await loadVerification(siteDir),
  });
  const out = options.output ?? path.join(siteDir, REPORT_FILE);
  try {
    await writeFileAtomic(out, html);
  } catch (error) {
    io.err(`sitekit report: cannot write ${out}: ${(error as Error).message}\n`);
    return EXIT_UNUSABLE;
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const probed = site.nodes.filter((n) => inventories.some((i) => i.node === n.hostname)).length;
  const hw = probed ? `hardware of ${probed} of ${site.nodes.length} nodes` : 'hardware not probed yet';
  io.out(`${site.metadata.name}: report written to ${out} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}; ${hw})\n`);
  io.out(formatReadiness(site.metadata.name, readiness, io.color));

  if (options.pdf !== undefined && options.pdf !== false) {
    const pdf = typeof options.pdf === 'string' ? options.pdf : out.replace(/\.html?$/i, '') + '.pdf';
    const chromium = await findChromium();
    if (!chromium) {
      const where = process.env.SITEKIT_CHROMIUM ? `SITEKIT_CHROMIUM=${process.env.SITEKIT_CHROMIUM} is not an executable` : `none of ${CHROMIUM_CANDIDATES.join(', ')} is installed`;
      io.err(
        `sitekit report: no PDF: printing needs Chromium or Chrome, and ${where}.\n` +
          `  Install it with: ${CHROMIUM_INSTALL_HINT}   (or set SITEKIT_CHROMIUM to a Chromium/Chrome binary)\n` +
          `  ${out} was written; any browser can print it to PDF too.\n`,
      );
      return EXIT_UNUSABLE;
    }
    try {
      await htmlToPdf(chromium, out, pdf);
    } catch (error) {
      io.err(`sitekit report: no PDF: ${(error as Error).message}\n`);
      return EXIT_UNUSABLE;
    }
    io.out(`${site.metadata.name}: PDF written to ${pdf}\n`);
  }
  return errors ? EXIT_FINDINGS : EXIT_OK;
}

/** Adds the `report` command to the program; `done` receives the exit code. */
export function registerReport(program: Command, io: CliIo, done: (code: number) => void): void {
  program
    .command('report')
    .summary('write the handover report (report.html, optionally a PDF)')
    .description(
      'Write the handover report of a site: summary and validation state, topology picture, cabling ' +
        '(planned and as seen via LLDP), IP plan, disk layout with ODF capacity, every finding with its ' +
        'evidence, the hardware inventory and versions. It uses the plan, and the inventories stored by ' +
        'sitekit probe in .sitekit/ next to the site file when there are any. One self-contained HTML file ' +
        '(no scripts, nothing loaded from elsewhere) that prints on A4.\n\n' +
        '--pdf prints it to PDF with a headless Chromium or Chrome installed on this computer ' +
        `(${CHROMIUM_CANDIDATES.join(', ')}, or SITEKIT_CHROMIUM).\n\n` +
        'Exit code: 0 written and no errors, 1 written but the plan or hardware has errors (or the file is ' +
        'not a valid site: nothing written), 2 a file could not be used, or no Chromium for --pdf.',
    )
    .argument('<site.yaml>', 'the site file')
    .option('-o, --output <file>', `where to write the HTML (default: ${REPORT_FILE} next to site.yaml)`)
    .option('--pdf [file]', 'also print it to PDF (default: the HTML file name with .pdf)')
    .addHelpText('after', '\nExamples:\n  sitekit report site.yaml\n  sitekit report site.yaml -o handover.html --pdf\n')
    .action(async (file: string, options: ReportOptions) => {
      done(await reportCommand(file, options, io));
    });
}
