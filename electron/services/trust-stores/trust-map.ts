import type { TrustMapRow } from '../../../shared/model/trust.js';
import type { TrustStore } from './trust-store.js';

/**
 * Whether each store holds the certificate (trusted), holds it distrusted, or lacks it. A store
 * that cannot be read (no certutil, no database at the path, an unreadable cacerts) becomes an
 * `error` row with its reason; it never hides the others.
 */
export async function trustMapRows(sha256: string, stores: readonly TrustStore[]): Promise<TrustMapRow[]> {
  return Promise.all(
    stores.map(async (store): Promise<TrustMapRow> => {
      const info = await store.describe();
      if (info.unreadable) return { store: info, state: 'error', error: info.unreadable };
      try {
        return { store: info, state: await store.holding(sha256) };
      } catch (err) {
        return { store: info, state: 'error', error: (err as Error).message.split('\n')[0] ?? 'unreadable' };
      }
    }),
  );
}
