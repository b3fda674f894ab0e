// The desktop app: the same technician path as in the browser (technician-path.ts), through
// the real Electron main process, preload and app:// protocol. Its project exists only where
// node_modules/electron/path.txt does (the binary cannot be downloaded on the build machines).
// Run `npm run build` first.
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { technicianPath, useTestBed } from './technician-path';

const ROOT = path.resolve(__dirname, '../..');
const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');

const testBed = useTestBed(test);

async function launch(): Promise<ElectronApplication> {
  return electron.launch({
    args: [
      ROOT,
      `--user-data-dir=${mkdtempSync(path.join(tmpdir(), 'sitekit-e2e-'))}`,
      // Chromium refuses to start as root with its sandbox (CI containers).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    cwd: ROOT,
  });
}

test('the desktop app takes the example to a generated bundle', async () => {
  test.setTimeout(180_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const app = await launch();
  try {
    const page = await app.firstWindow();
    await expect(page.getByText('Desktop app')).toBeVisible();
    // The renderer has no Node: the sandbox and context isolation hold.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    const problems = await technicianPath({
      page,
      ...testBed,
      shot: (name) => page.screenshot({ path: path.join(SCREENSHOTS, `electron-${name}.png`) }).then(() => undefined),
      // The desktop app asks with the native save dialog: answer it in the main process.
      async saveCopyAs(file, trigger) {
        await app.evaluate(({ dialog }, target) => {
          dialog.showSaveDialog = (async () => ({ canceled: false, filePath: target })) as typeof dialog.showSaveDialog;
        }, file);
        await trigger();
      },
    });
    expect(problems).toEqual([]);
  } finally {
    await app.close();
  }
});
