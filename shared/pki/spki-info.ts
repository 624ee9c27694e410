import { decodeOid, expectTlv, readTlv, TAG } from './der-reader.js';

/** Public facts of a SubjectPublicKeyInfo (RFC 5280 §4.1.2.7): algorithm, size, curve. */
export interface PublicKeyInfo {
  readonly algorithm: 'RSA' | 'RSA-PSS' | 'EC' | 'Ed25519' | 'Ed448' | 'X25519' | 'X448' | 'DSA' | 'unknown';
  readonly algorithmOid: string;
  /** Modulus bits (RSA, DSA) or field size (EC, EdDSA). */
  readonly bits?: number;
  /** WebCrypto curve names where they exist (P-256), else the SEC/brainpool name or the OID. */
  readonly curve?: string;
  /** "RSA 2048", "EC P-256", "Ed25519": the list label. */
  readonly label: string;
}

const ALGORITHMS: Readonly<Record<string, PublicKeyInfo['algorithm']>> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.10045.2.1': 'EC',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.2.840.10040.4.1': 'DSA',
};
// RFC 5480 §2.1.1.1, RFC 5639 §4.1.
const CURVES: Readonly<Record<string, readonly [string, number]>> = {
  '1.2.840.10045.3.1.7': ['P-256', 256],
  '1.3.132.0.34': ['P-384', 384],
  '1.3.132.0.35': ['P-521', 521],
  '1.3.132.0.10': ['K-256', 256],
  '1.2.840.10045.3.1.1': ['P-192', 192],
  '1.3.132.0.33': ['P-224', 224],
  '1.3.36.3.3.2.8.1.1.7': ['brainpoolP256r1', 256],
  '1.3.36.3.3.2.8.1.1.11': ['brainpoolP384r1', 384],
  '1.3.36.3.3.2.8.1.1.13': ['brainpoolP512r1', 512],
};
const ED_BITS: Readonly<Record<string, number>> = { Ed25519: 256, X25519: 256, Ed448: 456, X448: 448 };

/** Reads the key facts from an SPKI TLV; malformed parts leave `bits`/`curve` out rather than throw. */
export function publicKeyInfo(spki: Uint8Array): PublicKeyInfo {
  const outer = expectTlv(spki, 0, spki.length, TAG.sequence, 'SubjectPublicKeyInfo');
  const alg = expectTlv(spki, outer.body, outer.end, TAG.sequence, 'SPKI algorithm');
  const oidTlv = expectTlv(spki, alg.body, alg.end, TAG.oid, 'SPKI algorithm OID');
  const algorithmOid = decodeOid(spki, oidTlv);
  const algorithm = ALGORITHMS[algorithmOid] ?? 'unknown';
  const params = oidTlv.end < alg.end ? readTlv(spki, oidTlv.end, alg.end) : undefined;
  const key = readTlv(spki, alg.end, outer.end);
  if (algorithm === 'RSA' || algorithm === 'RSA-PSS') {
    const bits = rsaBits(spki, key.body + 1, key.end);
    return { algorithm, algorithmOid, ...(bits ? { bits } : {}), label: bits ? `RSA ${bits}` : 'RSA' };
  }
  if (algorithm === 'EC') {
    const curveOid = params?.tag === TAG.oid ? decodeOid(spki, params) : undefined;
    const known = curveOid ? CURVES[curveOid] : undefined;
    const curve = known?.[0] ?? curveOid ?? 'explicit parameters';
    return { algorithm, algorithmOid, curve, ...(known ? { bits: known[1] } : {}), label: `EC ${curve}` };
  }
  if (algorithm === 'DSA' && params?.tag === TAG.sequence) {
    const p = readTlv(spki, params.body, params.end);
    const bits = integerBits(spki, p.body, p.end);
    return { algorithm, algorithmOid, bits, label: `DSA ${bits}` };
  }
  if (algorithm === 'unknown') return { algorithm, algorithmOid, label: algorithmOid };
  const bits = ED_BITS[algorithm];
  return { algorithm, algorithmOid, ...(bits ? { bits } : {}), label: algorithm };
}

/** RSAPublicKey (RFC 8017 A.1.1) modulus size, from the BIT STRING content after its unused-bits octet. */
function rsaBits(buf: Uint8Array, start: number, end: number): number | undefined {
  try {
    const seq = expectTlv(buf, start, end, TAG.sequence, 'RSAPublicKey');
    const n = expectTlv(buf, seq.body, seq.end, TAG.integer, 'modulus');
    return integerBits(buf, n.body, n.end);
  } catch {
    return undefined;
  }
}

function integerBits(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && buf[i] === 0) i++;
  if (i === end) return 0;
  return (end - i - 1) * 8 + (32 - Math.clz32(buf[i]!));
}
