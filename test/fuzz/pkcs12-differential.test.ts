import fc from 'fast-check';
import forge from 'node-forge';
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPfx } from '../../electron/services/pkcs12/read-pfx.js';
import { CertbenchError } from '../../shared/errors.js';
import { makeOpensslChain, tempDir, tool } from '../helpers/inspect-openssl.js';

/**
 * The PKCS#12 reader against the two other readers at hand, on PFX files openssl writes with
 * different PBEs, MACs, bag counts and passwords: node-forge and `openssl pkcs12` must find the
 * same certificates (SHA-256, in order) and the same keys. Mutants of those files may be refused,
 * but only with a CertbenchError, and whatever the reader still opens, openssl must open too, with
 * the same contents.
 */
const RUNS = Number(process.env.CERTBENCH_FUZZ_RUNS ?? 200);

interface Variant {
  readonly name: string;
  readonly password: string;
  readonly args: readonly string[];
  /** openssl 3 reads RC2 only with its legacy provider. */
  readonly legacy?: boolean;
  readonly keys: boolean;
}

const VARIANTS: readonly Variant[] = [
  { name: 'OpenSSL 3 default: PBES2/AES-256, SHA-256 MAC', password: 'secret', args: [], keys: true },
  { name: '3DES for both, SHA-1 MAC, non-ASCII password', password: 'pässwörd €', args: ['-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'], keys: true },
  { name: 'legacy: RC2-40 certificates', password: 'secret', args: ['-legacy'], legacy: true, keys: true },
  { name: 'AES-128 certificates, AES-192 key, SHA-512 MAC, 5,000 iterations', password: 'secret', args: ['-certpbe', 'AES-128-CBC', '-keypbe', 'AES-192-CBC', '-macalg', 'sha512', '-iter', '5000'], keys: true },
  { name: 'no encryption, no MAC, empty password', password: '', args: ['-certpbe', 'NONE', '-keypbe', 'NONE', '-nomac'], keys: true },
  { name: 'empty password, default PBEs', password: '', args: [], keys: true },
  { name: 'no MAC, encrypted', password: 'secret', args: ['-nomac'], keys: true },
  { name: 'certificates only, three of them', password: 'x', args: ['-nokeys'], keys: false },
  { name: 'one iteration, no MAC iteration', password: 'secret', args: ['-noiter', '-nomaciter'], keys: true },
];

interface Contents {
  readonly certificates: readonly string[];
  readonly keys: readonly KeyObject[];
}

const sha256 = (der: Uint8Array): string => new X509Certificate(der).fingerprint256.replace(/:/g, '').toLowerCase();

let dir: string;
let cleanup: () => Promise<void>;
const files = new Map<string, Uint8Array>();

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('pkcs12-diff'));
  // RSA: node-forge reads no EC keys or certificates.
  await makeOpensslChain(dir, 'rsa');
  await writeFile(join(dir, 'three.pem'), (await Promise.all(['leaf.pem', 'ca.pem', 'leaf.pem'].map((f) => readFile(join(dir, f), 'utf8')))).join(''));
  for (const [i, v] of VARIANTS.entries()) {
    const input = v.keys ? ['-in', 'leaf.pem', '-inkey', 'leaf.key', '-certfile', 'ca.pem'] : ['-in', 'three.pem', '-nokeys'];
    const out = `v${i}.p12`;
    await tool('openssl', ['pkcs12', '-export', ...input, ...v.args.filter((a) => a !== '-nokeys'), '-name', 'leaf', '-out', out, '-passout', `pass:${v.password}`], dir);
    files.set(v.name, new Uint8Array(await readFile(join(dir, out))));
  }
}, 120_000);
afterAll(() => cleanup());

async function ours(bytes: Uint8Array, password: string): Promise<Contents> {
  const pfx = await readPfx(bytes, password);
  return { certificates: pfx.certificates.map((c) => sha256(c.der)), keys: pfx.keys.map((k) => k.key) };
}

/** `openssl pkcs12 -nodes`; undefined when openssl refuses the file. */
async function openssl(bytes: Uint8Array, password: string, legacy: boolean): Promise<Contents | undefined> {
  const path = join(dir, 'probe.p12');
  await writeFile(path, bytes);
  try {
    const { stdout } = await tool('openssl', ['pkcs12', '-in', path, '-nodes', '-passin', `pass:${password}`, ...(legacy ? ['-legacy'] : [])]);
    const blocks = [...stdout.matchAll(/-----BEGIN ([A-Z ]+)-----[\s\S]*?-----END \1-----/g)];
    return {
      certificates: blocks.filter((b) => b[1] === 'CERTIFICATE').map((b) => sha256(new Uint8Array(new X509Certificate(b[0]).raw))),
      keys: blocks.filter((b) => b[1]!.endsWith('PRIVATE KEY')).map((b) => createPrivateKey(b[0])),
    };
  } catch {
    return undefined;
  }
}

function nodeForge(bytes: Uint8Array, password: string): Contents {
  const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(Buffer.from(bytes).toString('binary')), password);
  const certBags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const keyBags = [forge.pki.oids.pkcs8ShroudedKeyBag!, forge.pki.oids.keyBag!].flatMap((type) => p12.getBags({ bagType: type })[type] ?? []);
  const der = (cert: forge.pki.Certificate) => new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));
  return {
    certificates: certBags.map((b) => sha256(der(b.cert!))),
    keys: keyBags.map((b) => createPrivateKey(forge.pki.privateKeyToPem(b.key!))),
  };
}

const sameKeys = (a: readonly KeyObject[], b: readonly KeyObject[]) => a.length === b.length && a.every((k, i) => k.equals(b[i]!));

describe('PKCS#12 reader agrees with openssl and node-forge', () => {
  for (const v of VARIANTS) {
    it(v.name, async () => {
      const bytes = files.get(v.name)!;
      const mine = await ours(bytes, v.password);
      const theirs = await openssl(bytes, v.password, v.legacy ?? false);
      expect(theirs).toBeDefined();
      expect(mine.certificates).toEqual(theirs!.certificates);
      expect(sameKeys(mine.keys, theirs!.keys)).toBe(true);
      expect(mine.certificates.length).toBe(v.keys ? 2 : 3);
      const forged = nodeForge(bytes, v.password);
      expect(forged.certificates).toEqual(mine.certificates);
      expect(sameKeys(forged.keys, mine.keys)).toBe(true);
    });
  }
});

const mutant = (bytes: Uint8Array) =>
  fc
    .record({
      edits: fc.array(fc.record({ at: fc.nat({ max: bytes.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 3 }),
      cut: fc.option(fc.nat({ max: bytes.length }), { nil: undefined, freq: 8 }),
    })
    .map(({ edits, cut }) => {
      const copy = bytes.slice();
      for (const e of edits) copy[e.at] = e.value;
      return cut === undefined ? copy : copy.subarray(0, cut);
    });

describe('mutated PFX files', () => {
  for (const v of VARIANTS) {
    it(`${v.name}: refused with a CertbenchError, or read as openssl reads it`, async () => {
      const bytes = files.get(v.name)!;
      await fc.assert(
        fc.asyncProperty(mutant(bytes), async (damaged) => {
          let mine: Contents;
          try {
            mine = await ours(damaged, v.password);
          } catch (err) {
            if (err instanceof CertbenchError && err.code !== 'internal') return;
            throw err;
          }
          const theirs = await openssl(damaged, v.password, v.legacy ?? false);
          expect(theirs, 'openssl refuses a file Certbench opened').toBeDefined();
          expect(mine.certificates).toEqual(theirs!.certificates);
          expect(sameKeys(mine.keys, theirs!.keys)).toBe(true);
        }),
        { numRuns: Math.max(10, Math.floor(RUNS / 4)) },
      );
    });
  }
});
