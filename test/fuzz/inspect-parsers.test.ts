import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services/services.js';
import { defaultServiceEnv } from '../../electron/services/service-env.js';
import { readPrivateKey } from '../../electron/services/private-keys/read-private-key.js';
import { CertbenchError } from '../../shared/errors.js';
import { fromBase64 } from '../../shared/pki/bytes.js';
import { scanCertificate, scanPemOrDerBundle } from '../../shared/pki/cert-scan.js';
import { describeCertificate } from '../../shared/pki/certificate-detail.js';
import { checkedCertificate, readCertificateInput } from '../../shared/pki/certificate-input.js';
import { toPem } from '../../shared/pki/pem.js';
import { derOf, makeTestCa, makeTestLeaf } from '../helpers/inspect-certs.js';
import { generateKeyPairSync } from 'node:crypto';

/** Cases per property; `npm run fuzz` sets 100,000 (issue 6: ≥ 100k in total, zero crashes or hangs). */
const RUNS = Number(process.env.CERTBENCH_FUZZ_RUNS ?? 300);
const ZLINT = join(import.meta.dirname, '../fixtures/inspect/zlint');

const seeds: Uint8Array[] = [];
let keyDer: Uint8Array;
const services = await createServices(defaultServiceEnv({ now: () => new Date('2026-01-01T00:00:00Z') }));

/** Runs `fn`; only a CertbenchError may escape (anything else is a crash the property reports). */
function onlyDomainErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof CertbenchError)) throw err;
  }
}

/** A seed with a few bytes flipped, inserted, deleted or truncated: mutation fuzzing of real inputs. */
const mutated = (pick: () => Uint8Array[]) =>
  fc
    .tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('flip', 'insert', 'delete', 'cut')), { minLength: 1, maxLength: 4 }))
    .map(([which, edits]) => {
      const list = pick();
      let bytes = Array.from(list[which % list.length]!);
      for (const [at, value, op] of edits) {
        const i = bytes.length ? at % bytes.length : 0;
        if (op === 'flip') bytes[i] = value;
        else if (op === 'insert') bytes.splice(i, 0, value);
        else if (op === 'delete') bytes.splice(i, 1);
        else bytes = bytes.slice(0, i);
      }
      return Uint8Array.from(bytes);
    });

beforeAll(async () => {
  const ca = await makeTestCa('Fuzz CA', 1);
  const leaf = await makeTestLeaf(ca, 'fuzz.example', ['fuzz.example', 'www.fuzz.example']);
  seeds.push(derOf(ca.cert), derOf(leaf.cert));
  for (const name of ['certVersion1NoExtensions.pem', 'serialNumberNegative.pem', 'extUnknownDuplicated.pem', 'utf8NoControl.pem']) {
    seeds.push(...scanPemOrDerBundle(readFileSync(join(ZLINT, name))).map((s) => s.der));
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  keyDer = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
});

describe('fromBase64 (the PEM decoder every bundle goes through)', () => {
  it('decodes like Buffer whatever the line breaks, and refuses missing padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.tuple(fc.nat(), fc.constantFrom('\n', '\r\n', ' ', '\t'))), fc.boolean(), (bytes, breaks, stripPad) => {
        let text = Buffer.from(bytes).toString('base64');
        const unpadded = stripPad && text.endsWith('=');
        if (stripPad) text = text.replace(/=+$/, '');
        for (const [at, ws] of breaks) {
          const i = text.length ? at % text.length : 0;
          text = text.slice(0, i) + ws + text.slice(i);
        }
        if (unpadded) expect(() => fromBase64(text)).toThrow(RangeError);
        else expect(Buffer.from(fromBase64(text))).toEqual(Buffer.from(bytes));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the certificate reader on mutated PEM bundles', () => {
  it('throws only CertbenchError and lists only exact certificates', () => {
    fc.assert(
      fc.property(
        mutated(() => [new TextEncoder().encode(seeds.map((d) => toPem('CERTIFICATE', d)).join('\r\nnote\n'))]),
        (bytes) => {
          let found;
          try {
            found = readCertificateInput(bytes);
          } catch (err) {
            expect(err).toBeInstanceOf(CertbenchError);
            return;
          }
          for (const { der } of found.certificates) expect(checkedCertificate(der)).toBe(der);
          for (const problem of found.problems) expect(problem.message.startsWith(problem.origin)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('parsers never throw anything but CertbenchError, and never hang', () => {
  it('scanCertificate and describeCertificate on mutated certificates', () => {
    fc.assert(
      fc.property(
        mutated(() => seeds),
        (bytes) => {
          onlyDomainErrors(() => scanCertificate(bytes));
          onlyDomainErrors(() => describeCertificate(bytes, new Date(0)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('InspectService.openBytes on mutated DER and PEM, and on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutated(() => seeds),
          mutated(() => seeds.map((d) => new TextEncoder().encode(toPem('CERTIFICATE', d)))),
          fc.uint8Array({ maxLength: 512 }),
        ),
        async (bytes) => {
          try {
            await services.inspect.openBytes('fuzz', bytes, 'fuzz');
          } catch (err) {
            expect(err).toBeInstanceOf(CertbenchError);
          }
          services.store.clear();
        },
      ),
      { numRuns: RUNS },
    );
  });

  // Mutated PFX files: test/fuzz/pkcs12-differential.test.ts, against node-forge and openssl.
  it('readPrivateKey on mutated files', () => {
    fc.assert(
      fc.property(mutated(() => [keyDer]), (keyBytes) => {
        onlyDomainErrors(() => readPrivateKey(keyBytes));
      }),
      { numRuns: Math.max(1, Math.floor(RUNS / 10)) },
    );
  });
});
