import type { CertificateSummary } from '../../../shared/model/certificate-summary.js';
import type { ChainVerdict, ScanFinding, ScanKind, ScanStatus } from '../../../shared/model/scan.js';

/** Where a finding lives, in the fields of its kind. */
export type FindingPlace =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'keystore'; readonly path: string; readonly alias: string }
  | { readonly kind: 'trust-store'; readonly storeId: string; readonly alias?: string }
  | { readonly kind: 'endpoint'; readonly endpoint: string; readonly chain: ChainVerdict };

/** expired / inside the window / not yet valid / fine, from the dates alone. */
export function scanStatus(notBefore: Date, notAfter: Date, now: Date, windowMs: number): ScanStatus {
  if (now.getTime() > notAfter.getTime()) return 'expired';
  if (now.getTime() < notBefore.getTime()) return 'not-yet-valid';
  return notAfter.getTime() - now.getTime() <= windowMs ? 'expiring' : 'ok';
}

/** Whether a finding makes `scan` exit 1. */
export const needsAttention = (f: Pick<ScanFinding, 'status'>): boolean => f.status === 'expired' || f.status === 'expiring';

export function placeText(place: FindingPlace): string {
  switch (place.kind) {
    case 'file':
      return place.path;
    case 'keystore':
      return `${place.path}#${place.alias}`;
    case 'trust-store':
      return place.alias === undefined ? place.storeId : `${place.storeId}#${place.alias}`;
    case 'endpoint':
      return place.endpoint;
  }
}

export function findingOf(summary: CertificateSummary, place: FindingPlace, now: Date, windowMs: number): ScanFinding {
  const kind: ScanKind = place.kind;
  return {
    kind,
    where: placeText(place),
    ...(place.kind === 'file' || place.kind === 'keystore' ? { path: place.path } : {}),
    ...((place.kind === 'keystore' || place.kind === 'trust-store') && place.alias !== undefined ? { alias: place.alias } : {}),
    ...(place.kind === 'trust-store' ? { storeId: place.storeId } : {}),
    ...(place.kind === 'endpoint' ? { endpoint: place.endpoint, chain: place.chain } : {}),
    subject: summary.subject,
    subjectRfc4514: summary.subjectRfc4514,
    sans: summary.sans.map((s) => `${s.type}:${s.value}`),
    issuer: summary.issuer,
    issuerRfc4514: summary.issuerRfc4514,
    serial: summary.serial,
    notBefore: summary.notBefore,
    notAfter: summary.notAfter,
    daysLeft: summary.daysLeft,
    keyType: summary.keyType,
    sha256: summary.sha256,
    status: scanStatus(new Date(summary.notBefore), new Date(summary.notAfter), now, windowMs),
  };
}

/** Soonest expiry first; ties in a stable order by place. */
export function byTimeLeft(a: ScanFinding, b: ScanFinding): number {
  return a.notAfter < b.notAfter ? -1 : a.notAfter > b.notAfter ? 1 : a.where < b.where ? -1 : a.where > b.where ? 1 : 0;
}
