import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../../main/core/report/pdf';
import { printReportToPdf, REPORT_PDF_WINDOW_OPTIONS, type PdfWindowLike } from '../../../main/electron/report-pdf';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function fakeBinary(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sitekit-chromium-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  await writeFile(file, '#!/bin/sh\n', { mode: 0o755 });
  return file;
}

describe('findChromium', () => {
  it('takes SITEKIT_CHROMIUM when it is executable, and nothing when it is not', async () => {
    const bin = await fakeBinary('chromium');
    expect(await findChromium({ SITEKIT_CHROMIUM: bin }, [])).toBe(bin);
    expect(await findChromium({ SITEKIT_CHROMIUM: `${bin}-missing` }, [bin])).toBeUndefined();
  });

  it('else the first installed candidate', async () => {
    const bin = await fakeBinary('google-chrome');
    expect(await findChromium({}, ['/nonexistent/chromium', bin])).toBe(bin);
    expect(await findChromium({}, ['/nonexistent/chromium'])).toBeUndefined();
  });
});

describe('printReportToPdf (Electron, injected window)', () => {
  it('loads the report as a data URL with JavaScript off, prints A4 with the CSS page sizes, and closes the window', async () => {
    const calls: string[] = [];
    let loaded = '';
    const win: PdfWindowLike = {
      webContents: {
        loadURL: async (url) => {
          loaded = url;
          calls.push('load');
        },
        printToPDF: async (options) => {
          calls.push(`print ${JSON.stringify(options)}`);
          return new TextEncoder().encode('%PDF-1.4');
        },
      },
      destroy: () => calls.push('destroy'),
    };
    const pdf = await printReportToPdf(() => win, '<!doctype html><p>ü</p>');
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.4');
    expect(Buffer.from(loaded.split(',')[1]!, 'base64').toString('utf8')).toBe('<!doctype html><p>ü</p>');
    expect(calls).toEqual(['load', 'print {"pageSize":"A4","printBackground":true,"preferCSSPageSize":true,"displayHeaderFooter":false}', 'destroy']);
    expect(REPORT_PDF_WINDOW_OPTIONS.webPreferences?.javascript).toBe(false);
  });

  it('closes the window when loading fails', async () => {
    let destroyed = false;
    const win: PdfWindowLike = {
      webContents: { loadURL: () => Promise.reject(new Error('boom')), printToPDF: () => Promise.resolve(new Uint8Array()) },
      destroy: () => (destroyed = true),
    };
    await expect(printReportToPdf(() => win, '')).rejects.toThrow('boom');
    expect(destroyed).toBe(true);
  });
});
