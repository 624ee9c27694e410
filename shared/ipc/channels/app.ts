/** Channel names of the app domain; must equal the keys of contracts/app.ts (unit-tested). */
export const APP_CHANNELS = ['app.info', 'dialog.openFiles', 'dialog.saveFile', 'task.cancel'] as const;
