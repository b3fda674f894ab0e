// Starts the built web host (node out/main/web.js --port 0) once per worker and hands the
// tests its address, origin and one-time token. The process is stopped after the worker.
import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface SitekitServer {
  /** Address with the token in the fragment, as printed for the technician. */
  url: string;
  origin: string;
  token: string;
}

const ROOT = path.resolve(__dirname, '../..');
const WEB_ENTRY = path.join(ROOT, 'out/main/web.js');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results/screenshots');

async function startServer(dataDir: string): Promise<{ server: SitekitServer; child: ChildProcess }> {
  if (!existsSync(WEB_ENTRY) || !existsSync(path.join(ROOT, 'out/renderer/index.html'))) {
    throw new Error('The app is not built. Run "npm run build" before "npx playwright test".');
  }
  // Settings and recent sites go to a throwaway folder, never the test machine's ~/.config.
  const child = spawn(process.execPath, [WEB_ENTRY, '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  let output = '';
  const server = await new Promise<SitekitServer>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The web host did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/#token=([A-Za-z0-9_-]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[0], origin: match[1]!, token: match[2]! });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The web host exited (code ${code}) before it was ready:\n${output}`));
    });
  });
  return { server, child };
}

export const test = base.extend<{ shot: (name: string) => Promise<void> }, { sitekit: SitekitServer }>({
  sitekit: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'sitekit-e2e-data-'));
      const { server, child } = await startServer(dataDir);
      try {
        await use(server);
      } finally {
        if (child.exitCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
        }
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker' },
  ],
  shot: async ({ page }, use) => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await use(async (name) => {
      // PatternFly scrolls inside the page's main container, not the document, so a
      // "full page" screenshot would stop at the window: grow the window to fit instead.
      const viewport = page.viewportSize();
      const hidden = await page.evaluate(() => {
        type Box = { scrollHeight: number; clientHeight: number };
        const doc = (globalThis as unknown as { document: { querySelector(selector: string): Box | null } }).document;
        const scrollers = ['.pf-v6-c-page__main-container', '.pf-v6-c-page__main', 'main', '.pf-v6-c-drawer__content']
          .map((selector) => doc.querySelector(selector))
          .filter((el): el is Box => el !== null);
        return Math.max(0, ...scrollers.map((el) => el.scrollHeight - el.clientHeight));
      });
      if (viewport && hidden > 0) await page.setViewportSize({ width: viewport.width, height: viewport.height + hidden });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
      if (viewport && hidden > 0) await page.setViewportSize(viewport);
    });
  },
});

export { expect };
