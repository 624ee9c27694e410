import { CertbenchError } from '../../../shared/errors.js';
import type { KeystoreIntegrity } from '../../../shared/model/keystore.js';
import { bytesEqual } from '../../../shared/pki/bytes.js';
import { DecryptFailed } from '../pkcs12/pbe-cipher.js';
import { PasswordNeeded, readAuthenticatedSafe, type RawBag } from '../pkcs12/pfx-bags.js';
import { readPfxEnvelope } from '../pkcs12/pfx-envelope.js';
import { macMatches } from '../pkcs12/pfx-mac.js';
import { WorkBudget } from '../pkcs12/work-budget.js';
import { certListFields } from './cert-list-fields.js';
import { dedupeAliases, type RawKeystore, type RawKeystoreEntry } from './raw-keystore.js';

type CertificateBag = Extract<RawBag, { type: 'certificate' }>;

/**
 * A PKCS#12 keystore as Java's PKCS12KeyStore.engineLoad lists it, read by the one PKCS#12 reader
 * (electron/services/pkcs12) under its work budget: key bags become privateKey entries with their
 * chain, certBags with Oracle's trustedKeyUsage trustedCert entries, secretBags secretKey entries;
 * aliases are friendlyNames, lower-cased. Like `keytool -list`: with a password the MAC must check
 * (`wrong-password`), without one the store is read unverified and only its unencrypted parts are
 * readable; a store without MacData (JDK 18+ cacerts) opens with any password. Keys stay encrypted:
 * a listing needs only that they are there.
 */
export async function readPkcs12(bytes: Uint8Array, password: string | undefined, budget = WorkBudget.forRequest()): Promise<RawKeystore> {
  const fileBudget = budget.forFile();
  const { content, mac } = readPfxEnvelope(bytes);
  let integrity: KeystoreIntegrity = mac ? 'unverified' : 'no-mac';
  if (mac && password !== undefined) {
    if (!macMatches(mac, content, password, fileBudget)) throw new CertbenchError('wrong-password', 'keystore password was incorrect');
    integrity = 'verified';
  }
  try {
    const bags = await readAuthenticatedSafe(content, { password, decryptKeys: false, budget: fileBudget });
    return { ...toKeystore(bags), integrity };
  } catch (err) {
    if (err instanceof PasswordNeeded) {
      throw new CertbenchError(mac ? 'password-required' : 'parse', 'The PKCS#12 certificates are encrypted: a password is needed', { cause: err });
    }
    if (err instanceof DecryptFailed) throw new CertbenchError('wrong-password', 'The PKCS#12 contents could not be decrypted: wrong password?', { cause: err });
    throw err;
  }
}

function toKeystore(bags: readonly RawBag[]): Omit<RawKeystore, 'integrity'> {
  const certs = bags.filter((b): b is CertificateBag => b.type === 'certificate');
  const entries: RawKeystoreEntry[] = [];
  const inChains = new Set<Uint8Array>();
  const loose: CertificateBag[] = [];
  let unnamed = 0;
  // Java names entries without a friendlyName "1", "2", … in file order (what keytool lists for OpenSSL PFX files made without -name).
  const aliasOf = (bag: RawBag): string => (bag.friendlyName ?? String(++unnamed)).toLowerCase();
  for (const bag of bags) {
    if (bag.type === 'key') {
      const leaf = certs.find((c) => c.localKeyId !== undefined && c.localKeyId === bag.localKeyId);
      const chain = leaf ? buildChain(leaf.der, certs) : [];
      for (const der of chain) inChains.add(der);
      entries.push({ alias: aliasOf(bag), entryType: 'privateKey', certificates: chain });
    } else if (bag.type === 'secret') {
      entries.push({ alias: aliasOf(bag), entryType: 'secretKey', certificates: [] });
    } else if (bag.localKeyId === undefined) {
      if (bag.trusted) entries.push({ alias: aliasOf(bag), entryType: 'trustedCert', certificates: [bag.der] });
      else loose.push(bag);
    }
  }
  const warnings: string[] = [];
  const ignored = loose.filter((b) => !inChains.has(b.der)).length;
  if (ignored > 0) {
    warnings.push(`${ignored} certificate(s) lack Java's trustedKeyUsage attribute and are not key-chain members: Java ignores them`);
  }
  const deduped = dedupeAliases(entries);
  return { type: 'PKCS12', entries: deduped.entries, warnings: [...warnings, ...deduped.warnings] };
}

/** Leaf first, then each issuer found among the bags by subject (RFC 5280 §4.1.2.4 name match), until self-issued. */
function buildChain(leaf: Uint8Array, certs: readonly CertificateBag[]): Uint8Array[] {
  const chain = [leaf];
  const pool = certs.map((c) => ({ der: c.der, ...certListFields(c.der) }));
  let current = { der: leaf, ...certListFields(leaf) };
  while (!bytesEqual(current.subjectDer, current.issuerDer) && chain.length < 16) {
    const issuer = pool.find((c) => bytesEqual(c.subjectDer, current.issuerDer) && !chain.includes(c.der));
    if (!issuer) break;
    chain.push(issuer.der);
    current = issuer;
  }
  return chain;
}
