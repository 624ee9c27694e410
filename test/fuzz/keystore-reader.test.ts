import fc from 'fast-check';
import forge from 'node-forge';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readKeystore } from '../../electron/services/keystore/keystore-reader.js';
import { CertbenchError } from '../../shared/errors.js';

const RUNS = Number(process.env.CERTBENCH_FUZZ_RUNS ?? 200);
const FIXTURES = join(import.meta.dirname, '../fixtures/keystore');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** A PKCS#12 with the given certificates (no key), SHA-1 MAC, made by node-forge with the named PBE. */
async function pkcs12Of(ders: readonly Uint8Array[], algorithm: '3des' | 'aes256'): Promise<Uint8Array> {
  const certs = ders.map((der) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(Buffer.from(der).toString('binary'))));
  const asn1 = forge.pkcs12.toPkcs12Asn1(null, certs, 'fuzzpass', { algorithm, friendlyName: 'fuzz' });
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
}

const mutated = (bytes: Uint8Array) =>
  fc
    .record({
      edits: fc.array(fc.record({ at: fc.nat({ max: bytes.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 }),
      cut: fc.option(fc.nat({ max: bytes.length }), { nil: undefined }),
    })
    .map(({ edits, cut }) => {
      const copy = bytes.slice();
      for (const e of edits) copy[e.at] = e.value;
      return cut === undefined ? copy : copy.subarray(0, cut);
    });

async function onlyCertbenchErrors(bytes: Uint8Array, password: string | undefined): Promise<void> {
  try {
    await readKeystore(bytes, password);
  } catch (err) {
    if (!(err instanceof CertbenchError)) throw err;
  }
}

describe('keystore readers on corrupted stores', () => {
  it('reads forge-made PKCS#12 files (3DES and PBES2/AES) and verifies their SHA-1 MAC', async () => {
    const ders = (await readKeystore(fixture('3certs.jks'))).entries.map((e) => e.certificates[0]!.der);
    for (const algorithm of ['3des', 'aes256'] as const) {
      const store = await readKeystore(await pkcs12Of(ders, algorithm), 'fuzzpass');
      expect(store.integrity).toBe('verified');
      // Certificates without Oracle's trustedKeyUsage attribute are not entries for Java.
      expect(store.entries).toEqual([]);
      expect(store.warnings.join()).toMatch(/trustedKeyUsage/);
    }
  });

  it('never throws anything but a CertbenchError on JKS, JCEKS and PKCS#12 damage', async () => {
    const ders = (await readKeystore(fixture('3certs.jks'))).entries.map((e) => e.certificates[0]!.der);
    const inputs: [Uint8Array, string | undefined][] = [
      [fixture('3certs.jks'), undefined],
      [fixture('custom_entry_passwords.jceks'), undefined],
      [await pkcs12Of(ders, 'aes256'), 'fuzzpass'],
      [await pkcs12Of(ders, '3des'), 'fuzzpass'],
    ];
    for (const [bytes, password] of inputs) {
      await fc.assert(
        fc.asyncProperty(mutated(bytes), (damaged) => onlyCertbenchErrors(damaged, password)),
        { numRuns: RUNS },
      );
    }
  });
});
