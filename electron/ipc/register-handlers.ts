import { CHANNELS } from '../../shared/ipc/channels.js';
import { fail } from '../../shared/ipc/result.js';
import type { EventPayload } from '../../shared/ipc/events.js';
import { createDispatch } from './dispatch.js';
import type { Handlers, SenderFrame } from './handler-types.js';
import { PathGrants, type AskUser } from './path-grants.js';

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

/** Registers one `ipcMain.handle` per contract channel, each behind the sender check; path grants are per window. */
export function registerHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  isTrusted: (frame: SenderFrame | null) => boolean,
  /** How main asks the user about a path the page typed; without it such paths are refused. */
  ask?: AskUser,
): void {
  const dispatch = createDispatch(handlers);
  const grantsOf = new WeakMap<InvokeEvent['sender'], PathGrants>();
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event, request) => {
      if (!isTrusted(event.senderFrame)) {
        return fail({ code: 'forbidden-sender', message: 'IPC refused: the sender is not the Certbench window' });
      }
      let grants = grantsOf.get(event.sender);
      if (!grants) grantsOf.set(event.sender, (grants = new PathGrants(ask)));
      const taskId = `${channel}#${++taskCounter}`;
      return dispatch(channel, request, {
        grants,
        progress: (label, fraction) => event.sender.send('progress', { taskId, label, fraction, done: false }),
        end: (label, outcome) => event.sender.send('progress', { taskId, label, done: true, outcome }),
      });
    });
  }
}
