// The web host's PDF printer for report.write: a headless Chromium when installed, else words.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createChromiumPdfPrinter, webPdfDeps } from '../../../main/web/report-pdf';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A stand-in for Chromium: copies the HTML it was given into --print-to-pdf behind a PDF header. */
async function fakeChromium(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sitekit-chromium-'));
  dirs.push(dir);
  const file = path.join(dir, 'chromium');
  const script = [
    '#!/bin/sh',
    'out=""; url=""',
    'for a in "$@"; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; file://*) url="${a#file://}";; esac; done',
    '{ printf "%%PDF-1.4\\n"; cat "$url"; } > "$out"',
  ].join('\n');
  await writeFile(file, `${script}\n`, { mode: 0o755 });
  return file;
}

describe('web host PDF printing', () => {
  it('prints the HTML through Chromium and answers the PDF bytes, leaving no temp folder', async () => {
    const chromium = await fakeChromium();
    const before = (await readdir(tmpdir())).filter((n) => n.startsWith('sitekit-report-')).length;
    const bytes = await createChromiumPdfPrinter(chromium)('<!doctype html><title>plant-r</title>');
    expect(Buffer.from(bytes).toString('utf8')).toBe('%PDF-1.4\n<!doctype html><title>plant-r</title>');
    const after = (await readdir(tmpdir())).filter((n) => n.startsWith('sitekit-report-')).length;
    expect(after).toBe(before);
  });

  it('gives printPdf when a Chromium is found', async () => {
    const chromium = await fakeChromium();
    const deps = await webPdfDeps({ SITEKIT_CHROMIUM: chromium }, []);
    expect('printPdf' in deps).toBe(true);
  });

  it('without Chromium: no printPdf, and words that say how to get one', async () => {
    const deps = await webPdfDeps({}, ['/nonexistent/chromium']);
    expect('printPdf' in deps).toBe(false);
    expect(deps).toMatchObject({ pdfUnavailableReason: expect.stringMatching(/Chromium or Chrome is not installed.*apt-get install -y chromium.*browser/) });
    const wrong = await webPdfDeps({ SITEKIT_CHROMIUM: '/nonexistent/chrome' }, []);
    expect(wrong).toMatchObject({ pdfUnavailableReason: expect.stringContaining('SITEKIT_CHROMIUM (/nonexistent/chrome)') });
  });
});
