import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanPemOrDerBundle } from '../../../shared/pki/cert-scan.js';
import { describeCertificate } from '../../../shared/pki/certificate-detail.js';
import type { CertificateDetail } from '../../../shared/model/certificate-detail.js';
import { tempDir, tool } from '../../helpers/inspect-openssl.js';

let dir: string;
let cleanup: () => Promise<void>;
let detail: CertificateDetail;
let opensslText: string;

const EXTENSIONS = `[ext]
subjectAltName = critical, DNS:a.example, DNS:*.b.example, IP:192.0.2.7, IP:2001:db8::1, email:admin@example.org, URI:https://example.org/x, RID:1.2.3.4, dirName:dir_sect, otherName:1.3.6.1.4.1.311.20.2.3;UTF8:user@corp.example
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth, 1.3.6.1.4.1.99999.1
basicConstraints = critical, CA:TRUE, pathlen:2
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
authorityInfoAccess = OCSP;URI:http://ocsp.example.org, caIssuers;URI:http://ca.example.org/ca.crt
crlDistributionPoints = URI:http://crl.example.org/ca.crl
certificatePolicies = 2.23.140.1.2.1, @policy_sect
nameConstraints = critical, permitted;DNS:example.org, excluded;IP:10.0.0.0/255.0.0.0
1.2.3.4.5.6.7 = DER:04:03:01:02:03
[dir_sect]
CN = Directory Name
O = Example
[policy_sect]
policyIdentifier = 1.3.6.1.4.1.99999.2
CPS.1 = "https://example.org/cps"
userNotice.1 = @notice
[notice]
explicitText = "Only for tests"
`;

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('detail'));
  await writeFile(join(dir, 'ext.cnf'), EXTENSIONS);
  await tool('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'k.pem', '-out', 'c.pem', '-days', '30', '-set_serial', '-0x1234',
    '-subj', '/C=DE/O=Müller & Söhne, GmbH/OU=IT\\+Ops/CN=Ünïcode Name', '-utf8', '-extensions', 'ext', '-config', 'ext.cnf'], dir);
  const der = scanPemOrDerBundle(await readFile(join(dir, 'c.pem')))[0]!.der;
  detail = describeCertificate(der, new Date());
  opensslText = (await tool('openssl', ['x509', '-in', join(dir, 'c.pem'), '-noout', '-text', '-nameopt', 'RFC2253,-esc_msb'])).stdout;
});
afterAll(() => cleanup());

const ext = (name: string) => detail.extensions.find((e) => e.name === name)!;

describe('describeCertificate decodes every extension by name, as openssl does', () => {
  it('names in RFC 4514 form and per attribute, escaping specials', () => {
    expect(detail.subject.rfc4514).toBe('CN=Ünïcode Name,OU=IT\\+Ops,O=Müller & Söhne\\, GmbH,C=DE');
    expect(opensslText).toContain('CN=Ünïcode Name,OU=IT\\+Ops,O=Müller & Söhne\\, GmbH,C=DE');
    expect(detail.subject.attributes.map((a) => a.type)).toEqual(['C', 'O', 'OU', 'CN']);
  });

  it('SAN of every GeneralName type, critical', () => {
    expect(ext('Subject Alternative Name')).toMatchObject({ critical: true, decoded: true });
    expect(ext('Subject Alternative Name').lines).toEqual([
      'dns: a.example',
      'dns: *.b.example',
      'ip: 192.0.2.7',
      'ip: 2001:db8::1',
      'email: admin@example.org',
      'uri: https://example.org/x',
      'registeredId: 1.2.3.4',
      'dirName: CN=Directory Name, O=Example',
      'otherName: UPN:user@corp.example',
    ]);
  });

  it('key usage, EKU, basic constraints, key identifiers, AIA, CRL DP, policies, name constraints', () => {
    expect(ext('Key Usage').lines).toEqual(['digitalSignature, keyEncipherment']);
    expect(ext('Extended Key Usage').lines).toEqual(['TLS Web Server Authentication (1.3.6.1.5.5.7.3.1)', 'TLS Web Client Authentication (1.3.6.1.5.5.7.3.2)', '1.3.6.1.4.1.99999.1']);
    expect(ext('Basic Constraints').lines).toEqual(['CA: true', 'Path length: 2']);
    const ski = ext('Subject Key Identifier').lines[0]!;
    expect(opensslText.replace(/:/g, '').toLowerCase()).toContain(ski);
    expect(ext('Authority Key Identifier').lines).toEqual([`Key ID: ${ski}`]);
    expect(ext('Authority Information Access').lines).toEqual(['OCSP: uri: http://ocsp.example.org', 'CA Issuers: uri: http://ca.example.org/ca.crt']);
    expect(ext('CRL Distribution Points').lines).toEqual(['uri: http://crl.example.org/ca.crl']);
    expect(ext('Certificate Policies').lines).toEqual([
      'Policy: CA/B Forum Domain Validated (2.23.140.1.2.1)',
      'Policy: 1.3.6.1.4.1.99999.2',
      '  CPS: https://example.org/cps',
      '  User Notice: Only for tests',
    ]);
    expect(ext('Name Constraints').lines).toEqual(['Permitted: dns: example.org', 'Excluded: ip: 10.0.0.0/255.0.0.0']);
  });

  it('an unknown extension as OID + hex, and the ASN.1 tree', () => {
    expect(detail.extensions.find((e) => e.oid === '1.2.3.4.5.6.7')).toMatchObject({ name: 'Unknown extension', decoded: false, hex: '0403010203' });
    expect(detail.asn1?.tag).toBe('SEQUENCE');
    expect(detail.asn1?.children?.map((c) => c.tag)).toEqual(['SEQUENCE', 'SEQUENCE', 'BIT STRING']);
    expect(detail.signatureAlgorithm.name).toBe('sha256WithRSAEncryption');
    expect(detail.serialDecimal).toBe('-4660'); // a negative serial still opens, printed as openssl does
    expect(detail.publicKey).toMatchObject({ algorithm: 'RSA', bits: 2048 });
  });
});
