import type { SanRow } from '../../../shared/model/csr.js';
import { formatIp, parseIp } from '../../../shared/pki/ip-address.js';
import { SubjectAlternativeNameExtension, type X509Certificate } from '../../../shared/pki/x509.js';

const canonicalIp = (text: string): string => {
  const bytes = parseIp(text);
  return bytes ? formatIp(bytes) : text.toLowerCase();
};

/** A granted wildcard covers exactly one leftmost label (RFC 6125 §6.4.3). */
const dnsCovers = (granted: string, requested: string): boolean => {
  const g = granted.toLowerCase();
  const r = requested.toLowerCase();
  if (g === r) return true;
  return g.startsWith('*.') && r.slice(r.indexOf('.') + 1) === g.slice(2) && !r.startsWith('*.');
};

/** The requested SANs the certificate does not carry (CAs sometimes drop names they could not validate). */
export function uncoveredSans(cert: X509Certificate, requested: readonly SanRow[]): string[] {
  const granted = cert.getExtension(SubjectAlternativeNameExtension)?.names.items ?? [];
  return requested
    .filter((want) =>
      !granted.some((g) => {
        if (want.type === 'dns') return g.type === 'dns' && dnsCovers(g.value, want.value);
        if (want.type === 'ip') return g.type === 'ip' && canonicalIp(g.value) === canonicalIp(want.value);
        if (want.type === 'email') return g.type === 'email' && g.value.toLowerCase() === want.value.toLowerCase();
        return g.type === 'url' && g.value === want.value;
      }),
    )
    .map((s) => s.value);
}
