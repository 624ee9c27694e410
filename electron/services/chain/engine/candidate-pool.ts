import { scanCertificate, type CertScan } from '../../../../shared/pki/cert-scan.js';
import { CertbenchError } from '../../../../shared/errors.js';
import { exactNameKey, normalizedNameKey } from '../../../../shared/pki/chain/name-key.js';
import type { CertOrigin } from './types.js';

/** A certificate that may issue another: scanned once, with where it came from. */
export interface Candidate {
  readonly scan: CertScan;
  readonly origin: Exclude<CertOrigin, 'leaf'>;
  readonly inputIndex: number;
}

/**
 * Candidate issuers indexed by subject Name (RFC 4158 §3.5: name chaining is the only mandatory
 * link), so a lookup is one map read however many distractors there are. Exact DER is tried first;
 * a normalised index (RFC 5280 §7.1 case and white space folding) is built only on a miss, which
 * keeps the common case at one cheap scan per candidate. Identical DER appearing twice is kept once,
 * the anchor copy winning, because an anchor ends the path. Unparseable candidates cannot be on any
 * path and are dropped; `ignored` counts them.
 */
export class CandidatePool {
  private readonly exact = new Map<string, Candidate[]>();
  private normalized: Map<string, Candidate[]> | undefined;
  private readonly bySha = new Map<string, Candidate>();
  readonly ignored: number;

  constructor(intermediates: readonly Uint8Array[], anchors: readonly Uint8Array[]) {
    let ignored = 0;
    const add = (der: Uint8Array, origin: Candidate['origin'], inputIndex: number) => {
      let scan: CertScan;
      try {
        scan = scanCertificate(der);
      } catch (err) {
        if (!(err instanceof CertbenchError)) throw err;
        ignored++;
        return;
      }
      const existing = this.bySha.get(scan.sha256);
      if (existing && (existing.origin === 'anchor' || origin === 'intermediate')) return;
      const candidate: Candidate = { scan, origin, inputIndex };
      this.bySha.set(scan.sha256, candidate);
    };
    anchors.forEach((der, i) => add(der, 'anchor', i));
    intermediates.forEach((der, i) => add(der, 'intermediate', i));
    for (const c of this.bySha.values()) push(this.exact, exactNameKey(c.scan.subjectDer), c);
    this.ignored = ignored;
  }

  /** The anchor with exactly this DER, if any (a leaf that is itself trusted). */
  anchorBySha(sha256: string): Candidate | undefined {
    const c = this.bySha.get(sha256);
    return c?.origin === 'anchor' ? c : undefined;
  }

  /** Candidates whose subject matches `cert`'s issuer, most promising first (anchors, then key-id matches, then latest expiry). */
  issuersOf(cert: CertScan): readonly Candidate[] {
    let found = this.exact.get(exactNameKey(cert.issuerDer));
    if (!found) {
      const key = safeNormalizedKey(cert.issuerDer);
      found = key === undefined ? undefined : this.normalizedIndex().get(key);
    }
    if (!found) return [];
    return [...found].sort((a, b) => score(b, cert) - score(a, cert) || b.scan.notAfter.getTime() - a.scan.notAfter.getTime());
  }

  private normalizedIndex(): Map<string, Candidate[]> {
    if (!this.normalized) {
      this.normalized = new Map();
      for (const c of this.bySha.values()) {
        const key = safeNormalizedKey(c.scan.subjectDer);
        if (key !== undefined) push(this.normalized, key, c);
      }
    }
    return this.normalized;
  }
}

function score(c: Candidate, child: CertScan): number {
  let s = c.origin === 'anchor' ? 2 : 0;
  // RFC 5280 §4.2.1.1: the AKI names the issuer's key; a match is a strong hint, a mismatch a weak one.
  if (child.aki !== undefined && c.scan.ski !== undefined) s += child.aki === c.scan.ski ? 4 : -4;
  return s;
}

function push(map: Map<string, Candidate[]>, key: string, c: Candidate): void {
  const list = map.get(key);
  if (list) list.push(c);
  else map.set(key, [c]);
}

function safeNormalizedKey(nameDer: Uint8Array): string | undefined {
  try {
    return normalizedNameKey(nameDer);
  } catch (err) {
    if (err instanceof CertbenchError) return undefined;
    throw err;
  }
}
