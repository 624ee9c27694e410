import type { Handlers } from '../handler-types.js';
import type { AppIdentity, NativeDialogs } from '../native-dialogs.js';
import type { RunningTasks } from '../running-tasks.js';

export function createAppHandlers(
  identity: AppIdentity,
  dialogs: NativeDialogs,
  tasks: RunningTasks,
): Pick<Handlers, 'app.info' | 'dialog.openFiles' | 'dialog.saveFile' | 'task.cancel'> {
  return {
    'app.info': async () => ({ version: identity.version, platform: identity.platform }),
    'dialog.openFiles': (req) => dialogs.openFiles(req),
    'dialog.saveFile': (req) => dialogs.saveFile(req),
    'task.cancel': async (req) => ({ cancelled: tasks.cancel(req.taskId) }),
  };
}
