import { contract, type Channel } from '../../shared/ipc/contract.js';
import { CertbenchError, toErrorInfo } from '../../shared/errors.js';
import type { TaskOutcome } from '../../shared/ipc/events.js';
import { fail, ok, type Result } from '../../shared/ipc/result.js';
import type { DispatchContext, HandlerContext, Handlers, SenderFrame } from './handler-types.js';
import { APP_ORIGIN } from './app-origin.js';
import { recordGrants, refusedPath } from './path-grants.js';

/** Only the app's own top-level frame may call main; iframes and foreign origins are refused. */
export function isTrustedSender(frame: SenderFrame | null | undefined, origin: string = APP_ORIGIN): boolean {
  if (!frame || frame.parent) return false;
  try {
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}` === origin;
  } catch {
    return false;
  }
}

export type Dispatch = (channel: unknown, request: unknown, ctx: DispatchContext) => Promise<Result<unknown>>;

const isChannel = (name: unknown): name is Channel => typeof name === 'string' && Object.hasOwn(contract, name);

/**
 * The one path from a message to a handler: known channel → schema-validated request → every path
 * in it granted to the window → handler → schema-checked response (dialog answers become grants)
 * → Result. Nothing a page sends can throw past this function.
 */
export function createDispatch(handlers: Handlers): Dispatch {
  return async (channel, request, ctx) => {
    if (!isChannel(channel)) return fail({ code: 'unknown-channel', message: `Unknown channel ${String(channel).slice(0, 64)}` });
    const spec = contract[channel];
    const parsed = spec.request.safeParse(request);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      return fail({ code: 'invalid-request', message: `Invalid ${channel} request${where}: ${issue?.message ?? 'rejected'}` });
    }
    const refused = await refusedPath(channel, parsed.data, ctx.grants);
    if (refused) {
      return fail({
        code: 'forbidden-path',
        message: `${refused.path} was not chosen in a Certbench dialog nor allowed; choose it with ${refused.use === 'read' || refused.use === 'edit' ? 'Open' : 'Save'} first`,
      });
    }
    const task = trackedTask(ctx);
    try {
      const handler = handlers[channel] as (req: unknown, ctx: HandlerContext) => Promise<unknown>;
      const value = await handler(parsed.data, task.ctx);
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        throw new CertbenchError('internal', `${channel} produced a response outside its contract`);
      }
      recordGrants(channel, checked.data, ctx.grants);
      task.end('done');
      return ok(checked.data);
    } catch (err) {
      const error = toErrorInfo(err);
      task.end(error.code === 'cancelled' ? 'cancelled' : 'failed');
      return fail(error);
    }
  };
}

/**
 * The handler's view of the context, remembering its last progress label so that a call which
 * showed progress always ends with one end event: handlers only report progress, never the end.
 */
function trackedTask(ctx: DispatchContext): { ctx: HandlerContext; end(outcome: TaskOutcome): void } {
  let label: string | undefined;
  return {
    ctx: {
      grants: ctx.grants,
      progress: (next, fraction) => {
        label = next;
        ctx.progress(next, fraction);
      },
    },
    end: (outcome) => {
      if (label !== undefined) ctx.end?.(label, outcome);
    },
  };
}
