// The handover report as a PDF inside the desktop app: the HTML goes into a hidden window with
// JavaScript off (the report needs none, and its CSP forbids it anyway) and Chromium's own
// printToPDF renders it with the report's print CSS (A4, landscape topology page). The window
// factory is injected: the caller passes () => new BrowserWindow(REPORT_PDF_WINDOW_OPTIONS).
import type { BrowserWindowConstructorOptions } from 'electron';

export const REPORT_PDF_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  webPreferences: {
    javascript: false,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    webviewTag: false,
    spellcheck: false,
  },
};

/** What this module needs from a BrowserWindow. */
export interface PdfWindowLike {
  webContents: {
    loadURL(url: string): Promise<void>;
    printToPDF(options: { pageSize: 'A4'; printBackground: boolean; preferCSSPageSize: boolean; displayHeaderFooter: boolean }): Promise<Uint8Array>;
  };
  destroy(): void;
}

export async function printReportToPdf(createWindow: () => PdfWindowLike, html: string): Promise<Uint8Array> {
  const win = createWindow();
  try {
    await win.webContents.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false });
  } finally {
    win.destroy();
  }
}
