// The page's own safety (token, origin, CSP) and the plan as text in the Validate step.
import { expect, test } from './fixtures';

test.describe('example site in browser mode', () => {
  test('the plan as text: an edit there is checked live, unreadable YAML is explained, not crashed on', async ({ page, sitekit, shot }) => {
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(sitekit.url);
    // The token is taken out of the address bar once the page has it.
    await expect(page).toHaveURL(`${sitekit.origin}/`);
    await expect(page.getByText('Browser mode')).toBeVisible();
    await expect(page.getByTestId('summary')).toContainText('No errors');
    await page.getByTestId('nav-validate').click();
    // The example's one note (its LACP bond spans two switches: MLAG) and nothing else.
    // The Validate step's own list: the drawer's copy may still be in the page (hidden, closing).
    const panel = page.getByTestId('step-validate').getByTestId('findings');
    await expect(panel.getByTestId('no-errors')).toBeVisible();
    await expect(panel.getByTestId('finding')).toHaveCount(1);
    await expect(panel.getByTestId('finding')).toHaveAttribute('data-rule', 'bond.lacp-across-switches');
    const editor = page.getByTestId('editor');
    const original = await editor.inputValue();

    // A VLAN clash typed in the text shows up without pressing anything, with its line.
    await editor.fill(original.replace('vlan: 110', 'vlan: 100'));
    const networks = page.getByTestId('findings-step-networks');
    await expect(networks).toContainText(/VLAN 100/);
    await networks.getByTestId('finding').filter({ hasText: /VLAN 100/ }).getByRole('button', { name: /Show line \d+/ }).first().click();
    const selected = await editor.evaluate((el) => {
      const area = el as unknown as { value: string; selectionStart: number; selectionEnd: number };
      return area.value.slice(area.selectionStart, area.selectionEnd);
    });
    expect(selected).toContain('vlan: 100');
    await shot('validate-01-vlan-in-text');

    // Broken YAML: said plainly; the other steps keep showing the last readable plan.
    await editor.fill(original.replace('kind: Site', 'kind: [Site'));
    await expect(page.getByTestId('unusable')).toBeVisible();
    await expect(page.getByTestId('summary')).toContainText('cannot be read');
    await expect(page.getByTestId('error-count')).toHaveText('not readable');
    await shot('validate-02-unreadable-yaml');
    await page.getByTestId('nav-networks').click();
    await expect(page.getByTestId('step-networks')).toContainText('acp-1');
    await shot('validate-03-unreadable-other-step');

    // Undo goes back to the readable plan.
    await page.getByTestId('undo').click();
    await expect(page.getByTestId('summary')).not.toContainText('cannot be read');
    expect(consoleErrors).toEqual([]);
  });

  test('unsaved edits survive the page dying, and the steps can be walked with the keyboard', async ({ page, sitekit, shot }) => {
    await page.goto(sitekit.url);
    await expect(page.getByTestId('summary')).toContainText('No errors');
    const location = page.locator('input[data-path="/metadata/location"]');
    await location.fill('Plant A, hall 4 (moved)');
    await location.press('Enter');
    await expect(page.getByTestId('save-state')).toHaveCount(0); // unsaved
    // Autosave runs after a short quiet time; then the page is gone without saving.
    await page.waitForTimeout(1500);
    await page.reload();
    const recovery = page.getByTestId('recovery');
    await expect(recovery).toContainText('Unsaved changes from your last session');
    await expect(location).toHaveValue('Plant A, hall 3, rack row C'); // the file as it is on disk
    await shot('recovery-01-offered');
    await page.getByTestId('recovery-restore').click();
    await expect(location).toHaveValue('Plant A, hall 4 (moved)');
    await expect(recovery).toHaveCount(0);

    // Keyboard: next and previous step, undo.
    const title = page.getByTestId('step-title');
    await page.keyboard.press('Alt+PageDown');
    await expect(title).toContainText('2. Nodes');
    await page.keyboard.press('Alt+PageDown');
    await expect(title).toContainText('3. Discover');
    await page.keyboard.press('Alt+PageUp');
    await expect(title).toContainText('2. Nodes');
    await page.keyboard.press('Control+z'); // the restore is one step back
    await page.getByTestId('nav-site').click();
    await expect(location).toHaveValue('Plant A, hall 3, rack row C');

    // Back to what the file says: the draft is dropped (after the autosave pause), so nothing
    // stale is offered next time.
    await page.waitForTimeout(1500);
    await page.reload();
    await expect(page.getByTestId('summary')).toContainText('No errors');
    await expect(page.getByTestId('recovery')).toHaveCount(0);
  });

  test('the page without its token cannot use the API', async ({ page, sitekit }) => {
    await page.goto(`${sitekit.origin}/`);
    await expect(page.getByTestId('start-error')).toContainText('access token');
  });

  test('the API refuses calls without the token or from another origin', async ({ request, sitekit }) => {
    const noToken = await request.post(`${sitekit.origin}/api/app.info`, {
      headers: { Origin: sitekit.origin, 'Content-Type': 'application/json' },
      data: '',
    });
    expect(noToken.status()).toBe(401);
    const wrongOrigin = await request.post(`${sitekit.origin}/api/app.info`, {
      headers: { Origin: 'http://evil.example', Authorization: `Bearer ${sitekit.token}`, 'Content-Type': 'application/json' },
      data: '',
    });
    expect(wrongOrigin.status()).toBe(403);
    const page = await request.get(`${sitekit.origin}/`);
    expect(page.headers()['content-security-policy']).toContain("default-src 'self'");
  });
});
