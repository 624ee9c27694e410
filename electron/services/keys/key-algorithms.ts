import { webcrypto, type KeyObject } from 'node:crypto';

type Algorithm = webcrypto.Algorithm;
type EcdsaParams = webcrypto.EcdsaParams;
import { CertbenchError } from '../../../shared/errors.js';
import type { KeyDescription, KeyType, SignatureHash } from '../../../shared/model/keys-constants.js';

/** node:crypto `generateKeyPair` arguments for each key type (RSA with e = 65537, RFC 8017 §3.1). */
export function generationParams(type: KeyType): ['rsa', { modulusLength: number; publicExponent: number }] | ['ec', { namedCurve: string }] | ['ed25519', Record<string, never>] {
  switch (type) {
    case 'rsa-2048':
      return ['rsa', { modulusLength: 2048, publicExponent: 0x10001 }];
    case 'rsa-3072':
      return ['rsa', { modulusLength: 3072, publicExponent: 0x10001 }];
    case 'rsa-4096':
      return ['rsa', { modulusLength: 4096, publicExponent: 0x10001 }];
    case 'ec-p256':
      return ['ec', { namedCurve: 'P-256' }];
    case 'ec-p384':
      return ['ec', { namedCurve: 'P-384' }];
    case 'ed25519':
      return ['ed25519', {}];
  }
}

const CURVES: Readonly<Record<string, { webName: string; bits: number }>> = {
  prime256v1: { webName: 'P-256', bits: 256 },
  secp384r1: { webName: 'P-384', bits: 384 },
  secp521r1: { webName: 'P-521', bits: 521 },
};

/** What CA rules care about in any private or public key, generated here or opened from a file. */
export function describeKeyObject(key: KeyObject): KeyDescription {
  const details = key.asymmetricKeyDetails ?? {};
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { family: 'rsa', bits: details.modulusLength ?? 0, label: `RSA ${details.modulusLength ?? '?'}` };
    case 'ec': {
      const curve = CURVES[details.namedCurve ?? ''];
      return curve ? { family: 'ec', bits: curve.bits, label: `ECDSA ${curve.webName}` } : { family: 'other', bits: 0, label: `EC ${details.namedCurve ?? '?'}` };
    }
    case 'ed25519':
      return { family: 'ed25519', bits: 256, label: 'Ed25519' };
    default:
      return { family: 'other', bits: 0, label: String(key.asymmetricKeyType ?? 'unknown').toUpperCase() };
  }
}

/** A WebCrypto key pair and signature algorithm for @peculiar/x509, made from a node:crypto private key. */
export interface WebSigner {
  readonly keys: webcrypto.CryptoKeyPair;
  readonly signingAlgorithm: Algorithm | EcdsaParams;
}

/**
 * Imports a node:crypto key into WebCrypto (Node 20 has no `KeyObject.toCryptoKey`). RSA signs
 * with PKCS#1 v1.5 (RFC 8017 §8.2), what every CA accepts; ECDSA per RFC 5758 §3.2.
 */
export async function toWebSigner(privateKey: KeyObject, publicKey: KeyObject, hash: SignatureHash): Promise<WebSigner> {
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  let alg: webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams | Algorithm;
  let signingAlgorithm: Algorithm | EcdsaParams;
  const d = describeKeyObject(privateKey);
  if (d.family === 'rsa') {
    alg = { name: 'RSASSA-PKCS1-v1_5', hash };
    signingAlgorithm = alg;
  } else if (d.family === 'ec') {
    alg = { name: 'ECDSA', namedCurve: `P-${d.bits}` };
    signingAlgorithm = { name: 'ECDSA', hash } as EcdsaParams;
  } else if (d.family === 'ed25519') {
    alg = { name: 'Ed25519' };
    signingAlgorithm = alg;
  } else throw new CertbenchError('unsupported-algorithm', `${d.label} keys cannot sign certificates or CSRs here`);
  const subtle = webcrypto.subtle;
  const [priv, pub] = await Promise.all([
    subtle.importKey('pkcs8', pkcs8, alg, false, ['sign']),
    subtle.importKey('spki', spki, alg, true, ['verify']),
  ]);
  return { keys: { privateKey: priv, publicKey: pub } as webcrypto.CryptoKeyPair, signingAlgorithm };
}
