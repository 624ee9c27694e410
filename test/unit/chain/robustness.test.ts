import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProxyUrl } from '../../../electron/services/chain/fetch/proxy-url.js';
import { parseHostTarget } from '../../../electron/services/chain/fetch/target.js';
import { CertbenchError } from '../../../shared/errors.js';
import { certificateDers } from '../../../shared/pki/certificate-input.js';

const runs = Number(process.env.CERTBENCH_FUZZ_RUNS ?? 200);

/** Whatever a server or a user hands these parsers, they answer or throw a CertbenchError. */
const onlyDomainErrors = async (work: () => unknown) => {
  try {
    await work();
  } catch (err) {
    expect(err).toBeInstanceOf(CertbenchError);
  }
};

describe('untrusted-input parsers never crash', () => {
  it('certificateDers on random and DER-looking bytes', async () => {
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }).map((b) => new Uint8Array([0x30, 0x82, 0x01, 0x00, ...b])));
    await fc.assert(fc.asyncProperty(bytes, (b) => onlyDomainErrors(() => certificateDers(b, 'http://fuzz/'))), { numRuns: runs });
  });

  it('parseHostTarget and parseProxyUrl on arbitrary text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (text) => {
        await onlyDomainErrors(() => parseHostTarget(text));
        await onlyDomainErrors(() => parseProxyUrl(text));
      }),
      { numRuns: runs },
    );
  });
});
