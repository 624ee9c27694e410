import { CertbenchError } from '../../../shared/errors.js';
import { EXTENDED_KEY_USAGES, type ExtendedKeyUsageName } from '../../../shared/model/csr-constants.js';
import { ExtendedKeyUsageExtension, type Pkcs10CertificateRequest } from '../../../shared/pki/x509.js';
import { EKU_OIDS } from '../csr/csr-extensions.js';

const NAME_BY_OID = new Map<string, ExtendedKeyUsageName>(EXTENDED_KEY_USAGES.map((name) => [EKU_OIDS[name], name]));

/**
 * The purposes a CSR asks for in its extensionRequest (RFC 2985 §5.4.2, RFC 5280 §4.2.1.12), which
 * the certificate must carry: a client certificate issued as serverAuth is refused by the server it
 * is for. No EKU requested means a server certificate, as `ca sign` always issued. A purpose this CA
 * does not issue is refused by name rather than dropped.
 */
export function requestedPurposes(csr: Pkcs10CertificateRequest): ExtendedKeyUsageName[] {
  const eku = csr.extensions.find((e): e is ExtendedKeyUsageExtension => e instanceof ExtendedKeyUsageExtension);
  if (!eku || eku.usages.length === 0) return ['serverAuth'];
  const names: ExtendedKeyUsageName[] = [];
  for (const usage of eku.usages) {
    const name = NAME_BY_OID.get(String(usage));
    if (!name) {
      throw new CertbenchError('invalid-request', `The CSR asks for extended key usage ${String(usage)}; this CA issues only serverAuth and clientAuth certificates`);
    }
    if (!names.includes(name)) names.push(name);
  }
  return names;
}
