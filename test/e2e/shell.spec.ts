// The wizard's shell on a small field laptop (1024×768): the list of steps behind the masthead's
// toggle, steps reachable with Tab, and a step opening at its top with the focus on its heading.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ viewport: { width: 1024, height: 768 } });

const stepLinks = (page: Page) => page.locator('#page-sidebar a[data-testid^="nav-"]');

/** Presses Tab until a step link has the focus; how many presses that took, or undefined. */
async function tabToStepLink(page: Page, limit: number): Promise<string | undefined> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document;
      return doc.activeElement?.getAttribute('data-testid') ?? '';
    });
    if (id.startsWith('nav-')) return id;
  }
  return undefined;
}

test('below 1200 px the masthead toggle shows the list of steps with their marks, and a step can be chosen', async ({ page, sitekit, shot }) => {
  await page.goto(sitekit.url);
  await expect(page.getByTestId('summary')).toContainText('No errors');
  const toggle = page.getByTestId('toggle-steps');
  // The list lies over the step here: closed at first, but never out of reach.
  await expect(toggle).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('nav-networks')).toBeHidden();
  await shot('shell-1024-list-closed');

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const networks = page.getByTestId('nav-networks');
  await expect(networks).toBeVisible();
  await expect(networks).toBeInViewport();
  // The step marks come with the list: the Site step is done.
  await expect(page.getByTestId('nav-site')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('nav-site').locator('.sk-nav-step__state svg').first()).toBeVisible();
  // Opened from the toggle, the list has the focus on the current step.
  await expect(page.getByTestId('nav-site')).toBeFocused();
  await shot('shell-1024-list-open');

  await networks.click();
  await expect(page.getByTestId('step-title')).toContainText('4. Networks');
  // Chosen: the list gets out of the way of the step.
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(networks).toBeHidden();

  // Escape closes it too, and the focus goes back to the toggle.
  await toggle.click();
  await expect(networks).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(networks).toBeHidden();
  await expect(toggle).toBeFocused();
});

test('Tab from the start of the page reaches the step links', async ({ page, sitekit }) => {
  // A wide window: the list is beside the step, its links in the Tab order after the masthead.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(sitekit.url);
  await expect(page.getByTestId('summary')).toContainText('No errors');
  expect(await tabToStepLink(page, 15)).toBe('nav-site');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('nav-nodes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-title')).toContainText('2. Nodes');

  // Narrow: Tab reaches the toggle, Enter opens the list on the current step, Tab walks on.
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.reload();
  await expect(page.getByTestId('summary')).toContainText('No errors');
  await expect(stepLinks(page).first()).toBeHidden();
  // Closed, the list's links are not in the Tab order (no invisible stops).
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('toggle-steps')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('nav-site')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('nav-nodes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('step-title')).toContainText('2. Nodes');
  await expect(page.getByTestId('step-title')).toBeFocused();
});

test('Alt+PageDown opens the next step at its top with the focus on its heading', async ({ page, sitekit }) => {
  await page.goto(sitekit.url);
  await expect(page.getByTestId('summary')).toContainText('No errors');
  const title = page.getByTestId('step-title');
  // The container the step scrolls in (the drawer's content, whether the findings are open or not).
  const scroller = page.locator('.pf-v6-c-drawer__content');
  const fields = page.getByTestId('wizard-ready').locator('input:not([type=hidden]):visible, textarea:visible');
  for (const next of ['2. Nodes', '3. Discover', '4. Networks', '5. Disks', '6. Storage']) {
    // Down at the end of the step, the focus on its last field, as after tabbing through it.
    await expect(fields.first()).toBeVisible();
    await fields.last().focus();
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.keyboard.press('Alt+PageDown');
    await expect(title).toContainText(next);
    await expect(title).toBeFocused();
    await expect(title).toBeInViewport();
    // Once the step's content is there, it is still shown from its top.
    await expect(fields.first()).toBeVisible();
    expect(await scroller.evaluate((el) => el.scrollTop)).toBe(0);
    await expect(title).toBeFocused();
  }
});
