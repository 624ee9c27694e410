import type { WebPreferences } from 'electron';

/** The only place webPreferences are made: every window gets the same locked-down settings. */
export function createWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Middle-click would otherwise try to open links in new windows.
    disableBlinkFeatures: 'Auxclick',
    devTools: process.env.CERTBENCH_DEVTOOLS === '1',
  };
}
