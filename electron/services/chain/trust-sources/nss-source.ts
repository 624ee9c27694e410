import type { ServiceEnv } from '../../service-env.js';
import type { TrustSource } from './trust-source.js';

/**
 * One NSS database (`nss:DIR`, or `nss:sql:DIR` / `nss:dbm:DIR`), read through the trust service's
 * NSS adapter (certutil listing, trust flags). Only certificates NSS trusts as a TLS CA (`C` in the
 * SSL flags, no `p`) anchor a path, as in `vfychain -u 1`. It is the NSS client's own store, so it
 * judges NSS alone; Chromium's row keeps the general sources (its web rules, not this profile).
 */
export function nssSource(env: ServiceEnv, spec: string, detail?: string): TrustSource {
  return {
    id: `nss:${spec}`,
    load: async () => {
      // The trust-store adapters load only when an NSS database is named, not on every fetch.
      const [{ NssStore }, { Elevator }] = await Promise.all([import('../../trust-stores/nss-store.js'), import('../../elevation/elevator.js')]);
      const store = new NssStore(env, new Elevator(env), spec, detail);
      const listed = await store.list();
      const certificates = listed.flatMap((c) => (c.der && c.trust === 'trusted' ? [c.der] : []));
      const label = detail ? `${store.info.displayName} (${detail})` : store.info.displayName;
      return { label, certificates, curated: true, clients: ['nss'] };
    },
  };
}
