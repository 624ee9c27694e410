import { AuthorityInfoAccessExtension, type X509Certificate } from '../../../../shared/pki/x509.js';

/** The http:// caIssuers URLs of a certificate's AIA extension (RFC 5280 §4.2.2.1); others are skipped. */
export function caIssuersUrls(cert: X509Certificate): string[] {
  const aia = cert.getExtension(AuthorityInfoAccessExtension);
  if (!aia) return [];
  return aia.caIssuers
    .filter((name) => name.type === 'url' && /^http:\/\//i.test(name.value))
    .map((name) => name.value);
}
