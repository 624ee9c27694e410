import { createCipheriv, createDecipheriv, pbkdf2, pbkdf2Sync, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { derInteger, derNull, derOctetString, derOid, derSequence } from '../../../shared/pki/der-writer.js';
import { bmpPassword, digestLength, KDF_ID, pkcs12Kdf } from './pkcs12-kdf.js';
import { OID, type PbeScheme } from './pbe-scheme.js';
import { derivationCost, WorkBudget } from './work-budget.js';

/** Thrown when ciphertext does not decrypt (bad padding): a wrong password or a damaged file. */
export class DecryptFailed extends Error {}

/**
 * PBES2 derives from the password's UTF-8 bytes, PKCS#12 PBE from its BMPString (RFC 7292 B.1),
 * which is what OpenSSL 3 does; `null` is the absent password.
 */
export async function pbeDecrypt(scheme: PbeScheme, ciphertext: Uint8Array, password: string | null, budget: WorkBudget): Promise<Uint8Array> {
  const { key, iv } = await deriveKeyAndIv(scheme, password, budget);
  if (scheme.kind === 'pkcs12' && scheme.cipher !== 'des-ede3-cbc') return rc2Decrypt(key, iv, ciphertext, scheme.cipher === 'rc2-40' ? 40 : 128);
  try {
    const decipher = createDecipheriv(scheme.cipher, key, iv);
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  } catch (err) {
    throw new DecryptFailed('decryption failed', { cause: err });
  }
}

/**
 * What deriving a scheme's key (and PKCS#12 PBE's IV) costs against a budget, for decryption that
 * runs elsewhere in one piece (OpenSSL decrypting an encrypted PKCS#8 key).
 */
export function pbeCost(scheme: PbeScheme): number {
  if (scheme.kind === 'pbes2') return derivationCost(scheme.prf, scheme.iterations, Math.ceil(scheme.keyLength / digestLength(scheme.prf)));
  const sha1 = digestLength('sha1');
  return derivationCost('sha1', scheme.iterations, Math.ceil(scheme.keyLength / sha1)) + derivationCost('sha1', scheme.iterations, Math.ceil(8 / sha1));
}

async function deriveKeyAndIv(scheme: PbeScheme, password: string | null, budget: WorkBudget): Promise<{ key: Buffer; iv: Uint8Array }> {
  if (scheme.kind === 'pbes2') {
    // Native PBKDF2 cannot be stopped midway: its whole count is reserved first, and it runs on
    // libuv's pool, so the answer comes when the time left is up even if the derivation has not.
    const cost = derivationCost(scheme.prf, scheme.iterations, Math.ceil(scheme.keyLength / digestLength(scheme.prf)));
    const meter = budget.start('a PBKDF2 key derivation', cost);
    const derivation = promisify(pbkdf2)(Buffer.from(password ?? '', 'utf8'), scheme.salt, scheme.iterations, scheme.keyLength, scheme.prf);
    return { key: await meter.await(derivation, cost), iv: scheme.iv };
  }
  const bmp = bmpPassword(password);
  return {
    key: pkcs12Kdf('sha1', bmp, scheme.salt, KDF_ID.key, scheme.iterations, scheme.keyLength, budget),
    iv: pkcs12Kdf('sha1', bmp, scheme.salt, KDF_ID.iv, scheme.iterations, 8, budget),
  };
}

/**
 * RC2 left OpenSSL 3's default provider; node-forge's RC2 still reads old RC2-40 PFX files (docs/pki-facts.md; Java
 * before 12 and OpenSSL 1.x wrote certificates so). Loaded only when such a file is met: keystore
 * listing must load no npm package (test/unit/cli/startup-closure.test.ts).
 */
async function rc2Decrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, bits: number): Promise<Uint8Array> {
  const { default: forge } = await import('node-forge');
  const binary = (b: Uint8Array): string => Buffer.from(b).toString('binary');
  const cipher = forge.rc2.createDecryptionCipher(binary(key), bits);
  cipher.start(binary(iv));
  cipher.update(forge.util.createBuffer(binary(ciphertext)));
  if (!cipher.finish()) throw new DecryptFailed('RC2 decryption failed');
  return new Uint8Array(Buffer.from(cipher.output.getBytes(), 'binary'));
}

/** The two encryption profiles Certbench writes (see WritePfxOptions.profile). */
export type PbeProfile = 'pbes2-aes256' | 'pkcs12-3des';

/** Iterations Certbench writes: OpenSSL 3's default, which every reader accepts. */
export const WRITE_ITERATIONS = 2048;

/** Encrypts `plaintext`, returning the AlgorithmIdentifier DER to store beside the ciphertext. */
export function pbeEncrypt(profile: PbeProfile, plaintext: Uint8Array, password: string): { algorithm: Uint8Array; ciphertext: Uint8Array } {
  const salt = randomBytes(profile === 'pbes2-aes256' ? 16 : 8);
  if (profile === 'pbes2-aes256') {
    const iv = randomBytes(16);
    const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, WRITE_ITERATIONS, 32, 'sha256');
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    // RFC 8018 A.2/A.4: PBKDF2-params with the HMAC-SHA256 PRF, then aes256-CBC with its IV.
    const algorithm = derSequence(
      derOid(OID.pbes2),
      derSequence(
        derSequence(derOid(OID.pbkdf2), derSequence(derOctetString(salt), derInteger(WRITE_ITERATIONS), derSequence(derOid(OID.hmacSha256), derNull()))),
        derSequence(derOid(OID.aes256Cbc), derOctetString(iv)),
      ),
    );
    return { algorithm, ciphertext: Buffer.concat([cipher.update(plaintext), cipher.final()]) };
  }
  const bmp = bmpPassword(password);
  // Our own fixed count: the budget is there for files we read, not for what we write.
  const budget = WorkBudget.forRequest();
  const key = pkcs12Kdf('sha1', bmp, salt, KDF_ID.key, WRITE_ITERATIONS, 24, budget);
  const iv = pkcs12Kdf('sha1', bmp, salt, KDF_ID.iv, WRITE_ITERATIONS, 8, budget);
  const cipher = createCipheriv('des-ede3-cbc', key, iv);
  const algorithm = derSequence(derOid(OID.pbeSha1TripleDes), derSequence(derOctetString(salt), derInteger(WRITE_ITERATIONS)));
  return { algorithm, ciphertext: Buffer.concat([cipher.update(plaintext), cipher.final()]) };
}
