// The Cluster step end to end in Debian's Chromium against the real web host and the test API
// server answering as plant-a's installed cluster, its operators played by the plant-a scenario
// (test/e2e/cluster-server.mts): open the site, import the kubeconfig, see the API name fail to
// resolve, go through an address instead, accept the CA, watch the install and the plan checks,
// bootstrap GitOps until every wave is done, verify (everything fine), and stop at a changed CA.
// Screenshots: test-results/screenshots/cluster-*.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from './fixtures';

interface LiveCluster {
  siteFile: string;
  kubeconfigFile: string;
  port: number;
  caSha256: string;
  hostName: string;
}

test.describe.configure({ mode: 'serial' });

let child: ChildProcess | undefined;
let live: LiveCluster;
/** The next JSON line the server process prints. */
let nextLine: () => Promise<string>;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  child = spawn(process.execPath, ['--import', 'tsx', 'test/e2e/cluster-server.mts', '--step-ms', '40'], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (c: Buffer) => (errors += c.toString()));
  const lines = createInterface({ input: child.stdout! });
  nextLine = () => new Promise<string>((resolve) => lines.once('line', resolve));
  const line = await new Promise<string>((resolve, reject) => {
    void nextLine().then(resolve);
    child!.once('exit', (code) => reject(new Error(`the test API server did not start (exit ${code}):\n${errors}`)));
  });
  live = JSON.parse(line) as LiveCluster;
});

test.afterAll(async () => {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  child.stdin!.end(); // the server and the scenario stop when stdin closes
  await exited;
});

/** `SHA256:AB:…` as shown (groups may wrap): only the characters. */
const compact = (s: string | null) => (s ?? '').replace(/\s/g, '');

test('connect, accept the CA, bootstrap GitOps through every wave, verify', async ({ page, sitekit, shot }) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(sitekit.url);
  await expect(page.getByTestId('wizard-ready')).toBeVisible();

  // The site folder as the technician has it: site.yaml, and install/auth/kubeconfig next to it.
  await page.getByTestId('site-menu').click();
  await page.getByTestId('menu-open').click();
  await page.getByTestId('path-input-path').fill(live.siteFile);
  await page.getByTestId('path-modal-submit').click();
  await expect(page.getByTestId('summary')).toContainText('No errors');

  await page.getByTestId('nav-cluster').click();
  await expect(page.getByTestId('step-title')).toContainText('10. Cluster');
  await expect(page.getByTestId('nav-cluster')).toHaveAttribute('data-state', 'todo');
  const step = page.getByTestId('cluster-step');
  await expect(step.getByTestId('cluster-bootstrap-start')).toBeDisabled();

  // 1. By its name: the plant's DNS does not know it here. The sentence says so and offers the VIP.
  await step.getByTestId('cluster-kubeconfig').fill(live.kubeconfigFile);
  await step.getByTestId('cluster-connect-button').click();
  const failure = step.getByTestId('cluster-connect-failure');
  await expect(failure).toHaveAttribute('data-kind', 'dns');
  await expect(failure).toContainText('The API name does not resolve');
  await expect(step.getByTestId('cluster-connect-vip')).toContainText('10.10.0.5');
  await expect(step.getByTestId('cluster-connect-retry')).toBeEnabled();
  // The kubeconfig was kept (for the server it names); the field may now stay empty.
  await expect(step.getByTestId('cluster-kubeconfig-help')).toContainText(`A kubeconfig is stored for https://${live.hostName}:${live.port}`);
  await shot('cluster-01-dns');

  // 2. Through an address (here the test server on loopback), by keyboard: type it and press Enter.
  await step.getByTestId('cluster-kubeconfig').fill('');
  await step.getByTestId('cluster-route-other').check();
  const address = step.getByTestId('cluster-route-address');
  await address.fill('127.0.0.1');
  await address.press('Enter');
  const ca = step.getByTestId('cluster-ca');
  await expect(ca).toHaveAttribute('data-kind', 'unknown');
  expect(compact(await ca.getByTestId('cluster-ca-fingerprint').textContent())).toBe(live.caSha256);
  await shot('cluster-02-accept-ca');
  const accept = step.getByTestId('cluster-ca-accept');
  await accept.focus();
  await page.keyboard.press('Enter');
  await expect(step.getByTestId('cluster-connected')).toContainText(`https://${live.hostName}:${live.port} through 127.0.0.1 as system:admin`);

  // 3. The install watch starts by itself: the cluster is installed; the checks compare it with the plan.
  await expect(step.getByTestId('cluster-install')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(step.getByTestId('cluster-install-overall')).toHaveAttribute('data-state', 'done');
  for (const node of ['acp-1', 'acp-2', 'acp-3']) await expect(step.getByTestId(`cluster-install-node-${node}`)).toHaveAttribute('data-state', 'done');
  await expect(step.getByTestId('cluster-checks-summary')).toContainText('match');
  await shot('cluster-03-installed');

  // 4. Bootstrap GitOps and follow every wave until it is done.
  await step.getByTestId('cluster-bootstrap-start').click();
  await expect(step.getByTestId('cluster-bootstrap-cancel')).toBeVisible();
  const bootstrap = step.getByTestId('cluster-bootstrap');
  await expect(bootstrap).toHaveAttribute('data-state', 'done', { timeout: 150_000 });
  const waves = bootstrap.locator('li[data-testid^="cluster-stage-wave-"]');
  expect(await waves.count()).toBeGreaterThan(1);
  for (const wave of await waves.all()) await expect(wave).toHaveAttribute('data-state', 'done');
  for (const stage of await bootstrap.locator('.sk-cluster-stage').all()) await expect(stage).toHaveAttribute('data-state', 'done');
  await expect(step.getByTestId('cluster-bootstrap-cancel')).toHaveCount(0);
  await shot('cluster-04-bootstrapped');

  // 5. Verify: the cluster was installed and bootstrapped as planned, so everything is fine —
  // every check against the plan (the MACs from nmstate's node states too), the operators, ODF,
  // the applications, no drift (the Sync hooks labelled the nodes and enabled the console
  // plugin), no HA finding — and the step is done.
  await step.getByTestId('cluster-verify-start').click();
  const result = step.getByTestId('cluster-verify-result');
  await expect(result).toBeVisible({ timeout: 90_000 });
  await expect(result).toHaveAttribute('data-state', 'ok');
  await expect(result).toContainText('The cluster matches the plan and the bundle');
  await expect(step.getByTestId('cluster-verify-nodes')).toContainText('3 of 3 nodes ready.');
  const checks = step.getByTestId('cluster-verify-checklist-summary');
  await expect(checks).toContainText(/\d+ match\./);
  await expect(checks).not.toContainText(/differ|not known/);
  await expect(step.getByTestId('cluster-verify-checklist').locator('[data-state="ok"]')).not.toHaveCount(0);
  await expect(step.getByTestId('cluster-verify-checklist').locator('[data-state="mismatch"], [data-state="unknown"]')).toHaveCount(0);
  await expect(step.getByTestId('cluster-odf')).toHaveAttribute('data-healthy', 'yes');
  await expect(step.getByTestId('cluster-verify-apps')).toContainText(/(\d+) of \1 applications synced and healthy/);
  await expect(step.getByTestId('cluster-drift')).toHaveAttribute('data-different', '0');
  await expect(step.getByTestId('cluster-drift-summary')).toContainText(/\d+ objects of the bundle: \d+ the same as the bundle\./);
  await expect(step.getByTestId('cluster-drift-summary')).not.toContainText(/different|missing|could not be read/);
  await expect(step.getByTestId('cluster-ha')).toContainText('Nothing found');
  await expect(page.getByTestId('nav-cluster')).toHaveAttribute('data-state', 'done');
  await shot('cluster-05-verified');

  // 6. The cluster shows another CA: connecting again stops with both fingerprints, nothing to accept.
  const rotated = nextLine();
  child!.stdin!.write('rotate-ca\n');
  const { caSha256: newCa } = JSON.parse(await rotated) as { caSha256: string };
  await step.getByTestId('cluster-connect-button').click();
  await expect(ca).toHaveAttribute('data-kind', 'changed');
  expect(compact(await ca.getByTestId('cluster-ca-pinned').textContent())).toBe(live.caSha256);
  expect(newCa).not.toBe(live.caSha256);
  await expect(step.getByTestId('cluster-ca-accept')).toHaveCount(0);
  await expect(step.getByTestId('cluster-verify-start')).toBeDisabled();
  await shot('cluster-06-ca-changed');

  expect(problems).toEqual([]);
});
