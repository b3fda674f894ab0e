// The handover report as a PDF in browser mode: the web host has no Electron to print with, so
// it uses the same headless Chromium as `sitekit report --pdf` (core/report/pdf.ts) when one is
// installed. The HTML goes to a private temp folder, Chromium prints it there, and the bytes
// come back; the caller (report.write) places report.pdf next to the site.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_CANDIDATES, CHROMIUM_INSTALL_HINT, findChromium, htmlToPdf, type PdfOptions } from '../core/report/pdf';

export type PrintPdf = (html: string) => Promise<Uint8Array>;

/** Prints report HTML to PDF bytes with the given Chromium binary. */
export function createChromiumPdfPrinter(chromium: string, options: PdfOptions = {}): PrintPdf {
  return async (html) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sitekit-report-'));
    try {
      const htmlFile = path.join(dir, 'report.html');
      const pdfFile = path.join(dir, 'report.pdf');
      await writeFile(htmlFile, html, { mode: 0o600 });
      await htmlToPdf(chromium, htmlFile, pdfFile, options);
      return new Uint8Array(await readFile(pdfFile));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

/**
 * What the web host passes to createHandlers: `printPdf` when a Chromium is installed, else the
 * plain words report.write answers with when a PDF is asked for.
 */
export async function webPdfDeps(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = CHROMIUM_CANDIDATES,
): Promise<{ printPdf: PrintPdf } | { pdfUnavailableReason: string }> {
  const chromium = await findChromium(env, [...candidates]);
  if (chromium) return { printPdf: createChromiumPdfPrinter(chromium) };
  const where = env.SITEKIT_CHROMIUM
    ? `SITEKIT_CHROMIUM (${env.SITEKIT_CHROMIUM}) is not a program that can be run`
    : 'Chromium or Chrome is not installed on this computer';
  return {
    pdfUnavailableReason:
      `No PDF was made: printing needs Chromium or Chrome, and ${where} (install it with "${CHROMIUM_INSTALL_HINT}"). ` +
      'Open report.html in any browser and print it to PDF (A4).',
  };
}
