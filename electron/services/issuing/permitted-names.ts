import { AsnConvert } from '@peculiar/asn1-schema';
import { NameConstraints } from '@peculiar/asn1-x509';
import type { SanRow } from '../../../shared/model/csr.js';
import { parseIpv4 } from '../../../shared/pki/ip-address.js';
import type { X509Certificate } from '../../../shared/pki/x509.js';

/**
 * The SANs a CA's permitted subtrees do not cover (RFC 5280 §4.2.1.10): checked before signing, so
 * the CA never issues a certificate that every client would then reject. A name type without any
 * permitted subtree is unconstrained.
 */
export function namesOutsideConstraints(ca: X509Certificate, sans: readonly SanRow[]): string[] {
  const ext = ca.getExtension('2.5.29.30');
  if (!ext) return [];
  const nc = AsnConvert.parse(ext.value, NameConstraints);
  const bases = (nc.permittedSubtrees ?? []).map((s) => s.base);
  const dns = bases.flatMap((b) => (b.dNSName ? [b.dNSName.toLowerCase().replace(/^\./, '')] : []));
  const ips = bases.flatMap((b) => (b.iPAddress?.includes('/') ? [b.iPAddress] : []));
  return sans
    .filter((s) => {
      if (s.type === 'dns' && dns.length > 0) return !dns.some((d) => withinDomain(s.value.replace(/^\*\./, 'x.'), d));
      if (s.type === 'ip' && ips.length > 0) return !ips.some((r) => withinIpv4(s.value, r));
      return false;
    })
    .map((s) => s.value);
}

const withinDomain = (name: string, domain: string): boolean => name === domain || name.endsWith(`.${domain}`);

function withinIpv4(address: string, cidr: string): boolean {
  const ip = parseIpv4(address);
  const [base, bitsText] = cidr.split('/');
  const net = parseIpv4(base ?? '');
  if (!ip || !net) return false;
  const bits = Number(bitsText);
  const toInt = (o: Uint8Array) => ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((toInt(ip) & mask) >>> 0) === ((toInt(net) & mask) >>> 0);
}
