import { Worker } from 'node:worker_threads';
import { CertbenchError, type ErrorInfo } from '../../../shared/errors.js';
import type { RawKeystore } from '../keystore/raw-keystore.js';
import type { Pkcs12KeystoreReader } from '../keystore/pkcs12-keystore-reader.js';
import type { PfxReader } from './pfx-reader.js';
import type { PfxContents } from './pfx-types.js';

/** What the worker reads a file as: its contents (Inspect, keys) or Java's keystore view of it. */
export interface PfxWorkerRequest {
  readonly view: 'contents' | 'keystore';
  readonly bytes: Uint8Array;
  readonly password: string | undefined;
}

export type PfxWorkerReply =
  | { readonly ok: true; readonly contents: PfxContents | RawKeystore }
  | { readonly ok: false; readonly error: ErrorInfo };

/**
 * Heap for one parse. An input is at most 32 MB (LIMITS.maxInputBytes) and a PFX's contents are
 * copies of slices of it, so this is ample; past it the worker dies and the open fails, never main.
 */
const WORKER_HEAP_MB = 256;

/**
 * A PfxReader that parses on a worker thread, so key derivation of an untrusted file never blocks
 * Electron's main process, and a cancel (the signal) stops it at once: the worker is terminated,
 * whatever loop it is in. One worker per file: start-up is a few tens of milliseconds, and nothing
 * of one file's parse can outlive it. `script` is the bundled pfx-worker entry.
 */
export function offThreadPfxReader(script: string | URL): PfxReader {
  return (bytes, password, { signal }) => readOnWorker(script, { view: 'contents', bytes, password }, signal) as Promise<PfxContents>;
}

/** The keystore workspace's PKCS#12 stores, on the same worker entry as `offThreadPfxReader`. */
export function offThreadPkcs12KeystoreReader(script: string | URL): Pkcs12KeystoreReader {
  return (bytes, password, { signal }) => readOnWorker(script, { view: 'keystore', bytes, password }, signal) as Promise<RawKeystore>;
}

function readOnWorker(script: string | URL, request: PfxWorkerRequest, signal: AbortSignal | undefined): Promise<PfxContents | RawKeystore> {
  return new Promise<PfxContents | RawKeystore>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const worker = new Worker(script, { workerData: request, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      finish();
    };
    const onAbort = () => settle(() => reject(cancelled()));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (reply: PfxWorkerReply) =>
      settle(() => (reply.ok ? resolve(reply.contents) : reject(new CertbenchError(reply.error.code, reply.error.message)))),
    );
    worker.once('error', (err) =>
      settle(() =>
        reject(
          (err as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new CertbenchError('too-large', `Opening the PFX needed more than ${WORKER_HEAP_MB} MB; Certbench stopped it`)
            : new CertbenchError('internal', `The PFX reader stopped unexpectedly: ${err.message}`),
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new CertbenchError('internal', `The PFX reader exited (code ${code}) without an answer`))));
  });
}

const cancelled = () => new CertbenchError('cancelled', 'Opening the file was cancelled');
