import { generateKeyPair, type KeyObject } from 'node:crypto';
import type { KeyType } from '../../../shared/model/keys-constants.js';
import { generationParams } from './key-algorithms.js';

export interface GeneratedKeyPair {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/**
 * Generates a key pair on libuv's thread pool (async `generateKeyPair`), so an RSA-4096 search never
 * blocks the main process's event loop and with it every window.
 */
export function generateKey(type: KeyType): Promise<GeneratedKeyPair> {
  const [kind, options] = generationParams(type);
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, publicKey: KeyObject, privateKey: KeyObject) => (err ? reject(err) : resolve({ privateKey, publicKey }));
    if (kind === 'rsa') generateKeyPair('rsa', options, done);
    else if (kind === 'ec') generateKeyPair('ec', options, done);
    else generateKeyPair('ed25519', options, done);
  });
}
