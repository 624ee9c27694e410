import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateChain } from '../../electron/services/chain/engine/index.js';
import { CertbenchError } from '../../shared/errors.js';
import { readCertLayout } from '../../shared/pki/chain/cert-layout.js';
import { decodeExtensions } from '../../shared/pki/chain/cert-extensions.js';
import { normalizedNameKey } from '../../shared/pki/chain/name-key.js';
import { makeHierarchy, type Hierarchy } from '../helpers/chain-pki.js';

const RUNS = Number(process.env.CERTBENCH_FUZZ_RUNS ?? 200);

/** Corrupts `der` at a few positions: flips, truncation or a length byte, the faults parsers meet. */
const mutated = (der: Uint8Array) =>
  fc
    .record({
      edits: fc.array(fc.record({ at: fc.nat({ max: der.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 4 }),
      cut: fc.option(fc.nat({ max: der.length }), { nil: undefined }),
    })
    .map(({ edits, cut }) => {
      const copy = der.slice();
      for (const e of edits) copy[e.at] = e.value;
      return cut === undefined ? copy : copy.subarray(0, cut);
    });

describe('chain engine on corrupted certificates', () => {
  let pki: Hierarchy;
  beforeAll(async () => {
    pki = await makeHierarchy();
  });

  it('never throws anything but a CertbenchError for the leaf, and never trusts an edited leaf or intermediate', () => {
    fc.assert(
      fc.property(fc.constantFrom<'leaf' | 'intermediate' | 'root'>('leaf', 'intermediate', 'root'), fc.nat(), (which, seed) => {
        const target = pki[which === 'root' ? 'root' : which].der;
        const bad = fc.sample(mutated(target), { numRuns: 1, seed })[0]!;
        const certs = { leaf: pki.leaf.der, intermediate: pki.intermediate.der, root: pki.root.der, [which]: bad };
        const start = performance.now();
        try {
          const result = validateChain(
            { leaf: certs.leaf, intermediates: [certs.intermediate], anchors: [certs.root] },
            { at: new Date(), host: 'localhost', purpose: 'serverAuth' },
          );
          // Leaf and intermediate bytes are all signed (or are the signature): any real edit must break trust.
          // The anchor's own signature is never checked (RFC 5280 §6.1.1), so root edits may stay trusted.
          if (result.trusted && which !== 'root') expect(Buffer.from(bad).equals(Buffer.from(target))).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(CertbenchError);
          expect(which).toBe('leaf');
        }
        expect(performance.now() - start).toBeLessThan(1000);
      }),
      { numRuns: RUNS },
    );
  });

  it('decodes mutated extensions and names into findings or a CertbenchError, never another exception', () => {
    const layout = readCertLayout(pki.leaf.der);
    const onlyCertbench = (work: () => unknown) => {
      try {
        work();
      } catch (err) {
        expect(err).toBeInstanceOf(CertbenchError);
      }
    };
    fc.assert(
      fc.property(fc.nat({ max: layout.extensions.length - 1 }), fc.nat(), fc.nat(), (which, seed, nameSeed) => {
        const ext = layout.extensions[which]!;
        const value = fc.sample(mutated(ext.value), { numRuns: 1, seed })[0]!;
        const decoded = decodeExtensions([{ ...ext, value }]);
        expect(Array.isArray(decoded.malformed)).toBe(true);
        const name = fc.sample(mutated(layout.subject), { numRuns: 1, seed: nameSeed })[0]!;
        onlyCertbench(() => normalizedNameKey(name));
      }),
      { numRuns: RUNS },
    );
  });

  it('never trusts PKITS 4.1.1 on a corrupted CRL, and never throws', () => {
    const dir = new URL('../fixtures/chain-engine/pkits/', import.meta.url);
    const read = (path: string) => new Uint8Array(readFileSync(new URL(path, dir)));
    const [anchor, ca, leaf, rootCrl, caCrl] = ['certs/TrustAnchorRootCertificate.crt', 'certs/GoodCACert.crt', 'certs/ValidCertificatePathTest1EE.crt', 'crls/TrustAnchorRootCRL.crl', 'crls/GoodCACRL.crl'].map(read);
    const verify = (crl: Uint8Array) =>
      validateChain({ leaf: leaf!, intermediates: [ca!], anchors: [anchor!] }, { at: new Date('2011-04-15T00:00:00Z'), weakCrypto: 'warning', profile: 'rfc5280', crls: [rootCrl!, crl] });
    expect(verify(caCrl!).trusted).toBe(true);
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const bad = fc.sample(mutated(caCrl!), { numRuns: 1, seed })[0]!;
        // Every CRL byte is signed, is the signature, or is checked against a signed copy (the outer algorithm).
        if (verify(bad).trusted) expect(Buffer.from(bad).equals(Buffer.from(caCrl!))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});
