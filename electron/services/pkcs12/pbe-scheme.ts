import { CertbenchError } from '../../../shared/errors.js';
import { decodeOid, expectTlv, readTlv, TAG } from '../../../shared/pki/der-reader.js';
import { WORK_LIMITS } from './work-budget.js';

/** Hash names node:crypto knows, as the PBKDF2 PRFs and PKCS#12 MACs use them. */
export type DigestName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** A password-based encryption scheme read from an AlgorithmIdentifier. */
export type PbeScheme =
  | {
      readonly kind: 'pbes2';
      readonly prf: DigestName;
      readonly cipher: 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'des-ede3-cbc';
      readonly keyLength: number;
      readonly salt: Uint8Array;
      readonly iterations: number;
      readonly iv: Uint8Array;
    }
  | {
      readonly kind: 'pkcs12';
      readonly cipher: 'des-ede3-cbc' | 'rc2-40' | 'rc2-128';
      readonly keyLength: number;
      readonly salt: Uint8Array;
      readonly iterations: number;
    };

export const OID = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  pbeSha1TripleDes: '1.2.840.113549.1.12.1.3',
  pbeSha1Rc2_128: '1.2.840.113549.1.12.1.5',
  pbeSha1Rc2_40: '1.2.840.113549.1.12.1.6',
  aes256Cbc: '2.16.840.1.101.3.4.1.42',
  hmacSha256: '1.2.840.113549.2.9',
} as const;

const PRFS: Readonly<Record<string, DigestName>> = {
  '1.2.840.113549.2.7': 'sha1',
  '1.2.840.113549.2.8': 'sha224',
  [OID.hmacSha256]: 'sha256',
  '1.2.840.113549.2.10': 'sha384',
  '1.2.840.113549.2.11': 'sha512',
};
const PBES2_CIPHERS: Readonly<Record<string, { cipher: 'aes-128-cbc' | 'aes-192-cbc' | 'aes-256-cbc' | 'des-ede3-cbc'; keyLength: number }>> = {
  '2.16.840.1.101.3.4.1.2': { cipher: 'aes-128-cbc', keyLength: 16 },
  '2.16.840.1.101.3.4.1.22': { cipher: 'aes-192-cbc', keyLength: 24 },
  [OID.aes256Cbc]: { cipher: 'aes-256-cbc', keyLength: 32 },
  '1.2.840.113549.3.7': { cipher: 'des-ede3-cbc', keyLength: 24 },
};
// RFC 7292 Appendix C.
const PKCS12_PBES: Readonly<Record<string, { cipher: 'des-ede3-cbc' | 'rc2-40' | 'rc2-128'; keyLength: number }>> = {
  [OID.pbeSha1TripleDes]: { cipher: 'des-ede3-cbc', keyLength: 24 },
  [OID.pbeSha1Rc2_128]: { cipher: 'rc2-128', keyLength: 16 },
  [OID.pbeSha1Rc2_40]: { cipher: 'rc2-40', keyLength: 5 },
};

/** Reads a PBES2 (RFC 8018 §6.2, A.4) or PKCS#12 PBE (RFC 7292 Appendix C) AlgorithmIdentifier TLV. */
export function readPbeScheme(buf: Uint8Array, start: number, end: number): PbeScheme {
  const alg = expectTlv(buf, start, end, TAG.sequence, 'encryption AlgorithmIdentifier');
  const oidTlv = expectTlv(buf, alg.body, alg.end, TAG.oid, 'encryption algorithm');
  const oid = decodeOid(buf, oidTlv);
  const params = expectTlv(buf, oidTlv.end, alg.end, TAG.sequence, 'encryption parameters');
  if (oid === OID.pbes2) return readPbes2(buf, params.body, params.end);
  const pbe = PKCS12_PBES[oid];
  if (!pbe) throw new CertbenchError('unsupported-algorithm', `Encryption algorithm ${oid} is not supported`);
  const salt = expectTlv(buf, params.body, params.end, TAG.octetString, 'PBE salt');
  const iterations = readIterations(buf, expectTlv(buf, salt.end, params.end, TAG.integer, 'PBE iterations'));
  return { kind: 'pkcs12', ...pbe, salt: buf.subarray(salt.body, salt.end), iterations };
}

function readPbes2(buf: Uint8Array, start: number, end: number): PbeScheme {
  const kdf = expectTlv(buf, start, end, TAG.sequence, 'PBES2 keyDerivationFunc');
  const kdfOid = expectTlv(buf, kdf.body, kdf.end, TAG.oid, 'PBES2 KDF');
  if (decodeOid(buf, kdfOid) !== OID.pbkdf2) throw new CertbenchError('unsupported-algorithm', 'PBES2 with a KDF other than PBKDF2 is not supported');
  const kdfParams = expectTlv(buf, kdfOid.end, kdf.end, TAG.sequence, 'PBKDF2-params');
  const salt = expectTlv(buf, kdfParams.body, kdfParams.end, TAG.octetString, 'PBKDF2 salt');
  const iterTlv = expectTlv(buf, salt.end, kdfParams.end, TAG.integer, 'PBKDF2 iterations');
  let prf: DigestName = 'sha1'; // RFC 8018 A.2 default
  for (let p = iterTlv.end; p < kdfParams.end; ) {
    const field = readTlv(buf, p, kdfParams.end);
    if (field.tag === TAG.sequence) {
      const prfOid = decodeOid(buf, expectTlv(buf, field.body, field.end, TAG.oid, 'PBKDF2 PRF'));
      const name = PRFS[prfOid];
      if (!name) throw new CertbenchError('unsupported-algorithm', `PBKDF2 PRF ${prfOid} is not supported`);
      prf = name;
    }
    p = field.end;
  }
  const enc = expectTlv(buf, kdf.end, end, TAG.sequence, 'PBES2 encryptionScheme');
  const encOidTlv = expectTlv(buf, enc.body, enc.end, TAG.oid, 'PBES2 cipher');
  const encOid = decodeOid(buf, encOidTlv);
  const cipher = PBES2_CIPHERS[encOid];
  if (!cipher) throw new CertbenchError('unsupported-algorithm', `PBES2 cipher ${encOid} is not supported`);
  const iv = expectTlv(buf, encOidTlv.end, enc.end, TAG.octetString, 'cipher IV');
  return {
    kind: 'pbes2',
    prf,
    ...cipher,
    salt: buf.subarray(salt.body, salt.end),
    iterations: readIterations(buf, iterTlv),
    iv: buf.subarray(iv.body, iv.end),
  };
}

/**
 * An iteration count INTEGER, refused outside 1…WORK_LIMITS.iterationsPerFile: a count no file's
 * budget can pay is refused as soon as it is read, before any work (see work-budget.ts).
 */
export function readIterations(buf: Uint8Array, tlv: { body: number; end: number }): number {
  const max = WORK_LIMITS.iterationsPerFile;
  let n = 0;
  for (let i = tlv.body; i < tlv.end && n <= max; i++) n = n * 256 + buf[i]!;
  if (tlv.end === tlv.body || buf[tlv.body]! & 0x80 || n < 1) throw new CertbenchError('parse', 'Iteration count must be a positive INTEGER');
  if (n > max) {
    throw new CertbenchError('work-limit', `Refused: an iteration count over ${max.toLocaleString('en-US')} exceeds what Certbench allows for one file (limit iterationsPerFile)`);
  }
  return n;
}

/** How a scheme is shown to people, e.g. "PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC)". */
export function describePbe(scheme: PbeScheme): string {
  if (scheme.kind === 'pbes2') return `PBES2 (PBKDF2-HMAC-${scheme.prf.toUpperCase()}, ${scheme.cipher.toUpperCase()}), ${scheme.iterations} iterations`;
  const name = { 'des-ede3-cbc': 'pbeWithSHA1And3-KeyTripleDES-CBC', 'rc2-40': 'pbeWithSHA1And40BitRC2-CBC', 'rc2-128': 'pbeWithSHA1And128BitRC2-CBC' }[scheme.cipher];
  return `${name}, ${scheme.iterations} iterations`;
}
