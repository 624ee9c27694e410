import { webcrypto } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import type { CsrPlan } from '../../../shared/model/csr.js';
import { Pkcs10CertificateRequestGenerator } from '../../../shared/pki/x509.js';
import { toWebSigner } from '../keys/key-algorithms.js';
import type { SessionKey } from '../keys/keys-service.js';
import { requestedExtensions } from './csr-extensions.js';
import { planSubjectName } from './subject-name.js';

/** A built request: PEM for files and the CA, DER for checks. */
export interface BuiltCsr {
  readonly pem: string;
  readonly der: Uint8Array;
}

/**
 * Builds and signs a PKCS#10 request (RFC 2986) from a plan without errors; the SAN, key usage and
 * EKU travel in the extensionRequest attribute (RFC 2985 §5.4.2).
 */
export async function buildCsr(plan: CsrPlan, key: Pick<SessionKey, 'privateKey' | 'publicKey'>): Promise<BuiltCsr> {
  const first = plan.errors[0];
  if (first) throw new CertbenchError('invalid-request', `${first.where}: ${first.message}`);
  const signer = await toWebSigner(key.privateKey, key.publicKey, plan.hash);
  const csr = await Pkcs10CertificateRequestGenerator.create(
    {
      name: planSubjectName(plan),
      keys: signer.keys,
      signingAlgorithm: signer.signingAlgorithm,
      extensions: requestedExtensions(plan.sans, plan.keyUsage, plan.extendedKeyUsage),
    },
    webcrypto,
  );
  return { pem: csr.toString('pem'), der: new Uint8Array(csr.rawData) };
}
