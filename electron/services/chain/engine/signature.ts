import { constants, verify, type KeyObject } from 'node:crypto';
import { TAG, decodeOid, expectTlv, readTlv } from '../../../../shared/pki/der-reader.js';

type Hash = 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** How to check one signature algorithm (RFC 3279, 4055, 5758, 8410). */
type Scheme =
  | { readonly kind: 'pkcs1' | 'ecdsa' | 'dsa'; readonly hash: Hash }
  | { readonly kind: 'pss'; readonly hash: Hash; readonly saltLength: number }
  | { readonly kind: 'eddsa' };

const HASH_OIDS: Record<string, Hash> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const SCHEMES: Record<string, Scheme> = {
  '1.2.840.113549.1.1.4': { kind: 'pkcs1', hash: 'md5' },
  '1.2.840.113549.1.1.5': { kind: 'pkcs1', hash: 'sha1' },
  '1.2.840.113549.1.1.14': { kind: 'pkcs1', hash: 'sha224' },
  '1.2.840.113549.1.1.11': { kind: 'pkcs1', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { kind: 'pkcs1', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { kind: 'pkcs1', hash: 'sha512' },
  '1.2.840.10045.4.1': { kind: 'ecdsa', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { kind: 'ecdsa', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { kind: 'ecdsa', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { kind: 'ecdsa', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { kind: 'ecdsa', hash: 'sha512' },
  '1.2.840.10040.4.3': { kind: 'dsa', hash: 'sha1' },
  '2.16.840.1.101.3.4.3.2': { kind: 'dsa', hash: 'sha256' },
  '1.3.101.112': { kind: 'eddsa' },
  '1.3.101.113': { kind: 'eddsa' },
};

/** Node's asymmetricKeyType values each scheme can verify with. */
const KEY_TYPES: Record<Scheme['kind'], readonly string[]> = {
  pkcs1: ['rsa'],
  pss: ['rsa', 'rsa-pss'],
  ecdsa: ['ec'],
  dsa: ['dsa'],
  eddsa: ['ed25519', 'ed448'],
};

const PSS_OID = '1.2.840.113549.1.1.10';
const MGF1_OID = '1.2.840.113549.1.1.8';

/** The outcome of checking a certificate's signature with its issuer's key. */
export type SignatureCheck =
  | { readonly ok: true; readonly weakHash?: 'md5' | 'sha1' }
  | { readonly ok: false; readonly code: 'bad-signature' | 'unsupported-algorithm'; readonly detail: string; readonly weakHash?: 'md5' | 'sha1' };

/** Checks `signature` over `tbs` (RFC 5280 §6.1.3 a.1) with the issuer's public key. */
export function checkSignature(algorithmId: Uint8Array, tbs: Uint8Array, signature: Uint8Array, issuerKey: KeyObject): SignatureCheck {
  const scheme = readScheme(algorithmId);
  if (typeof scheme === 'string') return { ok: false, code: 'unsupported-algorithm', detail: scheme };
  const weakHash = scheme.kind !== 'eddsa' && (scheme.hash === 'md5' || scheme.hash === 'sha1') ? scheme.hash : undefined;
  if (!KEY_TYPES[scheme.kind].includes(issuerKey.asymmetricKeyType ?? '')) {
    return { ok: false, code: 'bad-signature', detail: `a ${scheme.kind} signature cannot come from the issuer's ${issuerKey.asymmetricKeyType ?? 'unknown'} key`, weakHash };
  }
  let valid: boolean;
  try {
    const data = Buffer.from(tbs.buffer, tbs.byteOffset, tbs.byteLength);
    const sig = Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
    if (scheme.kind === 'eddsa') valid = verify(null, data, issuerKey, sig);
    else if (scheme.kind === 'pss') {
      valid = verify(scheme.hash, data, { key: issuerKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.saltLength }, sig);
    } else valid = verify(scheme.hash, data, issuerKey, sig);
  } catch (err) {
    return { ok: false, code: 'bad-signature', detail: `the signature cannot be checked: ${(err as Error).message}`, weakHash };
  }
  if (!valid) return { ok: false, code: 'bad-signature', detail: "the signature does not verify with the issuer's public key", weakHash };
  return weakHash ? { ok: true, weakHash } : { ok: true };
}

/** A Scheme, or a sentence saying why the AlgorithmIdentifier is not supported. */
function readScheme(algorithmId: Uint8Array): Scheme | string {
  try {
    const seq = expectTlv(algorithmId, 0, algorithmId.length, TAG.sequence, 'AlgorithmIdentifier');
    const oidTlv = expectTlv(algorithmId, seq.body, seq.end, TAG.oid, 'algorithm');
    const oid = decodeOid(algorithmId, oidTlv);
    if (oid === PSS_OID) return readPss(algorithmId, oidTlv.end, seq.end);
    return SCHEMES[oid] ?? `signature algorithm ${oid} is not supported`;
  } catch {
    return 'the signature AlgorithmIdentifier is not valid DER';
  }
}

/** RSASSA-PSS-params (RFC 4055 §3.1); Node's MGF1 uses the signature hash, so another MGF1 hash is refused. */
function readPss(buf: Uint8Array, start: number, end: number): Scheme | string {
  let hash: Hash = 'sha1';
  let mgfHash: Hash = 'sha1';
  let saltLength = 20;
  if (start < end) {
    const params = expectTlv(buf, start, end, TAG.sequence, 'RSASSA-PSS-params');
    for (let p = params.body; p < params.end; ) {
      const field = readTlv(buf, p, params.end);
      if (field.tag === 0xa0) hash = hashOf(buf, field.body, field.end) ?? hash;
      else if (field.tag === 0xa1) {
        const mgf = expectTlv(buf, field.body, field.end, TAG.sequence, 'maskGenAlgorithm');
        const mgfOid = expectTlv(buf, mgf.body, mgf.end, TAG.oid, 'MGF OID');
        if (decodeOid(buf, mgfOid) !== MGF1_OID) return 'RSA-PSS with a mask generation function other than MGF1 is not supported';
        mgfHash = hashOf(buf, mgfOid.end, mgf.end) ?? mgfHash;
      } else if (field.tag === 0xa2) {
        const n = expectTlv(buf, field.body, field.end, TAG.integer, 'saltLength');
        saltLength = 0;
        for (let i = n.body; i < n.end; i++) saltLength = saltLength * 256 + buf[i]!;
      }
      p = field.end;
    }
  }
  if (mgfHash !== hash) return `RSA-PSS with MGF1-${mgfHash} and ${hash} is not supported`;
  return { kind: 'pss', hash, saltLength };
}

function hashOf(buf: Uint8Array, start: number, end: number): Hash | undefined {
  const alg = expectTlv(buf, start, end, TAG.sequence, 'hash AlgorithmIdentifier');
  const oid = decodeOid(buf, expectTlv(buf, alg.body, alg.end, TAG.oid, 'hash OID'));
  const hash = HASH_OIDS[oid];
  if (!hash) throw new RangeError(`unsupported hash ${oid}`);
  return hash;
}
