import { CertbenchError } from '../../../shared/errors.js';
import { readInputFile } from '../files/read-input.js';
import { nodeHashHex } from '../inspect/native-hash.js';
import { isJavaKeystore, readJks } from './jks-reader.js';
import { readPkcs12KeystoreInProcess, type Pkcs12KeystoreReader } from './pkcs12-keystore-reader.js';
import type { KeystoreEntryOf, KeystoreOf } from './raw-keystore.js';
import type { PfxReaderOptions } from '../pkcs12/pfx-reader.js';

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
 * A PKCS#12 store's key derivation draws on the request's budget (see pkcs12/work-budget.ts), stops
 * when `options.signal` aborts, and runs where `pkcs12` runs it: in-process, or on the app's worker
 * thread (ServiceEnv).
 */
export async function readKeystore(
  input: Uint8Array | string,
  password?: string,
  options: PfxReaderOptions = {},
  pkcs12: Pkcs12KeystoreReader = readPkcs12KeystoreInProcess,
): Promise<NativeKeystore> {
  const bytes = typeof input === 'string' ? await readInputFile(input) : input;
  if (bytes.length === 0) throw new CertbenchError('empty-input', 'The keystore file is empty');
  const raw = await readRaw(bytes, password, options, pkcs12);
  const entries = raw.entries
    .map((e) => ({ ...e, certificates: e.certificates.map((der) => ({ der, sha256: nodeHashHex('sha256', der) })) }))
    .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
  return { type: raw.type, integrity: raw.integrity, entries, warnings: raw.warnings };
}

function readRaw(bytes: Uint8Array, password: string | undefined, options: PfxReaderOptions, pkcs12: Pkcs12KeystoreReader) {
  if (isJavaKeystore(bytes)) return readJks(bytes, password);
  if (bytes[0] === 0x30) return pkcs12(bytes, password, options);
  throw new CertbenchError('unrecognized-format', 'Unrecognized keystore format: not JKS, JCEKS or PKCS#12');
}
