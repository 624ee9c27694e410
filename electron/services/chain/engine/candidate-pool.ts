import { scanCertificate, type CertScan } from '../../../../shared/pki/cert-scan.js';
import { CertbenchError } from '../../../../shared/errors.js';
import { bytesEqual } from '../../../../shared/pki/bytes.js';
import { readSubject } from '../../../../shared/pki/chain/cert-layout.js';
import { normalizedNameKey } from '../../../../shared/pki/chain/name-key.js';
import type { CertOrigin } from './types.js';

/** A certificate that may issue another, with where it came from. */
export interface Candidate {
  readonly scan: CertScan;
  /** Subject and public key: one CA, however many certificates carry it (RFC 4158 §5.2 loop test). */
  readonly logicalKey: string;
  readonly origin: Exclude<CertOrigin, 'leaf'>;
  readonly inputIndex: number;
}

interface Entry {
  readonly der: Uint8Array;
  readonly subject: Uint8Array;
  readonly origin: Candidate['origin'];
  readonly inputIndex: number;
}

/**
 * Candidate issuers indexed by subject Name (RFC 4158 §3.5: name chaining is the only mandatory
 * link), so a lookup is one map read however many distractors there are. Indexing reads only the
 * subject; the full scan (with its SHA-256) happens for the few candidates a lookup returns. Exact
 * DER is tried first; a normalised index (RFC 5280 §7.1 case and white space folding) is built only
 * on a miss. Identical DER given twice is kept once, the anchor copy winning, because an anchor
 * ends the path. Unreadable candidates cannot be on any path and are dropped.
 */
export class CandidatePool {
  private readonly exact = new Map<string, Entry[]>();
  private normalized: Map<string, Entry[]> | undefined;
  private readonly resolved = new Map<Entry[], Candidate[]>();
  private readonly sorted = new Map<Entry[], Map<string, readonly Candidate[]>>();

  constructor(intermediates: readonly Uint8Array[], anchors: readonly Uint8Array[]) {
    const add = (der: Uint8Array, origin: Entry['origin'], inputIndex: number) => {
      let subject: Uint8Array;
      try {
        subject = readSubject(der);
      } catch (err) {
        if (err instanceof CertbenchError) return;
        throw err;
      }
      push(this.exact, exactNameKey(subject), { der, subject, origin, inputIndex });
    };
    anchors.forEach((der, i) => add(der, 'anchor', i));
    intermediates.forEach((der, i) => add(der, 'intermediate', i));
  }

  /** True when `cert` itself is one of the anchors (a leaf that is trusted directly). */
  isAnchor(cert: CertScan): boolean {
    const bucket = this.exact.get(exactNameKey(cert.subjectDer)) ?? [];
    return bucket.some((e) => e.origin === 'anchor' && bytesEqual(e.der, cert.der));
  }

  /** Candidates whose subject matches `cert`'s issuer, most promising first (anchors, then key-id matches, then latest expiry). */
  issuersOf(cert: CertScan): readonly Candidate[] {
    let bucket = this.exact.get(exactNameKey(cert.issuerDer));
    if (!bucket) {
      const key = safeNormalizedKey(cert.issuerDer);
      bucket = key === undefined ? undefined : this.normalizedIndex().get(key);
    }
    if (!bucket) return [];
    // The order depends only on the child's AKI, so it is computed once per (bucket, AKI).
    let byAki = this.sorted.get(bucket);
    if (!byAki) this.sorted.set(bucket, (byAki = new Map()));
    const akiKey = cert.aki ?? '';
    let out = byAki.get(akiKey);
    if (!out) {
      out = [...this.resolve(bucket)].sort((a, b) => score(b, cert) - score(a, cert) || b.scan.notAfter.getTime() - a.scan.notAfter.getTime());
      byAki.set(akiKey, out);
    }
    return out;
  }

  /** Scans a bucket once and drops duplicates (anchors were added first, so their copy stays). */
  private resolve(bucket: Entry[]): Candidate[] {
    let out = this.resolved.get(bucket);
    if (out) return out;
    out = [];
    const seen = new Set<string>();
    for (const e of bucket) {
      let scan: CertScan;
      try {
        scan = scanCertificate(e.der);
      } catch (err) {
        if (err instanceof CertbenchError) continue;
        throw err;
      }
      if (seen.has(scan.sha256)) continue;
      seen.add(scan.sha256);
      out.push({ scan, logicalKey: logicalKeyOf(scan), origin: e.origin, inputIndex: e.inputIndex });
    }
    this.resolved.set(bucket, out);
    return out;
  }

  private normalizedIndex(): Map<string, Entry[]> {
    if (!this.normalized) {
      this.normalized = new Map();
      for (const bucket of this.exact.values()) {
        const key = safeNormalizedKey(bucket[0]!.subject);
        if (key !== undefined) for (const e of bucket) push(this.normalized, key, e);
      }
    }
    return this.normalized;
  }
}

/** Exact identity of an encoded Name: its octets as a Latin-1 string, the cheapest map key Node offers. */
function exactNameKey(nameDer: Uint8Array): string {
  return Buffer.from(nameDer.buffer, nameDer.byteOffset, nameDer.byteLength).toString('latin1');
}

/** See Candidate.logicalKey. */
export function logicalKeyOf(scan: CertScan): string {
  return `${exactNameKey(scan.subjectDer)}\u0000${exactNameKey(scan.spkiDer)}`;
}

function score(c: Candidate, child: CertScan): number {
  let s = c.origin === 'anchor' ? 2 : 0;
  // RFC 5280 §4.2.1.1: the AKI names the issuer's key; a match is a strong hint, a mismatch a weak one.
  if (child.aki !== undefined && c.scan.ski !== undefined) s += child.aki === c.scan.ski ? 4 : -4;
  return s;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function safeNormalizedKey(nameDer: Uint8Array): string | undefined {
  try {
    return normalizedNameKey(nameDer);
  } catch (err) {
    if (err instanceof CertbenchError) return undefined;
    throw err;
  }
}
