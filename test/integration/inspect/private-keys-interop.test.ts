import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derInteger, derOctetString, derOid, derSequence } from '../../../shared/pki/der-writer.js';
import { toPem } from '../../../shared/pki/pem.js';
import { privateKeyIsEncrypted, readPrivateKey } from '../../../electron/services/private-keys/read-private-key.js';
import { errorCodeOf } from '../../helpers/error-code.js';
import { tempDir, tool } from '../../helpers/inspect-openssl.js';

let dir: string;
let cleanup: () => Promise<void>;
let rsa: KeyObject;
let ec: KeyObject;
const file = async (name: string) => new Uint8Array(await readFile(join(dir, name)));

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('keys'));
  const o = (...args: string[]) => tool('openssl', args, dir);
  await o('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa8.pem');
  await o('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', 'ec8.pem');
  await o('rsa', '-in', 'rsa8.pem', '-traditional', '-out', 'rsa1.pem');
  await o('rsa', '-in', 'rsa8.pem', '-traditional', '-outform', 'DER', '-out', 'rsa1.der');
  await o('ec', '-in', 'ec8.pem', '-out', 'sec1.pem');
  await o('ec', '-in', 'ec8.pem', '-outform', 'DER', '-out', 'sec1.der');
  await o('pkey', '-in', 'ec8.pem', '-outform', 'DER', '-out', 'ec8.der');
  await o('pkcs8', '-topk8', '-in', 'rsa8.pem', '-v2', 'aes-256-cbc', '-passout', 'pass:pw', '-out', 'rsa8-enc.pem');
  await o('pkcs8', '-topk8', '-in', 'ec8.pem', '-v2', 'aes-128-cbc', '-passout', 'pass:pw', '-outform', 'DER', '-out', 'ec8-enc.der');
  await o('rsa', '-in', 'rsa8.pem', '-traditional', '-aes128', '-passout', 'pass:pw', '-out', 'rsa-legacy.pem');
  await o('ec', '-in', 'ec8.pem', '-aes256', '-passout', 'pass:pw', '-out', 'ec-legacy.pem');
  rsa = createPrivateKey(await readFile(join(dir, 'rsa8.pem'), 'utf8'));
  ec = createPrivateKey(await readFile(join(dir, 'ec8.pem'), 'utf8'));
});
afterAll(() => cleanup());

describe('readPrivateKey reads every encoding openssl writes', () => {
  const cases: [string, 'rsa' | 'ec', boolean][] = [
    ['rsa8.pem', 'rsa', false],
    ['ec8.der', 'ec', false],
    ['rsa1.pem', 'rsa', false],
    ['rsa1.der', 'rsa', false],
    ['sec1.pem', 'ec', false],
    ['sec1.der', 'ec', false],
    ['rsa8-enc.pem', 'rsa', true],
    ['ec8-enc.der', 'ec', true],
    ['rsa-legacy.pem', 'rsa', true],
    ['ec-legacy.pem', 'ec', true],
  ];
  for (const [name, kind, encrypted] of cases) {
    it(name, async () => {
      const bytes = await file(name);
      expect(privateKeyIsEncrypted(bytes)).toBe(encrypted);
      const key = readPrivateKey(bytes, encrypted ? 'pw' : undefined);
      expect(key.equals(kind === 'rsa' ? rsa : ec)).toBe(true);
      if (encrypted) {
        expect(errorCodeOf(() => readPrivateKey(bytes))).toBe('password-required');
        expect(errorCodeOf(() => readPrivateKey(bytes, 'wrong'))).toBe('wrong-password');
      }
    });
  }

  it('tolerates a BOM, CRLF and prose around the key', async () => {
    const text = `\uFEFFyour key:\r\n${(await readFile(join(dir, 'sec1.pem'), 'utf8')).replace(/\n/g, '\r\n')}bye\r\n`;
    expect(readPrivateKey(new TextEncoder().encode(text)).equals(ec)).toBe(true);
  });

  it('gives each bad input its own code', () => {
    const unknownAlg = derSequence(derInteger(0), derSequence(derOid('1.2.3.4.5')), derOctetString(Uint8Array.of(1, 2, 3)));
    expect(errorCodeOf(() => readPrivateKey(new TextEncoder().encode(toPem('PRIVATE KEY', unknownAlg))))).toBe('unsupported-algorithm');
    expect(errorCodeOf(() => readPrivateKey(new TextEncoder().encode(toPem('OPENSSH PRIVATE KEY', Uint8Array.of(1)))))).toBe('unsupported-algorithm');
    expect(errorCodeOf(() => readPrivateKey(new TextEncoder().encode(toPem('CERTIFICATE', Uint8Array.of(0x30, 0)))))).toBe('unrecognized-format');
    expect(errorCodeOf(() => readPrivateKey(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00)))).toBe('unrecognized-format');
    expect(errorCodeOf(() => readPrivateKey(new TextEncoder().encode('-----BEGIN PRIVATE KEY-----\n!!\n-----END PRIVATE KEY-----\n')))).toBe('bad-base64');
    expect(errorCodeOf(() => readPrivateKey(derSequence(derInteger(0), derInteger(5), derInteger(3))))).toBe('parse');
  });
});

describe('readPrivateKey refuses what OpenSSL 3 dropped, by name', () => {
  it('legacy PEM encrypted with DES-CBC', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-CBC,0011223344556677\n\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n';
    expect(errorCodeOf(() => readPrivateKey(new TextEncoder().encode(pem), 'pw'))).toBe('unsupported-algorithm');
  });
});
