import type { ExtendedKeyUsageName, SubjectField } from '../model/csr-constants.js';
import type { CsrSpec, SanRow, Subject } from '../model/csr.js';
import type { KeyDescription } from '../model/keys-constants.js';
import { parseCertificate } from '../pki/certificate-summary.js';
import { ExtendedKeyUsageExtension, SubjectAlternativeNameExtension } from '../pki/x509.js';
import { defaultKeyUsage } from './templates.js';

const FIELD_BY_NAME: Readonly<Record<string, SubjectField>> = {
  CN: 'CN',
  O: 'O',
  OU: 'OU',
  L: 'L',
  ST: 'ST',
  C: 'C',
  E: 'emailAddress',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

// RFC 5280 §4.2.1.12 key purpose OIDs.
const EKU_BY_OID: Readonly<Record<string, ExtendedKeyUsageName>> = { '1.3.6.1.5.5.7.3.1': 'serverAuth', '1.3.6.1.5.5.7.3.2': 'clientAuth' };

/** A renewal's CSR spec, and what changed from the old certificate that the user should know. */
export interface RenewPlan {
  readonly spec: CsrSpec;
  readonly notes: string[];
}

/** "Renew from an existing certificate": the same subject, SANs and purposes, for a new CSR. */
export function renewSpec(certificateDer: Uint8Array, family: KeyDescription['family']): RenewPlan {
  const cert = parseCertificate(certificateDer);
  const oldHash = (cert.signatureAlgorithm as { hash?: { name?: string } }).hash?.name;
  const notes =
    oldHash === 'SHA-1' || oldHash === 'MD5'
      ? [`The old certificate is signed with ${oldHash}, which CAs no longer issue and browsers and Apple clients reject; the new CSR uses SHA-256.`]
      : [];
  const subject: Record<string, string> = {};
  for (const rdn of cert.subjectName.toJSON()) {
    for (const [name, values] of Object.entries(rdn)) {
      const field = FIELD_BY_NAME[name];
      if (field && subject[field] === undefined && values[0] !== undefined) subject[field] = values[0];
    }
  }
  const san = cert.getExtension(SubjectAlternativeNameExtension);
  const sans: SanRow[] = [];
  for (const name of san?.names.items ?? []) {
    if (name.type === 'dns' || name.type === 'ip' || name.type === 'email') sans.push({ type: name.type, value: name.value });
    else if (name.type === 'url') sans.push({ type: 'uri', value: name.value });
  }
  const eku = cert.getExtension(ExtendedKeyUsageExtension);
  const purposes = (eku?.usages ?? []).map((u) => EKU_BY_OID[String(u)]).filter((u): u is ExtendedKeyUsageName => u !== undefined);
  const cn = (subject as Subject).CN;
  const spec: CsrSpec = {
    subject: subject as Subject,
    sans: sans.filter((s) => !(s.type === 'dns' && s.value === cn)),
    addCnToSan: sans.some((s) => s.type === 'dns' && s.value === cn),
    hash: 'SHA-256',
    keyUsage: defaultKeyUsage(family),
    extendedKeyUsage: purposes.length > 0 ? purposes : ['serverAuth'],
  };
  return { spec, notes };
}
