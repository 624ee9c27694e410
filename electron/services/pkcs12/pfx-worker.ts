/**
 * Worker-thread entry (bundled as dist/electron/pfx-worker.cjs): opens one PKCS#12 file under a
 * fresh request budget, as its contents or as Java's keystore view, and posts that back. Private keys travel as KeyObjects, which
 * worker messages clone; they never leave main's memory for the renderer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors.js';
import type { PfxWorkerReply, PfxWorkerRequest } from './pfx-off-thread.js';
import { readPkcs12 } from '../keystore/pkcs12-keystore.js';
import { readPfx } from './read-pfx.js';
import { WorkBudget } from './work-budget.js';

const { view, bytes, password } = workerData as PfxWorkerRequest;
const reply = (message: PfxWorkerReply) => parentPort!.postMessage(message);
const budget = WorkBudget.forRequest();
(view === 'keystore' ? readPkcs12(bytes, password, budget) : readPfx(bytes, password, { budget })).then(
  (contents) => reply({ ok: true, contents }),
  (err: unknown) => reply({ ok: false, error: toErrorInfo(err) }),
);
