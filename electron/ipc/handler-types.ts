import type { Channel, Req, Res } from '../../shared/ipc/contract.js';
import type { TaskOutcome } from '../../shared/ipc/events.js';
import type { PathGrants } from './path-grants.js';

/** What a handler may do besides answering: report progress on long work. */
export interface HandlerContext {
  progress(label: string, fraction?: number): void;
  /** The paths the calling window was handed by main (dialogs, discovery); every path field is checked against them. */
  readonly grants: PathGrants;
}

/** What the transport gives a call: its progress events, and the end event dispatch adds. */
export interface DispatchContext extends HandlerContext {
  /** The call that reported progress has ended; sent on failure too, so no task is left running. */
  end?(label: string, outcome: TaskOutcome): void;
}

/** One handler per channel; a channel without a handler is a compile error. */
export type Handlers = { [C in Channel]: (request: Req<C>, ctx: HandlerContext) => Promise<Res<C>> };

/** The part of a sender frame the trust check reads (Electron's WebFrameMain has both). */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}
