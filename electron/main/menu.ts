import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/events.js';
import { WORKSPACES, workspaceKey } from '../../shared/model/workspaces.js';

/** Native menus with the usual shortcuts; app commands are forwarded to the page as `menu` events. */
export function installMenu(window: () => BrowserWindow | undefined, isMac: boolean): void {
  const send = (command: MenuCommand) => () => window()?.webContents.send('menu', { command });
  // "&&" shows one "&": a single one marks the mnemonic on Windows and Linux.
  const workspaces = WORKSPACES.map(({ id, label }): MenuItemConstructorOptions => ({
    label: label.replaceAll('&', '&&'),
    accelerator: `CmdOrCtrl+${workspaceKey(id)}`,
    click: send(`workspace:${id}`),
  }));
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send('open-files') },
        { label: 'Paste PEM…', accelerator: 'CmdOrCtrl+Shift+V', click: send('paste-text') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...workspaces,
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
