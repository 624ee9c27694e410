import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import { berToDer } from '../../../shared/pki/ber-to-der.js';
import { bytesEqual } from '../../../shared/pki/bytes.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import { decodeOid, expectTlv, readTlv, TAG } from '../../../shared/pki/der-reader.js';
import { octets, PFX_OID, readAuthenticatedSafe, type RawBag } from './pfx-bags.js';
import { macMatches, readPfxMac, type PfxMac } from './pfx-mac.js';
import { DecryptFailed } from './pbe-cipher.js';
import type { PfxCertificate, PfxContents, PfxPasswordForm, PfxPrivateKey } from './pfx-types.js';

/**
 * Opens a PKCS#12/PFX (RFC 7292). Errors: `password-required` (none given and "" / absent do not
 * open it), `wrong-password` (the MAC does not check), `no-mac` (no MAC, and the contents do not
 * decrypt: wrong password or damage, which cannot be told apart), `parse`/`truncated` (damaged),
 * `unsupported-algorithm`/`unsupported`.
 */
export function readPfx(input: Uint8Array, password?: string): PfxContents {
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
  const content = octets(bytes, readTlv(bytes, wrapped.body, wrapped.end));
  const mac = authSafe.end < pfx.end ? readPfxMac(bytes, authSafe.end, pfx.end) : undefined;
  const candidates: (string | null)[] = password === undefined || password === '' ? ['', null] : [password];

  if (mac) {
    const chosen = candidates.find((candidate) => macMatches(mac, content, candidate));
    if (chosen === undefined) {
      if (password === undefined) throw new CertbenchError('password-required', 'This PFX is password-protected: enter its password');
      throw new CertbenchError('wrong-password', 'The password is wrong: the PFX integrity check (MAC) does not match');
    }
    try {
      return assemble(readAuthenticatedSafe(content, chosen), mac, formOf(chosen));
    } catch (err) {
      if (err instanceof DecryptFailed) throw new CertbenchError('parse', 'The PFX password is right but its contents are damaged', { cause: err });
      throw err;
    }
  }
  for (const candidate of candidates) {
    try {
      return assemble(readAuthenticatedSafe(content, candidate), mac, formOf(candidate));
    } catch (err) {
      if (!(err instanceof DecryptFailed)) throw err;
    }
  }
  if (password === undefined) throw new CertbenchError('password-required', 'This PFX is password-protected: enter its password');
  throw new CertbenchError('no-mac', 'This PFX has no integrity MAC and its contents do not decrypt: the password is wrong or the file is damaged');
}

function formOf(candidate: string | null): PfxPasswordForm {
  return candidate === null ? 'absent' : candidate === '' ? 'empty' : 'given';
}

function assemble(bags: RawBag[], mac: PfxMac | undefined, password: PfxPasswordForm): PfxContents {
  const certificates: PfxCertificate[] = [];
  const spkis: Uint8Array[] = [];
  const keyBags: RawBag[] = [];
  const protections = { certificates: new Set<string>(), keys: new Set<string>() };
  for (const bag of bags) {
    if (bag.type === 'certificate') {
      spkis.push(scanCertificate(bag.der).spkiDer);
      certificates.push(withAttributes({ der: bag.der }, bag));
      protections.certificates.add(bag.protection);
    } else {
      keyBags.push(bag);
      protections.keys.add(bag.protection);
    }
  }
  const keys = keyBags.map((bag): PfxPrivateKey => {
    const key = toKeyObject(bag.der);
    const spki = new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
    const index = spkis.findIndex((candidate) => bytesEqual(candidate, spki));
    return withAttributes({ key, ...(index >= 0 ? { certificateIndex: index } : {}) }, bag);
  });
  return {
    certificates,
    keys,
    integrity: mac ? { kind: 'mac', digest: mac.digest, iterations: mac.iterations } : { kind: 'none' },
    encryption: { certificates: [...protections.certificates], keys: [...protections.keys] },
    password,
  };
}

function withAttributes<T extends object>(target: T, bag: RawBag): T & { friendlyName?: string; localKeyId?: string } {
  return {
    ...target,
    ...(bag.friendlyName !== undefined ? { friendlyName: bag.friendlyName } : {}),
    ...(bag.localKeyId !== undefined ? { localKeyId: bag.localKeyId } : {}),
  };
}

function toKeyObject(pkcs8: Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch (err) {
    throw new CertbenchError('unsupported-algorithm', `The PFX private key could not be loaded: ${(err as Error).message}`, { cause: err });
  }
}
