import { createPrivateKey, type KeyObject } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import { readInputFile } from '../files/read-input.js';

/** Opens a user's private key file. */
export async function openPrivateKeyFile(path: string, passphrase?: string): Promise<KeyObject> {
  const bytes = await readInputFile(path);
  try {
    return createPrivateKey({ key: Buffer.from(bytes), format: 'pem', passphrase });
  } catch (err) {
    throw new CertbenchError('parse', `${path}: not a readable private key`, { cause: err });
  }
}
