import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertbenchError } from '../../../shared/errors.js';
import { toBase64, toHex } from '../../../shared/pki/bytes.js';
import { scanCertificate, scanPemOrDerBundle } from '../../../shared/pki/cert-scan.js';
import { toPem } from '../../../shared/pki/pem.js';
import { derOf, makeTestCa, makeTestLeaf, type TestCa } from '../../helpers/inspect-certs.js';

const ZLINT = join(import.meta.dirname, '../../fixtures/inspect/zlint');
const zlint = (name: string): Uint8Array => new Uint8Array(readFileSync(join(ZLINT, name)));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CertbenchError);
    return (err as CertbenchError).code;
  }
  return 'no error';
}

let root: TestCa;
let intermediate: TestCa;
let leaf: TestCa;

beforeAll(async () => {
  root = await makeTestCa('Scan Root');
  intermediate = await makeTestCa('Scan Intermediate', 0, root);
  leaf = await makeTestLeaf(intermediate, 'scan.example');
});

describe('scanCertificate', () => {
  it('reads the index fields the same as node:crypto does', () => {
    const der = derOf(intermediate.cert);
    const scan = scanCertificate(der);
    const node = new X509Certificate(der);
    expect(scan.sha256).toBe(node.fingerprint256.replace(/:/g, '').toLowerCase());
    expect(scan.serialHex).toBe('0a1b2c');
    expect(scan.notBefore.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(scan.notAfter.toISOString()).toBe('2054-01-01T00:00:00.000Z');
    expect(Buffer.from(scan.spkiDer)).toEqual(node.publicKey.export({ type: 'spki', format: 'der' }));
    expect(scan.isCA).toBe(true);
    expect(scan.pathLen).toBe(0);
    expect(scan.selfIssued).toBe(false);
    expect(scan.signatureAlgorithmOid).toBe('1.2.840.10045.4.3.2');
    expect(scan.der).toBe(der);
  });

  it('links a chain by key identifiers and exact Name bytes', () => {
    const r = scanCertificate(derOf(root.cert));
    const i = scanCertificate(derOf(intermediate.cert));
    const l = scanCertificate(derOf(leaf.cert));
    expect(r.selfIssued).toBe(true);
    expect(r.pathLen).toBeUndefined();
    expect(i.aki).toBe(r.ski);
    expect(l.aki).toBe(i.ski);
    expect(toHex(l.issuerDer)).toBe(toHex(i.subjectDer));
    expect(l.isCA).toBeUndefined();
    expect(l.ski).toMatch(/^[0-9a-f]{40}$/);
  });

  it('gives tbsDer and signature that verify with the issuer key', () => {
    const scan = scanCertificate(derOf(leaf.cert));
    const node = new X509Certificate(scan.der);
    expect(node.verify(new X509Certificate(derOf(intermediate.cert)).publicKey)).toBe(true);
    expect(scan.tbsDer[0]).toBe(0x30);
    expect(scan.signature[0]).toBe(0x30); // ECDSA-Sig-Value SEQUENCE, RFC 3279 §2.2.3
  });

  it('opens odd but real certificates: v1, negative and zero serials, negative pathLen, UTF-8 names', () => {
    const pemDer = (name: string) => scanPemOrDerBundle(zlint(name))[0]!;
    expect(pemDer('certVersion1NoExtensions.pem').isCA).toBeUndefined();
    expect(pemDer('serialNumberNegative.pem').serialHex).toBe('fbce996c13');
    expect(pemDer('serialNumberZero.pem').serialHex).toBe('00');
    expect(pemDer('subCertPathLenNegative.pem').pathLen).toBeLessThan(0);
    expect(pemDer('extUnknownDuplicated.pem').sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(pemDer('utf8NoControl.pem').subjectDer.length).toBeGreaterThan(0);
  });

  it('tells truncated from malformed input, with CertbenchError only', () => {
    const der = derOf(leaf.cert);
    expect(codeOf(() => scanCertificate(der.subarray(0, der.length - 10)))).toBe('truncated');
    expect(codeOf(() => scanCertificate(der.subarray(0, 3)))).toBe('truncated');
    expect(codeOf(() => scanCertificate(new Uint8Array(0)))).toBe('truncated');
    expect(codeOf(() => scanCertificate(Uint8Array.of(0x04, 0x01, 0x00)))).toBe('parse');
    expect(codeOf(() => scanCertificate(Uint8Array.of(...der, 0x00)))).toBe('parse');
    const badTime = Uint8Array.from(der);
    const at = Buffer.from(badTime).indexOf('250101', 0, 'latin1');
    badTime[at] = 0x41;
    expect(codeOf(() => scanCertificate(badTime))).toBe('parse');
  });
});

describe('scanPemOrDerBundle', () => {
  it('reads a PEM bundle with a BOM, CRLF and prose, in file order', () => {
    const pem = [leaf, intermediate, root].map((c) => toPem('CERTIFICATE', derOf(c.cert))).join('some text\n');
    const text = '\uFEFFchain:\r\n' + pem.replace(/\n/g, '\r\n') + toPem('PRIVATE KEY', Uint8Array.of(0x30, 0x00));
    const scans = scanPemOrDerBundle(new TextEncoder().encode(text));
    expect(scans.map((s) => s.sha256)).toEqual([leaf, intermediate, root].map((c) => scanCertificate(derOf(c.cert)).sha256));
  });

  it('reads concatenated DER, unarmoured base64 and a TRUSTED CERTIFICATE', () => {
    const a = derOf(leaf.cert);
    const b = derOf(root.cert);
    expect(scanPemOrDerBundle(Uint8Array.of(...a, ...b))).toHaveLength(2);
    expect(scanPemOrDerBundle(new TextEncoder().encode(`${toBase64(a)}\r\n`))[0]!.der).toEqual(a);
    const trusted = toPem('TRUSTED CERTIFICATE', Uint8Array.of(...a, 0x30, 0x00));
    expect(scanPemOrDerBundle(new TextEncoder().encode(trusted))[0]!.der).toEqual(a);
  });

  it('gives each bad input its own code', () => {
    expect(codeOf(() => scanPemOrDerBundle(new Uint8Array(0)))).toBe('empty-input');
    expect(codeOf(() => scanPemOrDerBundle(new TextEncoder().encode('-----BEGIN CERTIFICATE-----\n@@\n-----END CERTIFICATE-----\n')))).toBe(
      'bad-base64',
    );
    expect(codeOf(() => scanPemOrDerBundle(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 1, 2, 3)))).toBe('unrecognized-format');
    expect(codeOf(() => scanPemOrDerBundle(new TextEncoder().encode(toPem('PRIVATE KEY', Uint8Array.of(0x30, 0)))))).toBe(
      'unrecognized-format',
    );
    const der = derOf(leaf.cert);
    expect(codeOf(() => scanPemOrDerBundle(Uint8Array.of(...der, ...der.subarray(0, 100))))).toBe('truncated');
  });
});
