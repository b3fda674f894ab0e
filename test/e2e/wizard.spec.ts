// The technician's whole path (technician-path.ts) in Debian's Chromium against the real web
// host and three real OpenSSH servers (the test bed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { startBed, technicianPath, type BedInfo } from './technician-path';

let bed: BedInfo;
let stopBed: (() => Promise<void>) | undefined;
let sitesDir: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const started = await startBed();
  bed = started.bed;
  stopBed = started.stop;
  sitesDir = mkdtempSync(path.join(tmpdir(), 'sitekit-e2e-sites-'));
});

test.afterAll(async () => {
  await stopBed?.();
  if (sitesDir) rmSync(sitesDir, { recursive: true, force: true });
});

test('from the example to a generated bundle, with discovery against real SSH servers', async ({ page, sitekit, shot }) => {
  test.setTimeout(180_000);
  await page.goto(sitekit.url);
  const problems = await technicianPath({
    page,
    bed,
    sitesDir,
    shot: (name) => shot(`wizard-${name}`),
    // Browser mode has no native dialogs: the page asks for the path itself.
    async saveCopyAs(file, trigger) {
      await trigger();
      await page.getByTestId('path-input-path').fill(file);
      await shot('wizard-05-save-copy');
      await page.getByTestId('path-modal-submit').click();
    },
  });
  expect(problems).toEqual([]);
});
