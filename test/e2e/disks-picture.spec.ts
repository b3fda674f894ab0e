// The Disks picture at a glance (issue 14 §4): at 1366×768 and 1024×768 with the findings open,
// the three nodes of plant-a with their discovered disks fit on one screen, one line of tiles
// each; a row is one Tab stop with the arrow keys inside; a disk's details show on focus and on
// hover and go with Escape; every disk is in the table below; no text under 11 px.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { disk, healthyInventories } from '../unit/probe/inventory-builder';
import { expect, SCREENSHOT_DIR, test } from './fixtures';

const ROOT = path.resolve(__dirname, '../..');

/** plant-a in a folder of its own, with the test inventories as discovery would store them. */
function probedSite(): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sitekit-e2e-disks-'));
  const file = path.join(dir, 'site.yaml');
  copyFileSync(path.join(ROOT, 'resources/examples/plant-a.site.yaml'), file);
  const inventories = healthyInventories();
  // acp-3: a USB stick the plan does not use, and old data on its third ODF device.
  inventories[2]!.facts.disks.push(
    disk('sdb', '/dev/disk/by-path/pci-0000:00:14.0-usb-0:2:1.0-scsi-0:0:0:0', 32e9, { removable: true, transport: 'usb', model: 'Ultra Fit', fstype: 'iso9660' }),
  );
  inventories[2]!.facts.disks[3] = { ...inventories[2]!.facts.disks[3]!, partitions: [{ name: 'nvme2n1p1', fstype: 'xfs', mountpoints: [] }] };
  mkdirSync(path.join(dir, '.sitekit', 'inventory'), { recursive: true });
  for (const inv of inventories) writeFileSync(path.join(dir, '.sitekit', 'inventory', `${inv.node}.json`), `${JSON.stringify(inv, null, 2)}\n`);
  return { dir, file };
}

test('the Disks picture: three nodes on one screen, one Tab stop a node, details on focus, hover and in the table', async ({ page, sitekit }) => {
  const site = probedSite();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(sitekit.url);
    await expect(page.getByTestId('wizard-ready')).toBeVisible();
    await page.getByTestId('site-menu').click();
    await page.getByTestId('menu-open').click();
    await page.getByTestId('path-input-path').fill(site.file);
    await page.getByTestId('path-modal-submit').click();
    await page.getByTestId('nav-disks').click();
    await expect(page.getByTestId('step-title')).toContainText('5. Disks');
    const picture = page.getByTestId('disk-layout');
    const rows = picture.locator('.sk-disks__node');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(2).locator('.sk-disk')).toHaveCount(8);

    for (const width of [1366, 1024]) {
      await page.setViewportSize({ width, height: 768 });
      await rows.first().scrollIntoViewIfNeeded();
      // One line of tiles a node, and the three rows together well within one screen.
      const boxes = await rows.evaluateAll((els) =>
        els.map((row) => ({
          top: row.getBoundingClientRect().top,
          bottom: row.getBoundingClientRect().bottom,
          tileTops: [...row.querySelectorAll('.sk-disk')].map((t) => Math.round(t.getBoundingClientRect().top)),
        })),
      );
      for (const b of boxes) expect(new Set(b.tileTops).size, `tiles on one line at ${width}`).toBe(1);
      expect(boxes[2]!.bottom - boxes[0]!.top, `three rows at ${width}`).toBeLessThan(560);
      // Labels at least 11 px, on the tiles and in the details.
      const smallest = await picture.locator('.sk-disk, .sk-disk *, .sk-disktip, .sk-disktip *').evaluateAll((els) => {
        const win = globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } };
        return Math.min(...els.map((e) => parseFloat(win.getComputedStyle(e).fontSize)));
      });
      expect(smallest).toBeGreaterThanOrEqual(11);
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, `disks-picture-${width}.png`) });
    }

    // Keyboard: one Tab stop a row; the arrows move inside it; the details follow the focus.
    await expect(picture.locator('.sk-disks__node [tabindex="0"]')).toHaveCount(3);
    const acp1 = rows.nth(0);
    await acp1.locator('.sk-disk').first().focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    const third = acp1.locator('.sk-disk[data-disk="nvme2n1"]');
    await expect(third).toBeFocused();
    const tip = acp1.locator('.sk-disks__item').nth(3).locator('[role="tooltip"]');
    await expect(tip).toBeVisible();
    await expect(tip).toContainText('Given to ODF (empty)');
    await expect(tip).toContainText('by-path pci-0000:60:00.0-nvme-1');
    await page.keyboard.press('Escape');
    await expect(tip).toBeHidden();
    await page.keyboard.press('Tab');
    await expect(rows.nth(1).locator('.sk-disk').first()).toBeFocused();

    // Hover: the details of the device with old data on acp-3.
    const held = rows.nth(2).locator('.sk-disk[data-disk="nvme2n1"]');
    await expect(held).toContainText('wiped');
    await held.hover();
    await expect(rows.nth(2).locator('.sk-disks__item').nth(3).locator('[role="tooltip"]')).toContainText('Holds partition nvme2n1p1 (xfs)');

    // The table below: every disk of every node, with what happens to it.
    const table = page.getByTestId('disk-table');
    await table.locator('summary').click();
    await expect(table.locator('tbody tr')).toHaveCount(22);
    await expect(table.locator('tbody tr[data-node="acp-3"][data-disk="sdb"]')).toContainText('Ultra Fit');
    expect(problems).toEqual([]);
  } finally {
    rmSync(site.dir, { recursive: true, force: true });
  }
});
