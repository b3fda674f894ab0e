// The technician's whole path (technician-path.ts) in Debian's Chromium against the real web
// host and three real OpenSSH servers (the test bed).
import { expect, test } from './fixtures';
import { technicianPath, useTestBed } from './technician-path';

test.describe.configure({ mode: 'serial' });
const testBed = useTestBed(test);

test('from the example to a generated bundle, with discovery against real SSH servers', async ({ page, sitekit, shot }) => {
  test.setTimeout(180_000);
  await page.goto(sitekit.url);
  const problems = await technicianPath({
    page,
    ...testBed,
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
