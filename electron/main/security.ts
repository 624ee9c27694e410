import { app, session, type WebContents } from 'electron';
import { APP_ORIGIN } from '../ipc/app-origin.js';

/** Permissions the page may use: writing to the clipboard for the copy buttons, nothing else. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

/**
 * App-wide hardening: no navigation away from the app, no new windows, no webviews, and every
 * permission request refused except clipboard writes.
 */
export function applySecurityPolicy(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => ALLOWED_PERMISSIONS.has(permission));
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
