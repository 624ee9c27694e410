import type { PfxContents } from './pfx-types.js';
import { readPfx } from './read-pfx.js';
import { WorkBudget } from './work-budget.js';

/**
 * How a service opens a PKCS#12 file it was handed: in-process (the CLI, which has nothing else
 * to keep responsive) or on a worker thread (the app: see pfx-off-thread.ts), both under the
 * same work budgets.
 */
export type PfxReader = (bytes: Uint8Array, password: string | undefined, options: PfxReaderOptions) => Promise<PfxContents>;

export interface PfxReaderOptions {
  readonly signal?: AbortSignal;
  /** The request's budget when it opens several files (a CLI command); absent: a fresh one. */
  readonly budget?: WorkBudget;
}

export const readPfxInProcess: PfxReader = (bytes, password, { signal, budget }) =>
  readPfx(bytes, password, { budget: budget ?? WorkBudget.forRequest(signal ? { signal } : {}) });
