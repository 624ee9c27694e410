import type { CertScan } from '../../../../shared/pki/cert-scan.js';
import { CertbenchError } from '../../../../shared/errors.js';
import { bytesEqual } from '../../../../shared/pki/bytes.js';
import { readSubject } from '../../../../shared/pki/chain/cert-layout.js';
import { normalizedNameKey } from '../../../../shared/pki/chain/name-key.js';
import { scanOnce } from './scan-once.js';
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
 * Certificates of one origin indexed by subject Name: exact DER, and a normalised index (RFC 5280
 * §7.1 case and white space folding) built only on the first miss. What it computes lazily depends
 * only on the DER it holds, so the anchors' index is shared by every chain verified against the
 * same anchor array.
 */
class NameIndex {
  readonly exact = new Map<string, Entry[]>();
  #normalized: Map<string, Entry[]> | undefined;
  /** Each entry's scan, made once (the SHA-256 and extensions of an anchor are read for every chain otherwise). */
  readonly #scans = new WeakMap<Entry, CertScan | null>();

  constructor(ders: readonly Uint8Array[], origin: Entry['origin']) {
    ders.forEach((der, inputIndex) => {
      let subject: Uint8Array;
      try {
        subject = readSubject(der);
      } catch (err) {
        if (err instanceof CertbenchError) return;
        throw err;
      }
      push(this.exact, exactNameKey(subject), { der, subject, origin, inputIndex });
    });
  }

  normalized(): Map<string, Entry[]> {
    if (!this.#normalized) {
      this.#normalized = new Map();
      for (const bucket of this.exact.values()) {
        const key = safeNormalizedKey(bucket[0]!.subject);
        if (key !== undefined) for (const e of bucket) push(this.#normalized, key, e);
      }
    }
    return this.#normalized;
  }

  /** The entry's scan, or null when it is unreadable (it cannot be on any path). */
  scan(e: Entry): CertScan | null {
    let scan = this.#scans.get(e);
    if (scan === undefined) {
      try {
        scan = scanOnce(e.der);
      } catch (err) {
        if (!(err instanceof CertbenchError)) throw err;
        scan = null;
      }
      this.#scans.set(e, scan);
    }
    return scan;
  }
}

// Keyed by the anchor array itself: callers that verify many chains against one trust source pass
// the same array, and an array is never changed once handed to the engine (BuildInput is readonly).
const anchorIndexes = new WeakMap<readonly Uint8Array[], NameIndex>();

function anchorIndex(anchors: readonly Uint8Array[]): NameIndex {
  let index = anchorIndexes.get(anchors);
  if (!index) {
    index = new NameIndex(anchors, 'anchor');
    anchorIndexes.set(anchors, index);
  }
  return index;
}

/**
 * Candidate issuers indexed by subject Name (RFC 4158 §3.5: name chaining is the only mandatory
 * link), so a lookup is one map read however many distractors there are. Indexing reads only the
 * subject; the full scan (with its SHA-256) happens for the few candidates a lookup returns. Exact
 * DER is tried first; the normalised index is consulted only on a miss. Identical DER given twice
 * is kept once, the anchor copy winning, because an anchor ends the path. Unreadable candidates
 * cannot be on any path and are dropped.
 */
export class CandidatePool {
  private readonly anchors: NameIndex;
  private readonly intermediates: NameIndex;
  /** Resolved and ordered candidates per issuer Name (exact or normalised key) and child AKI. */
  private readonly sorted = new Map<string, Map<string, readonly Candidate[]>>();

  constructor(intermediates: readonly Uint8Array[], anchors: readonly Uint8Array[]) {
    this.anchors = anchorIndex(anchors);
    this.intermediates = new NameIndex(intermediates, 'intermediate');
  }

  /** True when `cert` itself is one of the anchors (a leaf that is trusted directly). */
  isAnchor(cert: CertScan): boolean {
    const bucket = this.anchors.exact.get(exactNameKey(cert.subjectDer)) ?? [];
    return bucket.some((e) => bytesEqual(e.der, cert.der));
  }

  /** Candidates whose subject matches `cert`'s issuer, most promising first (anchors, then key-id matches, then latest expiry). */
  issuersOf(cert: CertScan): readonly Candidate[] {
    const found = this.bucket(cert.issuerDer);
    if (!found) return [];
    // The order depends only on the child's AKI, so it is computed once per (bucket, AKI).
    let byAki = this.sorted.get(found.key);
    if (!byAki) this.sorted.set(found.key, (byAki = new Map()));
    const akiKey = cert.aki ?? '';
    let out = byAki.get(akiKey);
    if (!out) {
      out = [...this.resolve(found.entries)].sort((a, b) => score(b, cert) - score(a, cert) || b.scan.notAfter.getTime() - a.scan.notAfter.getTime());
      byAki.set(akiKey, out);
    }
    return out;
  }

  /** Anchors then intermediates named exactly `issuer`, else those whose normalised Name matches. */
  private bucket(issuer: Uint8Array): { key: string; entries: Entry[] } | undefined {
    const exact = exactNameKey(issuer);
    const fromAnchors = this.anchors.exact.get(exact);
    const fromIntermediates = this.intermediates.exact.get(exact);
    if (fromAnchors || fromIntermediates) return { key: `=${exact}`, entries: [...(fromAnchors ?? []), ...(fromIntermediates ?? [])] };
    const normalized = safeNormalizedKey(issuer);
    if (normalized === undefined) return undefined;
    const entries = [...(this.anchors.normalized().get(normalized) ?? []), ...(this.intermediates.normalized().get(normalized) ?? [])];
    return entries.length ? { key: `~${normalized}`, entries } : undefined;
  }

  /** Scans a bucket's entries and drops duplicates (anchors come first, so their copy stays). */
  private resolve(bucket: Entry[]): Candidate[] {
    const out: Candidate[] = [];
    const seen = new Set<string>();
    for (const e of bucket) {
      const scan = (e.origin === 'anchor' ? this.anchors : this.intermediates).scan(e);
      if (!scan || seen.has(scan.sha256)) continue;
      seen.add(scan.sha256);
      out.push({ scan, logicalKey: logicalKeyOf(scan), origin: e.origin, inputIndex: e.inputIndex });
    }
    return out;
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
