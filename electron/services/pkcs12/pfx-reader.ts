import type { RawKeystore } from '../keystore/raw-keystore.js';
import { readPkcs12 } from '../keystore/pkcs12-keystore.js';
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

/** Java's keystore view of a PKCS#12 store (keystore/pkcs12-keystore.ts), opened the same two ways. */
export type Pkcs12KeystoreReader = (bytes: Uint8Array, password: string | undefined, options: PfxReaderOptions) => Promise<RawKeystore>;

export const readPkcs12KeystoreInProcess: Pkcs12KeystoreReader = (bytes, password, { signal, budget }) =>
  readPkcs12(bytes, password, budget ?? WorkBudget.forRequest(signal ? { signal } : {}));
