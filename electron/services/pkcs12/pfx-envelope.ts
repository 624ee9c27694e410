import { CertbenchError } from '../../../shared/errors.js';
import { berToDer } from '../../../shared/pki/ber-to-der.js';
import { decodeOid, expectTlv, readTlv, TAG } from '../../../shared/pki/der-reader.js';
import { octets, PFX_OID } from './pfx-bags.js';
import { readPfxMac, type PfxMac } from './pfx-mac.js';

export interface PfxEnvelope {
  /** The authSafe content octets: what the MAC covers and the bags live in. */
  readonly content: Uint8Array;
  readonly mac: PfxMac | undefined;
}

/** The PFX's authSafe content octets and its MAC, if any. */
export function readPfxEnvelope(input: Uint8Array): PfxEnvelope {
  // Windows and older Java write PFX as BER with indefinite lengths; re-encoding keeps every content byte.
  const bytes = berToDer(input);
  const pfx = expectTlv(bytes, 0, bytes.length, TAG.sequence, 'PFX');
  const version = expectTlv(bytes, pfx.body, pfx.end, TAG.integer, 'PFX version');
  if (version.end - version.body !== 1 || bytes[version.body] !== 3) throw new CertbenchError('unsupported', 'Only PKCS#12 version 3 files are supported');
  const authSafe = expectTlv(bytes, version.end, pfx.end, TAG.sequence, 'authSafe ContentInfo');
  const typeTlv = expectTlv(bytes, authSafe.body, authSafe.end, TAG.oid, 'authSafe contentType');
  if (decodeOid(bytes, typeTlv) !== PFX_OID.data) {
    throw new CertbenchError('unsupported', 'PFX files in public-key integrity mode are not supported');
  }
  const wrapped = expectTlv(bytes, typeTlv.end, authSafe.end, 0xa0, 'authSafe content');
  const inner = readTlv(bytes, wrapped.body, wrapped.end);
  if (wrapped.end !== authSafe.end || inner.end !== wrapped.end) throw new CertbenchError('parse', 'Unexpected bytes after the PFX authSafe content');
  const content = octets(bytes, inner);
  return { content, mac: authSafe.end < pfx.end ? readPfxMac(bytes, authSafe.end, pfx.end) : undefined };
}
