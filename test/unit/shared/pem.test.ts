import { describe, expect, it } from 'vitest';
import { findPemBlocks, readPemBlocks, toPem } from '../../../shared/pki/pem.js';

describe('toPem', () => {
  it('writes standard base64 in 64-character lines for every remainder and line break position', () => {
    for (let length = 0; length <= 200; length++) {
      const der = Uint8Array.from({ length }, (_, i) => (i * 151 + length * 7) & 0xff);
      const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? [];
      expect(toPem('CERTIFICATE', der)).toBe(`-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`);
    }
  });
});

describe('findPemBlocks', () => {
  const der = new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]);

  it('finds blocks despite a BOM, CRLF and prose around them', () => {
    const text = '\uFEFFHere is your cert:\r\n' + toPem('CERTIFICATE', der).replace(/\n/g, '\r\n') + 'thanks\r\n';
    const blocks = findPemBlocks(text);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.label).toBe('CERTIFICATE');
    expect([...blocks[0]!.der]).toEqual([...der]);
  });

  it('keeps the headers of legacy encrypted keys', () => {
    const text = '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMAMCAQU=\n-----END RSA PRIVATE KEY-----\n';
    const [block] = findPemBlocks(text);
    expect(block!.headers['Proc-Type']).toBe('4,ENCRYPTED');
    expect(block!.der.length).toBe(5);
  });

  it('names the block whose base64 is corrupt', () => {
    expect(() => findPemBlocks('-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----')).toThrow(/CERTIFICATE.*base64/);
  });

  it('rejects a block without an END line', () => {
    expect(() => findPemBlocks('-----BEGIN CERTIFICATE-----\nMAMCAQU=\n')).toThrow(/no END line/);
  });

  // OpenSSL reads no indented BEGIN line; Certbench reads a block indented whole and marks it (docs/pki-facts.md).
  const indent = (pem: string, by: string) => pem.replace(/^(?=.)/gm, by);

  it('reads a block indented whole, as in a YAML `|` block, and marks it indented', () => {
    for (const by of ['  ', '    ', '\t']) {
      const [block] = findPemBlocks(`tls.crt: |\n${indent(toPem('CERTIFICATE', der), by)}`);
      expect(block).toMatchObject({ label: 'CERTIFICATE', indented: true });
      expect([...block!.der]).toEqual([...der]);
    }
    expect(findPemBlocks(toPem('CERTIFICATE', der))[0]!.indented).toBe(false);
  });

  it('reads a block whose body alone is indented (OpenSSL does too) as not indented', () => {
    const [block] = findPemBlocks(toPem('CERTIFICATE', der).replace(/^(?!-----)(?=.)/gm, '   '));
    expect(block).toMatchObject({ indented: false });
  });

  it.each([
    ['an END line indented differently', (pem: string) => indent(pem, '  ').replace('  -----END', '    -----END')],
    ['an END line indented under an unindented BEGIN', (pem: string) => pem.replace('-----END', '  -----END')],
    ['a body line less indented than its armour', (pem: string) => indent(pem, '    ').replace(/\n    (?!-)/, '\n  ')],
  ])('reports a block with %s as damaged, reading the next one', (_name, unevenly) => {
    const entries = readPemBlocks(unevenly(toPem('CERTIFICATE', der)) + toPem('CERTIFICATE', der));
    expect('damaged' in entries[0]! && entries[0].damaged.error.message).toMatch(/^PEM block 1 \(CERTIFICATE\) is indented unevenly/);
    expect('block' in entries[1]! && [...entries[1].block.der]).toEqual([...der]);
  });
});
