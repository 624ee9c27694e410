import type { ExtendedKeyUsageName, KeyUsage } from '../../../shared/model/csr-constants.js';
import type { SanRow } from '../../../shared/model/csr.js';
import {
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  type Extension,
} from '../../../shared/pki/x509.js';

// RFC 5280 §4.2.1.12 key purpose OIDs.
export const EKU_OIDS: Readonly<Record<ExtendedKeyUsageName, string>> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

const KU_FLAGS: Readonly<Record<KeyUsage, KeyUsageFlags>> = {
  digitalSignature: KeyUsageFlags.digitalSignature,
  keyEncipherment: KeyUsageFlags.keyEncipherment,
  keyAgreement: KeyUsageFlags.keyAgreement,
  nonRepudiation: KeyUsageFlags.nonRepudiation,
};

/** SAN (RFC 5280 §4.2.1.6), key usage (§4.2.1.3, critical) and EKU (§4.2.1.12) extensions. */
export function requestedExtensions(sans: readonly SanRow[], keyUsage: readonly KeyUsage[], eku: readonly ExtendedKeyUsageName[]): Extension[] {
  const out: Extension[] = [];
  if (sans.length > 0) {
    out.push(new SubjectAlternativeNameExtension(sans.map((s) => ({ type: s.type === 'uri' ? 'url' : s.type, value: s.value }))));
  }
  if (keyUsage.length > 0) out.push(new KeyUsagesExtension(keyUsage.reduce((flags, u) => flags | KU_FLAGS[u], 0), true));
  if (eku.length > 0) out.push(new ExtendedKeyUsageExtension(eku.map((e) => EKU_OIDS[e])));
  return out;
}
