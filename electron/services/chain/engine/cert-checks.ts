import { bytesEqual } from '../../../../shared/pki/bytes.js';
import { OID } from '../../../../shared/pki/chain/cert-extensions.js';
import { constraintSyntaxFault, sanSyntaxFault } from '../../../../shared/pki/chain/name-constraints.js';
import type { ParsedCert } from './parsed-cert.js';
import type { Report } from './report.js';
import type { Profile } from './types.js';

/** Where a certificate sits on the path; the profile rules differ by position. */
export interface Position {
  readonly index: number;
  readonly isLeaf: boolean;
  /** The trust anchor ending a complete path. */
  readonly isAnchor: boolean;
  readonly profile: Profile;
}

/** RFC 5280 §6.1.3 (a)(2): validity, compared at whole seconds, the granularity certificates encode. */
export function checkValidity(c: ParsedCert, pos: Position, atMs: number, report: Report): void {
  if (!c.notBefore || !c.notAfter) return report('malformed', pos.index, `${c.label}: the validity period is not a valid RFC 5280 time`);
  const faults = pos.profile === 'webpki' ? [c.notBefore.fault, c.notAfter.fault] : [];
  for (const fault of faults) if (fault) report('nonconforming', pos.index, `${c.label}: ${fault}`);
  if (atMs < c.notBefore.date.getTime()) report('not-yet-valid', pos.index, `${c.label} is not valid before ${c.notBefore.date.toISOString()}`);
  if (atMs > c.notAfter.date.getTime()) report('expired', pos.index, `${c.label} expired on ${c.notAfter.date.toISOString()}`);
}

/** Key algorithm and strength, for every certificate including the anchor (CA/B Forum BR §6.1.5). */
export function checkKey(c: ParsedCert, pos: Position, report: Report): void {
  if (c.key.problem && (pos.profile === 'webpki' || !c.key.problem.webpkiOnly)) report(c.key.problem.code, pos.index, `${c.label}: ${c.key.problem.detail}`);
}

/** RFC 5280 §4.2: critical extensions this engine cannot process make the certificate unusable. */
export function checkCriticalExtensions(c: ParsedCert, pos: Position, report: Report): void {
  for (const oid of c.ext.unknownCritical) report('unknown-critical-extension', pos.index, `${c.label} has an unknown critical extension ${oid}`);
}

/**
 * Encoding and profile rules of RFC 5280 §4.1–§4.2 that make a certificate malformed wherever it
 * sits, reported as `malformed` (or `key-usage` for §4.2.1.3's keyCertSign/cA rule). The rules §4
 * sets for issuers only (key identifiers, critical basicConstraints) apply under `webpki`, as
 * `nonconforming`.
 */
export function checkProfile(c: ParsedCert, pos: Position, report: Report): void {
  const bad = (detail: string) => report('malformed', pos.index, `${c.label}: ${detail}`);
  for (const fault of c.ext.malformed) bad(fault);
  for (const fault of c.ext.nonconforming) report('nonconforming', pos.index, `${c.label}: ${fault}`);
  if (!bytesEqual(c.layout.tbsSignatureAlgorithm, c.layout.outerSignatureAlgorithm)) {
    bad('the signature algorithm differs inside and outside the signed part (RFC 5280 §4.1.1.2)');
  }
  if (c.layout.version < 3 && c.layout.extensions.length > 0) bad(`a version ${c.layout.version} certificate cannot carry extensions (RFC 5280 §4.1.2.9)`);
  if (c.issuerEmpty) bad('the issuer name is empty (RFC 5280 §4.1.2.4)');
  const san = c.ext.subjectAltName;
  if (c.subjectEmpty && !san?.critical) bad('the subject is empty but the subjectAltName is missing or not critical (RFC 5280 §4.2.1.6)');
  for (const name of san?.names ?? []) {
    const fault = sanSyntaxFault(name);
    if (fault) bad(`${fault} (RFC 5280 §4.2.1.6)`);
  }
  const ku = c.ext.keyUsage;
  if (ku?.has('keyCertSign') && !c.ext.basicConstraints?.ca) {
    report('key-usage', pos.index, `${c.label} asserts keyCertSign without being a CA (RFC 5280 §4.2.1.3)`);
  }
  if (pos.profile === 'webpki') checkIssuerRules(c, pos, (detail) => report('nonconforming', pos.index, `${c.label}: ${detail}`));
  if (!pos.isLeaf) checkCaProfile(c, bad);
  else if (c.ext.nameConstraints && !c.ext.basicConstraints?.ca) bad('nameConstraints may appear only in CA certificates (RFC 5280 §4.2.1.10)');
}

function checkIssuerRules(c: ParsedCert, pos: Position, bad: (detail: string) => void): void {
  const aki = c.ext.authorityKeyId;
  // Anchors are trusted as a name and a key (RFC 5280 §6.1.1 d), whatever their issuer says.
  if (!c.selfIssued && !pos.isAnchor && !aki?.keyId) bad('the authorityKeyIdentifier keyIdentifier is missing (RFC 5280 §4.2.1.1)');
  if (pos.isAnchor && c.selfIssued && aki) {
    // A self-signed root's AKI, when present, must only name its own key (CA/B Forum BR §7.1.2.1.3).
    if (!aki.keyId || aki.hasIssuerAndSerial) bad('a root authorityKeyIdentifier must hold only a keyIdentifier');
    else if (c.ext.subjectKeyId && !bytesEqual(aki.keyId, c.ext.subjectKeyId)) bad("the root's authorityKeyIdentifier does not match its own subjectKeyIdentifier");
  }
  if (pos.isLeaf) return;
  if (c.layout.extensions.some((e) => e.oid === OID.policyConstraints && !e.critical)) bad('policyConstraints must be critical (RFC 5280 §4.2.1.11)');
  if (!c.ext.subjectKeyId) bad('a CA certificate must carry a subjectKeyIdentifier (RFC 5280 §4.2.1.2)');
  if (c.ext.basicConstraints && !c.ext.basicConstraints.critical) bad('basicConstraints must be critical in a CA certificate (RFC 5280 §4.2.1.9)');
}

function checkCaProfile(c: ParsedCert, bad: (detail: string) => void): void {
  if (c.subjectEmpty) bad('a CA must have a non-empty subject (RFC 5280 §4.1.2.6)');
  const nc = c.ext.nameConstraints;
  const fault = nc ? constraintSyntaxFault(nc) : undefined;
  if (fault) bad(`${fault}`);
}
