// A technician's whole path through the wizard, shared by the browser project (wizard.spec.ts)
// and the optional Electron project (electron.spec.ts): open the example, break a VLAN, see
// the finding, click it, fix it, undo/redo, save a copy, point the nodes at the SSH test bed,
// discover, trust the host keys, apply proposals, look at networks and disks, generate and
// preview a manifest. Screenshots go to test-results/screenshots/<prefix>-NN-*.png.
import { expect, test as base, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { TestBed, TestBedNode } from '../testbed/testbed';

export type BedInfo = Omit<TestBed, 'nodes'> & { nodes: Array<Pick<TestBedNode, 'name' | 'host' | 'port' | 'hostKeyFingerprint'>> };

/** The test bed runs in its own process (it is ES module code; Playwright loads specs as CommonJS). */
export async function startBed(): Promise<{ bed: BedInfo; stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'test/testbed/serve.mts'], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the test bed did not start (exit ${code}):\n${errors}`)));
  });
  return {
    bed: JSON.parse(line) as BedInfo,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin!.end(); // the bed takes itself down when its stdin closes
      await exited;
    },
  };
}

/**
 * Starts the test bed and a throwaway sites folder before the tests of a spec file and removes
 * both after them. Read `bed` and `sitesDir` inside the tests.
 */
export function useTestBed(test: Pick<typeof base, 'beforeAll' | 'afterAll' | 'setTimeout'>): { bed: BedInfo; sitesDir: string } {
  const state = {} as { bed: BedInfo; sitesDir: string };
  let stop: (() => Promise<void>) | undefined;
  test.beforeAll(async () => {
    test.setTimeout(240_000); // the bed waits for three sshd; a busy machine is slow
    const started = await startBed();
    state.bed = started.bed;
    stop = started.stop;
    state.sitesDir = mkdtempSync(path.join(tmpdir(), 'sitekit-e2e-sites-'));
  });
  test.afterAll(async () => {
    await stop?.();
    if (state.sitesDir) rmSync(state.sitesDir, { recursive: true, force: true });
  });
  return state;
}

export interface PathOptions {
  page: Page;
  bed: BedInfo;
  /** Folder the site copy is saved under. */
  sitesDir: string;
  shot(name: string): Promise<void>;
  /** Answers "where to save" with `file` when `trigger` asks (page dialog or native dialog). */
  saveCopyAs(file: string, trigger: () => Promise<void>): Promise<void>;
}

/** Runs the path on a page that shows the freshly opened example; returns what went wrong in the page. */
export async function technicianPath({ page, bed, sitesDir, shot, saveCopyAs }: PathOptions): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));

  const summary = page.getByTestId('summary');
  const title = page.getByTestId('step-title');
  const focusedPath = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }).document.activeElement?.getAttribute('data-path'));

  // 1. The example opens on the first step, checked.
    await expect(title).toContainText('1. Site');
  await expect(summary).toContainText('No errors');
  await expect(page.locator('input[data-path="/cluster/baseDomain"]')).toHaveValue('plant-a.example.com');
  await shot('01-site');

  // 2. Break it: vm-ot moves onto vm-prod's VLAN 100. The finding appears under the field.
  await page.getByTestId('nav-networks').click();
  await expect(title).toContainText('Networks');
  const vmOtVlan = page.locator('input[data-path="/networks/3/vlan"]');
  await expect(vmOtVlan).toHaveValue('110');
  await vmOtVlan.fill('100');
  await vmOtVlan.press('Enter');
  await expect(summary).toContainText('to fix');
  await expect(page.locator('[data-testid="field-finding"][data-rule="network.vlan-reused"]').first()).toBeVisible();
  await expect(page.getByTestId('nav-networks')).toHaveAttribute('data-state', 'error');
  await shot('02-vlan-clash');

  // 3. From another step, the findings panel takes the technician to the field.
  await page.getByTestId('nav-site').click();
  await expect(title).toContainText('Site');
  const drawer = page.getByTestId('findings-drawer');
  if (!(await drawer.isVisible())) await page.getByTestId('toggle-findings').click();
  await drawer.getByTestId('finding-go').filter({ hasText: /VLAN 100/ }).first().click();
  await expect(title).toContainText('Networks');
  await expect.poll(focusedPath).toMatch(/^\/networks\/[23]\/vlan$/);
  await shot('03-finding-clicked');

  // 4. Fix it in the focused field; undo brings the clash back, redo fixes it again.
  await vmOtVlan.fill('110');
  await vmOtVlan.press('Enter');
  await expect(summary).toContainText('No errors');
  await page.getByTestId('undo').click();
  await expect(summary).toContainText('to fix');
  await expect(vmOtVlan).toHaveValue('100');
  await page.getByTestId('redo').click();
  await expect(summary).toContainText('No errors');
  await expect(vmOtVlan).toHaveValue('110');
  await shot('04-fixed');

  // 5. Discovery needs a saved file: save a copy of the example in a new site folder.
  await page.getByTestId('nav-discover').click();
  const sitePath = path.join(sitesDir, 'plant-a', 'site.yaml');
  await saveCopyAs(sitePath, () => page.getByTestId('discover-save').click());
  await expect(page.getByTestId('notice')).toContainText(sitePath);
  expect(readFileSync(sitePath, 'utf8')).toContain('vlan: 110');

  // 6. The nodes are the test bed's SSH servers (the live image's addresses and user).
  await page.getByTestId('nav-nodes').click();
  for (const [i, node] of bed.nodes.entries()) {
    const host = page.locator(`input[data-path="/nodes/${i}/ssh/host"]`);
    await host.fill(node.host);
    await host.press('Enter');
    const user = page.locator(`input[data-path="/nodes/${i}/ssh/user"]`);
    await user.fill(bed.user);
    await user.press('Enter');
  }
  await expect(page.getByTestId('unsaved')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save-state')).toHaveText('All changes saved');
  expect(readFileSync(sitePath, 'utf8')).toContain(`host: ${bed.nodes[0]!.host}`);
  expect(readFileSync(sitePath, 'utf8')).toContain('# tagged: bond0 runs at MTU 9000'); // comments kept
  await shot('06-nodes');

  // 7. Discover: first contact shows each node's host key to trust.
  await page.getByTestId('nav-discover').click();
  await page.locator('#sk-discover-key').fill(bed.identityFile);
  await page.getByTestId('discover-run').click();
  await expect(page.getByTestId('discover-trust-all')).toBeVisible({ timeout: 60_000 });
  for (const [i, node] of bed.nodes.entries()) {
    await expect(page.getByTestId(`discover-hostkey-acp-${i + 1}`)).toContainText(node.hostKeyFingerprint);
  }
  await shot('07-host-keys');
  await page.getByTestId('discover-trust-all').click();
  await expect(page.getByTestId('discover-proposals')).toBeVisible({ timeout: 60_000 });
  for (const name of ['acp-1', 'acp-2', 'acp-3']) {
    await expect(page.getByTestId(`discover-node-${name}`)).toContainText(/read|done|ok|collected/i);
  }
  // What each node asked the plant's services (here: the example's DNS and NTP, which do not exist
  // on the bed) and what came back; the disk test stays off unless ticked.
  await expect(page.getByTestId('discover-plant-acp-1-dns')).toContainText('*.apps (A)');
  await expect(page.getByTestId('discover-disk-speed')).not.toBeChecked();
  await shot('08-discovered');

  // 8. Apply every proposal; the plan file is rewritten and re-checked.
  await page.getByTestId('discover-apply-all').click();
  await expect(page.getByTestId('discover-applied')).toBeVisible({ timeout: 30_000 });
  await shot('09-proposals-applied');

  // 9. Networks and disks now show what the hardware reported.
  await page.getByTestId('nav-networks').click();
  await expect(page.getByTestId('step-networks')).toContainText('acp-1');
  await shot('10-networks-probed');
  await page.getByTestId('nav-disks').click();
  await expect(page.getByTestId('step-disks')).toBeVisible();
  await shot('11-disks-probed');

  // 10. Generate: the manifest tree, and a manifest previewed.
  await page.getByTestId('nav-export').click();
  const tree = page.getByTestId('export-tree');
  await expect(tree).toContainText('install-config.yaml', { timeout: 30_000 });
  await tree.getByText('install-config.yaml').click();
  await expect(page.getByTestId('export-preview')).toContainText('baseDomain: plant-a.example.com');
  await shot('12-generate');

  // 11. Write the bundle. The test bed's small machines miss the hardware requirements (CPU,
  // memory), so the technician has to say "generate anyway"; the bundle records that.
  await expect(page.getByTestId('export-write')).toBeDisabled();
  await page.getByTestId('export-force').check();
  await page.getByTestId('export-write').click();
  const written = page.getByTestId('export-write-result');
  await expect(written).toContainText('Bundle written', { timeout: 30_000 });
  const bundleDir = path.join(path.dirname(sitePath), 'bundle');
  await expect(written).toContainText(bundleDir);
  expect(readFileSync(path.join(bundleDir, 'install', 'install-config.yaml'), 'utf8')).toContain('baseDomain: plant-a.example.com');
  await expect(page.getByTestId('nav-export')).toHaveAttribute('data-state', 'done');
  await shot('13-bundle-written');

  return problems;
}
