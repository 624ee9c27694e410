import { CHANNELS } from '../../shared/ipc/channels.js';
import { fail } from '../../shared/ipc/result.js';
import type { EventPayload } from '../../shared/ipc/events.js';
import { createDispatch } from './dispatch.js';
import type { Handlers, SenderFrame } from './handler-types.js';

/** The slice of Electron's IpcMainInvokeEvent the registration reads. */
export interface InvokeEvent {
  readonly senderFrame: SenderFrame | null;
  readonly sender: { send(channel: 'progress', payload: EventPayload<'progress'>): void };
}

/** The slice of Electron's ipcMain used here; tests pass a plain in-memory stand-in. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, request: unknown) => Promise<unknown>): void;
}

let taskCounter = 0;

/** Registers one `ipcMain.handle` per contract channel, each behind the sender check. */
export function registerHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  isTrusted: (frame: SenderFrame | null) => boolean,
): void {
  const dispatch = createDispatch(handlers);
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, request) => {
      if (!isTrusted(event.senderFrame)) {
        return fail({ code: 'forbidden-sender', message: 'IPC refused: the sender is not the Certbench window' });
      }
      const taskId = `${channel}#${++taskCounter}`;
      return dispatch(channel, request, {
        progress: (label, fraction) => event.sender.send('progress', { taskId, label, fraction, done: false }),
        end: (label, outcome) => event.sender.send('progress', { taskId, label, done: true, outcome }),
      });
    });
  }
}
