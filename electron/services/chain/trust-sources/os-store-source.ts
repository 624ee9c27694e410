import { CertbenchError } from '../../../../shared/errors.js';
import type { ServiceEnv } from '../../service-env.js';
import type { TrustSource } from './trust-source.js';

/**
 * The Windows or macOS system trust, through the trust-store adapters (listing never elevates).
 * An entry listed without DER, or without trust, cannot anchor a path and is left out; a store yielding none at all
 * is an error, not an empty trust. On Linux the extracted system bundle is used instead.
 * Not run here (no Windows/macOS): the adapters' own tests cover their argv and output parsing.
 */
export function osStoreSource(env: ServiceEnv): TrustSource {
  return {
    id: 'system',
    load: async () => {
      // The adapters load only on Windows and macOS, where this source is used.
      const [{ osStores }, { Elevator }] = await Promise.all([import('../../trust-stores/store-registry.js'), import('../../elevation/elevator.js')]);
      const stores = await osStores(env, new Elevator(env));
      const listed = await Promise.all(stores.map((s) => s.list()));
      // Presence is not trust: Windows Disallowed, macOS Never Trust and roots without trust settings are listed too.
      const certificates = listed.flat().flatMap((c) => (c.der && c.trust === 'trusted' ? [c.der] : []));
      if (certificates.length === 0) {
        throw new CertbenchError('unsupported', `The ${env.platform} system store yields no certificate bytes here; use --trust mozilla or pem:FILE`);
      }
      return { label: stores.map((s) => s.info.displayName).join(' + '), certificates, curated: true };
    },
  };
}
