import { describe, expect, it } from 'vitest';
import { leafDifference } from '../../../electron/services/chain/diagnose/inspection-signs.js';
import { X509Certificate } from '../../../shared/pki/x509.js';
import { basicHierarchy, issue } from '../../helpers/chain-certs.js';

/** The proxied leaf against the one a direct connection got: key first, then issuer. */
describe('leafDifference', () => {
  it('finds none for the same leaf, or a renewal with the same key and issuer', async () => {
    const { inter, leaf } = await basicHierarchy();
    const renewed = await issue({ name: 'localhost', issuer: inter, dns: ['localhost'], keys: leaf.keys });
    expect(leafDifference(new X509Certificate(leaf.der), new X509Certificate(leaf.der))).toBeUndefined();
    expect(leafDifference(new X509Certificate(leaf.der), new X509Certificate(renewed.der))).toBeUndefined();
  });

  it('names the key and both issuers when the proxy minted its own leaf', async () => {
    const { leaf } = await basicHierarchy();
    const proxyCa = await issue({ name: 'Example Corp Gateway', ca: true });
    const forged = await issue({ name: 'localhost', issuer: proxyCa, dns: ['localhost'] });
    expect(leafDifference(new X509Certificate(forged.der), new X509Certificate(leaf.der))).toBe(
      'its key differs and it was issued by "CN=Certbench Test Intermediate", not "CN=Example Corp Gateway"',
    );
  });

  it('names the issuers when only the issuer differs (same key re-signed by the proxy)', async () => {
    const { leaf } = await basicHierarchy();
    const proxyCa = await issue({ name: 'Example Corp Gateway', ca: true });
    const resigned = await issue({ name: 'localhost', issuer: proxyCa, dns: ['localhost'], keys: leaf.keys });
    expect(leafDifference(new X509Certificate(resigned.der), new X509Certificate(leaf.der))).toBe('it was issued by "CN=Certbench Test Intermediate", not "CN=Example Corp Gateway"');
  });
});
