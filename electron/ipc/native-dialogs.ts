import type { Req, Res } from '../../shared/ipc/contract.js';

/**
 * Native dialogs, provided by the Electron glue in the app and by a scripted stand-in in the e2e
 * harness; handlers never import electron.
 */
export interface NativeDialogs {
  openFiles(request: Req<'dialog.openFiles'>): Promise<Res<'dialog.openFiles'>>;
  saveFile(request: Req<'dialog.saveFile'>): Promise<Res<'dialog.saveFile'>>;
  /** A yes/no question main asks the user itself, for changes a page alone must not start. */
  confirm(question: Confirmation): Promise<boolean>;
}

export interface Confirmation {
  readonly title: string;
  readonly message: string;
  readonly detail?: string;
  /** The label of the button that says yes; the other one cancels. */
  readonly confirmLabel: string;
}

export interface AppIdentity {
  readonly version: string;
  readonly platform: string;
}
