import { createHash } from 'node:crypto';
import { installNativeDigests } from '../../../shared/pki/hash.js';

/** Makes shared fingerprinting use node:crypto in this process (same digests, native speed). */
export function useNativeDigests(): void {
  installNativeDigests({
    sha256: (bytes) => createHash('sha256').update(bytes).digest('hex'),
    sha1: (bytes) => createHash('sha1').update(bytes).digest('hex'),
  });
}
