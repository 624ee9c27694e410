import { describe, expect, it } from 'vitest';
import { findPemBlocks, toPem } from '../../../shared/pki/pem.js';

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
});
