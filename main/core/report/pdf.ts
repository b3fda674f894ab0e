// report.html → PDF through a headless Chromium installed on the machine (Debian's
// /usr/bin/chromium, Chrome, or SITEKIT_CHROMIUM). Fixed arguments, a throwaway profile (so a
// running browser is never touched), a time limit, and the PDF placed atomically.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, constants, mkdtemp, open, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];
export const CHROMIUM_INSTALL_HINT = 'sudo apt-get install -y chromium';

async function executable(file: string): Promise<boolean> {
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** The Chromium to print with: SITEKIT_CHROMIUM when set (and executable), else the first installed candidate. */
export async function findChromium(env: NodeJS.ProcessEnv = process.env, candidates = CHROMIUM_CANDIDATES): Promise<string | undefined> {
  const wanted = env.SITEKIT_CHROMIUM;
  if (wanted) return (await executable(wanted)) ? wanted : undefined;
  for (const c of candidates) if (await executable(c)) return c;
  return undefined;
}

export interface PdfOptions {
  timeoutMs?: number;
}

/** Prints htmlFile to pdfFile; throws with Chromium's own words when it fails. */
export async function htmlToPdf(chromium: string, htmlFile: string, pdfFile: string, options: PdfOptions = {}): Promise<void> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'sitekit-pdf-'));
  const target = path.resolve(pdfFile);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-extensions',
    '--no-first-run',
    `--user-data-dir=${profile}`,
    '--no-pdf-header-footer',
    `--print-to-pdf=${temp}`,
    pathToFileURL(path.resolve(htmlFile)).href,
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(chromium, args, { timeout: options.timeoutMs ?? 60_000, maxBuffer: 4 * 1024 * 1024 }, (error, _stdout, stderr) => {
        if (error) {
          const why = error.killed ? `timed out after ${(options.timeoutMs ?? 60_000) / 1000} s` : (stderr.trim().split('\n').slice(-3).join(' ') || error.message);
          reject(new Error(`${path.basename(chromium)} could not print the report: ${why}`));
        } else resolve();
      });
    });
    const handle = await open(temp, 'r').catch(() => undefined);
    if (!handle) throw new Error(`${path.basename(chromium)} ran but wrote no PDF`);
    const head = Buffer.alloc(5);
    await handle.read(head, 0, 5, 0);
    await handle.close();
    if (head.toString('latin1') !== '%PDF-') throw new Error(`${path.basename(chromium)} wrote something that is not a PDF`);
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
    await rm(profile, { recursive: true, force: true });
  }
}
