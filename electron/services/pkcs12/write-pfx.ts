import { createHash, createPublicKey } from 'node:crypto';
import { CertbenchError } from '../../../shared/errors.js';
import { bytesEqual } from '../../../shared/pki/bytes.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import { derBmpString, derExplicit, derInteger, derOctetString, derOid, derSequence, derSet, derTlv } from '../../../shared/pki/der-writer.js';
import { pbeEncrypt, type PbeProfile } from './pbe-cipher.js';
import { PFX_OID } from './pfx-bags.js';
import { createPfxMac } from './pfx-mac.js';
import { readPfx } from './read-pfx.js';
import type { WritePfxOptions } from './pfx-types.js';

const PROFILES: Readonly<Record<WritePfxOptions['profile'], { pbe: PbeProfile; mac: 'sha1' | 'sha256' }>> = {
  modern: { pbe: 'pbes2-aes256', mac: 'sha256' },
  legacy: { pbe: 'pkcs12-3des', mac: 'sha1' },
};

/**
 * Writes a PFX the way `openssl pkcs12 -export` lays it out (RFC 7292 §4): an encrypted SafeContents
 * of certificate bags, then a plain one holding the shrouded key, then the MAC. The leaf bag and key
 * bag share a localKeyId (SHA-1 of the leaf, as OpenSSL does) so Windows pairs them. The result is
 * read back and compared before it is returned; a mismatch is `verification-failed`.
 */
export async function writePfx(options: WritePfxOptions): Promise<Uint8Array> {
  const { certificates, privateKey, password, friendlyName } = options;
  const profile = PROFILES[options.profile];
  if (certificates.length === 0) throw new CertbenchError('invalid-request', 'A PFX needs at least one certificate');
  const leaf = scanCertificate(certificates[0]!);
  certificates.slice(1).forEach(scanCertificate);
  if (privateKey) {
    const spki = new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' }));
    if (!bytesEqual(spki, leaf.spkiDer)) throw new CertbenchError('key-mismatch', 'The private key does not belong to the first (leaf) certificate');
  }
  const localKeyId = createHash('sha1').update(leaf.der).digest();
  const leafAttributes = attributes(localKeyId, friendlyName);

  const certBags = certificates.map((der, i) =>
    safeBag(PFX_OID.certBag, derSequence(derOid(PFX_OID.x509Certificate), derExplicit(0, derOctetString(der))), i === 0 ? leafAttributes : undefined),
  );
  const encryptedCerts = pbeEncrypt(profile.pbe, derSequence(...certBags), password);
  const contentInfos = [
    contentInfo(
      PFX_OID.encryptedData,
      derSequence(derInteger(0), derSequence(derOid(PFX_OID.data), encryptedCerts.algorithm, derTlv(0x80, encryptedCerts.ciphertext))),
    ),
  ];
  if (privateKey) {
    const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
    const shrouded = pbeEncrypt(profile.pbe, pkcs8, password);
    const keyBag = safeBag(PFX_OID.shroudedKeyBag, derSequence(shrouded.algorithm, derOctetString(shrouded.ciphertext)), leafAttributes);
    contentInfos.push(contentInfo(PFX_OID.data, derOctetString(derSequence(keyBag))));
  }
  const authSafe = derSequence(...contentInfos);
  const pfx = derSequence(derInteger(3), contentInfo(PFX_OID.data, derOctetString(authSafe)), createPfxMac(authSafe, password, profile.mac));
  await verifyWritten(pfx, options);
  return pfx;
}

function safeBag(type: string, value: Uint8Array, attrs?: Uint8Array): Uint8Array {
  return attrs ? derSequence(derOid(type), derExplicit(0, value), attrs) : derSequence(derOid(type), derExplicit(0, value));
}

function contentInfo(type: string, content: Uint8Array): Uint8Array {
  return derSequence(derOid(type), derExplicit(0, content));
}

function attributes(localKeyId: Uint8Array, friendlyName?: string): Uint8Array {
  const items = [derSequence(derOid(PFX_OID.localKeyId), derSet(derOctetString(localKeyId)))];
  if (friendlyName !== undefined) items.unshift(derSequence(derOid(PFX_OID.friendlyName), derSet(derBmpString(friendlyName))));
  return derSet(...items);
}

async function verifyWritten(pfx: Uint8Array, options: WritePfxOptions): Promise<void> {
  const back = await readPfx(pfx, options.password);
  const sameCerts = back.certificates.length === options.certificates.length && back.certificates.every((c, i) => bytesEqual(c.der, options.certificates[i]!));
  const expectedKeys = options.privateKey ? 1 : 0;
  const keyOk = back.keys.length === expectedKeys && (expectedKeys === 0 || (back.keys[0]!.certificateIndex === 0 && back.keys[0]!.key.equals(options.privateKey!)));
  const macOk = back.integrity.kind === 'mac' && back.integrity.digest === PROFILES[options.profile].mac;
  if (!sameCerts || !keyOk || !macOk) throw new CertbenchError('verification-failed', 'The PFX written did not read back identically; nothing was saved');
}
