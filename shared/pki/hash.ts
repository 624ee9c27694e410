import { sha1 } from '@noble/hashes/sha1';
import { sha256 } from '@noble/hashes/sha256';
import { toHex } from './bytes.js';

/**
 * Fingerprints are computed from DER, never from display names (trust-stores.md §0). Synchronous
 * hashing keeps bulk indexing of thousands of certificates free of promise overhead.
 */
export const sha256Hex = (der: Uint8Array): string => toHex(sha256(der));
export const sha1Hex = (der: Uint8Array): string => toHex(sha1(der));
