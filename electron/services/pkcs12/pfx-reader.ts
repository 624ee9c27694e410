import type { PfxContents } from './pfx-types.js';
import { readPfx } from './read-pfx.js';
import { WorkBudget } from './work-budget.js';

/**
 * How a service opens a PKCS#12 file it was handed: in-process (the CLI: one command, one file,
 * nothing else to keep responsive) or on a worker thread (the app: see pfx-off-thread.ts), both
 * under the same work budgets.
 */
export type PfxReader = (bytes: Uint8Array, password: string | undefined, options: { readonly signal?: AbortSignal }) => Promise<PfxContents>;

export const readPfxInProcess: PfxReader = (bytes, password, { signal }) => readPfx(bytes, password, { budget: WorkBudget.forRequest(signal ? { signal } : {}) });
