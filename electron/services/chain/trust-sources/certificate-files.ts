import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CertbenchError } from '../../../../shared/errors.js';
import { findPemBlocks } from '../../../../shared/pki/pem.js';
import { fsError, readInputFile } from '../../files/read-input.js';

const CERT_FILE = /\.(pem|crt|cer|der)$/i;

/** Every certificate in a PEM bundle or a single DER file. */
export async function certificatesInFile(path: string): Promise<Uint8Array[]> {
  const bytes = await readInputFile(path);
  return certificatesInBytes(bytes, path);
}

/** PEM (any number of CERTIFICATE blocks) or one DER certificate. */
export function certificatesInBytes(bytes: Uint8Array, name: string): Uint8Array[] {
  if (bytes[0] === 0x30) return [bytes];
  let blocks;
  try {
    blocks = findPemBlocks(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new CertbenchError('bad-base64', `${name}: ${(err as Error).message}`, { cause: err });
  }
  const certs = blocks.filter((b) => b.label === 'CERTIFICATE' || b.label === 'X509 CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE');
  if (certs.length === 0) throw new CertbenchError('unrecognized-format', `${name} holds no certificate (PEM or DER expected)`);
  return certs.map((b) => b.der);
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
  for (const name of names) out.push(...(await certificatesInFile(join(path, name))));
  if (out.length === 0) throw new CertbenchError('empty-input', `${path} holds no .pem/.crt/.cer/.der certificate files`);
  return out;
}
