import { z } from 'zod';
import { defineContracts } from '../define.js';
import { LIMITS } from '../limits.js';

const FileFilter = z.strictObject({
  name: z.string().max(128),
  extensions: z.array(z.string().max(16)).max(32),
});

/** Names one cancellable task, chosen by the page in the request that starts it. */
export const TaskIdSchema = z.string().min(1).max(64);

/** Application-level channels: version info, the native file dialogs, cancelling a running task. */
export const appContracts = defineContracts({
  'app.info': {
    request: z.strictObject({}),
    response: z.strictObject({ version: z.string(), platform: z.string() }),
  },
  'dialog.openFiles': {
    request: z.strictObject({ title: z.string().max(256).optional(), filters: z.array(FileFilter).max(16).optional() }),
    response: z.strictObject({ paths: z.array(z.string().max(LIMITS.maxPathChars)) }),
  },
  'dialog.saveFile': {
    request: z.strictObject({
      title: z.string().max(256).optional(),
      defaultName: z.string().max(LIMITS.maxNameChars).optional(),
      filters: z.array(FileFilter).max(16).optional(),
    }),
    response: z.strictObject({ path: z.string().max(LIMITS.maxPathChars).nullable() }),
  },
  /** Cancels the task the page named `taskId` (inspect opens, scans, chain fetches and verifies); `cancelled` is false when none runs. */
  'task.cancel': {
    request: z.strictObject({ taskId: TaskIdSchema }),
    response: z.strictObject({ cancelled: z.boolean() }),
  },
});
