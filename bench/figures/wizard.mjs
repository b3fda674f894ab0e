// The wizard in a real browser (Debian's Chromium) against the production build served by the
// web host, as a technician runs it in browser mode:
// - first interactive screen: navigation start → the first step rendered with the example's
//   findings summary (the page's own clock: performance.now() at the moment it appears);
// - validation latency: a VLAN typed into the Networks step and committed with Enter → the
//   changed findings summary on screen (timed inside the page: keydown → DOM mutation), both
//   directions (clash and fix) alternately;
// - the renderer bundle the app ships (out/renderer/assets), raw and gzipped.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMIUM = process.env.SITEKIT_CHROMIUM ?? '/usr/bin/chromium';
const LOADS = 7;
const EDITS = 40;

function startWebHost(dataDir) {
  const child = spawn(process.execPath, [path.join(ROOT, 'out/main/web.js'), '--port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${output}`)), 15_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[0] });
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => reject(new Error(`web host exited ${code}:\n${output}`)));
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

async function firstScreen(browser, url) {
  const times = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const ready = () => {
        const doc = globalThis.document;
        return doc.querySelector('[data-testid="wizard-ready"][data-checking="no"]') && doc.querySelector('[data-testid="summary"]') && doc.querySelector('input[data-path]');
      };
      const observer = new globalThis.MutationObserver(() => {
        if (globalThis.__sitekitReady === undefined && ready()) {
          globalThis.__sitekitReady = performance.now();
          observer.disconnect();
        }
      });
      observer.observe(globalThis.document, { subtree: true, childList: true, attributes: true });
    });
    await page.goto(url);
    await page.waitForFunction(() => globalThis.__sitekitReady !== undefined, undefined, { timeout: 30_000 });
    // Interactive: the first step is rendered with the plan's check result. A MutationObserver
    // installed before any page script runs stamps the page's own clock at that moment.
    times.push(await page.evaluate(() => globalThis.__sitekitReady));
    await context.close();
  }
  return times;
}

async function editLatency(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('summary').waitFor();
  await page.getByTestId('nav-networks').click();
  const field = page.locator('input[data-path="/networks/3/vlan"]');
  await field.waitFor();
  const times = [];
  for (let i = 0; i < EDITS; i++) {
    const value = i % 2 === 0 ? '100' : '110'; // clash with vm-prod, then fixed again
    await field.fill(value);
    // Arm the timer inside the page: from the Enter that commits the value to the summary changing.
    const done = page.evaluate(
      () =>
        new Promise((resolve) => {
          const doc = globalThis.document;
          const summary = doc.querySelector('[data-testid="summary"]');
          const before = summary?.textContent;
          let start = 0;
          doc.addEventListener('keydown', (e) => e.key === 'Enter' && (start = performance.now()), { capture: true, once: true });
          const observer = new globalThis.MutationObserver(() => {
            const now = doc.querySelector('[data-testid="summary"]');
            if (start && now?.textContent !== before) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(doc.body, { subtree: true, childList: true, characterData: true });
        }),
    );
    await page.waitForTimeout(5); // let the observer arm before the key
    await field.press('Enter');
    times.push(await done);
  }
  await context.close();
  return times;
}

async function bundleSize() {
  const dir = path.join(ROOT, 'out/renderer/assets');
  let raw = 0;
  let gzipped = 0;
  for (const name of await readdir(dir)) {
    if (!/\.(js|css)$/.test(name)) continue;
    const bytes = await readFile(path.join(dir, name));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzipped };
}

export default async function measure() {
  if (!existsSync(path.join(ROOT, 'out/main/web.js'))) throw new Error('the app is not built (npm run build)');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sitekit-bench-ui-'));
  const { child, url } = await startWebHost(dataDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const loads = await firstScreen(browser, url);
    const edits = await editLatency(browser, url);
    const size = await bundleSize();
    return [
      { name: 'wizard-first-screen-median', value: median(loads), unit: 'ms' },
      { name: 'edit-to-findings-median', value: median(edits), unit: 'ms' },
      { name: 'edit-to-findings-p95', value: percentile(edits, 95), unit: 'ms' },
      { name: 'renderer-bundle-raw', value: size.raw / 1024, unit: 'KiB' },
      { name: 'renderer-bundle-gzip', value: size.gzipped / 1024, unit: 'KiB' },
    ];
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}
