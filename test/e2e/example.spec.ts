// A technician's first minutes: open the example, break a VLAN, see the finding, fix it.
import { expect, test } from './fixtures';

test.describe('example site in browser mode', () => {
  test('opens the example, finds a reused VLAN, clears it again', async ({ page, sitekit, shot }) => {
    const failedRequests: string[] = [];
    page.on('requestfailed', (r) => failedRequests.push(r.url()));
    page.on('response', (r) => {
      if (r.status() >= 400) failedRequests.push(`${r.status()} ${r.url()}`);
    });
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });

    await page.goto(sitekit.url);

    // The token is taken out of the address bar once the page has it.
    await expect(page).toHaveURL(`${sitekit.origin}/`);
    await expect(page.getByRole('banner')).toContainText('ACP Sitekit');
    await expect(page.getByTestId('site-name')).toHaveText('plant-a');
    await expect(page.getByText('Browser mode')).toBeVisible();
    await expect(page.getByTestId('error-count')).toHaveText('0 errors');
    await expect(page.getByTestId('summary')).toContainText('No errors');
    await expect(page.getByTestId('overview-cluster')).toContainText('acp');
    await expect(page.getByTestId('overview-cluster')).toContainText('plant-a.example.com');
    await expect(page.getByTestId('overview-openshift')).toContainText('4.18');
    const nodes = page.getByTestId('nodes-table');
    for (const [host, ip] of [
      ['acp-1', '10.10.0.11'],
      ['acp-2', '10.10.0.12'],
      ['acp-3', '10.10.0.13'],
    ] as const) {
      await expect(nodes.getByRole('row', { name: new RegExp(host) })).toContainText(ip);
    }
    await expect(page.getByTestId('findings-step-networks')).toHaveCount(0);
    await shot('01-example-opened');

    // Break it: vm-ot moves onto vm-prod's VLAN 100.
    const editor = page.getByTestId('editor');
    const original = await editor.inputValue();
    expect(original).toContain('vlan: 110');
    await editor.fill(original.replace('vlan: 110', 'vlan: 100'));
    await expect(page.getByTestId('unchecked')).toBeVisible();
    await page.getByTestId('check-button').click();

    const networks = page.getByTestId('findings-step-networks');
    await expect(networks).toBeVisible();
    await expect(networks).toContainText('Networks');
    await expect(networks).toContainText(/VLAN 100/);
    await expect(networks.getByTestId('finding').filter({ hasText: 'VLAN 100' }).first()).toContainText('Error');
    await expect(page.getByTestId('error-count')).not.toHaveText('0 errors');
    await expect(page.getByTestId('summary')).toContainText('to fix');
    await expect(page.getByTestId('unchecked')).toHaveCount(0);
    // The networks table flags the network the finding is about.
    await expect(page.getByTestId('networks-table').getByRole('row', { name: /vm-ot/ }).getByLabel('Error')).toBeVisible();

    // "line N" selects that line of the text, so the technician sees what to change.
    await networks.getByRole('button', { name: /Show line \d+/ }).first().click();
    const selected = await editor.evaluate((el) => {
      const area = el as unknown as { value: string; selectionStart: number; selectionEnd: number };
      return area.value.slice(area.selectionStart, area.selectionEnd);
    });
    expect(selected).toContain('vlan: 100');
    await shot('02-vlan-reused');


    // Fix it again.
    await editor.fill(original);
    await page.getByTestId('check-button').click();
    await expect(page.getByTestId('findings-step-networks')).toHaveCount(0);
    await expect(page.getByTestId('error-count')).toHaveText('0 errors');
    await expect(page.getByTestId('summary')).toContainText('No errors');
    await shot('03-vlan-fixed');

    expect(failedRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  test('unreadable YAML is explained, not crashed on', async ({ page, sitekit, shot }) => {
    await page.goto(sitekit.url);
    await expect(page.getByTestId('site-name')).toHaveText('plant-a');
    const editor = page.getByTestId('editor');
    const original = await editor.inputValue();
    await editor.fill(original.replace('kind: Site', 'kind: [Site'));
    await page.getByTestId('check-button').click();
    await expect(page.getByTestId('unusable')).toBeVisible();
    await expect(page.getByTestId('summary')).toContainText('cannot be read');
    await expect(page.getByTestId('error-count')).toHaveText('not readable');
    // The cards keep showing the last readable plan.
    await expect(page.getByTestId('site-name')).toHaveText('plant-a');
    await shot('04-unreadable-yaml');
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
