import { createPrivateKey, type KeyObject } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import { readTlv, TAG } from '../../../shared/pki/der-reader.js';
import { looksLikePem, readPemBlocks, toPem, type PemBlock } from '../../../shared/pki/pem.js';
import { utf8Text } from '../../../shared/pki/bytes.js';
import { pbeCost } from '../pkcs12/pbe-cipher.js';
import type { WorkBudget } from '../pkcs12/work-budget.js';
import { checkEncryptedPkcs8Scheme, checkLegacyPemCipher, checkPkcs8Algorithm } from './key-algorithm-check.js';

/** The private-key encodings Certbench reads. */
export type PrivateKeyEncoding = 'pkcs8' | 'encrypted-pkcs8' | 'pkcs1' | 'sec1' | 'legacy-encrypted-pem';

const KEY_LABELS: Readonly<Record<string, PrivateKeyEncoding>> = {
  'PRIVATE KEY': 'pkcs8',
  'ENCRYPTED PRIVATE KEY': 'encrypted-pkcs8',
  'RSA PRIVATE KEY': 'pkcs1',
  'EC PRIVATE KEY': 'sec1',
};

/**
 * Loads a private key: PKCS#8 (RFC 5208), encrypted PKCS#8 (RFC 5958 §3), PKCS#1 RSA (RFC 8017
 * A.1.2), SEC1 EC (RFC 5915) or OpenSSL's legacy encrypted PEM (Proc-Type/DEK-Info, RFC 1421), as
 * PEM or DER. Errors: `password-required`, `wrong-password`, `unsupported-algorithm`, and
 * `parse`/`unrecognized-format`/`bad-base64` for what is not a key, `work-limit` when decrypting
 * would pass `budget`.
 *
 * An encrypted PKCS#8 key names its own iteration count, and OpenSSL derives it in one
 * uninterruptible call on this thread: its cost is charged to the file's and request's `budget`
 * before the call (refused up front when it does not fit), and the time it took after, so a file of
 * many keys is bounded like a PFX of many bags.
 */
export function readPrivateKey(bytes: Uint8Array, passphrase?: string, budget?: WorkBudget): KeyObject {
  return loadHere(keyLoadOf(bytes), passphrase, budget);
}

/**
 * `readPrivateKey` with an encrypted key's decryption run by `decryptor` (the app's worker thread),
 * so the one uninterruptible OpenSSL call never blocks this thread; without one, it runs here.
 */
export function readPrivateKeyOffThread(bytes: Uint8Array, passphrase: string | undefined, budget: WorkBudget, decryptor?: KeyDecryptor): Promise<KeyObject> {
  return loadWith(keyLoadOf(bytes), passphrase, budget, decryptor);
}

/** `readPrivateKeyBlock`, decrypting as `readPrivateKeyOffThread` does. */
export function readPrivateKeyBlockOffThread(block: PemBlock, passphrase: string | undefined, budget: WorkBudget, decryptor?: KeyDecryptor): Promise<KeyObject> {
  return loadWith(keyLoadOfBlock(block), passphrase, budget, decryptor);
}

/** What createPrivateKey is given for one key (without the passphrase). */
export interface KeyInput {
  readonly key: string | Uint8Array;
  readonly format: 'pem' | 'der';
  readonly type?: 'pkcs8' | 'pkcs1' | 'sec1';
}

/** Runs one encrypted key's decryption (`decryptKey`) elsewhere; a signal abort stops it. */
export type KeyDecryptor = (input: KeyInput, passphrase: string, options: { readonly signal: AbortSignal }) => Promise<KeyObject>;

/** A key checked and ready for OpenSSL: its input, encoding, and the derivation cost of decrypting it. */
interface KeyLoad {
  readonly input: KeyInput;
  readonly encoding: PrivateKeyEncoding;
  readonly cost: number;
}

function keyLoadOf(bytes: Uint8Array): KeyLoad {
  const text = bytes[0] === TAG.sequence ? '' : utf8Text(bytes);
  if (looksLikePem(text)) return keyLoadOfBlock(findKeyBlock(text));
  const encoding = derEncoding(bytes);
  const cost = precheck(encoding, bytes);
  const type = encoding === 'encrypted-pkcs8' ? 'pkcs8' : (encoding as 'pkcs8' | 'pkcs1' | 'sec1');
  return { input: { key: bytes, format: 'der', type }, encoding, cost };
}

/** How a key file is encoded, without decrypting it (the UI asks for a passphrase only when needed). */
export function privateKeyEncoding(bytes: Uint8Array): PrivateKeyEncoding {
  const text = bytes[0] === TAG.sequence ? '' : utf8Text(bytes);
  return looksLikePem(text) ? pemBlockEncoding(findKeyBlock(text)) : derEncoding(bytes);
}

export const isEncryptedEncoding = (encoding: PrivateKeyEncoding): boolean => encoding === 'encrypted-pkcs8' || encoding === 'legacy-encrypted-pem';

/** True when the key needs a passphrase to load. */
export const privateKeyIsEncrypted = (bytes: Uint8Array): boolean => isEncryptedEncoding(privateKeyEncoding(bytes));

/** The encoding of one PEM key block: legacy encryption shows in its headers (RFC 1421 §4.6.1.1). */
export function pemBlockEncoding(block: PemBlock): PrivateKeyEncoding {
  if (/ENCRYPTED/.test(block.headers['Proc-Type'] ?? '')) return 'legacy-encrypted-pem';
  const encoding = KEY_LABELS[block.label];
  if (!encoding) throw new CertbenchError('unsupported-algorithm', `"${block.label}" keys are not supported`);
  return encoding;
}

/** The first private key block; damage in other blocks (a certificate beside the key) is not the key's concern. */
function findKeyBlock(text: string): PemBlock {
  for (const entry of readPemBlocks(text)) {
    if ('damaged' in entry) {
      if (entry.damaged.label.endsWith('PRIVATE KEY')) throw entry.damaged.error;
    } else if (entry.block.label.endsWith('PRIVATE KEY')) return entry.block;
  }
  throw new CertbenchError('unrecognized-format', 'No private key block found in the PEM text');
}

/** Loads one PEM key block (for files holding a certificate and its key, or several keys). */
export function readPrivateKeyBlock(block: PemBlock, passphrase: string | undefined, budget?: WorkBudget): KeyObject {
  return loadHere(keyLoadOfBlock(block), passphrase, budget);
}

function keyLoadOfBlock(block: PemBlock): KeyLoad {
  const encoding = pemBlockEncoding(block);
  const cost = precheck(encoding, block.der, block.headers['DEK-Info']);
  let pem = toPem(block.label, block.der);
  if (encoding === 'legacy-encrypted-pem') {
    const headers = Object.entries(block.headers).map(([name, value]) => `${name}: ${value}\n`).join('');
    pem = pem.replace(/^(-----BEGIN [^\n]+-----\n)/, `$1${headers}\n`);
  }
  return { input: { key: pem, format: 'pem' }, encoding, cost };
}

/** Tells the DER encodings apart by the shape of their first elements. */
function derEncoding(der: Uint8Array): PrivateKeyEncoding {
  try {
    const outer = readTlv(der, 0, der.length);
    if (outer.tag === TAG.sequence && outer.end === der.length) {
      const first = readTlv(der, outer.body, outer.end);
      if (first.tag === TAG.sequence) return 'encrypted-pkcs8';
      const second = readTlv(der, first.end, outer.end);
      if (first.tag === TAG.integer && second.tag === TAG.sequence) return 'pkcs8';
      if (first.tag === TAG.integer && second.tag === TAG.integer) return 'pkcs1';
      if (first.tag === TAG.integer && second.tag === TAG.octetString) return 'sec1';
    }
  } catch (err) {
    if (!(err instanceof CertbenchError)) throw err;
  }
  throw new CertbenchError('unrecognized-format', 'Not a private key (PKCS#8, PKCS#1 or SEC1 DER, or PEM)');
}

/** Checks what OpenSSL will be asked to load; returns the key-derivation cost of decrypting it (0: none worth charging). */
function precheck(encoding: PrivateKeyEncoding, der: Uint8Array, dekInfo?: string): number {
  if (encoding === 'pkcs8') checkPkcs8Algorithm(der);
  else if (encoding === 'encrypted-pkcs8') return pbeCost(checkEncryptedPkcs8Scheme(der));
  // OpenSSL's legacy PEM key derivation is one MD5 round (EVP_BytesToKey, count 1).
  else if (encoding === 'legacy-encrypted-pem') checkLegacyPemCipher(dekInfo);
  return 0;
}

/** Loads on this thread: a decryption is refused before it starts when it cannot fit `budget`, its time charged after. */
function loadHere(load: KeyLoad, passphrase: string | undefined, budget: WorkBudget | undefined): KeyObject {
  // A passphrase given for a plain key is ignored, as openssl does.
  if (!isEncryptedEncoding(load.encoding)) return decryptKey(load.input, undefined);
  const secret = required(passphrase);
  if (!budget || load.cost === 0) return decryptKey(load.input, secret);
  const meter = budget.start('decrypting an encrypted private key', load.cost);
  try {
    return decryptKey(load.input, secret);
  } finally {
    meter.tick(load.cost);
  }
}

/**
 * Loads with the decryption on `decryptor`: reserved on `budget` first, answered no later than its
 * time left or a cancel, and then the decryptor is stopped, whatever it was doing.
 */
async function loadWith(load: KeyLoad, passphrase: string | undefined, budget: WorkBudget, decryptor: KeyDecryptor | undefined): Promise<KeyObject> {
  if (!decryptor || !isEncryptedEncoding(load.encoding)) return loadHere(load, passphrase, budget);
  const secret = required(passphrase);
  const meter = budget.start('decrypting an encrypted private key', load.cost);
  const stop = new AbortController();
  try {
    return await meter.await(decryptor(load.input, secret, { signal: stop.signal }), load.cost);
  } finally {
    stop.abort();
  }
}

function required(passphrase: string | undefined): string {
  if (passphrase === undefined) throw new CertbenchError('password-required', 'This private key is encrypted: enter its passphrase');
  return passphrase;
}

/** OpenSSL's one-shot load of `input`, decrypted with `passphrase` when given; its errors as Certbench's. */
export function decryptKey(input: KeyInput, passphrase: string | undefined): KeyObject {
  const key = typeof input.key === 'string' ? input.key : Buffer.from(input.key);
  try {
    return createPrivateKey(passphrase === undefined ? { ...input, key } : { ...input, key, passphrase });
  } catch (err) {
    throw keyError(err, passphrase !== undefined);
  }
}

function keyError(err: unknown, encrypted: boolean): CertbenchError {
  const message = (err as Error).message ?? String(err);
  if (encrypted) return new CertbenchError('wrong-password', 'The passphrase is wrong (the key did not decrypt)', { cause: err });
  return new CertbenchError('parse', `Not a valid private key: ${message}`, { cause: err });
}
