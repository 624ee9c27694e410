import { CertbenchError } from '../../../shared/errors.js';
import { toArrayBuffer } from '../../../shared/pki/bytes.js';
import { crlNotCertificate, looksLikeCrl } from '../../../shared/pki/crl-shape.js';
import { findPemBlocks, looksLikePem } from '../../../shared/pki/pem.js';

const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';
const CERT_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE']);
const PKCS7_LABELS = new Set(['PKCS7', 'CERTIFICATE CHAIN']);

/**
 * Every certificate in what a user or a server hands over: PEM (CERTIFICATE and PKCS7 blocks),
 * one DER certificate, or a certs-only PKCS#7 SignedData in DER (`.p7b`, and the AIA caIssuers
 * form of RFC 5280 §4.2.2.1). Any decoding failure is a `parse` error naming the input.
 */
export async function certificatesFromContainer(bytes: Uint8Array, name: string): Promise<Uint8Array[]> {
  try {
    return await decode(bytes, name);
  } catch (err) {
    if (err instanceof CertbenchError) throw err;
    if (looksLikeCrl(bytes)) throw new CertbenchError('unsupported', crlNotCertificate(name), { cause: err });
    throw new CertbenchError('parse', `${name} holds no readable certificate: ${(err as Error).message}`, { cause: err });
  }
}

async function decode(bytes: Uint8Array, name: string): Promise<Uint8Array[]> {
  if (bytes.length === 0) throw new CertbenchError('empty-input', `${name} is empty`);
  if (bytes[0] === 0x30) return decodeDer(bytes, name);
  const text = new TextDecoder().decode(bytes);
  if (!looksLikePem(text)) throw new CertbenchError('unrecognized-format', `${name} is neither PEM nor DER`);
  const out: Uint8Array[] = [];
  for (const block of findPemBlocks(text)) {
    if (CERT_LABELS.has(block.label)) out.push(block.der);
    else if (PKCS7_LABELS.has(block.label)) out.push(...(await decodeDer(block.der, name)));
  }
  if (out.length === 0) throw new CertbenchError('unrecognized-format', `${name} holds no CERTIFICATE or PKCS7 block`);
  return out;
}

/** One DER certificate, or the certificates of a PKCS#7 SignedData. pkijs loads only when needed (it is large). */
async function decodeDer(bytes: Uint8Array, name: string): Promise<Uint8Array[]> {
  const [asn1js, { Certificate, ContentInfo, SignedData }] = await Promise.all([import('asn1js'), import('pkijs')]);
  const parsed = asn1js.fromBER(toArrayBuffer(bytes));
  if (parsed.offset === -1) throw new CertbenchError('parse', `${name} is not DER (certificate or PKCS#7)`);
  const root = parsed.result;
  let info;
  try {
    info = new ContentInfo({ schema: root });
  } catch {
    new Certificate({ schema: root });
    return [bytes];
  }
  if (info.contentType !== SIGNED_DATA_OID) throw new CertbenchError('parse', `${name} is a PKCS#7 that is not SignedData`);
  const signed = new SignedData({ schema: info.content });
  return (signed.certificates ?? []).filter((c) => c instanceof Certificate).map((c) => new Uint8Array(c.toSchema().toBER(false)));
}
