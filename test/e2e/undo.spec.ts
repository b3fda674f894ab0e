// One undo history, whatever has the focus: Ctrl+Z inside a plan field or the plan's text goes
// to the same history as the toolbar's Undo and Redo, never to the browser's own undo of that
// input (which used to come back as one more edit, so the toolbar's Undo then redid it).
import { expect, test } from './fixtures';

const ORIGINAL = 'Plant A, hall 3, rack row C';

test('Ctrl+Z in a text field undoes what was typed there, and the toolbar agrees', async ({ page, sitekit, shot }) => {
  await page.goto(sitekit.url);
  await expect(page.getByTestId('summary')).toContainText('No errors');
  const undo = page.getByTestId('undo');
  const redo = page.getByTestId('redo');
  const location = page.locator('input[data-path="/metadata/location"]');
  await expect(location).toHaveValue(ORIGINAL);
  await expect(undo).toBeDisabled();

  // Typed, written to the plan after the pause, then Ctrl+Z still in the field: the plan goes
  // back (the browser's own undo would have written the old text as one more edit instead).
  await location.click();
  await location.press('End');
  await page.keyboard.type(' (moved)');
  await expect(undo).toBeEnabled();
  await location.press('Control+z');
  await expect(location).toHaveValue(ORIGINAL);
  await expect(location).toBeFocused();
  await expect(undo).toBeDisabled();
  await expect(redo).toBeEnabled();
  await shot('undo-01-field-undone');

  // Typed and undone at once, before the pause: what was typed is one edit first, then undone.
  await page.keyboard.type(' (moved)');
  await location.press('Control+z');
  await expect(location).toHaveValue(ORIGINAL);
  await expect(undo).toBeDisabled();
  await expect(redo).toBeEnabled();

  // The toolbar's Redo brings the typing back; Undo takes it away again.
  await redo.click();
  await expect(location).toHaveValue(`${ORIGINAL} (moved)`);
  await expect(redo).toBeDisabled();
  await undo.click();
  await expect(location).toHaveValue(ORIGINAL);

  // Ctrl+Shift+Z and Ctrl+Y in the field redo; Ctrl+Z undoes.
  await location.click();
  await location.press('Control+Shift+z');
  await expect(location).toHaveValue(`${ORIGINAL} (moved)`);
  await expect(undo).toBeEnabled();
  await expect(redo).toBeDisabled();
  await location.press('Control+z');
  await expect(location).toHaveValue(ORIGINAL);
  await location.press('Control+y');
  await expect(location).toHaveValue(`${ORIGINAL} (moved)`);
  await location.press('Control+z');
  await expect(location).toHaveValue(ORIGINAL);
  await expect(undo).toBeDisabled();

  // Typing with a pause in between (one edit already written) is still one step per visit.
  await location.press('End');
  await page.keyboard.type(', door 2');
  await expect(undo).toBeEnabled(); // the first part is in the plan
  await page.keyboard.type(' east');
  await location.press('Tab');
  await undo.click();
  await expect(location).toHaveValue(ORIGINAL);
  await expect(undo).toBeDisabled();
});

test('Ctrl+Z in the plan text moves in the same history', async ({ page, sitekit }) => {
  await page.goto(sitekit.url);
  await expect(page.getByTestId('summary')).toContainText('No errors');
  await page.getByTestId('nav-validate').click();
  const editor = page.getByTestId('editor');
  const original = await editor.inputValue();
  const changed = original.replace('vlan: 110', 'vlan: 100');

  await editor.fill(changed);
  await editor.press('Control+z');
  await expect(editor).toHaveValue(original);
  await expect(page.getByTestId('undo')).toBeDisabled();
  await expect(page.getByTestId('redo')).toBeEnabled();
  await editor.press('Control+Shift+z');
  await expect(editor).toHaveValue(changed);
  await page.getByTestId('undo').click();
  await expect(editor).toHaveValue(original);
  await expect(page.getByTestId('redo')).toBeEnabled();
});
