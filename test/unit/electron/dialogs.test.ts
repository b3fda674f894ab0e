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

  it('chooses a folder, which may be created in the dialog', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/sites/plant-c'] }, { canceled: true, filePath: '' });
    const win = {} as BaseWindow;
    const dialogs = createSiteDialogs(dialog as unknown as Dialog, () => win);
    expect(await dialogs.chooseFolder('/sites')).toBe('/sites/plant-c');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      win,
      expect.objectContaining({ properties: ['openDirectory', 'createDirectory'], defaultPath: '/sites' }),
    );
    const detached = createSiteDialogs(dialog as unknown as Dialog, () => undefined);
    await detached.chooseFolder();
    expect(dialog.showOpenDialog).toHaveBeenLastCalledWith(expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }));
  });

  it('chooses the install folder, hidden files shown (its state file starts with a dot)', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/sites/plant-a/install'] }, { canceled: true, filePath: '' });
    const win = {} as BaseWindow;
    const dialogs = createSiteDialogs(dialog as unknown as Dialog, () => win);
    expect(await dialogs.chooseInstallDir?.('/sites/plant-a')).toBe('/sites/plant-a/install');
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(win, expect.objectContaining({ properties: ['openDirectory', 'showHiddenFiles'], defaultPath: '/sites/plant-a' }));
  });

  it('returns undefined when cancelled', async () => {
    const dialog = fakeDialog({ canceled: true, filePaths: [] }, { canceled: true, filePath: '' });
    const dialogs = createSiteDialogs(dialog as unknown as Dialog, () => undefined);
    expect(await dialogs.chooseSiteToOpen()).toBeUndefined();
    expect(await dialogs.chooseSaveLocation()).toBeUndefined();
    expect(await dialogs.chooseFolder()).toBeUndefined();
  });
});
