// Desktop smoke test; its project exists only where node_modules/electron/path.txt does
// (the binary cannot be downloaded on the build machines). Run `npm run build` first.
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

test('the desktop app opens the example site', async () => {
  const root = path.resolve(__dirname, '../..');
  const app = await electron.launch({
    args: [
      root,
      `--user-data-dir=${mkdtempSync(path.join(tmpdir(), 'sitekit-e2e-'))}`,
      // Chromium refuses to start as root with its sandbox (CI containers).
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    cwd: root,
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByTestId('site-name')).toHaveText('plant-a');
    await expect(page.getByText('Desktop app')).toBeVisible();
    await expect(page.getByTestId('error-count')).toHaveText('0 errors');
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    await page.screenshot({ path: path.join(root, 'test-results/screenshots/electron-01-example.png'), fullPage: true });
  } finally {
    await app.close();
  }
});
