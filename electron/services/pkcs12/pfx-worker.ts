/**
 * Worker-thread entry (bundled as dist/electron/pfx-worker.cjs): opens one PKCS#12 file under a
 * fresh request budget and posts the contents back. Private keys travel as KeyObjects, which
 * worker messages clone; they never leave main's memory for the renderer.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors.js';
import type { PfxWorkerReply, PfxWorkerRequest } from './pfx-off-thread.js';
import { readPfx } from './read-pfx.js';
import { WorkBudget } from './work-budget.js';

const { bytes, password } = workerData as PfxWorkerRequest;
const reply = (message: PfxWorkerReply) => parentPort!.postMessage(message);
readPfx(bytes, password, { budget: WorkBudget.forRequest() }).then(
  (contents) => reply({ ok: true, contents }),
  (err: unknown) => reply({ ok: false, error: toErrorInfo(err) }),
);
