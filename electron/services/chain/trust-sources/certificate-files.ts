import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CertbenchError } from '../../../../shared/errors.js';
import { certificateDers } from '../../../../shared/pki/certificate-input.js';
import { fsError, readInputFile } from '../../files/read-input.js';

const CERT_FILE = /\.(pem|crt|cer|der)$/i;

/** Every certificate in a file: a PEM bundle, one DER certificate, or a PKCS#7 (.p7b). */
export async function certificatesInFile(path: string): Promise<Uint8Array[]> {
  return certificateDers(await readInputFile(path), path);
}

/** A bundle file, or every .pem/.crt/.cer/.der file of a folder (not recursive, like OpenSSL's CApath). */
export async function certificatesInFileOrFolder(path: string): Promise<Uint8Array[]> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw fsError(err, path);
  }
  if (!info.isDirectory()) return certificatesInFile(path);
  const names = (await readdir(path)).filter((n) => CERT_FILE.test(n)).sort();
  const out: Uint8Array[] = [];
  for (const name of names) for (const der of await certificatesInFile(join(path, name))) out.push(der);
  if (out.length === 0) throw new CertbenchError('empty-input', `${path} holds no .pem/.crt/.cer/.der certificate files`);
  return out;
}
