/**
 * Distinct self-signed certificates for the scan benchmarks, made in-process (EC P-256, a few
 * hundred microseconds each) with their keys, so each endpoint or file holds its own certificate.
 */
import { webcrypto } from 'node:crypto';
import * as x509 from '../shared/pki/x509.js';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

export interface BenchCert {
  readonly certPem: string;
  readonly keyPem: string;
}

export async function benchCerts(count: number, prefix: string): Promise<BenchCert[]> {
  const out: BenchCert[] = [];
  for (let i = 0; i < count; i++) {
    const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: (i + 1).toString(16).padStart(8, '0'),
      name: `CN=${prefix}${i}.bench.example`,
      notBefore: new Date(Date.now() - 86_400_000),
      notAfter: new Date(Date.now() + ((i % 400) + 1) * 86_400_000),
      signingAlgorithm: EC,
      keys,
      extensions: [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: `${prefix}${i}.bench.example` }])],
    });
    const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64');
    out.push({ certPem: cert.toString('pem'), keyPem: `-----BEGIN PRIVATE KEY-----\n${pkcs8.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n` });
  }
  return out;
}
