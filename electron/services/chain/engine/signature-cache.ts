import { checkSignature, type SignatureCheck } from './signature.js';
import type { ParsedCert } from './parsed-cert.js';

// Child DER -> issuer DER -> result. Paths through cross-signs share edges, and a chain is often
// verified against several trust sources, so each (certificate, issuer) signature is checked once.
const cache = new WeakMap<Uint8Array, WeakMap<Uint8Array, SignatureCheck>>();

/** RFC 5280 §6.1.3 (a)(1): the signature on `child` verified with `issuer`'s public key, memoised. */
export function signatureBy(child: ParsedCert, issuer: ParsedCert): SignatureCheck | undefined {
  const key = issuer.key.key;
  if (!key) return undefined;
  let byIssuer = cache.get(child.layout.der);
  if (!byIssuer) {
    byIssuer = new WeakMap();
    cache.set(child.layout.der, byIssuer);
  }
  let result = byIssuer.get(issuer.layout.der);
  if (!result) {
    result = checkSignature(child.layout.outerSignatureAlgorithm, child.layout.tbs, child.layout.signature, key);
    byIssuer.set(issuer.layout.der, result);
  }
  return result;
}
