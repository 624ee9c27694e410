import type { KeyObject } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import { readInputFile } from '../files/read-input.js';
import type { PfxReader } from '../pkcs12/pfx-reader.js';
import { WorkBudget } from '../pkcs12/work-budget.js';
import { readPrivateKeyOffThread, type KeyDecryptor } from '../private-keys/read-private-key.js';

/**
 * Opens a user's private key file with the inspect engineer's readers: PEM/DER PKCS#8, encrypted
 * PKCS#8, PKCS#1, SEC1, OpenSSL legacy PEM, or the key inside a PFX (.p12/.pfx), read by
 * `pfxReader` (the app's worker thread) when given; an encrypted key is decrypted by `keyDecryptor`
 * (likewise) when given.
 */
export async function openPrivateKeyFile(path: string, passphrase?: string, pfxReader?: PfxReader, keyDecryptor?: KeyDecryptor): Promise<KeyObject> {
  const bytes = await readInputFile(path);
  if (/\.(p12|pfx)$/i.test(path)) {
    // The PKCS#12 reader (and node-forge for legacy RC2) loads only for PFX files.
    const read = pfxReader ?? (await import('../pkcs12/pfx-reader.js')).readPfxInProcess;
    const key = (await read(bytes, passphrase, {})).keys[0]?.key;
    if (!key) throw new CertbenchError('not-found', `${path} holds no private key`);
    return key;
  }
  return readPrivateKeyOffThread(bytes, passphrase, WorkBudget.forRequest().forFile(), keyDecryptor);
}
