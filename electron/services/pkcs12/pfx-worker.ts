/**
 * Worker-thread entry (bundled as dist/electron/pfx-worker.cjs): opens one PKCS#12 file under a
 * fresh request budget, as its contents or as Java's keystore view, or decrypts one encrypted
 * private key, and posts that back. Private keys travel as KeyObjects, which
 * worker messages clone; they never leave main's memory for the renderer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors.js';
import type { PfxWorkerAnswer, PfxWorkerReply, PfxWorkerRequest } from './pfx-off-thread.js';
import { readPkcs12 } from '../keystore/pkcs12-keystore.js';
import { decryptKey } from '../private-keys/read-private-key.js';
import { readPfx } from './read-pfx.js';
import { WorkBudget } from './work-budget.js';

const request = workerData as PfxWorkerRequest;
const reply = (message: PfxWorkerReply) => parentPort!.postMessage(message);
/** Main reserved an encrypted key's cost on its request's budget and times it; a PFX opens under a fresh budget here. */
function answer(): Promise<PfxWorkerAnswer> {
  if (request.view === 'encrypted-key') return Promise.resolve().then(() => decryptKey(request.key, request.passphrase));
  const budget = WorkBudget.forRequest();
  return request.view === 'keystore' ? readPkcs12(request.bytes, request.password, budget) : readPfx(request.bytes, request.password, { budget });
}
answer().then(
  (contents) => reply({ ok: true, contents }),
  (err: unknown) => reply({ ok: false, error: toErrorInfo(err) }),
);
