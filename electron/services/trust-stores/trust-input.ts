import { CertbenchError } from '../../../shared/errors.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { readInputFile } from '../files/read-input.js';
import { roleOf } from './stored-certificate.js';

/** The certificates a trust change takes from a file, and what the user should know about them. */
export interface TrustInput {
  readonly ders: readonly Uint8Array[];
  readonly warnings: readonly string[];
}

/**
 * Every certificate of a PEM/DER/PKCS#7 file or a PKCS#12 (PFX) without a password. From a PFX
 * only the CA certificates are taken (its server certificate and key never go into a trust store);
 * a PFX that needs a password is refused with the way out, since trust commands take no secrets.
 */
export async function readTrustInput(path: string): Promise<TrustInput> {
  const bytes = await readInputFile(path);
  let ders: Uint8Array[];
  try {
    ders = certificateDers(bytes);
    // The certificate reader takes a PFX's outer SEQUENCE for a certificate; checking each one sorts that out.
    ders.forEach(roleOf);
  } catch (err) {
    const fromPfx = await pfxCaCertificates(path, bytes);
    if (fromPfx) return fromPfx;
    throw err;
  }
  const warnings =
    ders.length > 1
      ? [`${path} holds ${ders.length} certificates: each is planned on its own (roots to Root stores, intermediates to CA stores)`]
      : [];
  return { ders, warnings };
}

async function pfxCaCertificates(path: string, bytes: Uint8Array): Promise<TrustInput | undefined> {
  const { readPfx } = await import('../pkcs12/read-pfx.js');
  let certificates: readonly { der: Uint8Array }[];
  try {
    certificates = (await readPfx(bytes)).certificates;
  } catch (err) {
    if (!(err instanceof CertbenchError)) return undefined;
    if (err.code === 'password-required' || err.code === 'wrong-password' || err.code === 'no-mac') {
      throw new CertbenchError(
        'invalid-request',
        `${path} is a password-protected PKCS#12 (PFX); trust commands take no passwords: extract its CA certificates first (certbench convert ${path} --to pem), then add that file`,
      );
    }
    return undefined;
  }
  const cas = certificates.map((c) => c.der).filter((der) => roleOf(der) !== 'leaf');
  if (cas.length === 0) {
    throw new CertbenchError('invalid-request', `${path} is a PKCS#12 (PFX) holding no CA certificate (only a server certificate); add the CA that issued it instead`);
  }
  const skipped = certificates.length - cas.length;
  return {
    ders: cas,
    warnings: [`${path} is a PKCS#12 (PFX): its ${cas.length} CA certificate(s) are planned${skipped ? `; its ${skipped} server certificate(s) and any key are left out` : ''}`],
  };
}
