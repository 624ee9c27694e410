import type { KeystoreEntryType, KeystoreIntegrity, KeystoreType } from '../../../shared/model/keystore.js';

/** One entry as read from the file, before certificates are described. */
export interface RawKeystoreEntry {
  readonly alias: string;
  readonly entryType: KeystoreEntryType;
  readonly createdAt?: Date;
  /** DER of the trusted certificate, or of the key entry's chain (leaf first); empty for secret keys. */
  readonly certificates: readonly Uint8Array[];
}

/** A keystore as its native reader sees it; aliases are unique (a duplicate keeps the last, as keytool does). */
export interface RawKeystore {
  readonly type: KeystoreType;
  readonly integrity: KeystoreIntegrity;
  readonly entries: readonly RawKeystoreEntry[];
  readonly warnings: readonly string[];
}

/** Keeps the last entry of each alias (java.util.Hashtable.put in JavaKeyStore.engineLoad) and says so. */
export function dedupeAliases(entries: readonly RawKeystoreEntry[]): { entries: RawKeystoreEntry[]; warnings: string[] } {
  const byAlias = new Map<string, RawKeystoreEntry>();
  const warnings: string[] = [];
  for (const entry of entries) {
    if (byAlias.has(entry.alias)) {
      warnings.push(`Alias "${entry.alias}" appears more than once; the last entry is used, as keytool does`);
    }
    byAlias.set(entry.alias, entry);
  }
  return { entries: [...byAlias.values()], warnings };
}
