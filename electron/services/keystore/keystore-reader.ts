import { CertbenchError } from '../../../shared/errors.js';
import { readInputFile } from '../files/read-input.js';
import { nodeHashHex } from '../inspect/native-hash.js';
import { isJavaKeystore, readJks } from './jks-reader.js';
import { readPkcs12 } from './pkcs12-keystore.js';
import type { KeystoreEntryOf, KeystoreOf } from './raw-keystore.js';
import type { WorkBudget } from '../pkcs12/work-budget.js';

/** A certificate held by a keystore entry: its DER and SHA-256 (lowercase hex). */
export interface KeystoreCertificateDer {
  readonly der: Uint8Array;
  readonly sha256: string;
}

export type NativeKeystoreEntry = KeystoreEntryOf<KeystoreCertificateDer>;

/** What `readKeystore` returns: entries sorted by alias, so the result never depends on file order. */
export type NativeKeystore = KeystoreOf<KeystoreCertificateDer>;

/**
 * Reads a JKS, JCEKS or PKCS#12 keystore natively (no JVM). With a password the store's integrity
 * is checked (`wrong-password` on mismatch); without one it is read unverified, like
 * `keytool -list` without `-storepass`. Other services (trust map, chain trust sources) call this.
 * A PKCS#12 store's key derivation draws on `budget`, the request's (see pkcs12/work-budget.ts).
 */
export async function readKeystore(input: Uint8Array | string, password?: string, budget?: WorkBudget): Promise<NativeKeystore> {
  const bytes = typeof input === 'string' ? await readInputFile(input) : input;
  if (bytes.length === 0) throw new CertbenchError('empty-input', 'The keystore file is empty');
  const raw = await readRaw(bytes, password, budget);
  const entries = raw.entries
    .map((e) => ({ ...e, certificates: e.certificates.map((der) => ({ der, sha256: nodeHashHex('sha256', der) })) }))
    .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
  return { type: raw.type, integrity: raw.integrity, entries, warnings: raw.warnings };
}

function readRaw(bytes: Uint8Array, password: string | undefined, budget: WorkBudget | undefined) {
  if (isJavaKeystore(bytes)) return readJks(bytes, password);
  if (bytes[0] === 0x30) return readPkcs12(bytes, password, budget);
  throw new CertbenchError('unrecognized-format', 'Unrecognized keystore format: not JKS, JCEKS or PKCS#12');
}
