import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import { decodeOid, expectTlv, TAG } from '../../../shared/pki/der-reader.js';
import { derInteger, derNull, derOctetString, derOid, derSequence } from '../../../shared/pki/der-writer.js';
import { bmpPassword, KDF_ID, pkcs12Kdf } from './pkcs12-kdf.js';
import { WorkBudget } from './work-budget.js';
import { readIterations, type DigestName } from './pbe-scheme.js';
import { WRITE_ITERATIONS } from './pbe-cipher.js';

/** A PFX MacData (RFC 7292 §4). */
export interface PfxMac {
  readonly digest: DigestName;
  readonly value: Uint8Array;
  readonly salt: Uint8Array;
  readonly iterations: number;
}

const DIGEST_OIDS: Readonly<Record<string, DigestName>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};
const OID_OF: Readonly<Record<DigestName, string>> = Object.fromEntries(Object.entries(DIGEST_OIDS).map(([oid, name]) => [name, oid])) as Record<
  DigestName,
  string
>;
const LENGTH: Readonly<Record<DigestName, number>> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

export function readPfxMac(buf: Uint8Array, start: number, end: number): PfxMac {
  const seq = expectTlv(buf, start, end, TAG.sequence, 'MacData');
  const digestInfo = expectTlv(buf, seq.body, seq.end, TAG.sequence, 'MAC DigestInfo');
  const alg = expectTlv(buf, digestInfo.body, digestInfo.end, TAG.sequence, 'MAC digestAlgorithm');
  const oid = decodeOid(buf, expectTlv(buf, alg.body, alg.end, TAG.oid, 'MAC digest OID'));
  const value = expectTlv(buf, alg.end, digestInfo.end, TAG.octetString, 'MAC digest');
  const salt = expectTlv(buf, digestInfo.end, seq.end, TAG.octetString, 'MAC salt');
  // RFC 7292 §4: iterations DEFAULT 1.
  const iterations = salt.end < seq.end ? readIterations(buf, expectTlv(buf, salt.end, seq.end, TAG.integer, 'MAC iterations')) : 1;
  const digest = DIGEST_OIDS[oid];
  if (!digest) throw new CertbenchError('unsupported-algorithm', `The PFX MAC uses digest ${oid}, which is not supported`);
  return { digest, value: buf.subarray(value.body, value.end), salt: buf.subarray(salt.body, salt.end), iterations };
}

/** True when the MAC over the authSafe content octets checks with `password` (`null`: absent). */
export function macMatches(mac: PfxMac, content: Uint8Array, password: string | null, budget: WorkBudget): boolean {
  const key = pkcs12Kdf(mac.digest, bmpPassword(password), mac.salt, KDF_ID.mac, mac.iterations, LENGTH[mac.digest], budget);
  const actual = createHmac(mac.digest, key).update(content).digest();
  return actual.length === mac.value.length && timingSafeEqual(actual, mac.value);
}

/** A fresh MacData for `content`. */
export function createPfxMac(content: Uint8Array, password: string, digest: 'sha1' | 'sha256'): Uint8Array {
  const salt = randomBytes(digest === 'sha1' ? 8 : 16);
  const key = pkcs12Kdf(digest, bmpPassword(password), salt, KDF_ID.mac, WRITE_ITERATIONS, LENGTH[digest], WorkBudget.forRequest());
  const value = createHmac(digest, key).update(content).digest();
  return derSequence(derSequence(derSequence(derOid(OID_OF[digest]), derNull()), derOctetString(value)), derOctetString(salt), derInteger(WRITE_ITERATIONS));
}

