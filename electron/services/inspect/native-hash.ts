import { hash } from 'node:crypto';

/**
 * A DER fingerprint in lowercase hex, hashed natively in one shot: far faster than JS hashing, and
 * without building a Hash object per call (keystore listings hash every certificate twice).
 */
export const nodeHashHex = (algorithm: 'sha1' | 'sha256', der: Uint8Array): string => hash(algorithm, der, 'hex');
