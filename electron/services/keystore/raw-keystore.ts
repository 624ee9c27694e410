import type { KeystoreEntryType, KeystoreIntegrity, KeystoreType } from '../../../shared/model/keystore.js';

/** One keystore entry, with its certificates in whatever form the reading stage holds them. */
export interface KeystoreEntryOf<Certificate> {
  readonly alias: string;
  readonly entryType: KeystoreEntryType;
  readonly createdAt?: Date;
  /** The trusted certificate, or the key entry's chain (leaf first); empty for secret keys. */
  readonly certificates: readonly Certificate[];
}

/** A keystore; aliases are unique (a duplicate keeps the last, as keytool does). */
export interface KeystoreOf<Certificate> {
  readonly type: KeystoreType;
  readonly integrity: KeystoreIntegrity;
  readonly entries: readonly KeystoreEntryOf<Certificate>[];
  readonly warnings: readonly string[];
}

/** As the format readers return it: certificates as bare DER, entries in file order. */
export type RawKeystoreEntry = KeystoreEntryOf<Uint8Array>;
export type RawKeystore = KeystoreOf<Uint8Array>;

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
