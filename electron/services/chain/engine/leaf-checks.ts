import { domainToASCII } from 'node:url';
import { OID, type KeyUsageBit } from '../../../../shared/pki/chain/cert-extensions.js';
import { formatIp } from '../../../../shared/pki/ip-address.js';
import { parseHost, sanMatchesHost } from '../../../../shared/pki/chain/host-match.js';
import type { ParsedCert } from './parsed-cert.js';
import type { Report } from './report.js';
import type { Profile, Purpose } from './types.js';

const COMMON_NAME_OID = '2.5.4.3';

/** Key usages that can carry each purpose's TLS handshake (RFC 5280 §4.2.1.12 consistency note). */
const LEAF_KEY_USAGE: Record<Purpose, readonly KeyUsageBit[]> = {
  serverAuth: ['digitalSignature', 'keyEncipherment', 'keyAgreement'],
  clientAuth: ['digitalSignature', 'keyAgreement'],
};

/**
 * The leaf as an end-entity for `purpose`: EKU (RFC 5280 §4.2.1.12; anyExtendedKeyUsage accepted),
 * key usage, not a CA; under the `webpki` profile also X.509 v3 (CA/B Forum BR §7.1.1) and, for
 * serverAuth, the BR rules on the CN (§7.1.4.3) and on SAN criticality (§7.1.2.7.12).
 */
export function checkLeafPurpose(leaf: ParsedCert, purpose: Purpose, profile: Profile, report: Report): void {
  const eku = leaf.ext.extKeyUsage;
  if (eku && !eku.includes(OID[purpose]) && !eku.includes(OID.anyExtendedKeyUsage)) {
    report('eku-mismatch', 0, `${leaf.label} is not valid for ${purpose}: its extendedKeyUsage does not include it`);
  }
  const ku = leaf.ext.keyUsage;
  if (ku && !LEAF_KEY_USAGE[purpose].some((bit) => ku.has(bit))) {
    report('key-usage', 0, `${leaf.label}: keyUsage allows none of ${LEAF_KEY_USAGE[purpose].join(', ')} needed for ${purpose}`);
  }
  if (leaf.ext.basicConstraints?.ca) report('ca-as-leaf', 0, `${leaf.label} is a CA certificate used as an end-entity certificate`);
  if (profile === 'webpki' && leaf.layout.version < 3) report('nonconforming', 0, `${leaf.label} is X.509 version ${leaf.layout.version}; end-entity certificates must be v3`);
  if (purpose !== 'serverAuth' || profile !== 'webpki') return;
  checkCommonName(leaf, report);
  const san = leaf.ext.subjectAltName;
  if (san?.critical && !leaf.subjectEmpty) report('nonconforming', 0, `${leaf.label}: subjectAltName must not be critical when the subject is not empty (CA/B Forum BR §7.1.2.7.12)`);
}

/**
 * CA/B Forum BR §7.1.4.3: a CN must be a character-for-character copy of a SAN entry. Checked where
 * a CN can be told to be a botched copy — an IP literal not in the SAN's canonical form, a Unicode
 * U-label, a case variant of a SAN name — and not for any CN absent from the SAN, because private
 * CAs routinely issue "CN=server01" with the FQDN in the SAN and those chains work in every client.
 */
function checkCommonName(leaf: ParsedCert, report: Report): void {
  const names = leaf.ext.subjectAltName?.names;
  if (!names) return;
  const dns = names.flatMap((n) => (n.kind === 'dns' ? [n.value] : []));
  const ips = names.flatMap((n) => (n.kind === 'ip' ? [formatIp(n.bytes)] : []));
  for (const a of leaf.subjectAttributes) {
    if (a.oid !== COMMON_NAME_OID || a.text === undefined) continue;
    const cn = a.text;
    const bad = (why: string) => report('nonconforming', 0, `${leaf.label}: the CN "${cn}" ${why} (CA/B Forum BR §7.1.4.3)`);
    if (looksLikeIpLiteral(cn)) {
      if (!ips.includes(cn)) bad('is not the canonical text of a subjectAltName iPAddress');
    } else if (/[^ -~]/.test(cn)) {
      if (!dns.includes(cn)) bad('holds non-ASCII characters; it must be the A-label copy of a subjectAltName entry');
    } else if (!dns.includes(cn) && dns.some((d) => d.toLowerCase() === cn.toLowerCase())) {
      bad('differs from its subjectAltName entry in letter case');
    }
  }
}

/** Hex, dotted-decimal (leading zeros too) or colon forms an IP address may be written in. */
function looksLikeIpLiteral(text: string): boolean {
  return /^0x[0-9a-f]+$/i.test(text) || /^\d+(\.\d+){1,3}$/.test(text) || (text.includes(':') && /^[0-9a-f:.]+$/i.test(text));
}

/**
 * RFC 6125 §6: the host must be presented in the SAN; the CN is never used (see sanMatchesHost).
 * A Unicode host is compared in its A-label form (RFC 5890), the form certificates carry.
 */
export function checkHost(leaf: ParsedCert, host: string, report: Report): void {
  const id = parseHost(/[^\x00-\x7f]/.test(host) ? domainToASCII(host) || host : host);
  if (!id) return report('hostname-mismatch', 0, `"${host}" is neither a valid DNS name nor an IP address`);
  const names = leaf.ext.subjectAltName?.names;
  if (!names) return report('hostname-mismatch', 0, `${leaf.label} has no subjectAltName, so it names no host (the CN is not used)`);
  if (!sanMatchesHost(names, id)) {
    const listed = names.flatMap((n) => (n.kind === 'dns' ? [n.value] : n.kind === 'ip' ? [formatIp(n.bytes)] : [])).join(', ');
    report('hostname-mismatch', 0, `${leaf.label} is valid for ${listed || 'no host names'}, not for ${host}`);
  }
}

/** Chrome/Mozilla EKU chaining: an intermediate that restricts EKUs must allow the purpose too. */
export function checkCaPurpose(ca: ParsedCert, index: number, purpose: Purpose, report: Report): void {
  const eku = ca.ext.extKeyUsage;
  if (eku && !eku.includes(OID[purpose]) && !eku.includes(OID.anyExtendedKeyUsage)) {
    report('eku-mismatch', index, `${ca.label} restricts its extendedKeyUsage and does not allow ${purpose}`);
  }
}
