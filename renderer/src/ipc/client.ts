import type { Channel, Req, Res } from '../../../shared/ipc/contract.js';
import type { ErrorCode } from '../../../shared/errors.js';
import type { CertbenchBridge } from '../../../shared/ipc/bridge.js';
import type { EventName, EventPayload } from '../../../shared/ipc/events.js';

declare global {
  interface Window {
    readonly certbench: CertbenchBridge;
  }
}

/** A failed IPC call, with the code main chose (the UI branches on it, e.g. to ask for a password). */
export class IpcError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
  }
}

/** The renderer's only way to main: typed by the contract, unwrapping the Result envelope. */
export async function invoke<C extends Channel>(channel: C, request: Req<C>): Promise<Res<C>> {
  const result = await window.certbench.invoke(channel, request);
  if (!result.ok) throw new IpcError(result.error.code, result.error.message);
  return result.value;
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  return window.certbench.on(event, listener);
}

export const isIpcError = (err: unknown, code?: ErrorCode): err is IpcError =>
  err instanceof IpcError && (code === undefined || err.code === code);
