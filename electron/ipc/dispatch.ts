import { contract, type Channel } from '../../shared/ipc/contract.js';
import { CertbenchError, toErrorInfo } from '../../shared/errors.js';
import { fail, ok, type Result } from '../../shared/ipc/result.js';
import type { DispatchContext, HandlerContext, Handlers, SenderFrame } from './handler-types.js';
import { APP_ORIGIN } from './app-origin.js';

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
 * The one path from a message to a handler: known channel → schema-validated request → handler →
 * schema-checked response → Result. Nothing a page sends can throw past this function.
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
    const task = trackedTask(ctx);
    try {
      const handler = handlers[channel] as (req: unknown, ctx: HandlerContext) => Promise<unknown>;
      const value = await handler(parsed.data, task.ctx);
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        throw new CertbenchError('internal', `${channel} produced a response outside its contract`);
      }
      task.end('done');
      return ok(checked.data);
    } catch (err) {
      task.end('failed');
      return fail(toErrorInfo(err));
    }
  };
}

/**
 * The handler's view of the context, remembering its last progress label so that a call which
 * showed progress always ends with one end event: handlers only report progress, never the end.
 */
function trackedTask(ctx: DispatchContext): { ctx: HandlerContext; end(outcome: 'done' | 'failed'): void } {
  let label: string | undefined;
  return {
    ctx: {
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
