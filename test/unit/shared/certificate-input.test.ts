import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { berToDer } from '../../../shared/pki/ber-to-der.js';
import { toBase64 } from '../../../shared/pki/bytes.js';
import { certificateDers, readCertificateInput } from '../../../shared/pki/certificate-input.js';
import { toPem } from '../../../shared/pki/pem.js';
import { buildPkcs7 } from '../../../shared/pki/pkcs7-writer.js';
import { errorCodeOf } from '../../helpers/error-code.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/trust');
const [a, b] = certificateDers(readFileSync(join(FIXTURES, 'sample-roots.pem'))) as [Uint8Array, Uint8Array];
const text = (s: string) => new TextEncoder().encode(s);
const hex = (list: readonly { der: Uint8Array }[]) => list.map((c) => Buffer.from(c.der).toString('hex'));
const ders = (...list: Uint8Array[]) => list.map((d) => Buffer.from(d).toString('hex'));

describe('readCertificateInput: one answer for every form', () => {
  it('reads every certificate label, TRUSTED CERTIFICATE without its trust settings', () => {
    const aux = Uint8Array.of(0x30, 0x0c, 0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01); // X509_CERT_AUX { trust: [serverAuth] }
    const pem = toPem('CERTIFICATE', a) + toPem('X509 CERTIFICATE', b) + toPem('TRUSTED CERTIFICATE', Uint8Array.of(...a, ...aux));
    const input = readCertificateInput(text(pem));
    expect(hex(input.certificates)).toEqual(ders(a, b, a));
    expect(input.certificates.map((c) => c.origin)).toEqual(['PEM block 1 (CERTIFICATE)', 'PEM block 2 (X509 CERTIFICATE)', 'PEM block 3 (TRUSTED CERTIFICATE)']);
    expect(input.problems).toEqual([]);
    expect(input.notes).toEqual([]);
  });

  it('reads PEM indented whole (a Kubernetes YAML `|` block) with a note that OpenSSL will not', () => {
    const yaml = `data:\n  ca.crt: |\n${(toPem('CERTIFICATE', a) + toPem('CERTIFICATE', b)).replace(/^(?=.)/gm, '    ')}kind: Secret\n`;
    const input = readCertificateInput(text(toPem('CERTIFICATE', b) + yaml));
    expect(hex(input.certificates)).toEqual(ders(b, a, b));
    expect(input.problems).toEqual([]);
    expect(input.notes.map((n) => n.message)).toEqual([
      'PEM block 2 (CERTIFICATE) is indented: OpenSSL does not read indented PEM; de-indent it for other tools',
      'PEM block 3 (CERTIFICATE) is indented: OpenSSL does not read indented PEM; de-indent it for other tools',
    ]);
  });

  it('reads one DER, concatenated DER and bare base64 (CRLF, BOM and prose around PEM too)', () => {
    expect(hex(readCertificateInput(a).certificates)).toEqual(ders(a));
    expect(hex(readCertificateInput(Uint8Array.of(...a, ...b)).certificates)).toEqual(ders(a, b));
    expect(hex(readCertificateInput(text(`${toBase64(b).replace(/.{76}/g, '$&\r\n')}\r\n`)).certificates)).toEqual(ders(b));
    expect(hex(readCertificateInput(text(`\uFEFFhello\r\n${toPem('CERTIFICATE', a).replace(/\n/g, '\r\n')}bye`)).certificates)).toEqual(ders(a));
  });

  it('reads PKCS#7 in DER, BER (indefinite lengths) and PEM under PKCS7, CMS and PKCS #7 SIGNED DATA', () => {
    const p7 = buildPkcs7([a, b]);
    expect(hex(readCertificateInput(p7).certificates)).toEqual(ders(a, b));
    for (const label of ['PKCS7', 'CMS', 'PKCS #7 SIGNED DATA']) expect(hex(readCertificateInput(text(toPem(label, p7))).certificates)).toEqual(ders(a, b));
    // ContentInfo re-encoded with an indefinite outer length, as Windows writes some .p7b files.
    const outerHeader = p7[1]! & 0x80 ? 2 + (p7[1]! & 0x7f) : 2;
    const ber = Uint8Array.of(0x30, 0x80, ...p7.subarray(outerHeader), 0, 0);
    expect(hex(readCertificateInput(ber).certificates)).toEqual(ders(a, b));
  });

  it('ignores key and CSR blocks, even damaged ones: they are not certificate input', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nAAAA@@@\n-----END PRIVATE KEY-----\n' + toPem('CERTIFICATE', a);
    expect(readCertificateInput(text(pem))).toMatchObject({ problems: [] });
    expect(hex(readCertificateInput(text(pem)).certificates)).toEqual(ders(a));
  });

  it('refuses empty and unrecognisable input with their own codes', () => {
    expect(errorCodeOf(() => readCertificateInput(new Uint8Array(0)))).toBe('empty-input');
    expect(errorCodeOf(() => readCertificateInput(text('just some words')))).toBe('unrecognized-format');
    expect(errorCodeOf(() => certificateDers(text(toPem('PRIVATE KEY', Uint8Array.of(0x30, 0)))))).toBe('unrecognized-format');
  });
});

describe('strict blocks (issue 16.3): a damaged block is its own problem, the rest still reads', () => {
  const body = (der: Uint8Array) => toPem('CERTIFICATE', der).split('\n').slice(1, -2);
  const wrap = (lines: string[]) => `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
  const cases: Record<string, string> = {
    'trailing bytes': toPem('CERTIFICATE', Uint8Array.of(...a, 0x05, 0x00)),
    'a TRUSTED CERTIFICATE tail that is not one SEQUENCE': toPem('TRUSTED CERTIFICATE', Uint8Array.of(...a, 0x30, 0x00, 0x05)),
    'base64url characters': wrap(body(a).map((l, i) => (i === 1 ? `-_${l.slice(2)}` : l))),
    'missing padding': toPem('CERTIFICATE', Uint8Array.of(...a.subarray(0, a.length - 1))).replace(/=+\n-----END/, '\n-----END'),
    "'=' inside the body": wrap(body(a).map((l, i) => (i === 1 ? `${l.slice(0, 8)}=${l.slice(9)}` : l))),
    'a duplicated line': wrap([...body(a).slice(0, 3), body(a)[2]!, ...body(a).slice(3)]),
    'a cut-off body': wrap(body(a).slice(0, 4)),
    'a blank line after the base64 data': wrap([...body(a), '']),
    'an END line with another label': toPem('CERTIFICATE', a).replace('END CERTIFICATE', 'END X509 CERTIFICATE'),
  };

  it.each(Object.entries(cases))('%s', (_kind, damaged) => {
    const input = readCertificateInput(text(damaged + toPem('CERTIFICATE', b)));
    expect(hex(input.certificates)).toEqual(ders(b));
    expect(input.problems).toHaveLength(1);
    expect(input.problems[0]!.origin).toMatch(/^PEM block 1 \((TRUSTED )?CERTIFICATE\)$/);
    expect(input.problems[0]!.message.startsWith(input.problems[0]!.origin)).toBe(true);
    expect(errorCodeOf(() => certificateDers(text(damaged + toPem('CERTIFICATE', b)), 'bundle.pem'))).toMatch(/^(parse|truncated|bad-base64)$/);
  });

  it('a BEGIN line inside a block swallows that block, as openssl reads it', () => {
    const pem = `-----BEGIN CERTIFICATE-----\n${toPem('CERTIFICATE', a)}${toPem('CERTIFICATE', b)}`;
    const input = readCertificateInput(text(pem));
    expect(hex(input.certificates)).toEqual(ders(b));
    expect(input.problems.map((p) => p.message)).toEqual(['PEM block 1 (CERTIFICATE) has a BEGIN line inside it: its own END line is missing']);
  });

  it('an END line with the next BEGIN glued to it loses both blocks, as openssl reads it, and says why', () => {
    const glued = toPem('CERTIFICATE', a).trimEnd() + toPem('CERTIFICATE', b);
    const input = readCertificateInput(text(glued));
    expect(input.certificates).toEqual([]);
    expect(input.problems.map((p) => p.message)).toEqual([
      'PEM block 1 (CERTIFICATE) has the next BEGIN line glued to its END line (a file without a final newline was concatenated); openssl refuses both blocks too',
    ]);
  });

  it('certificateDers names the damaged block in its one error', () => {
    expect(() => certificateDers(text(toPem('CERTIFICATE', b) + cases['trailing bytes']!), 'answer.pem')).toThrow(
      'answer.pem: PEM block 2 (CERTIFICATE): 2 bytes follow the certificate in its block: the block is damaged',
    );
  });
});

describe('hostile sizes', () => {
  const children = 300_000;
  const nulls = new Uint8Array(children * 2).fill(0).map((_, i) => (i % 2 === 0 ? 0x05 : 0x00));

  it('berToDer re-encodes an indefinite SEQUENCE of 300,000 children without exhausting the stack', () => {
    expect(berToDer(Uint8Array.of(0x30, 0x80, 0, 0))).toEqual(Uint8Array.of(0x30, 0x00));
    const wide = new Uint8Array(2 + nulls.length + 2);
    wide.set([0x30, 0x80]);
    wide.set(nulls, 2);
    const der = berToDer(wide);
    expect(Array.from(der.subarray(0, 5))).toEqual([0x30, 0x83, 0x09, 0x27, 0xc0]);
    expect(der.length).toBe(5 + nulls.length);
  });

  it('a 600 KB SEQUENCE of 300,000 children is one problem, and 300,000 junk elements are listed up to a cap', () => {
    const wide = Uint8Array.of(0x30, 0x83, 0x09, 0x27, 0xc0); // 600,000 content octets
    const sequence = new Uint8Array(wide.length + nulls.length);
    sequence.set(wide);
    sequence.set(nulls, wide.length);
    expect(readCertificateInput(sequence).problems).toHaveLength(1);
    const junk = new Uint8Array(children * 2).fill(0).map((_, i) => (i % 2 === 0 ? 0x30 : 0x00));
    const input = readCertificateInput(junk);
    expect(input.certificates).toEqual([]);
    expect(input.problems).toHaveLength(101);
    expect(input.problems[100]!.message).toBe(`The rest of the input: ${children - 100} more damaged parts are not listed`);
  });
});
