import { installNativeDigests } from '../../../shared/pki/hash.js';
import { nodeHashHex } from './native-hash.js';

/** Makes shared fingerprinting use node:crypto in this process (same digests, native speed). */
export function useNativeDigests(): void {
  installNativeDigests({
    sha256: (bytes) => nodeHashHex('sha256', bytes),
    sha1: (bytes) => nodeHashHex('sha1', bytes),
  });
}
