import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeKey, rememberDecodedKey } from '../../../electron/services/chain/engine/public-key.js';
import { parseForVerify } from '../../../electron/services/chain/engine/parsed-cert.js';
import { issue } from '../../helpers/chain-certs.js';

describe('keys the TLS stack already decoded', () => {
  it.each([
    ['RSA 1024', () => generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey],
    ['RSA 2048', () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey],
    ['EC P-256', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey],
    ['EC secp256k1', () => generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).publicKey],
    ['Ed25519', () => generateKeyPairSync('ed25519').publicKey],
  ])('%s: the same facts and problems as decoding the SPKI afresh', (_name, make) => {
    const key = make();
    const spki = new Uint8Array(key.export({ type: 'spki', format: 'der' }));
    const { key: fresh, ...afresh } = describeKey(spki);
    const { key: given, ...reused } = describeKey(spki, key);
    expect(reused).toEqual(afresh);
    expect(given === undefined).toBe(fresh === undefined);
  });

  it('are what verification uses for that certificate', async () => {
    const cert = await issue({ name: 'Decoded Key Leaf' });
    const der = new Uint8Array(cert.der);
    const key = new X509Certificate(der).publicKey;
    rememberDecodedKey(der, key);
    const parsed = parseForVerify(der);
    expect(parsed.ok && parsed.cert.key.key).toBe(key);
  });
});
