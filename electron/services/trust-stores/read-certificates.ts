import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CertbenchError } from '../../../shared/errors.js';
import { readCertificateInput } from '../../../shared/pki/certificate-input.js';
import { fsError } from '../files/read-input.js';

/**
 * The DER certificates of a store's PEM/DER file; a missing file reads as empty (a store not built
 * yet). A damaged block is skipped: it holds no certificate anyone could use, and one bad block must not hide the rest of the store.
 */
export async function readCertificateFile(path: string): Promise<Uint8Array[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw fsError(err, path);
  }
  if (bytes.length === 0) return [];
  try {
    return readCertificateInput(bytes).certificates.map((c) => c.der);
  } catch (err) {
    if (err instanceof CertbenchError && err.code === 'unrecognized-format') return [];
    throw err;
  }
}

/** Every file under `dir` (recursively, following links as `find -L` does) whose name ends with `extension`. */
export async function filesWithExtension(dir: string, extension: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw fsError(err, dir);
  }
  return names.filter((n) => n.endsWith(extension)).map((n) => join(dir, n));
}
