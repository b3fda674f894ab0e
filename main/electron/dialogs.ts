// Native open/save dialogs for site files. `dialog` and the window are injected.
import type { BaseWindow, Dialog, FileFilter } from 'electron';

const SITE_FILTERS: FileFilter[] = [
  { name: 'Site plan (YAML)', extensions: ['yaml', 'yml'] },
  { name: 'All files', extensions: ['*'] },
];

export interface SiteDialogs {
  /** Absolute path of the chosen site file, or undefined when cancelled. */
  chooseSiteToOpen(defaultPath?: string): Promise<string | undefined>;
  /** Absolute path to save to, or undefined when cancelled. */
  chooseSaveLocation(defaultPath?: string): Promise<string | undefined>;
}

export function createSiteDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  getWindow: () => BaseWindow | undefined,
): SiteDialogs {
  return {
    async chooseSiteToOpen(defaultPath) {
      const options: Electron.OpenDialogOptions = {
        title: 'Open site plan',
        buttonLabel: 'Open',
        properties: ['openFile'],
        filters: SITE_FILTERS,
        ...(defaultPath ? { defaultPath } : {}),
      };
      const win = getWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
    async chooseSaveLocation(defaultPath) {
      const options: Electron.SaveDialogOptions = {
        title: 'Save site plan',
        buttonLabel: 'Save',
        filters: SITE_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
        ...(defaultPath ? { defaultPath } : {}),
      };
      const win = getWindow();
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? undefined : result.filePath;
    },
  };
}
