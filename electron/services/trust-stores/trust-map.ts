import type { TrustMapRow } from '../../../shared/model/trust.js';
import type { TrustStore } from './trust-store.js';

/**
 * Whether each store holds the certificate. A store that cannot be read (no certutil, an
 * unreadable cacerts) becomes an `error` row with its message; it never hides the others.
 */
export async function trustMapRows(sha256: string, stores: readonly TrustStore[]): Promise<TrustMapRow[]> {
  const rows: TrustMapRow[] = [];
  for (const store of stores) {
    try {
      rows.push({ store: store.info, state: (await store.contains(sha256)) ? 'present' : 'missing' });
    } catch (err) {
      rows.push({ store: store.info, state: 'error', error: (err as Error).message.split('\n')[0] ?? 'unreadable' });
    }
  }
  return rows;
}
