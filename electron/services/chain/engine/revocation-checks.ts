import { bytesEqual } from '../../../../shared/pki/bytes.js';
import { CertbenchError } from '../../../../shared/errors.js';
import { readCertTime } from '../../../../shared/pki/chain/cert-time.js';
import { readCrlLayout, type CrlEntry, type CrlLayout } from '../../../../shared/pki/chain/crl-layout.js';
import { normalizedNameKey } from '../../../../shared/pki/chain/name-key.js';
import { pointKeys, readCrlScope, readDistributionPoints, type CrlScope } from '../../../../shared/pki/chain/crl-scope.js';
import type { ParsedCert } from './parsed-cert.js';
import type { Report } from './report.js';
import { checkSignature } from './signature.js';

interface ParsedCrl {
  readonly layout: CrlLayout;
  readonly issuerKey: string;
}

const CRL_NUMBER = '2.5.29.20';
const AUTHORITY_KEY_ID = '2.5.29.35';
const REASON_CODE = '2.5.29.21';
const INVALIDITY_DATE = '2.5.29.24';
const ISSUING_DISTRIBUTION_POINT = '2.5.29.28';
const CRL_DISTRIBUTION_POINTS = '2.5.29.31';
/** reasonCode removeFromCRL (RFC 5280 §5.3.1): the entry lifts an earlier hold. */
const REMOVE_FROM_CRL = 8;

const cache = new WeakMap<Uint8Array, ParsedCrl | undefined>();

function parseCrl(der: Uint8Array): ParsedCrl | undefined {
  if (!cache.has(der)) {
    let parsed: ParsedCrl | undefined;
    try {
      const layout = readCrlLayout(der);
      parsed = { layout, issuerKey: normalizedNameKey(layout.issuer) };
    } catch (err) {
      if (!(err instanceof CertbenchError)) throw err;
    }
    cache.set(der, parsed);
  }
  return cache.get(der);
}

/**
 * RFC 5280 §6.3 revocation with complete CRLs issued by the certificate's own issuer: each
 * certificate below the anchor needs a current CRL (thisUpdate ≤ time ≤ nextUpdate) signed by its
 * issuer or a rollover certificate of the same CA on the path, whose keyUsage allows cRLSign; a listed serial is `revoked`, no usable CRL is
 * `revocation-unknown`. An issuingDistributionPoint narrows what a CRL covers (user/CA
 * certificates, a named distribution point); indirect, partial-reason and delta CRLs and other
 * unknown critical extensions are features this engine does not process, so such CRLs are not used.
 */
export function checkRevocation(certs: readonly (ParsedCert | undefined)[], crls: readonly Uint8Array[], atMs: number, report: Report): void {
  const parsed = crls.map(parseCrl).filter((c): c is ParsedCrl => c !== undefined);
  for (let i = 0; i + 1 < certs.length; i++) {
    const cert = certs[i];
    const issuer = certs[i + 1];
    if (!cert || !issuer) continue;
    const issuerName = normalizedNameKey(cert.layout.issuer);
    const reasons: string[] = [];
    // The CRL signer is the issuer, or another certificate of the same CA on this path (a
    // self-issued rollover certificate), which the path itself has validated (§6.3.3 f).
    const signers = certs.slice(i + 1).filter((c): c is ParsedCert => c !== undefined && normalizedNameKey(c.layout.subject) === issuerName);
    const usable = parsed.filter((crl) => {
      if (crl.issuerKey !== issuerName) return false;
      const why = outOfScope(crl.layout, cert) ?? firstAcceptedSigner(crl.layout, signers, atMs);
      if (why) reasons.push(why);
      return !why;
    });
    if (usable.length === 0) {
      report('revocation-unknown', i, `${cert.label}: no current CRL from ${issuer.label}${reasons.length ? ` (${reasons.join('; ')})` : ''}`);
      continue;
    }
    for (const crl of usable) {
      const entry = crl.layout.entries.find((e) => bytesEqual(e.serial, cert.layout.serial));
      if (!entry) continue;
      const verdict = entryVerdict(entry);
      if (verdict === 'lifted') continue;
      if (verdict === 'unknown') report('revocation-unknown', i, `${cert.label}: its CRL entry carries an unknown critical extension`);
      else report('revoked', i, `${cert.label} is revoked by ${issuer.label} (since ${readCertTime(crl.layout.der, entry.revocationDate)?.date.toISOString() ?? 'an unreadable date'})`);
      break;
    }
  }
}

/** Undefined when one of `signers` makes the CRL usable at `atMs`, else why the first one cannot. */
function firstAcceptedSigner(crl: CrlLayout, signers: readonly ParsedCert[], atMs: number): string | undefined {
  let first: string | undefined;
  for (const signer of signers) {
    const why = unusable(crl, signer, atMs);
    if (!why) return undefined;
    first ??= why;
  }
  return first ?? 'no certificate on the path can have signed it';
}

/** Why a CRL's issuingDistributionPoint (RFC 5280 §5.2.5, §6.3.3 b) leaves `cert` out, if it does. */
function outOfScope(crl: CrlLayout, cert: ParsedCert): string | undefined {
  const idp = crl.extensions.find((e) => e.oid === ISSUING_DISTRIBUTION_POINT);
  if (!idp) return undefined;
  let scope: CrlScope;
  try {
    scope = readCrlScope(idp.value);
  } catch {
    return 'its issuingDistributionPoint is malformed';
  }
  const isCa = cert.ext.basicConstraints?.ca === true;
  if (scope.indirect || scope.onlySomeReasons || scope.onlyAttributeCerts) return 'it is an indirect or partial-reason CRL, which this engine does not process';
  if (scope.onlyUserCerts && isCa) return 'it covers only end-entity certificates';
  if (scope.onlyCaCerts && !isCa) return 'it covers only CA certificates';
  if ((scope.fullName || scope.relativeName) && !pointNamed(cert, pointKeys(scope, crl.issuer))) return 'it is for a distribution point the certificate does not name';
  return undefined;
}

function pointNamed(cert: ParsedCert, idpKeys: readonly string[]): boolean {
  const ext = cert.layout.extensions.find((e) => e.oid === CRL_DISTRIBUTION_POINTS);
  // No cRLDistributionPoints: the implicit point is the issuer itself, named as cRLIssuer (§6.3.3 b.2.i).
  if (!ext) return idpKeys.includes(pointKeys({ fullName: [{ kind: 'dn', der: cert.layout.issuer }] }, cert.layout.issuer)[0]!);
  try {
    return readDistributionPoints(ext.value).some((dp) => !dp.hasCrlIssuer && pointKeys(dp, cert.layout.issuer).some((k) => idpKeys.includes(k)));
  } catch {
    return false;
  }
}

/** Why a CRL cannot vouch for a certificate of `issuer` at `atMs`, or undefined when it can. */
function unusable(crl: CrlLayout, issuer: ParsedCert, atMs: number): string | undefined {
  if (!bytesEqual(crl.tbsSignatureAlgorithm, crl.outerSignatureAlgorithm)) return 'its signature algorithm fields differ';
  if (issuer.ext.keyUsage && !issuer.ext.keyUsage.has('cRLSign')) return `${issuer.label} may not sign CRLs (keyUsage lacks cRLSign)`;
  if (!issuer.key.key) return "the issuer's key cannot be loaded";
  const sig = checkSignature(crl.outerSignatureAlgorithm, crl.tbs, crl.signature, issuer.key.key);
  if (!sig.ok) return `its signature does not verify (${sig.detail})`;
  const thisUpdate = readCertTime(crl.der, crl.thisUpdate)?.date;
  const nextUpdate = crl.nextUpdate ? readCertTime(crl.der, crl.nextUpdate)?.date : undefined;
  if (!thisUpdate || thisUpdate.getTime() > atMs) return 'it is not issued yet';
  if (!nextUpdate || nextUpdate.getTime() < atMs) return 'it is out of date (nextUpdate passed or missing)';
  const numbers = crl.extensions.filter((e) => e.oid === CRL_NUMBER);
  if (numbers.length !== 1 || numbers[0]!.critical) return 'it lacks a single non-critical cRLNumber (RFC 5280 §5.2.3)';
  const unknown = crl.extensions.find((e) => e.critical && e.oid !== CRL_NUMBER && e.oid !== AUTHORITY_KEY_ID && e.oid !== ISSUING_DISTRIBUTION_POINT);
  if (unknown) return `it has a critical extension ${unknown.oid} this engine does not process`;
  return undefined;
}

function entryVerdict(entry: CrlEntry): 'revoked' | 'lifted' | 'unknown' {
  if (entry.extensions.some((e) => e.critical && e.oid !== REASON_CODE && e.oid !== INVALIDITY_DATE)) return 'unknown';
  const reason = entry.extensions.find((e) => e.oid === REASON_CODE);
  // ReasonCode is an ENUMERATED (0x0a 0x01 n).
  if (reason && reason.value.length === 3 && reason.value[0] === 0x0a && reason.value[2] === REMOVE_FROM_CRL) return 'lifted';
  return 'revoked';
}
