import { CertbenchError } from '../../../shared/errors.js';
import { decodeOid, expectTlv, readTlv, TAG } from '../../../shared/pki/der-reader.js';
import { readPbeScheme, type PbeScheme } from '../pkcs12/pbe-scheme.js';

/**
 * OpenSSL answers "unsupported" both for an unknown algorithm and for bytes it cannot decode, so the
 * algorithm is checked here first and a later decoder failure means damage or a wrong passphrase.
 */
const KEY_ALGORITHMS: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.10045.2.1': 'EC',
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.1': 'DSA',
};

/** Legacy PEM DEK-Info ciphers OpenSSL 3's default provider still has. */
const LEGACY_PEM_CIPHERS = new Set(['AES-128-CBC', 'AES-192-CBC', 'AES-256-CBC', 'DES-EDE3-CBC']);

/** Throws `unsupported-algorithm` when a PKCS#8 PrivateKeyInfo names an algorithm Certbench does not load. */
export function checkPkcs8Algorithm(der: Uint8Array): void {
  const outer = expectTlv(der, 0, der.length, TAG.sequence, 'PrivateKeyInfo');
  const version = expectTlv(der, outer.body, outer.end, TAG.integer, 'PrivateKeyInfo version');
  const alg = expectTlv(der, version.end, outer.end, TAG.sequence, 'privateKeyAlgorithm');
  const oid = decodeOid(der, expectTlv(der, alg.body, alg.end, TAG.oid, 'privateKeyAlgorithm OID'));
  if (!(oid in KEY_ALGORITHMS)) throw new CertbenchError('unsupported-algorithm', `Private keys of algorithm ${oid} are not supported`);
}

/** The scheme of an EncryptedPrivateKeyInfo; `unsupported-algorithm` when Certbench cannot decrypt it. */
export function checkEncryptedPkcs8Scheme(der: Uint8Array): PbeScheme {
  const outer = expectTlv(der, 0, der.length, TAG.sequence, 'EncryptedPrivateKeyInfo');
  const alg = readTlv(der, outer.body, outer.end);
  const scheme = readPbeScheme(der, alg.start, alg.end);
  if (scheme.kind === 'pkcs12' && scheme.cipher !== 'des-ede3-cbc') {
    throw new CertbenchError('unsupported-algorithm', 'Keys encrypted with RC2 are not supported; re-encrypt them with AES');
  }
  return scheme;
}

/** Throws `unsupported-algorithm` for a legacy PEM cipher (DES-CBC, RC2…) OpenSSL 3 no longer has. */
export function checkLegacyPemCipher(dekInfo: string | undefined): void {
  const cipher = (dekInfo ?? '').split(',')[0]!.trim().toUpperCase();
  if (!LEGACY_PEM_CIPHERS.has(cipher)) throw new CertbenchError('unsupported-algorithm', `Legacy PEM encryption "${cipher}" is not supported`);
}
