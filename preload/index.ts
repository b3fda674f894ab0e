// Preload of the main window (bundled into one CommonJS file: the window is sandboxed).
import { contextBridge, ipcRenderer } from 'electron';
import { exposeSitekit } from './bridge';

exposeSitekit(contextBridge, ipcRenderer);
