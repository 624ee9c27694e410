import type { Req, Res } from '../../shared/ipc/contract.js';

/**
 * Native dialogs, provided by the Electron glue in the app and by a scripted stand-in in the e2e
 * harness; handlers never import electron.
 */
export interface NativeDialogs {
  openFiles(request: Req<'dialog.openFiles'>): Promise<Res<'dialog.openFiles'>>;
  saveFile(request: Req<'dialog.saveFile'>): Promise<Res<'dialog.saveFile'>>;
}

export interface AppIdentity {
  readonly version: string;
  readonly platform: string;
}
