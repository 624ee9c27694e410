import { CertbenchError } from '../../../../shared/errors.js';
import { toArrayBuffer } from '../../../../shared/pki/bytes.js';
import { findPemBlocks, looksLikePem } from '../../../../shared/pki/pem.js';

const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';

/**
 * The certificates in an AIA caIssuers response: one DER certificate or a certs-only PKCS#7
 * SignedData (RFC 5280 §4.2.2.1), and, tolerantly, PEM that some servers send instead. pkijs is
 * loaded only here, on the first download, because it is large and most runs never need it.
 */
export async function parseAiaResponse(bytes: Uint8Array, url: string): Promise<Uint8Array[]> {
  try {
    return await decode(bytes, url);
  } catch (err) {
    if (err instanceof CertbenchError) throw err;
    throw new CertbenchError('parse', `${url} did not return a certificate: ${(err as Error).message}`, { cause: err });
  }
}

async function decode(bytes: Uint8Array, url: string): Promise<Uint8Array[]> {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 64));
  if (text.includes('-----BEGIN')) {
    const full = new TextDecoder().decode(bytes);
    if (looksLikePem(full)) {
      return findPemBlocks(full).filter((b) => /CERTIFICATE$/.test(b.label) && b.label !== 'TRUSTED CERTIFICATE').map((b) => b.der);
    }
  }
  const [asn1js, { Certificate, ContentInfo, SignedData }] = await Promise.all([import('asn1js'), import('pkijs')]);
  const parsed = asn1js.fromBER(toArrayBuffer(bytes));
  if (parsed.offset === -1) throw new CertbenchError('parse', `${url} did not return a certificate (not DER, PKCS#7 or PEM)`);
  const root = parsed.result;
  try {
    const info = new ContentInfo({ schema: root });
    if (info.contentType !== SIGNED_DATA_OID) throw new CertbenchError('parse', `${url} returned a PKCS#7 that is not SignedData`);
    const signed = new SignedData({ schema: info.content });
    return (signed.certificates ?? [])
      .filter((c) => c instanceof Certificate)
      .map((c) => new Uint8Array(c.toSchema().toBER(false)));
  } catch (err) {
    if (err instanceof CertbenchError) throw err;
  }
  new Certificate({ schema: root });
  return [bytes];
}
