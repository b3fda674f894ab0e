// Native open/save/folder dialogs behind `site.choose`. `dialog` and the window are injected.
import type { BaseWindow, Dialog, FileFilter } from 'electron';
import type { SiteDialogs } from '../host/handlers/common';

export type { SiteDialogs };

const SITE_FILTERS: FileFilter[] = [
  { name: 'Site plan (YAML)', extensions: ['yaml', 'yml'] },
  { name: 'All files', extensions: ['*'] },
];

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
    async chooseKubeconfig(defaultPath) {
      // openshift-install writes it as auth/kubeconfig: no extension, so no filter.
      const options: Electron.OpenDialogOptions = {
        title: 'Import the cluster kubeconfig',
        buttonLabel: 'Import',
        properties: ['openFile', 'showHiddenFiles'],
        ...(defaultPath ? { defaultPath } : {}),
      };
      const win = getWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
    async chooseInstallDir(defaultPath) {
      // The folder `openshift-install agent create image` ran in; its state file is hidden.
      const options: Electron.OpenDialogOptions = {
        title: 'Choose the install folder (the one with auth/kubeconfig)',
        buttonLabel: 'Use this folder',
        properties: ['openDirectory', 'showHiddenFiles'],
        ...(defaultPath ? { defaultPath } : {}),
      };
      const win = getWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
    async chooseFolder(defaultPath) {
      const options: Electron.OpenDialogOptions = {
        title: 'Choose a folder',
        buttonLabel: 'Choose',
        properties: ['openDirectory', 'createDirectory'],
        ...(defaultPath ? { defaultPath } : {}),
      };
      const win = getWindow();
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
  };
}
