import { X509Certificate } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import { toHex } from '../../../shared/pki/bytes.js';
import { decodeOid, expectTlv, readTlv, TAG, type Tlv } from '../../../shared/pki/der-reader.js';
import { decodeDerString, STRING_TAG } from '../../../shared/pki/der-strings.js';
import { pbeDecrypt } from './pbe-cipher.js';
import { describePbe, readPbeScheme } from './pbe-scheme.js';
import type { WorkBudget } from './work-budget.js';

export const PFX_OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  crlBag: '1.2.840.113549.1.12.10.1.4',
  secretBag: '1.2.840.113549.1.12.10.1.5',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  friendlyName: '1.2.840.113549.1.9.20',
  localKeyId: '1.2.840.113549.1.9.21',
  /** Oracle's trustedKeyUsage: Java lists a certBag as a trusted entry only when it carries this. */
  trustedKeyUsage: '2.16.840.1.113894.746875.1.1',
} as const;

export interface BagAttributes {
  readonly friendlyName?: string;
  /** localKeyId attribute (RFC 2985 §5.5.2), lowercase hex. */
  readonly localKeyId?: string;
  /** Carries Oracle's trustedKeyUsage attribute. */
  readonly trusted: boolean;
}

/**
 * A bag of an AuthenticatedSafe. `protection` is "none" or the scheme that protected it. A key's
 * `der` is its PKCS#8, or undefined when the reader was asked not to decrypt keys (a keystore
 * listing needs only that a key is there, and skipping it spares key derivations).
 */
export type RawBag = BagAttributes &
  (
    | { readonly type: 'certificate'; readonly der: Uint8Array; readonly protection: string }
    | { readonly type: 'key'; readonly der: Uint8Array | undefined; readonly protection: string }
    | { readonly type: 'secret' }
  );

/** An encrypted part was met without a password to decrypt it; each caller words this itself. */
export class PasswordNeeded extends Error {}

/** The bag types of RFC 7292 §4.2 (CRL bags included), each a SEQUENCE; others are skipped whatever they hold. */
const BAG_TYPES: ReadonlySet<string> = new Set([
  PFX_OID.keyBag,
  PFX_OID.shroudedKeyBag,
  PFX_OID.certBag,
  PFX_OID.crlBag,
  PFX_OID.secretBag,
  PFX_OID.safeContentsBag,
]);

/** Nested safeContentsBags deeper than this are refused (a hostile file could recurse forever). */
const MAX_DEPTH = 8;
/** Bags in one file: far above any real keystore (cacerts has ~150), small enough to list. */
export const MAX_BAGS = 10_000;

export interface BagReadOptions {
  /** `null`: the absent password; `undefined`: none known, so encrypted parts throw PasswordNeeded. */
  readonly password: string | null | undefined;
  readonly decryptKeys: boolean;
  readonly budget: WorkBudget;
}

/** Every bag of an AuthenticatedSafe (RFC 7292 §4.1) in file order. CRL bags carry nothing Certbench shows. */
export async function readAuthenticatedSafe(content: Uint8Array, options: BagReadOptions): Promise<RawBag[]> {
  const bags: RawBag[] = [];
  const safes = expectTlv(content, 0, content.length, TAG.sequence, 'AuthenticatedSafe');
  for (let p = safes.body; p < safes.end; ) {
    const info = expectTlv(content, p, safes.end, TAG.sequence, 'ContentInfo');
    p = info.end;
    const typeTlv = expectTlv(content, info.body, info.end, TAG.oid, 'ContentInfo contentType');
    const type = decodeOid(content, typeTlv);
    const wrapped = expectTlv(content, typeTlv.end, info.end, 0xa0, 'ContentInfo content');
    expectEnd(wrapped.end, info.end, 'ContentInfo');
    if (type === PFX_OID.data) {
      await readSafeContents(octets(content, only(content, wrapped, 'ContentInfo data')), 'none', options, bags, 0);
    } else if (type === PFX_OID.encryptedData) {
      const { bytes, protection } = await decryptEncryptedData(content, wrapped, options);
      await readSafeContents(bytes, protection, options, bags, 0);
    } else {
      throw new CertbenchError('unsupported', `PFX content type ${type} (public-key privacy mode) is not supported`);
    }
  }
  return bags;
}

/** RFC 5652 §8: EncryptedData { version, EncryptedContentInfo { type, algorithm, [0] IMPLICIT content } }. */
async function decryptEncryptedData(buf: Uint8Array, wrapped: Tlv, options: BagReadOptions): Promise<{ bytes: Uint8Array; protection: string }> {
  const data = only(buf, wrapped, 'EncryptedData', TAG.sequence);
  const version = expectTlv(buf, data.body, data.end, TAG.integer, 'EncryptedData version');
  const eci = expectTlv(buf, version.end, data.end, TAG.sequence, 'EncryptedContentInfo');
  expectEnd(eci.end, data.end, 'EncryptedData');
  const ctype = expectTlv(buf, eci.body, eci.end, TAG.oid, 'EncryptedContentInfo contentType');
  const alg = readTlv(buf, ctype.end, eci.end);
  const scheme = readPbeScheme(buf, alg.start, alg.end);
  if (alg.end >= eci.end) return { bytes: new Uint8Array(0), protection: describePbe(scheme) };
  const content = readTlv(buf, alg.end, eci.end);
  expectEnd(content.end, eci.end, 'EncryptedContentInfo');
  const ciphertext = octets(buf, content);
  if (options.password === undefined) throw new PasswordNeeded('encrypted certificates');
  return { bytes: await pbeDecrypt(scheme, ciphertext, options.password, options.budget), protection: describePbe(scheme) };
}

async function readSafeContents(buf: Uint8Array, protection: string, options: BagReadOptions, out: RawBag[], depth: number): Promise<void> {
  if (buf.length === 0) return;
  if (depth > MAX_DEPTH) throw new CertbenchError('parse', `PFX safe contents are nested more than ${MAX_DEPTH} deep`);
  const seq = expectTlv(buf, 0, buf.length, TAG.sequence, 'SafeContents');
  for (let p = seq.body; p < seq.end; ) {
    const bag = expectTlv(buf, p, seq.end, TAG.sequence, 'SafeBag');
    p = bag.end;
    const idTlv = expectTlv(buf, bag.body, bag.end, TAG.oid, 'SafeBag bagId');
    const id = decodeOid(buf, idTlv);
    const valueWrap = expectTlv(buf, idTlv.end, bag.end, 0xa0, 'SafeBag bagValue');
    const value = BAG_TYPES.has(id) ? only(buf, valueWrap, 'SafeBag bagValue', TAG.sequence) : readTlv(buf, valueWrap.body, valueWrap.end);
    let attrs: BagAttributes = { trusted: false };
    if (valueWrap.end < bag.end) {
      const set = expectTlv(buf, valueWrap.end, bag.end, TAG.set, 'bagAttributes');
      expectEnd(set.end, bag.end, 'SafeBag');
      attrs = readAttributes(buf, set);
    }
    if (id === PFX_OID.safeContentsBag) {
      await readSafeContents(buf.subarray(value.start, value.end), protection, options, out, depth + 1);
      continue;
    }
    if (id === PFX_OID.keyBag) {
      out.push({ type: 'key', der: buf.subarray(value.start, value.end), protection, ...attrs });
    } else if (id === PFX_OID.shroudedKeyBag) {
      // EncryptedPrivateKeyInfo (RFC 5958 §3): AlgorithmIdentifier then the ciphertext.
      const alg = readTlv(buf, value.body, value.end);
      const scheme = readPbeScheme(buf, alg.start, alg.end);
      const encrypted = readTlv(buf, alg.end, value.end);
      expectEnd(encrypted.end, value.end, 'EncryptedPrivateKeyInfo');
      const ciphertext = octets(buf, encrypted);
      let der: Uint8Array | undefined;
      if (options.decryptKeys) {
        if (options.password === undefined) throw new PasswordNeeded('encrypted key');
        der = await pbeDecrypt(scheme, ciphertext, options.password, options.budget);
      }
      out.push({ type: 'key', der, protection: describePbe(scheme), ...attrs });
    } else if (id === PFX_OID.certBag) {
      const certId = expectTlv(buf, value.body, value.end, TAG.oid, 'CertBag certId');
      if (decodeOid(buf, certId) !== PFX_OID.x509Certificate) continue; // SDSI certificates: nothing to show
      const certWrap = expectTlv(buf, certId.end, value.end, 0xa0, 'CertBag certValue');
      expectEnd(certWrap.end, value.end, 'CertBag');
      out.push({ type: 'certificate', der: checkedCertificate(octets(buf, only(buf, certWrap, 'CertBag certValue'))), protection, ...attrs });
    } else if (id === PFX_OID.secretBag) {
      out.push({ type: 'secret', ...attrs });
    } else {
      continue;
    }
    if (out.length > MAX_BAGS) throw new CertbenchError('too-large', `The PFX holds more than ${MAX_BAGS} bags, more than Certbench lists from one file`);
  }
}

/**
 * A certificate bag's content, checked by OpenSSL's own X.509 decoder (node:crypto): a damaged
 * certificate is refused here rather than listed, so Certbench never shows one that openssl rejects.
 */
function checkedCertificate(der: Uint8Array): Uint8Array {
  try {
    new X509Certificate(der);
  } catch (err) {
    throw new CertbenchError('parse', `A certificate bag of the PFX holds no valid X.509 certificate: ${(err as Error).message}`, { cause: err });
  }
  return der;
}

function readAttributes(buf: Uint8Array, set: Tlv): BagAttributes {
  const out: { friendlyName?: string; localKeyId?: string; trusted: boolean } = { trusted: false };
  for (let p = set.body; p < set.end; ) {
    const attr = expectTlv(buf, p, set.end, TAG.sequence, 'Attribute');
    p = attr.end;
    const oidTlv = expectTlv(buf, attr.body, attr.end, TAG.oid, 'Attribute type');
    const oid = decodeOid(buf, oidTlv);
    const values = expectTlv(buf, oidTlv.end, attr.end, TAG.set, 'Attribute values');
    expectEnd(values.end, attr.end, 'Attribute');
    if (oid === PFX_OID.trustedKeyUsage) out.trusted = true;
    checkAttributeValues(buf, values);
    if (values.body >= values.end) continue;
    const first = readTlv(buf, values.body, values.end);
    if (oid === PFX_OID.friendlyName && first.tag === STRING_TAG.bmp) out.friendlyName = decodeDerString(buf, first);
    if (oid === PFX_OID.localKeyId && first.tag === TAG.octetString) out.localKeyId = toHex(buf.subarray(first.body, first.end));
  }
  return out;
}

/** Values are ANY, but OpenSSL refuses the whole file over one that is not an element (tag 0 is end-of-contents). */
function checkAttributeValues(buf: Uint8Array, values: Tlv): void {
  for (let p = values.body; p < values.end; ) {
    const value = readTlv(buf, p, values.end);
    if ((value.tag & 0xdf) === 0) throw new CertbenchError('parse', 'A PFX bag attribute holds an end-of-contents marker where a value belongs');
    p = value.end;
  }
}

/** Refuses bytes left over inside a structure: OpenSSL refuses them too, so a damaged file is never half-read. */
function expectEnd(at: number, end: number, what: string): void {
  if (at !== end) throw new CertbenchError('parse', `${end - at} unexpected bytes at the end of the ${what}`);
}

/** The one element an explicit wrapper holds, of `tag` when given. */
function only(buf: Uint8Array, wrapper: Tlv, what: string, tag?: number): Tlv {
  const inner = tag === undefined ? readTlv(buf, wrapper.body, wrapper.end) : expectTlv(buf, wrapper.body, wrapper.end, tag, what);
  expectEnd(inner.end, wrapper.end, what);
  return inner;
}

/**
 * The octets of an OCTET STRING, primitive or (BER, as some Windows and Java files have) constructed
 * from chunks; also the `[0] IMPLICIT` forms (0x80 / 0xa0) EncryptedContentInfo uses.
 */
export function octets(buf: Uint8Array, tlv: Tlv, depth = 0): Uint8Array {
  if (tlv.tag === TAG.octetString || tlv.tag === 0x80) return buf.subarray(tlv.body, tlv.end);
  if (depth > MAX_DEPTH) throw new CertbenchError('parse', 'OCTET STRING chunks are nested too deeply');
  if (tlv.tag !== 0x24 && tlv.tag !== 0xa0) throw new CertbenchError('parse', `Expected an OCTET STRING but found tag 0x${tlv.tag.toString(16)}`);
  const parts: Uint8Array[] = [];
  for (let p = tlv.body; p < tlv.end; ) {
    const chunk = readTlv(buf, p, tlv.end);
    parts.push(octets(buf, chunk, depth + 1));
    p = chunk.end;
  }
  return new Uint8Array(Buffer.concat(parts));
}
