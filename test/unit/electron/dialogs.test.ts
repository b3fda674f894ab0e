import type { BaseWindow, Dialog } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createSiteDialogs } from '../../../main/electron/dialogs';

describe('site dialogs', () => {
  const fakeDialog = (open: { canceled: boolean; filePaths: string[] }, save: { canceled: boolean; filePath: string }) => ({
    showOpenDialog: vi.fn(async () => open),
    showSaveDialog: vi.fn(async () => save),
  });

  it('returns the chosen files, attached to the window', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/s/site.yaml'] }, { canceled: false, filePath: '/s/new.yaml' });
    const win = {} as BaseWindow;
    const dialogs = createSiteDialogs(dialog as unknown as Dialog, () => win);
    expect(await dialogs.chooseSiteToOpen()).toBe('/s/site.yaml');
    expect(await dialogs.chooseSaveLocation('/s/site.yaml')).toBe('/s/new.yaml');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(win, expect.objectContaining({ properties: ['openFile'] }));
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(win, expect.objectContaining({ defaultPath: '/s/site.yaml' }));
  });

  it('returns undefined when cancelled', async () => {
    const dialog = fakeDialog({ canceled: true, filePaths: [] }, { canceled: true, filePath: '' });
    const dialogs = createSiteDialogs(dialog as unknown as Dialog, () => undefined);
    expect(await dialogs.chooseSiteToOpen()).toBeUndefined();
    expect(await dialogs.chooseSaveLocation()).toBeUndefined();
  });
});
