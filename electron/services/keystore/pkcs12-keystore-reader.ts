import type { PfxReaderOptions } from '../pkcs12/pfx-reader.js';
import { WorkBudget } from '../pkcs12/work-budget.js';
import { readPkcs12 } from './pkcs12-keystore.js';
import type { RawKeystore } from './raw-keystore.js';

/**
 * How the keystore workspace opens a PKCS#12 store, Java's view of it (pkcs12-keystore.ts):
 * in-process (the CLI), or on the app's PKCS#12 worker (pkcs12/pfx-off-thread.ts). Kept apart from
 * pfx-reader.ts so keystore listing loads none of the PKCS#12 contents reader's libraries.
 */
export type Pkcs12KeystoreReader = (bytes: Uint8Array, password: string | undefined, options: PfxReaderOptions) => Promise<RawKeystore>;

export const readPkcs12KeystoreInProcess: Pkcs12KeystoreReader = (bytes, password, { signal, budget }) =>
  readPkcs12(bytes, password, budget ?? WorkBudget.forRequest(signal ? { signal } : {}));
