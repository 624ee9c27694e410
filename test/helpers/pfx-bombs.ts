import { createCipheriv, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { derExplicit, derInteger, derNull, derOctetString, derOid, derSequence, derTlv } from '../../shared/pki/der-writer.js';
import { bmpPassword, KDF_ID, pkcs12Kdf } from '../../electron/services/pkcs12/pkcs12-kdf.js';
import { PFX_OID } from '../../electron/services/pkcs12/pfx-bags.js';
import { WorkBudget } from '../../electron/services/pkcs12/work-budget.js';

/**
 * Hostile PKCS#12 files, laid out by hand so that each costs what an attacker would make it cost:
 * many bags, huge iteration counts, deep nesting, wide bag lists. Small on disk, expensive to open.
 */

const OIDS = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbeSha1TripleDes: '1.2.840.113549.1.12.1.3',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  sha1: '1.3.14.3.2.26',
  hmac: { sha256: '1.2.840.113549.2.9', sha512: '1.2.840.113549.2.11' },
} as const;

/** PBES2 AlgorithmIdentifier and ciphertext of `plain` under `password` (a real encryption). */
export function pbes2Encrypt(plain: Uint8Array, password: string, iterations: number, prf: 'sha256' | 'sha512' = 'sha256'): { algorithm: Uint8Array; ciphertext: Uint8Array } {
  const salt = randomBytes(8);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, prf);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const algorithm = derSequence(
    derOid(OIDS.pbes2),
    derSequence(
      derSequence(derOid(OIDS.pbkdf2), derSequence(derOctetString(salt), derInteger(iterations), derSequence(derOid(OIDS.hmac[prf]), derNull()))),
      derSequence(derOid(OIDS.aes256Cbc), derOctetString(iv)),
    ),
  );
  return { algorithm, ciphertext: Buffer.concat([cipher.update(plain), cipher.final()]) };
}

/** A pbeWithSHA1And3-KeyTripleDES-CBC AlgorithmIdentifier with any count, and junk ciphertext: cost without content. */
export function pkcs12PbeJunk(iterations: number): { algorithm: Uint8Array; ciphertext: Uint8Array } {
  return { algorithm: derSequence(derOid(OIDS.pbeSha1TripleDes), derSequence(derOctetString(randomBytes(8)), derInteger(iterations))), ciphertext: randomBytes(16) };
}

export const certBag = (der: Uint8Array): Uint8Array => derSequence(derOid(PFX_OID.certBag), derExplicit(0, derSequence(derOid(PFX_OID.x509Certificate), derExplicit(0, derOctetString(der)))));
export const secretBag = (): Uint8Array => derSequence(derOid(PFX_OID.secretBag), derExplicit(0, derSequence(derOid(PFX_OID.data), derExplicit(0, derOctetString(Uint8Array.of(1))))));
export const shroudedKeyBag = (enc: { algorithm: Uint8Array; ciphertext: Uint8Array }): Uint8Array =>
  derSequence(derOid(PFX_OID.shroudedKeyBag), derExplicit(0, derSequence(enc.algorithm, derOctetString(enc.ciphertext))));

/** safeContentsBags nested `depth` deep around `inner`. */
export function nestedBags(depth: number, inner: Uint8Array): Uint8Array {
  let bag = inner;
  for (let i = 0; i < depth; i++) bag = derSequence(derOid(PFX_OID.safeContentsBag), derExplicit(0, derSequence(bag)));
  return bag;
}

export const dataSafe = (bags: readonly Uint8Array[]): Uint8Array => derSequence(derOid(PFX_OID.data), derExplicit(0, derOctetString(derSequence(...bags))));
export const encryptedSafe = (enc: { algorithm: Uint8Array; ciphertext: Uint8Array }): Uint8Array =>
  derSequence(derOid(PFX_OID.encryptedData), derExplicit(0, derSequence(derInteger(0), derSequence(derOid(PFX_OID.data), enc.algorithm, derTlv(0x80, enc.ciphertext)))));

/**
 * A PFX of `safes`; `mac` adds a MacData with that many iterations, valid for `mac.password` when
 * given (computed cheaply here only when the count is small), otherwise junk.
 */
export function pfxOf(safes: readonly Uint8Array[], mac?: { iterations: number; password?: string }): Uint8Array {
  const authSafe = derSequence(...safes);
  const parts = [derInteger(3), derSequence(derOid(PFX_OID.data), derExplicit(0, derOctetString(authSafe)))];
  if (mac) {
    const salt = randomBytes(8);
    const value =
      mac.password === undefined
        ? randomBytes(20)
        : createHmac('sha1', pkcs12Kdf('sha1', bmpPassword(mac.password), salt, KDF_ID.mac, mac.iterations, 20, WorkBudget.forRequest().forFile())).update(authSafe).digest();
    parts.push(derSequence(derSequence(derSequence(derOid(OIDS.sha1), derNull()), derOctetString(value)), derOctetString(salt), derInteger(mac.iterations)));
  }
  return derSequence(...parts);
}

/**
 * Ten encrypted safes of 1,000,000 PKCS#12-KDF iterations each, opened without a password: each
 * fits a file's budget alone, so the reader works on it for seconds until the budget stops it.
 * The bomb for tests that must catch a parse in progress (cancel, responsiveness).
 */
export const slowBomb = (): Uint8Array => pfxOf(Array.from({ length: 10 }, () => encryptedSafe(pkcs12PbeJunk(1_000_000))));

/** `depth` nested indefinite-length SEQUENCEs: BER nesting, cheap to write, deep to read. */
export function berNesting(depth: number): Uint8Array {
  const out = new Uint8Array(depth * 4);
  for (let i = 0; i < depth; i++) out.set([0x30, 0x80], i * 2);
  return out;
}
