import { sha1 } from '@noble/hashes/sha1';
import { sha256 } from '@noble/hashes/sha256';
import { toHex } from './bytes.js';

type HexDigest = (bytes: Uint8Array) => string;

let sha256Impl: HexDigest = (bytes) => toHex(sha256(bytes));
let sha1Impl: HexDigest = (bytes) => toHex(sha1(bytes));

/**
 * Fingerprints are computed from DER, never from display names (docs/trust-stores.md §0). Synchronous
 * hashing keeps bulk indexing of thousands of certificates free of promise overhead.
 */
export const sha256Hex = (der: Uint8Array): string => sha256Impl(der);
export const sha1Hex = (der: Uint8Array): string => sha1Impl(der);

/**
 * Lets the main process swap in native hashing (node:crypto is ~8× faster than the portable
 * @noble code on bulk indexing, see docs/performance.md); the digests are identical either way.
 */
export function installNativeDigests(impl: { sha256: HexDigest; sha1: HexDigest }): void {
  sha256Impl = impl.sha256;
  sha1Impl = impl.sha1;
}
