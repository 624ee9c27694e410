/**
 * Certbench's one PKCS#12 module (RFC 7292), read and write, for Inspect, keys, convert, bundle and
 * keystore alike (keystore/pkcs12-keystore.ts is Java's view of the same bags), under one set of
 * limits (work-budget.ts, MAX_BAGS, MAX_DEPTH).
 *
 * What libraries do here: node:crypto derives PBKDF2, runs the ciphers and HMACs, and checks each
 * certificate with OpenSSL's decoder; node-forge decrypts RC2 (gone from OpenSSL 3's default
 * provider). The DER walk and the PKCS#12 KDF are hand-written, for measured needs:
 * - speed: `keystore list` must load no npm package (test/unit/cli/startup-closure.test.ts; its
 *   bench is ≤ 0.15× keytool): loading @peculiar/asn1-pfx and asn1-schema alone took 100–260 ms
 *   here, more than the whole command's share;
 * - hostile-input limits: every key derivation of a file is metered and stoppable (iterations,
 *   time, cancel), which neither node-forge (pkcs12FromAsn1, generateKey: as fast as this KDF,
 *   measured, but one call runs a file's own count to the end) nor pkijs offers;
 * - error precision: password-required, wrong-password, no-mac, truncated and work-limit are told
 *   apart, and a damaged structure is refused where openssl refuses it
 *   (test/fuzz/pkcs12-differential.test.ts holds it to openssl and node-forge).
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import { bytesEqual } from '../../../shared/pki/bytes.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import { readAuthenticatedSafe, type RawBag } from './pfx-bags.js';
import { readPfxEnvelope } from './pfx-envelope.js';
import { macMatches, type PfxMac } from './pfx-mac.js';
import { DecryptFailed } from './pbe-cipher.js';
import type { PfxCertificate, PfxContents, PfxPasswordForm, PfxPrivateKey } from './pfx-types.js';
import { WorkBudget } from './work-budget.js';

/** Where a read draws its work from: the request's budget (a fresh one when absent). */
export interface PfxReadOptions {
  readonly budget?: WorkBudget;
}

/**
 * Opens a PKCS#12/PFX (RFC 7292) to show it: certificates and decrypted keys. With no password (or
 * "") the empty and the absent password are both tried, each charged to the file's work budget.
 * Errors: `password-required` (none given and "" / absent do not open it), `wrong-password` (the MAC
 * does not check), `no-mac` (no MAC, and the contents do not decrypt: wrong password or damage,
 * which cannot be told apart), `work-limit` (the file costs more key derivation than one file may),
 * `parse`/`truncated` (damaged), `unsupported-algorithm`/`unsupported`.
 */
export async function readPfx(input: Uint8Array, password?: string, options: PfxReadOptions = {}): Promise<PfxContents> {
  const budget = (options.budget ?? WorkBudget.forRequest()).forFile();
  const { content, mac } = readPfxEnvelope(input);
  const candidates: (string | null)[] = password === undefined || password === '' ? ['', null] : [password];
  const read = async (candidate: string | null): Promise<PfxContents> =>
    assemble(await readAuthenticatedSafe(content, { password: candidate, decryptKeys: true, budget }), mac, formOf(candidate));

  if (mac) {
    const chosen = candidates.find((candidate) => macMatches(mac, content, candidate, budget));
    if (chosen === undefined) {
      if (password === undefined) throw new CertbenchError('password-required', 'This PFX is password-protected: enter its password');
      throw new CertbenchError('wrong-password', 'The password is wrong: the PFX integrity check (MAC) does not match');
    }
    try {
      return await read(chosen);
    } catch (err) {
      if (err instanceof DecryptFailed) throw new CertbenchError('parse', 'The PFX password is right but its contents are damaged', { cause: err });
      throw err;
    }
  }
  for (const candidate of candidates) {
    try {
      return await read(candidate);
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
  const keys: PfxPrivateKey[] = [];
  const protections = { certificates: new Set<string>(), keys: new Set<string>() };
  for (const bag of bags) {
    if (bag.type === 'certificate') {
      spkis.push(scanCertificate(bag.der).spkiDer);
      certificates.push(withAttributes({ der: bag.der }, bag));
      protections.certificates.add(bag.protection);
    }
  }
  for (const bag of bags) {
    if (bag.type !== 'key' || bag.der === undefined) continue;
    protections.keys.add(bag.protection);
    const key = toKeyObject(bag.der);
    const spki = new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
    const index = spkis.findIndex((candidate) => bytesEqual(candidate, spki));
    keys.push(withAttributes({ key, ...(index >= 0 ? { certificateIndex: index } : {}) }, bag));
  }
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
