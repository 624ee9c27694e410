import type { Handlers } from '../handler-types.js';
import type { AppIdentity, NativeDialogs } from '../native-dialogs.js';

export function createAppHandlers(
  identity: AppIdentity,
  dialogs: NativeDialogs,
): Pick<Handlers, 'app.info' | 'dialog.openFiles' | 'dialog.saveFile'> {
  return {
    'app.info': async () => ({ version: identity.version, platform: identity.platform }),
    'dialog.openFiles': (req) => dialogs.openFiles(req),
    'dialog.saveFile': (req) => dialogs.saveFile(req),
  };
}
