import { dialog, type BrowserWindow } from 'electron';
import type { NativeDialogs } from '../ipc/native-dialogs.js';

/** Electron's file dialogs, attached to the main window. */
export function electronDialogs(window: () => BrowserWindow | undefined): NativeDialogs {
  return {
    openFiles: async (req) => {
      const parent = window();
      const options = { title: req.title, filters: req.filters, properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'> };
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return { paths: result.canceled ? [] : result.filePaths };
    },
    saveFile: async (req) => {
      const parent = window();
      const options = { title: req.title, defaultPath: req.defaultName, filters: req.filters };
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return { path: result.canceled || !result.filePath ? null : result.filePath };
    },
    confirm: async (question) => {
      const parent = window();
      const options = {
        type: 'question' as const,
        title: question.title,
        message: question.message,
        ...(question.detail === undefined ? {} : { detail: question.detail }),
        buttons: [question.confirmLabel, 'Cancel'],
        defaultId: 1,
        cancelId: 1,
      };
      const result = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return result.response === 0;
    },
  };
}
