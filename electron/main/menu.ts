import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../shared/ipc/events.js';

/** Native menus with the usual shortcuts; app commands are forwarded to the page as `menu` events. */
export function installMenu(window: () => BrowserWindow | undefined, isMac: boolean): void {
  const send = (command: MenuCommand) => () => window()?.webContents.send('menu', { command });
  const workspace = (label: string, id: string, key: string): MenuItemConstructorOptions => ({
    label,
    accelerator: `CmdOrCtrl+${key}`,
    click: send(`workspace:${id}` as MenuCommand),
  });
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
        workspace('Inspect', 'inspect', '1'),
        workspace('Chain', 'chain', '2'),
        workspace('Trust stores', 'trust', '3'),
        workspace('Java keystores', 'keystore', '4'),
        workspace('Keys && CSR', 'keys', '5'),
        workspace('Expiry', 'expiry', '6'),
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
