import { app, BrowserWindow, ipcMain } from 'electron';
import { join } from 'node:path';
import { createServices } from '../services/services.js';
import { defaultServiceEnv } from '../services/service-env.js';
import { offThreadKeyDecryptor, offThreadPfxReader, offThreadPkcs12KeystoreReader } from '../services/pkcs12/pfx-off-thread.js';
import { isTrustedSender } from '../ipc/dispatch.js';
import { registerHandlers } from '../ipc/register-handlers.js';
import { createHandlers } from '../ipc/handler-map.js';
import { askThroughDialog } from '../ipc/path-grants.js';
import { APP_ENTRY_URL } from '../ipc/app-origin.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { applySecurityPolicy } from './security.js';
import { createWebPreferences } from './web-preferences.js';
import { installMenu } from './menu.js';
import { electronDialogs } from './native-dialogs.js';

/** The Electron main process: wiring only; everything it serves lives in services/ and ipc/. */
let mainWindow: BrowserWindow | undefined;
const currentWindow = () => mainWindow;

registerAppScheme();
app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  if (mainWindow?.isMinimized()) mainWindow.restore();
  mainWindow?.focus();
});

app.whenReady().then(async () => {
  applySecurityPolicy();
  serveRenderer(join(__dirname, '..', 'renderer'));
  // Untrusted PKCS#12 files are parsed, and encrypted keys decrypted, on a worker thread: a hostile
  // file cannot freeze the window.
  const pfxWorker = join(__dirname, 'pfx-worker.cjs');
  const services = await createServices(
    defaultServiceEnv({
      dataDir: app.getPath('userData'),
      pfxReader: offThreadPfxReader(pfxWorker),
      pkcs12KeystoreReader: offThreadPkcs12KeystoreReader(pfxWorker),
      keyDecryptor: offThreadKeyDecryptor(pfxWorker),
    }),
  );
  const dialogs = electronDialogs(currentWindow);
  registerHandlers(
    ipcMain,
    createHandlers(services, { version: app.getVersion(), platform: process.platform }, dialogs),
    isTrustedSender,
    askThroughDialog(dialogs),
  );
  installMenu(currentWindow, process.platform === 'darwin');
  openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

function openWindow(): void {
  // Electronegativity cannot follow webPreferences into their factory; contextIsolation, sandbox and
  // disableBlinkFeatures: 'Auxclick' are set there, and new windows are denied in security.ts.
  mainWindow = new BrowserWindow({ // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Certbench',
    show: false,
    webPreferences: createWebPreferences(join(__dirname, 'preload.cjs')),
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  void mainWindow.loadURL(APP_ENTRY_URL);
}
