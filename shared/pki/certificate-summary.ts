import {
  BasicConstraintsExtension,
  SubjectAlternativeNameExtension,
  X509Certificate,
  type GeneralName,
} from './x509.js';
import { CertbenchError } from '../errors.js';
import type { CertificateSummary, SanEntry } from '../model/certificate-summary.js';
import { daysLeft, expiryStatus } from './expiry.js';
import { sha1Hex, sha256Hex } from './hash.js';
import { toArrayBuffer } from './bytes.js';

/** Parses one DER certificate, turning any decoder failure into a `parse` error. */
export function parseCertificate(der: Uint8Array): X509Certificate {
  try {
    return new X509Certificate(toArrayBuffer(der));
  } catch (err) {
    throw new CertbenchError('parse', `Not a valid X.509 certificate: ${(err as Error).message}`, { cause: err });
  }
}

/** The list/CLI view of a certificate (see CertificateSummary). */
export function summarizeCertificate(der: Uint8Array, now: Date): CertificateSummary {
  const cert = parseCertificate(der);
  const san = cert.getExtension(SubjectAlternativeNameExtension);
  const bc = cert.getExtension(BasicConstraintsExtension);
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serial: cert.serialNumber.toLowerCase(),
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    daysLeft: daysLeft(cert.notAfter, now),
    expiry: expiryStatus(cert.notBefore, cert.notAfter, now),
    sha1: sha1Hex(der),
    sha256: sha256Hex(der),
    sans: san ? san.names.items.map(toSanEntry) : [],
    isCA: bc?.ca ?? false,
    selfSigned: cert.subject === cert.issuer,
    keyType: describeKeyType(cert),
  };
}

function toSanEntry(name: GeneralName): SanEntry {
  switch (name.type) {
    case 'dns':
      return { type: 'dns', value: name.value };
    case 'ip':
      return { type: 'ip', value: name.value };
    case 'email':
      return { type: 'email', value: name.value };
    case 'url':
      return { type: 'uri', value: name.value };
    case 'dn':
      return { type: 'dirName', value: name.value };
    case 'id':
      return { type: 'registeredId', value: name.value };
    default:
      return { type: 'otherName', value: `${name.type}:${name.value}` };
  }
}

function describeKeyType(cert: X509Certificate): string {
  const alg = cert.publicKey.algorithm as { name: string; namedCurve?: string; modulusLength?: number };
  if (alg.namedCurve) return `EC ${alg.namedCurve}`;
  if (alg.modulusLength) return `RSA ${alg.modulusLength}`;
  return alg.name;
}
