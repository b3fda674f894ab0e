// Electron main: lifecycle only. Everything with logic lives in the injected modules next
// to this file, in main/host (handlers) and main/core; this is the one place that wires
// the real Electron objects in.
import { BrowserWindow, app, dialog, ipcMain, protocol, safeStorage, session } from 'electron';
import path from 'node:path';
import { resourcePath } from '../core/resources';
import { createHandlers } from '../host/handlers';
import { createSiteDialogs } from './dialogs';
import { createIpcEmitter, isTrustedSender, registerIpc } from './ipc';
import { createPathAllowList } from './path-policy';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './protocol';
import { REPORT_PDF_WINDOW_OPTIONS, printReportToPdf } from './report-pdf';
import { SafeStorageSecretStore } from './secrets';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow } from './window';

const RENDERER_DIR = path.join(__dirname, '../renderer');
const PRELOAD = path.join(__dirname, '../preload/index.js');

/** `--site <file>` or `--site=<file>` on the command line. */
function siteArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--site') return argv[i + 1] ? path.resolve(argv[i + 1]!) : undefined;
    if (arg.startsWith('--site=')) return path.resolve(arg.slice('--site='.length));
  }
  return undefined;
}

app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  const openWindow = () => {
    mainWindow = createMainWindow(BrowserWindow, { preload: PRELOAD });
    mainWindow.on('closed', () => (mainWindow = undefined));
  };

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (m) => console.warn(m)));
  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(() => {
      hardenSession(session.defaultSession);
      protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));
      const secretsFile = path.join(app.getPath('userData'), 'secrets.json');
      const handlers = createHandlers({
        mode: 'electron',
        version: app.getVersion(),
        examplePath: resourcePath('examples', 'plant-a.site.yaml'),
        initialSitePath: siteArgument(process.argv),
        settingsDir: app.getPath('userData'),
        secrets: new SafeStorageSecretStore(safeStorage, secretsFile, {
          warn: (message) => console.warn(message),
        }),
        secretsFile,
        dialogs: createSiteDialogs(dialog, () => BrowserWindow.getFocusedWindow() ?? mainWindow),
        // Only paths chosen in a native dialog (or recent, or the example) may be read.
        pathPolicy: createPathAllowList(),
        // electronegativity cannot see through the constant: REPORT_PDF_WINDOW_OPTIONS has the
        // sandbox and context isolation on and JavaScript off, and every window is denied
        // navigation and new windows (security.ts), which also covers middle-click (auxclick).
        printPdf: (html) =>
          printReportToPdf(
            () => new BrowserWindow(REPORT_PDF_WINDOW_OPTIONS), // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
            html,
          ),
        emit: createIpcEmitter(() => BrowserWindow.getAllWindows().map((w) => w.webContents)),
        logError: (message, error) => console.error(message, error),
      });
      registerIpc(ipcMain, handlers, isTrustedSender);
      openWindow();
      app.on('activate', () => {
        if (!mainWindow) openWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('ACP Sitekit could not start:', error);
      app.exit(1);
    });
}
