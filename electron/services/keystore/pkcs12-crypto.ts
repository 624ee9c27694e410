import { createDecipheriv, createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import { decodeOid, expectTlv, readTlv, TAG } from '../../../shared/pki/der-reader.js';

/** Digest OIDs PKCS#12 MACs and PBKDF2 PRFs use, with node:crypto's names and block sizes. */
const DIGESTS: Readonly<Record<string, { name: string; block: number }>> = {
  '1.3.14.3.2.26': { name: 'sha1', block: 64 },
  '2.16.840.1.101.3.4.2.4': { name: 'sha224', block: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', block: 128 },
};
const HMAC_PRFS: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  '1.2.840.113549.2.9': 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const PBES2 = '1.2.840.113549.1.5.13';
const PBKDF2 = '1.2.840.113549.1.5.12';
const PBES2_CIPHERS: Readonly<Record<string, { name: string; keyLength: number }>> = {
  '2.16.840.1.101.3.4.1.2': { name: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { name: 'aes-192-cbc', keyLength: 24 },
  '2.16.840.1.101.3.4.1.42': { name: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { name: 'des-ede3-cbc', keyLength: 24 },
};
/** RFC 7292 Appendix C: the PKCS#12 PBE schemes (SHA-1 based key derivation). */
const PKCS12_PBE: Readonly<Record<string, { cipher: 'des-ede3-cbc' | 'rc2'; keyLength: number; rc2Bits?: number }>> = {
  '1.2.840.113549.1.12.1.3': { cipher: 'des-ede3-cbc', keyLength: 24 },
  '1.2.840.113549.1.12.1.5': { cipher: 'rc2', keyLength: 16, rc2Bits: 128 },
  '1.2.840.113549.1.12.1.6': { cipher: 'rc2', keyLength: 5, rc2Bits: 40 },
};

/** The password as PKCS#12 wants it: BMPString (UTF-16BE) with a two-byte NUL terminator (RFC 7292 B.1). */
export function bmpPassword(password: string): Uint8Array {
  const out = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    out[i * 2] = password.charCodeAt(i) >> 8;
    out[i * 2 + 1] = password.charCodeAt(i) & 0xff;
  }
  return out;
}

/** RFC 7292 Appendix B.2: derives `length` bytes for purpose `id` (1 key, 2 IV, 3 MAC key). */
export function pkcs12Kdf(digest: string, block: number, password: Uint8Array, salt: Uint8Array, id: number, iterations: number, length: number): Uint8Array {
  const fill = (src: Uint8Array): Uint8Array => {
    const out = new Uint8Array(src.length === 0 ? 0 : block * Math.ceil(src.length / block));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length]!;
    return out;
  };
  const input = new Uint8Array([...fill(salt), ...fill(password)]);
  const diversifier = new Uint8Array(block).fill(id);
  const out: number[] = [];
  while (out.length < length) {
    let a = createHash(digest).update(diversifier).update(input).digest();
    for (let i = 1; i < iterations; i++) a = createHash(digest).update(a).digest();
    out.push(...a);
    const b = new Uint8Array(block);
    for (let i = 0; i < block; i++) b[i] = a[i % a.length]!;
    for (let j = 0; j < input.length; j += block) {
      let carry = 1;
      for (let k = block - 1; k >= 0; k--) {
        const sum = input[j + k]! + b[k]! + carry;
        input[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return new Uint8Array(out.slice(0, length));
}

/** Checks the PFX MacData (RFC 7292 §4) over the authSafe content octets. */
export function macMatches(macData: Uint8Array, authSafeContent: Uint8Array, password: string): boolean {
  const seq = expectTlv(macData, 0, macData.length, TAG.sequence, 'MacData');
  const digestInfo = expectTlv(macData, seq.body, seq.end, TAG.sequence, 'MAC DigestInfo');
  const alg = expectTlv(macData, digestInfo.body, digestInfo.end, TAG.sequence, 'MAC algorithm');
  const oid = decodeOid(macData, expectTlv(macData, alg.body, alg.end, TAG.oid, 'MAC algorithm OID'));
  const digestTlv = expectTlv(macData, alg.end, digestInfo.end, TAG.octetString, 'MAC digest');
  const saltTlv = expectTlv(macData, digestInfo.end, seq.end, TAG.octetString, 'MAC salt');
  const iterations = saltTlv.end < seq.end ? iterationCount(macData, expectTlv(macData, saltTlv.end, seq.end, TAG.integer, 'MAC iterations')) : 1;
  const digest = DIGESTS[oid];
  if (!digest) throw new CertbenchError('unsupported-algorithm', `The PKCS#12 MAC uses an unsupported algorithm (${oid})`);
  const expected = macData.subarray(digestTlv.body, digestTlv.end);
  const keyLength = createHash(digest.name).digest().length;
  const key = pkcs12Kdf(digest.name, digest.block, bmpPassword(password), macData.subarray(saltTlv.body, saltTlv.end), 3, iterations, keyLength);
  const actual = createHmac(digest.name, key).update(authSafeContent).digest();
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Decrypts content encrypted under a PBES2 (RFC 8018 §6.2) or PKCS#12 PBE (RFC 7292 Appendix C) AlgorithmIdentifier. */
export async function pbeDecrypt(algId: Uint8Array, ciphertext: Uint8Array, password: string): Promise<Uint8Array> {
  const seq = expectTlv(algId, 0, algId.length, TAG.sequence, 'encryption algorithm');
  const oidTlv = expectTlv(algId, seq.body, seq.end, TAG.oid, 'encryption algorithm OID');
  const oid = decodeOid(algId, oidTlv);
  const params = expectTlv(algId, oidTlv.end, seq.end, TAG.sequence, 'encryption parameters');
  if (oid === PBES2) return pbes2Decrypt(algId, params.body, params.end, ciphertext, password);
  const scheme = PKCS12_PBE[oid];
  if (!scheme) throw new CertbenchError('unsupported-algorithm', `The PKCS#12 file is encrypted with an unsupported algorithm (${oid})`);
  const salt = expectTlv(algId, params.body, params.end, TAG.octetString, 'PBE salt');
  const iterations = iterationCount(algId, expectTlv(algId, salt.end, params.end, TAG.integer, 'PBE iterations'));
  const saltBytes = algId.subarray(salt.body, salt.end);
  const pw = bmpPassword(password);
  const key = pkcs12Kdf('sha1', 64, pw, saltBytes, 1, iterations, scheme.keyLength);
  const iv = pkcs12Kdf('sha1', 64, pw, saltBytes, 2, iterations, 8);
  if (scheme.cipher === 'rc2') return rc2Decrypt(key, iv, ciphertext, scheme.rc2Bits ?? 128);
  return decipher('des-ede3-cbc', key, iv, ciphertext);
}

function pbes2Decrypt(buf: Uint8Array, start: number, end: number, ciphertext: Uint8Array, password: string): Uint8Array {
  const kdf = expectTlv(buf, start, end, TAG.sequence, 'PBES2 key derivation');
  const kdfOid = expectTlv(buf, kdf.body, kdf.end, TAG.oid, 'PBES2 KDF OID');
  if (decodeOid(buf, kdfOid) !== PBKDF2) throw new CertbenchError('unsupported-algorithm', 'PBES2 with a KDF other than PBKDF2');
  const kdfParams = expectTlv(buf, kdfOid.end, kdf.end, TAG.sequence, 'PBKDF2 parameters');
  const salt = expectTlv(buf, kdfParams.body, kdfParams.end, TAG.octetString, 'PBKDF2 salt');
  const iterTlv = expectTlv(buf, salt.end, kdfParams.end, TAG.integer, 'PBKDF2 iterations');
  let prf = 'sha1';
  for (let p = iterTlv.end; p < kdfParams.end; ) {
    const field = readTlv(buf, p, kdfParams.end);
    if (field.tag === TAG.sequence) {
      const prfOid = decodeOid(buf, expectTlv(buf, field.body, field.end, TAG.oid, 'PBKDF2 PRF'));
      const name = HMAC_PRFS[prfOid];
      if (!name) throw new CertbenchError('unsupported-algorithm', `PBKDF2 with an unsupported PRF (${prfOid})`);
      prf = name;
    }
    p = field.end;
  }
  const enc = expectTlv(buf, kdf.end, end, TAG.sequence, 'PBES2 encryption scheme');
  const encOid = decodeOid(buf, expectTlv(buf, enc.body, enc.end, TAG.oid, 'PBES2 cipher OID'));
  const cipher = PBES2_CIPHERS[encOid];
  if (!cipher) throw new CertbenchError('unsupported-algorithm', `PBES2 with an unsupported cipher (${encOid})`);
  const ivTlv = expectTlv(buf, readTlv(buf, enc.body, enc.end).end, enc.end, TAG.octetString, 'cipher IV');
  const utf8Password = new TextEncoder().encode(password);
  const key = pbkdf2Sync(utf8Password, buf.subarray(salt.body, salt.end), iterationCount(buf, iterTlv), cipher.keyLength, prf);
  return decipher(cipher.name, key, buf.subarray(ivTlv.body, ivTlv.end), ciphertext);
}

function decipher(name: string, key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  try {
    const d = createDecipheriv(name, key, iv);
    return new Uint8Array(Buffer.concat([d.update(ciphertext), d.final()]));
  } catch (err) {
    throw new CertbenchError('wrong-password', 'The PKCS#12 contents could not be decrypted: wrong password?', { cause: err });
  }
}

/** RC2 is gone from OpenSSL 3's default provider; node-forge's pure-JS RC2 reads old RC2-40 PFX files (docs/pki-facts.md). */
async function rc2Decrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, bits: number): Promise<Uint8Array> {
  const { default: forge } = await import('node-forge');
  const raw = (b: Uint8Array) => Buffer.from(b).toString('binary');
  const cipher = forge.rc2.createDecryptionCipher(raw(key), bits);
  cipher.start(raw(iv));
  cipher.update(forge.util.createBuffer(raw(ciphertext)));
  if (!cipher.finish()) throw new CertbenchError('wrong-password', 'The PKCS#12 contents could not be decrypted: wrong password?');
  return new Uint8Array(Buffer.from(cipher.output.getBytes(), 'binary'));
}

/** Far above what any tool writes (Java 10,000; OpenSSL 2,048), low enough that a hostile file cannot stall the reader. */
const MAX_ITERATIONS = 1_000_000;

function iterationCount(buf: Uint8Array, tlv: { body: number; end: number }): number {
  const n = readInteger(buf, tlv);
  if (n < 1 || n > MAX_ITERATIONS) throw new CertbenchError('unsupported', `Iteration count ${n} is outside 1–${MAX_ITERATIONS}`);
  return n;
}

/** A small non-negative INTEGER (versions, iteration counts); larger than 2^31 is rejected. */
export function readInteger(buf: Uint8Array, tlv: { body: number; end: number }): number {
  if (tlv.end - tlv.body > 4 || tlv.end === tlv.body) throw new CertbenchError('parse', 'INTEGER out of range');
  let n = 0;
  for (let i = tlv.body; i < tlv.end; i++) n = n * 256 + buf[i]!;
  if (n > 0x7fffffff) throw new CertbenchError('parse', 'INTEGER out of range');
  return n;
}
