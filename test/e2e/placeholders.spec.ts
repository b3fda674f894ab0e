// Placeholders never look like values (issue 14): a required field the technician empties shows
// empty, and its placeholder ("e.g. acp") is drawn lighter and in italics, unlike a value.
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, SCREENSHOT_DIR, test } from './fixtures';

type Look = { color: string; fontStyle: string };

const lookOf = (input: Locator, pseudo?: '::placeholder') =>
  input.evaluate((el, p) => {
    // The e2e tsconfig has no DOM library: the page's getComputedStyle, typed here.
    const view = globalThis as unknown as { getComputedStyle(e: unknown, pseudo: string | null): { color: string; fontStyle: string } };
    const style = view.getComputedStyle(el, p ?? null);
    return { color: style.color, fontStyle: style.fontStyle } as Look;
  }, pseudo);

test('an emptied required field shows empty, its placeholder unlike a value', async ({ page, sitekit }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(sitekit.url);
  await expect(page.getByTestId('summary')).toContainText('No errors');
  const clusterName = page.locator('input[data-path="/cluster/name"]');
  await expect(clusterName).toHaveValue('acp');
  const value = await lookOf(clusterName);

  await clusterName.fill('');
  await clusterName.press('Tab');
  await expect(page.getByTestId('summary')).not.toContainText('No errors');
  await expect(clusterName).toHaveValue('');
  await expect(clusterName).toHaveAttribute('placeholder', /^e\.g\. /);
  const placeholder = await lookOf(clusterName, '::placeholder');
  expect(placeholder.fontStyle).toBe('italic');
  expect(value.fontStyle).toBe('normal');
  expect(placeholder.color).not.toBe(value.color);

  await clusterName.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'placeholders-01-emptied-required-field.png') });
});
