import { CertbenchError } from '../../../shared/errors.js';
import { bytesEqual, toHex } from '../../../shared/pki/bytes.js';
import { decodeOid, expectTlv, readTlv, TAG, type Tlv } from '../../../shared/pki/der-reader.js';
import { certListFields } from './cert-list-fields.js';
import { macMatches, pbeDecrypt, readInteger } from './pkcs12-crypto.js';
import { dedupeAliases, type RawKeystore, type RawKeystoreEntry } from './raw-keystore.js';

const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  secretBag: '1.2.840.113549.1.12.10.1.5',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  /** Oracle's trustedKeyUsage: Java lists a certBag as a trusted entry only when it carries this. */
  trustedKeyUsage: '2.16.840.1.113894.746875.1.1',
} as const;

interface Bag {
  readonly type: string;
  readonly friendlyName?: string;
  readonly localKeyId?: string;
  readonly trusted: boolean;
  readonly der?: Uint8Array;
}

/**
 * Reads a PKCS#12 keystore (RFC 7292) the way Java's PKCS12KeyStore.engineLoad does: the MAC is
 * checked with the password, key bags become privateKey entries with their chain, certBags with
 * Oracle's trustedKeyUsage become trustedCert entries, secretBags secretKey entries; aliases are
 * friendlyNames, lower-cased. A store without MacData (JDK 18+ cacerts) opens with any password.
 */
export async function readPkcs12(bytes: Uint8Array, password: string | undefined): Promise<RawKeystore> {
  const pfx = expectTlv(bytes, 0, bytes.length, TAG.sequence, 'PFX');
  const version = expectTlv(bytes, pfx.body, pfx.end, TAG.integer, 'PFX version');
  if (readInteger(bytes, version) !== 3) throw new CertbenchError('unsupported', 'Only PKCS#12 version 3 is supported');
  const authSafe = expectTlv(bytes, version.end, pfx.end, TAG.sequence, 'authSafe ContentInfo');
  const authType = expectTlv(bytes, authSafe.body, authSafe.end, TAG.oid, 'authSafe content type');
  if (decodeOid(bytes, authType) !== OID.data) {
    throw new CertbenchError('unsupported', 'Only password-integrity PKCS#12 files are supported (public-key integrity is not)');
  }
  const content = octets(bytes, expectTlv(bytes, authType.end, authSafe.end, 0xa0, 'authSafe content'));
  const hasMac = authSafe.end < pfx.end;
  let integrity: RawKeystore['integrity'] = hasMac ? 'unverified' : 'no-mac';
  if (hasMac && password !== undefined) {
    if (!macMatches(bytes.subarray(authSafe.end, pfx.end), content, password)) {
      throw new CertbenchError('wrong-password', 'keystore password was incorrect');
    }
    integrity = 'verified';
  }
  const bags: Bag[] = [];
  const safes = expectTlv(content, 0, content.length, TAG.sequence, 'AuthenticatedSafe');
  for (let p = safes.body; p < safes.end; ) {
    const info = expectTlv(content, p, safes.end, TAG.sequence, 'ContentInfo');
    bags.push(...(await readContentInfo(content, info, password, hasMac)));
    p = info.end;
  }
  return { ...toKeystore(bags), integrity };
}

async function readContentInfo(buf: Uint8Array, info: Tlv, password: string | undefined, hasMac: boolean): Promise<Bag[]> {
  const typeTlv = expectTlv(buf, info.body, info.end, TAG.oid, 'ContentInfo type');
  const type = decodeOid(buf, typeTlv);
  const explicit = expectTlv(buf, typeTlv.end, info.end, 0xa0, 'ContentInfo content');
  if (type === OID.data) return readSafeContents(octets(buf, explicit));
  if (type !== OID.encryptedData) throw new CertbenchError('unsupported', `Unsupported PKCS#12 content type ${type}`);
  if (password === undefined) {
    throw new CertbenchError(hasMac ? 'password-required' : 'parse', 'The PKCS#12 certificates are encrypted: a password is needed');
  }
  const encData = expectTlv(buf, explicit.body, explicit.end, TAG.sequence, 'EncryptedData');
  const encVersion = expectTlv(buf, encData.body, encData.end, TAG.integer, 'EncryptedData version');
  const eci = expectTlv(buf, encVersion.end, encData.end, TAG.sequence, 'EncryptedContentInfo');
  const eciType = expectTlv(buf, eci.body, eci.end, TAG.oid, 'encrypted content type');
  const alg = expectTlv(buf, eciType.end, eci.end, TAG.sequence, 'content encryption algorithm');
  const enc = readTlv(buf, alg.end, eci.end);
  if (enc.tag !== 0x80 && enc.tag !== 0xa0) throw new CertbenchError('parse', 'EncryptedContentInfo holds no encrypted content');
  const ciphertext = enc.tag === 0x80 ? buf.subarray(enc.body, enc.end) : joinOctetStrings(buf, enc);
  return readSafeContents(await pbeDecrypt(buf.subarray(alg.start, alg.end), ciphertext, password));
}

function readSafeContents(buf: Uint8Array): Bag[] {
  const bags: Bag[] = [];
  const seq = expectTlv(buf, 0, buf.length, TAG.sequence, 'SafeContents');
  for (let p = seq.body; p < seq.end; ) {
    const bag = expectTlv(buf, p, seq.end, TAG.sequence, 'SafeBag');
    const idTlv = expectTlv(buf, bag.body, bag.end, TAG.oid, 'SafeBag type');
    const type = decodeOid(buf, idTlv);
    const value = expectTlv(buf, idTlv.end, bag.end, 0xa0, 'SafeBag value');
    if (type === OID.safeContentsBag) {
      bags.push(...readSafeContents(buf.subarray(value.body, value.end)));
    } else {
      bags.push({ type, ...readAttributes(buf, value.end, bag.end), ...(type === OID.certBag ? { der: certBagDer(buf, value) } : {}) });
    }
    p = bag.end;
  }
  return bags;
}

function certBagDer(buf: Uint8Array, value: Tlv): Uint8Array | undefined {
  const certBag = expectTlv(buf, value.body, value.end, TAG.sequence, 'CertBag');
  const certId = expectTlv(buf, certBag.body, certBag.end, TAG.oid, 'CertBag type');
  if (decodeOid(buf, certId) !== OID.x509Certificate) return undefined;
  const wrapped = expectTlv(buf, certId.end, certBag.end, 0xa0, 'CertBag value');
  return octets(buf, wrapped).slice();
}

function readAttributes(buf: Uint8Array, start: number, end: number): { friendlyName?: string; localKeyId?: string; trusted: boolean } {
  const out: { friendlyName?: string; localKeyId?: string; trusted: boolean } = { trusted: false };
  if (start >= end) return out;
  const set = expectTlv(buf, start, end, TAG.set, 'bag attributes');
  for (let p = set.body; p < set.end; ) {
    const attr = expectTlv(buf, p, set.end, TAG.sequence, 'bag attribute');
    const oidTlv = expectTlv(buf, attr.body, attr.end, TAG.oid, 'attribute type');
    const oid = decodeOid(buf, oidTlv);
    const values = expectTlv(buf, oidTlv.end, attr.end, TAG.set, 'attribute values');
    const first = values.body < values.end ? readTlv(buf, values.body, values.end) : undefined;
    if (oid === OID.friendlyName && first && first.tag === 0x1e) out.friendlyName = bmpString(buf.subarray(first.body, first.end));
    if (oid === OID.localKeyId && first) out.localKeyId = toHex(buf.subarray(first.body, first.end));
    if (oid === OID.trustedKeyUsage) out.trusted = true;
    p = attr.end;
  }
  return out;
}

function toKeystore(bags: readonly Bag[]): RawKeystore {
  const certs = bags.filter((b) => b.type === OID.certBag && b.der);
  const entries: RawKeystoreEntry[] = [];
  const warnings: string[] = [];
  const inChains = new Set<Uint8Array>();
  const loose: Bag[] = [];
  let unnamed = 0;
  // Java names entries without a friendlyName "1", "2", … in file order (what keytool lists for OpenSSL PFX files made without -name).
  const aliasOf = (bag: Bag): string => (bag.friendlyName ?? String(++unnamed)).toLowerCase();
  for (const bag of bags) {
    if (bag.type === OID.keyBag || bag.type === OID.shroudedKeyBag) {
      const leaf = certs.find((c) => c.localKeyId !== undefined && c.localKeyId === bag.localKeyId);
      const chain = leaf?.der ? buildChain(leaf.der, certs) : [];
      for (const der of chain) inChains.add(der);
      entries.push({ alias: aliasOf(bag), entryType: 'privateKey', certificates: chain });
    } else if (bag.type === OID.secretBag) {
      entries.push({ alias: aliasOf(bag), entryType: 'secretKey', certificates: [] });
    } else if (bag.type === OID.certBag && bag.der && bag.localKeyId === undefined) {
      if (bag.trusted) entries.push({ alias: aliasOf(bag), entryType: 'trustedCert', certificates: [bag.der] });
      else loose.push(bag);
    }
  }
  const ignored = loose.filter((b) => !inChains.has(b.der!)).length;
  if (ignored > 0) {
    warnings.push(`${ignored} certificate(s) lack Java's trustedKeyUsage attribute and are not key-chain members: Java ignores them`);
  }
  const deduped = dedupeAliases(entries);
  return { type: 'PKCS12', integrity: 'unverified', entries: deduped.entries, warnings: [...warnings, ...deduped.warnings] };
}

/** Leaf first, then each issuer found among the bags by subject (RFC 5280 §4.1.2.4 name match), until self-issued. */
function buildChain(leaf: Uint8Array, certs: readonly Bag[]): Uint8Array[] {
  const chain = [leaf];
  const pool = certs.map((c) => ({ der: c.der!, ...certListFields(c.der!) }));
  let current = { der: leaf, ...certListFields(leaf) };
  while (!bytesEqual(current.subjectDer, current.issuerDer) && chain.length < 16) {
    const issuer = pool.find((c) => bytesEqual(c.subjectDer, current.issuerDer) && !chain.includes(c.der));
    if (!issuer) break;
    chain.push(issuer.der);
    current = issuer;
  }
  return chain;
}

/** The content octets of an [n] EXPLICIT OCTET STRING, primitive or (BER) constructed. */
function octets(buf: Uint8Array, explicit: Tlv): Uint8Array {
  const inner = readTlv(buf, explicit.body, explicit.end);
  if (inner.tag === TAG.octetString) return buf.subarray(inner.body, inner.end);
  if (inner.tag === 0x24) return joinOctetStrings(buf, inner);
  throw new CertbenchError('parse', `Expected an OCTET STRING, found tag 0x${inner.tag.toString(16)}`);
}

function joinOctetStrings(buf: Uint8Array, outer: Tlv): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let p = outer.body; p < outer.end; ) {
    const part = expectTlv(buf, p, outer.end, TAG.octetString, 'OCTET STRING segment');
    parts.push(buf.subarray(part.body, part.end));
    p = part.end;
  }
  return new Uint8Array(Buffer.concat(parts));
}

function bmpString(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i]! << 8) | bytes[i + 1]!);
  return out;
}
