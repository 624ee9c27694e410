import type { KeyObject } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { CertbenchError, type ErrorInfo } from '../../../shared/errors.js';
import type { RawKeystore } from '../keystore/raw-keystore.js';
import type { Pkcs12KeystoreReader } from '../keystore/pkcs12-keystore-reader.js';
import type { PfxReader } from './pfx-reader.js';
import type { PfxContents } from './pfx-types.js';
import type { KeyDecryptor, KeyInput } from '../private-keys/read-private-key.js';

/**
 * What the worker reads: a PKCS#12 file as its contents (Inspect, keys) or as Java's keystore view
 * of it, or one encrypted private key of an untrusted file (its one-shot OpenSSL decryption).
 */
export type PfxWorkerRequest =
  | { readonly view: 'contents' | 'keystore'; readonly bytes: Uint8Array; readonly password: string | undefined }
  | { readonly view: 'encrypted-key'; readonly key: KeyInput; readonly passphrase: string };

export type PfxWorkerAnswer = PfxContents | RawKeystore | KeyObject;

export type PfxWorkerReply =
  | { readonly ok: true; readonly contents: PfxWorkerAnswer }
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

/**
 * Encrypted private keys of untrusted files, decrypted on the same worker entry: OpenSSL's one-shot
 * key derivation cannot be interrupted, so on main it would freeze the window for as long as the
 * file's budget allows. The worker is still main's process: the key never reaches the renderer.
 */
export function offThreadKeyDecryptor(script: string | URL): KeyDecryptor {
  return (key, passphrase, { signal }) => readOnWorker(script, { view: 'encrypted-key', key, passphrase }, signal) as Promise<KeyObject>;
}

function readOnWorker(script: string | URL, request: PfxWorkerRequest, signal: AbortSignal | undefined): Promise<PfxWorkerAnswer> {
  const what = request.view === 'encrypted-key' ? 'the private key' : 'the PFX';
  return new Promise<PfxWorkerAnswer>((resolve, reject) => {
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
            ? new CertbenchError('too-large', `Opening ${what} needed more than ${WORKER_HEAP_MB} MB; Certbench stopped it`)
            : new CertbenchError('internal', `The reader of ${what} stopped unexpectedly: ${err.message}`),
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new CertbenchError('internal', `The reader of ${what} exited (code ${code}) without an answer`))));
  });
}

const cancelled = () => new CertbenchError('cancelled', 'Opening the file was cancelled');
