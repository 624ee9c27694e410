import { connect, type Socket } from 'node:net';
import { CertbenchError } from '../../../../shared/errors.js';

/** Deadline and cancellation for one network step; whichever fires first destroys the socket. */
export interface StepLimits {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Names the step in the timeout message ("connect to proxy 127.0.0.1:3128"). */
  readonly what: string;
}

/** Runs `body` against `socket`, failing with `timeout` or `cancelled` and destroying the socket. */
export function withLimits<T>(socket: Socket, limits: StepLimits, body: (fail: (e: Error) => void) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      socket.off('close', onClose);
      fn();
    };
    const fail = (e: Error) => finish(() => {
      socket.destroy();
      reject(e);
    });
    const onAbort = () => fail(new CertbenchError('cancelled', `Cancelled during ${limits.what}`));
    const onError = (e: NodeJS.ErrnoException) => fail(networkError(e, limits.what));
    const onClose = () => fail(new CertbenchError('connection', `The peer closed the connection during ${limits.what}`));
    const timer = setTimeout(
      () => fail(new CertbenchError('timeout', `Timed out: no answer within ${limits.timeoutMs} ms during ${limits.what}; a firewall may be dropping the traffic, or the service is hung.`)),
      limits.timeoutMs,
    );
    if (limits.signal?.aborted) return onAbort();
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('error', onError);
    socket.on('close', onClose);
    body(fail).then(
      (v) => finish(() => resolve(v)),
      (e: Error) => fail(e),
    );
  });
}

/** Opens a TCP connection within the limits. */
export function tcpConnect(host: string, port: number, limits: StepLimits): Promise<Socket> {
  const socket = connect({ host, port });
  return withLimits(socket, limits, () => new Promise<Socket>((resolve) => socket.once('connect', () => resolve(socket))));
}

/**
 * Reads from `socket` until `complete(buffer)` returns the length of a full message, then pushes
 * any bytes after it back, so the next reader (TLS) sees the stream untouched.
 */
export function readMessage(socket: Socket, complete: (data: Buffer) => number, maxBytes: number, what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let data = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      const end = complete(data);
      if (end >= 0) {
        socket.off('data', onData);
        socket.pause();
        if (end < data.length) socket.unshift(data.subarray(end));
        resolve(data.subarray(0, end));
      } else if (data.length > maxBytes) {
        socket.off('data', onData);
        reject(new CertbenchError('connection', `${what}: answer longer than ${maxBytes} bytes`));
      }
    };
    socket.on('data', onData);
    socket.resume();
  });
}

/** Node's socket errors in plain words, keeping the errno for the admin. */
function networkError(e: NodeJS.ErrnoException, what: string): CertbenchError {
  if (e instanceof CertbenchError) return e;
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused: nothing listens on that port (check the port number and that the service runs)',
    ENOTFOUND: 'host name not found',
    EAI_AGAIN: 'host name lookup failed (temporary)',
    ECONNRESET: 'connection reset by peer',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'connection timed out',
  };
  const why = (e.code && words[e.code]) ?? e.message;
  return new CertbenchError('connection', `${what} failed: ${why}${e.code ? ` (${e.code})` : ''}`, { cause: e });
}
