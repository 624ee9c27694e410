import type { KeystoreCertificate, KeystoreEntry, KeystoreListing } from '../../../shared/model/keystore.js';
import { bytesEqual } from '../../../shared/pki/bytes.js';
import { daysLeft, expiryStatus } from '../../../shared/pki/expiry.js';
import { nodeHashHex } from '../inspect/native-hash.js';
import { certListFields } from './cert-list-fields.js';
import { nameDerTexts } from '../../../shared/pki/name-text.js';
import type { KeystoreCertificateDer, NativeKeystore } from './keystore-reader.js';

/** The list view of a store: the cheap DER scan of each certificate, no full X.509 decode. */
export function describeKeystore(path: string, store: NativeKeystore, now: Date): KeystoreListing {
  const entries: KeystoreEntry[] = store.entries.map((e) => ({
    alias: e.alias,
    entryType: e.entryType,
    ...(e.createdAt ? { createdAt: e.createdAt.toISOString() } : {}),
    chainLength: e.certificates.length,
    certificates: e.certificates.map((c) => describeCertificate(c, now)),
  }));
  return { path, type: store.type, integrity: store.integrity, entries, warnings: [...store.warnings] };
}

export function describeCertificate(cert: KeystoreCertificateDer, now: Date): KeystoreCertificate {
  const scan = certListFields(cert.der);
  const subject = nameDerTexts(scan.subjectDer);
  // A cacerts file is all self-issued roots: decode the issuer only when its bytes differ.
  const issuer = bytesEqual(scan.issuerDer, scan.subjectDer) ? subject : nameDerTexts(scan.issuerDer);
  return {
    sha256: cert.sha256,
    sha1: nodeHashHex('sha1', cert.der),
    subject: subject.display,
    subjectRfc4514: subject.rfc4514,
    issuer: issuer.display,
    issuerRfc4514: issuer.rfc4514,
    serial: scan.serialHex,
    notBefore: scan.notBefore.toISOString(),
    notAfter: scan.notAfter.toISOString(),
    expiry: expiryStatus(scan.notBefore, scan.notAfter, now),
    daysLeft: daysLeft(scan.notAfter, now),
  };
}
