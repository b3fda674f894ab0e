// End-to-end tests of the real UI in Debian's Chromium, through the real web host
// (node out/main/web.js, started per worker by test/e2e/fixtures.ts; `npm run build` first).
// The optional "electron" project runs only where the Electron binary is installed.
import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.SITEKIT_CHROMIUM ?? '/usr/bin/chromium';
const electronInstalled = existsSync('node_modules/electron/path.txt');

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Limits for a test that hangs, not speed checks (those are in `npm run bench`): wide, so a
  // busy two-core CI machine passes too; a passing test returns as soon as the page is ready.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1600, height: 1000 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: /electron\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: CHROMIUM,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        },
      },
    },
    ...(electronInstalled ? [{ name: 'electron', testMatch: /electron\.spec\.ts$/ }] : []),
  ],
});
