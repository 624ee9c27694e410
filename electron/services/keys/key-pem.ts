import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import type { KeyProtection } from '../../../shared/model/keys.js';

/**
 * PKCS#8 PEM of a private key. Encrypted keys use PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC
 * (RFC 8018 §6.2), which OpenSSL, Java and Windows all read; plain keys only by explicit choice.
 */
export function encodePrivateKey(key: KeyObject, protection: KeyProtection): string {
  if (!protection.encrypt) return key.export({ type: 'pkcs8', format: 'pem' }) as string;
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: protection.passphrase }) as string;
}

/** SHA-256 of the SubjectPublicKeyInfo DER: the identity a certificate is matched to its key by. */
export function spkiSha256(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function publicKeyPem(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ type: 'spki', format: 'pem' }) as string;
}
