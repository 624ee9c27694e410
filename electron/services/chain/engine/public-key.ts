import { createPublicKey, type KeyObject } from 'node:crypto';
import { TAG, decodeOid, expectTlv, readTlv } from '../../../../shared/pki/der-reader.js';
import type { PathProblemCode } from './types.js';

/** What a subject public key is, and whether it is acceptable (CA/B Forum BR §6.1.5, §7.1.3.1). */
export interface KeyFacts {
  /** e.g. "RSA 2048", "EC P-256", "Ed25519". */
  readonly label: string;
  /** Undefined when Node cannot load the key (unsupported algorithm or explicit curve). */
  readonly key?: KeyObject;
  readonly problem?: {
    readonly code: Extract<PathProblemCode, 'weak-key' | 'unsupported-algorithm' | 'malformed'>;
    readonly detail: string;
    /** Only a CA/B Forum rule (the key itself works): not reported under the `rfc5280` profile. */
    readonly webpkiOnly?: boolean;
  };
}

const CURVES: Record<string, string> = {
  '1.2.840.10045.3.1.7': 'P-256',
  '1.3.132.0.34': 'P-384',
  '1.3.132.0.35': 'P-521',
};
const WEAK_CURVES: Record<string, string> = {
  '1.2.840.10045.3.1.1': 'P-192',
  '1.3.132.0.33': 'P-224',
  '1.3.132.0.10': 'secp256k1',
};
const MIN_RSA_BITS = 2048;

// Keys already decoded by whoever read the certificate (the TLS stack decodes every presented
// certificate's key during the handshake), by the certificate's DER array: decoding an SPKI again
// costs ~0.1 ms, more than the rest of a certificate's checks.
const decodedKeys = new WeakMap<Uint8Array, KeyObject>();

/** Records the key `der`'s SPKI decodes to, as Node's X509Certificate gave it. */
export function rememberDecodedKey(der: Uint8Array, key: KeyObject): void {
  decodedKeys.set(der, key);
}

/** The key recorded for this certificate DER array, if any. */
export function decodedKeyOf(der: Uint8Array): KeyObject | undefined {
  return decodedKeys.get(der);
}

/**
 * Classifies an SPKI (RFC 5280 §4.1.2.7; RFC 3279, 5480, 8410 algorithm identifiers). `decoded` is
 * the same SPKI already decoded by OpenSSL (see rememberDecodedKey); the checks are the same.
 */
export function describeKey(spki: Uint8Array, decoded?: KeyObject): KeyFacts {
  let algOid: string;
  let paramsTag: number | undefined;
  let paramsOid: string | undefined;
  try {
    const seq = expectTlv(spki, 0, spki.length, TAG.sequence, 'SubjectPublicKeyInfo');
    const alg = expectTlv(spki, seq.body, seq.end, TAG.sequence, 'AlgorithmIdentifier');
    const oid = expectTlv(spki, alg.body, alg.end, TAG.oid, 'algorithm');
    algOid = decodeOid(spki, oid);
    if (oid.end < alg.end) {
      const params = readTlv(spki, oid.end, alg.end);
      paramsTag = params.tag;
      if (params.tag === TAG.oid) paramsOid = decodeOid(spki, params);
    }
  } catch {
    return { label: 'unreadable key', problem: { code: 'malformed', detail: 'the public key info is not valid DER' } };
  }
  switch (algOid) {
    case '1.2.840.113549.1.1.1':
    case '1.2.840.113549.1.1.10':
      return rsa(spki, decoded);
    case '1.2.840.10045.2.1':
      return ec(spki, paramsTag, paramsOid, decoded);
    case '1.3.101.112':
      return load(spki, 'Ed25519', decoded);
    case '1.3.101.113':
      return load(spki, 'Ed448', decoded);
    case '1.2.840.10040.4.1': {
      // Decoded afresh: whether a DSA key without parameters loads is the check itself.
      const dsa = load(spki, 'DSA', undefined);
      if (!dsa.key) return { label: 'DSA', problem: { code: 'unsupported-algorithm', detail: 'DSA keys without their own parameters (inherited from the issuer) are not supported' } };
      return { ...dsa, problem: { code: 'unsupported-algorithm', detail: 'DSA keys are not accepted (CA/B Forum BR §6.1.5)', webpkiOnly: true } };
    }
    default:
      return { label: algOid, problem: { code: 'unsupported-algorithm', detail: `public key algorithm ${algOid} is not supported` } };
  }
}

function rsa(spki: Uint8Array, decoded: KeyObject | undefined): KeyFacts {
  const loaded = load(spki, 'RSA', decoded);
  const bits = loaded.key?.asymmetricKeyDetails?.modulusLength;
  if (!loaded.key || bits === undefined) return loaded;
  const label = `RSA ${bits}`;
  if (bits < MIN_RSA_BITS) return { label, key: loaded.key, problem: { code: 'weak-key', detail: `an RSA key of ${bits} bits is below ${MIN_RSA_BITS}` } };
  if (bits % 8 !== 0) return { label, key: loaded.key, problem: { code: 'weak-key', detail: `an RSA modulus of ${bits} bits is not a multiple of 8 (CA/B Forum BR §6.1.5)` } };
  return { label, key: loaded.key };
}

function ec(spki: Uint8Array, paramsTag: number | undefined, curveOid: string | undefined, decoded: KeyObject | undefined): KeyFacts {
  if (paramsTag === TAG.sequence) {
    return { label: 'EC explicit', problem: { code: 'unsupported-algorithm', detail: 'explicit EC curve parameters are not accepted (RFC 5480 §2.1.1)' } };
  }
  const weak = curveOid ? WEAK_CURVES[curveOid] : undefined;
  if (weak) return { label: `EC ${weak}`, problem: { code: 'weak-key', detail: `the EC curve ${weak} is too weak or not allowed` } };
  const name = curveOid ? CURVES[curveOid] : undefined;
  if (!name) return { label: 'EC', problem: { code: 'unsupported-algorithm', detail: `EC curve ${curveOid ?? '(none)'} is not supported` } };
  return load(spki, `EC ${name}`, decoded);
}

function load(spki: Uint8Array, label: string, decoded: KeyObject | undefined): KeyFacts {
  if (decoded) return { label, key: decoded };
  try {
    return { label, key: createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }) };
  } catch (err) {
    return { label, problem: { code: 'malformed', detail: `the ${label} public key cannot be loaded: ${(err as Error).message}` } };
  }
}
