import { execFile } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { promisify } from 'node:util';
import * as x509 from '../../shared/pki/x509.js';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 86_400_000;
const run = promisify(execFile);

export interface DatedCert {
  readonly pem: string;
  readonly der: Uint8Array;
  readonly keyPem: string;
  readonly notAfter: Date;
}

/** A self-signed EC leaf expiring `daysLeft` days from now (negative: already expired), made in-process in milliseconds. */
export async function certExpiringIn(cn: string, daysLeft: number, sans: string[] = [cn]): Promise<DatedCert> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  // Whole seconds: X.509 times carry no milliseconds, and tests compare the dates exactly.
  const notAfter = new Date(Math.floor((Date.now() + daysLeft * DAY + 3_600_000) / 1000) * 1000);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(cn).toString('hex').slice(0, 30) || '01',
    name: `CN=${cn}, O=Certbench Scan Test`,
    notBefore: new Date(Math.min(Date.now(), notAfter.getTime()) - 400 * DAY),
    notAfter,
    signingAlgorithm: EC,
    keys,
    extensions: [new x509.SubjectAlternativeNameExtension(sans.map((value) => ({ type: 'dns' as const, value })))],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  // PEM files end their last line; OpenSSL refuses an END line with text glued to it.
  return { pem: `${cert.toString('pem')}\n`, der: new Uint8Array(cert.rawData), keyPem, notAfter };
}

/** What openssl says a certificate file's notAfter is, as an ISO string (the oracle for `scan`). */
export async function opensslNotAfter(path: string, inform: 'PEM' | 'DER' = 'PEM'): Promise<string> {
  const { stdout } = await run('openssl', ['x509', '-in', path, '-inform', inform, '-noout', '-enddate']);
  return new Date(stdout.replace('notAfter=', '').trim()).toISOString();
}
