import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import type { ExtendedKeyUsageName } from '../../../shared/model/csr-constants.js';
import type { SanRow } from '../../../shared/model/csr.js';
import {
  AuthorityKeyIdentifierExtension,
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  KeyUsageFlags,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  type Extension,
} from '../../../shared/pki/x509.js';
import { EKU_OIDS } from '../csr/csr-extensions.js';

/** RFC 5280 §4.2.1.2 method 1: the SHA-1 of the subjectPublicKey BIT STRING is the usual key id. */
export function keyIdentifier(key: KeyObject): string {
  const spki = (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
  const bits = AsnConvert.parse(spki, SubjectPublicKeyInfo).subjectPublicKey;
  return createHash('sha1').update(new Uint8Array(bits)).digest('hex');
}

/** End-entity extensions (RFC 5280 §4.2.1): not a CA, signing (plus RSA key transport), the EKU, SANs when there are any. */
export function leafExtensions(opts: {
  readonly sans: readonly SanRow[];
  readonly eku: readonly ExtendedKeyUsageName[];
  readonly rsa: boolean;
  readonly subjectKey: KeyObject;
  readonly issuerKey: KeyObject;
}): Extension[] {
  const ku = KeyUsageFlags.digitalSignature | (opts.rsa ? KeyUsageFlags.keyEncipherment : 0);
  return [
    new BasicConstraintsExtension(false, undefined, true),
    new KeyUsagesExtension(ku, true),
    new ExtendedKeyUsageExtension(opts.eku.map((e) => EKU_OIDS[e])),
    // GeneralNames is SIZE (1..MAX): a client certificate without SANs carries no SAN extension.
    ...(opts.sans.length > 0 ? [new SubjectAlternativeNameExtension(opts.sans.map((s) => ({ type: s.type === 'uri' ? 'url' : s.type, value: s.value })))] : []),
    new SubjectKeyIdentifierExtension(keyIdentifier(opts.subjectKey)),
    new AuthorityKeyIdentifierExtension(keyIdentifier(opts.issuerKey)),
  ];
}

/** A root CA (RFC 5280 §4.2.1.9): CA with pathLen 0, so it signs leaves only; keyCertSign and cRLSign. */
export function caExtensions(key: KeyObject): Extension[] {
  return [
    new BasicConstraintsExtension(true, 0, true),
    new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature, true),
    new SubjectKeyIdentifierExtension(keyIdentifier(key)),
  ];
}
