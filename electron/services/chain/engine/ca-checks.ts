import { nameConstraintViolation } from '../../../../shared/pki/chain/name-constraints.js';
import type { GeneralName } from '../../../../shared/pki/chain/general-names.js';
import type { ParsedCert } from './parsed-cert.js';
import type { Position } from './cert-checks.js';
import type { Report } from './report.js';

const EMAIL_ADDRESS_OID = '1.2.840.113549.1.9.1';

/** RFC 5280 §6.1.4 (k)(n): an issuing certificate must be a v3 CA allowed to sign certificates. */
export function checkIssuingCa(c: ParsedCert, pos: Position, report: Report): void {
  const bc = c.ext.basicConstraints;
  if (c.layout.version < 3) report('not-a-ca', pos.index, `${c.label} is a version ${c.layout.version} certificate and cannot act as a CA (RFC 5280 §6.1.4 k)`);
  else if (!bc) report('not-a-ca', pos.index, `${c.label} issues certificates but has no basicConstraints (RFC 5280 §6.1.4 k)`);
  else if (!bc.ca) report('not-a-ca', pos.index, `${c.label} issues certificates but is not a CA (basicConstraints cA is false)`);
  if (c.ext.keyUsage && !c.ext.keyUsage.has('keyCertSign')) {
    report('key-usage', pos.index, `${c.label} issues certificates but its keyUsage lacks keyCertSign (RFC 5280 §6.1.4 n)`);
  }
}

/**
 * RFC 5280 §4.2.1.9 / §6.1.4 (l)(m): a CA's pathLenConstraint bounds the non-self-issued
 * intermediates below it (the leaf does not count, self-issued certificates do not count).
 */
export function checkPathLength(certs: readonly (ParsedCert | undefined)[], report: Report): void {
  for (let j = 1; j < certs.length; j++) {
    const limit = certs[j]?.ext.basicConstraints?.pathLen;
    if (limit === undefined || !certs[j]?.ext.basicConstraints?.ca) continue;
    let below = 0;
    for (let i = 1; i < j; i++) if (!certs[i]?.selfIssued) below++;
    if (below > limit) {
      report('path-length-exceeded', j, `${certs[j]!.label} allows ${limit} intermediate CA(s) below it but the path has ${below}`);
    }
  }
}

/**
 * RFC 5280 §6.1.3 (b)(c): each CA's name constraints apply to every certificate below it, except
 * self-issued intermediates (the leaf is always checked). Names checked: the subject DN, the SAN
 * entries and — when there is no SAN — emailAddress attributes of the subject (§4.2.1.10).
 */
export function checkNameConstraints(certs: readonly (ParsedCert | undefined)[], report: Report): void {
  for (let j = 1; j < certs.length; j++) {
    const nc = certs[j]?.ext.nameConstraints;
    if (!nc) continue;
    for (let i = 0; i < j; i++) {
      const c = certs[i];
      if (!c || (i > 0 && c.selfIssued)) continue;
      const violation = nameConstraintViolation(nc, namesOf(c));
      if (violation) report('name-constraint-violation', i, `${c.label}: ${violation} set by ${certs[j]!.label}`);
    }
  }
}

function namesOf(c: ParsedCert): GeneralName[] {
  const names: GeneralName[] = [];
  if (!c.subjectEmpty) names.push({ kind: 'dn', der: c.layout.subject });
  const san = c.ext.subjectAltName?.names;
  if (san) names.push(...san);
  else {
    for (const a of c.subjectAttributes) if (a.oid === EMAIL_ADDRESS_OID && a.text !== undefined) names.push({ kind: 'email', value: a.text });
  }
  return names;
}
