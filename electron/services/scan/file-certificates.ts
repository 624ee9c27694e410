import { CertbenchError } from '../../../shared/errors.js';
import { TAG } from '../../../shared/pki/der-reader.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { readInputFile } from '../files/read-input.js';
import { classifyDer } from '../inspect/classify-der.js';
import { isJavaKeystore } from '../keystore/jks-reader.js';
import { readKeystore } from '../keystore/keystore-reader.js';

/** A certificate found in a file; `alias` exactly when the file is a keystore. */
export interface FileCertificate {
  readonly der: Uint8Array;
  readonly alias?: string;
}

/**
 * The certificates a file holds, told by content: PEM/DER/base64 bundles and PKCS#7, JKS/JCEKS
 * (read without a password, as `keytool -list` does) and password-less PKCS#12. Files with no
 * certificate in them (keys, CSRs, notes) give an empty list; a certificate file that is damaged,
 * or a PKCS#12 that needs its password, throws so the scan reports it.
 */
export async function certificatesInFile(path: string): Promise<FileCertificate[]> {
  const bytes = await readInputFile(path);
  if (isJavaKeystore(bytes) || (bytes[0] === TAG.sequence && classifyDer(bytes) === 'pkcs12')) {
    return keystoreCertificates(path, bytes);
  }
  if (bytes[0] === TAG.sequence) {
    const kind = classifyDer(bytes);
    if (kind !== 'certificates' && kind !== 'pkcs7') return [];
  }
  try {
    return certificateDers(bytes).map((der) => ({ der }));
  } catch (err) {
    if (err instanceof CertbenchError && (err.code === 'unrecognized-format' || (err.code === 'bad-base64' && !hasPemArmour(bytes)))) return [];
    throw err;
  }
}

/** Text without PEM armour that merely looks like base64 ("renewthesebeforeMarch") is a note, not a damaged certificate. */
function hasPemArmour(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('-----BEGIN ');
}

async function keystoreCertificates(path: string, bytes: Uint8Array): Promise<FileCertificate[]> {
  try {
    const store = await readKeystore(bytes);
    return store.entries.flatMap((e) => e.certificates.map((c) => ({ der: c.der, alias: e.alias })));
  } catch (err) {
    if (err instanceof CertbenchError && err.code === 'password-required') {
      throw new CertbenchError('password-required', `${path} is a PKCS#12 whose certificates are encrypted: scan it with --keystore ${path} and its password`);
    }
    throw err;
  }
}
