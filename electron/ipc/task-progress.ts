import type { EventPayload } from '../../shared/ipc/events.js';
import type { Result } from '../../shared/ipc/result.js';

type Send = (payload: EventPayload<'progress'>) => void;

/**
 * The progress events of one IPC call. A call that reported progress always ends with a `done`
 * event saying how it ended, even when its handler failed or was cancelled midway, so the status
 * bar never keeps a task that is no longer running. Used by register-handlers and the e2e harness.
 */
export function taskProgress(taskId: string, send: Send): { progress(label: string, fraction?: number): void; finish(result: Result<unknown>): void } {
  let label: string | undefined;
  return {
    progress: (text, fraction) => {
      label = fraction === 1 ? undefined : text;
      send({ taskId, label: text, fraction, done: fraction === 1, ...(fraction === 1 ? { outcome: 'done' as const } : {}) });
    },
    finish: (result) => {
      if (label === undefined) return;
      const outcome = result.ok ? 'done' : result.error.code === 'cancelled' ? 'cancelled' : 'failed';
      send({ taskId, label, done: true, outcome });
      label = undefined;
    },
  };
}
