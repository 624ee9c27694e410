import { createHash, timingSafeEqual } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreType } from '../../../shared/model/keystore.js';
import { JavaDataReader } from './java-data-reader.js';
import { skipSerializedObject } from './java-serialization.js';
import { dedupeAliases, type RawKeystore, type RawKeystoreEntry } from './raw-keystore.js';

const JKS_MAGIC = 0xfeedfeed;
const JCEKS_MAGIC = 0xcececece;

/** The one check for a Java keystore file: the JKS or JCEKS magic number in its first four bytes. */
export function isJavaKeystore(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const magic = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  return magic === JKS_MAGIC || magic === JCEKS_MAGIC;
}
const DIGEST_BYTES = 20;
const TAG_PRIVATE_KEY = 1;
const TAG_TRUSTED_CERT = 2;
const TAG_SECRET_KEY = 3;
/** The only class JceKeyStore's load filter accepts at the top of a secret-key entry. */
const SEALED_KEY_CLASS = 'com.sun.crypto.provider.SealedObjectForKeyProtector';
const MAX_ENTRIES = 100_000;

/**
 * Reads a JKS or JCEKS store (the layout of sun.security.provider.JavaKeyStore and
 * com.sun.crypto.provider.JceKeyStore, whose engineLoad this follows). With a password the keyed
 * SHA-1 trailer is checked first; without one the store is read unverified, as `keytool -list`
 * without `-storepass` does. Key material is never decrypted.
 */
export function readJks(bytes: Uint8Array, password: string | undefined): RawKeystore {
  if (bytes.length < 12 + DIGEST_BYTES) throw new CertbenchError('truncated', 'The keystore is too short to be JKS or JCEKS');
  const body = bytes.subarray(0, bytes.length - DIGEST_BYTES);
  const r = new JavaDataReader(bytes, 0, body.length);
  const magic = r.u32('magic number');
  const type: KeystoreType = magic === JKS_MAGIC ? 'JKS' : magic === JCEKS_MAGIC ? 'JCEKS' : unknownMagic(magic);
  if (password !== undefined && !integrityMatches(body, bytes.subarray(body.length), password)) {
    throw new CertbenchError('wrong-password', 'Keystore was tampered with, or password was incorrect');
  }
  const version = r.u32('version');
  if (version !== 1 && version !== 2) throw new CertbenchError('parse', `Unsupported ${type} version ${version}`);
  const count = r.u32('entry count');
  if (count > MAX_ENTRIES) throw new CertbenchError('parse', `The keystore claims ${count} entries`);
  const entries: RawKeystoreEntry[] = [];
  for (let i = 0; i < count; i++) entries.push(readEntry(r, type, version));
  if (r.position !== body.length) throw new CertbenchError('parse', `${body.length - r.position} unexpected bytes after the last entry`);
  const deduped = dedupeAliases(entries);
  return { type, integrity: password === undefined ? 'unverified' : 'verified', ...deduped };
}

function unknownMagic(magic: number): never {
  throw new CertbenchError('unrecognized-format', `Not a JKS or JCEKS keystore (magic 0x${magic.toString(16).padStart(8, '0')})`);
}

function readEntry(r: JavaDataReader, type: KeystoreType, version: number): RawKeystoreEntry {
  const tag = r.u32('entry tag');
  const alias = r.utf('alias');
  const createdAt = new Date(r.i64('creation date'));
  if (tag === TAG_PRIVATE_KEY) {
    r.take(r.u32('protected key length'), 'protected key');
    const chainLength = r.u32('certificate chain length');
    if (chainLength > 64) throw new CertbenchError('parse', `Entry "${alias}" claims a chain of ${chainLength} certificates`);
    const certificates: Uint8Array[] = [];
    for (let i = 0; i < chainLength; i++) certificates.push(readCertificate(r, version, alias));
    return { alias, entryType: 'privateKey', createdAt, certificates };
  }
  if (tag === TAG_TRUSTED_CERT) {
    return { alias, entryType: 'trustedCert', createdAt, certificates: [readCertificate(r, version, alias)] };
  }
  if (tag === TAG_SECRET_KEY && type === 'JCEKS') {
    if (skipSerializedObject(r) !== SEALED_KEY_CLASS) {
      throw new CertbenchError('parse', `Invalid secret key format in entry "${alias}"`);
    }
    return { alias, entryType: 'secretKey', createdAt, certificates: [] };
  }
  throw new CertbenchError('parse', `Unrecognized keystore entry (tag ${tag}) for alias "${alias}"`);
}

function readCertificate(r: JavaDataReader, version: number, alias: string): Uint8Array {
  if (version === 2) {
    const certType = r.utf('certificate type');
    if (certType !== 'X.509') throw new CertbenchError('unsupported', `Entry "${alias}" holds a ${certType} certificate`);
  }
  return r.take(r.u32('certificate length'), 'certificate');
}

/**
 * JavaKeyStore.getPreKeyedHash: SHA-1 over the password's UTF-16BE bytes, the ASCII string
 * "Mighty Aphrodite", then the store body; compared with the 20-byte trailer.
 */
function integrityMatches(body: Uint8Array, trailer: Uint8Array, password: string): boolean {
  const passwordBytes = new Uint8Array(password.length * 2);
  for (let i = 0; i < password.length; i++) {
    const unit = password.charCodeAt(i);
    passwordBytes[i * 2] = unit >> 8;
    passwordBytes[i * 2 + 1] = unit & 0xff;
  }
  const digest = createHash('sha1').update(passwordBytes).update('Mighty Aphrodite', 'latin1').update(body).digest();
  return timingSafeEqual(digest, trailer);
}
