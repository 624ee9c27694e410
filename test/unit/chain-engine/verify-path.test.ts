import { beforeAll, describe, expect, it } from 'vitest';
import { validateChain, type PathProblemCode, type VerifyOptions } from '../../../electron/services/chain/engine/index.js';
import { daysFrom, issueCert, makeHierarchy, selfSignedLeaf, unknownCriticalExtension, type Hierarchy, type PkiCert } from '../../helpers/chain-pki.js';

const now = new Date();
const tls: VerifyOptions = { at: now, host: 'localhost', purpose: 'serverAuth' };

/** Codes of the best path's problems as "code@index". */
function problems(leaf: PkiCert, chain: readonly PkiCert[], anchors: readonly PkiCert[], options: VerifyOptions = tls): string[] {
  const result = validateChain({ leaf: leaf.der, intermediates: chain.map((c) => c.der), anchors: anchors.map((c) => c.der) }, options);
  return result.paths[0]!.verdict.problems.map((p) => `${p.code}@${p.certIndex}`);
}
const only = (code: PathProblemCode, index: number) => [`${code}@${index}`];

describe('verifyPath', () => {
  let pki: Hierarchy;
  beforeAll(async () => {
    pki = await makeHierarchy();
  });

  it('accepts a good chain for its host and IP', () => {
    expect(problems(pki.leaf, [pki.intermediate], [pki.root])).toEqual([]);
    expect(problems(pki.leaf, [pki.intermediate], [pki.root], { ...tls, host: '127.0.0.1' })).toEqual([]);
  });

  it('compares a Unicode host in its A-label form', async () => {
    const idn = await issueCert({ name: 'xn--bcher-kva.example', issuer: pki.intermediate, dns: ['xn--bcher-kva.example'] });
    expect(problems(idn, [pki.intermediate], [pki.root], { ...tls, host: 'bücher.example' })).toEqual([]);
  });

  it('reports a host the SAN does not name', () => {
    expect(problems(pki.leaf, [pki.intermediate], [pki.root], { ...tls, host: 'example.com' })).toEqual(only('hostname-mismatch', 0));
  });

  it('checks validity at the chosen time, per certificate', async () => {
    const root = await issueCert({ name: 'Long Root', notBefore: daysFrom(now, -200) });
    const expired = await issueCert({ name: 'Old Intermediate', issuer: root, ca: true, notBefore: daysFrom(now, -100), notAfter: daysFrom(now, -1) });
    const leaf = await issueCert({ name: 'localhost', issuer: expired, dns: ['localhost'], notBefore: daysFrom(now, -50) });
    expect(problems(leaf, [expired], [root])).toEqual(only('expired', 1));
    expect(problems(leaf, [expired], [root], { ...tls, at: daysFrom(now, -10) })).toEqual([]);
    expect(problems(pki.leaf, [pki.intermediate], [pki.root], { ...tls, at: daysFrom(now, -2) })).toEqual(['not-yet-valid@0', 'not-yet-valid@1', 'not-yet-valid@2']);
  });

  it('reports a signature made by another key under the same issuer name', async () => {
    const impostor = await issueCert({ name: 'Certbench Test Intermediate', issuer: pki.root, ca: true });
    const leaf = await issueCert({ name: 'localhost', issuer: impostor, dns: ['localhost'] });
    expect(problems(leaf, [pki.intermediate], [pki.root])).toContain('bad-signature@0');
  });

  it('enforces basicConstraints cA and pathLenConstraint (RFC 5280 §4.2.1.9)', async () => {
    const notCa = await issueCert({ name: 'Not A CA', issuer: pki.root, ca: false, keyUsage: 1, eku: null });
    const leaf = await issueCert({ name: 'localhost', issuer: notCa, dns: ['localhost'] });
    // Its keyUsage (digitalSignature only) lacks keyCertSign too: both are reported.
    expect(problems(leaf, [notCa], [pki.root])).toEqual(['not-a-ca@1', 'key-usage@1']);

    const sub = await issueCert({ name: 'Sub CA', issuer: pki.intermediate, ca: true });
    const deep = await issueCert({ name: 'localhost', issuer: sub, dns: ['localhost'] });
    expect(problems(deep, [sub, pki.intermediate], [pki.root])).toEqual(only('path-length-exceeded', 2));
  });

  it('applies name constraints to names below the constrained CA', async () => {
    const constrained = await issueCert({ name: 'Constrained CA', issuer: pki.root, ca: true, permittedDns: ['example.com'], excludedIps: ['10.0.0.0/8'] });
    const inside = await issueCert({ name: 'www.example.com', issuer: constrained, dns: ['www.example.com'] });
    const outside = await issueCert({ name: 'evil.test', issuer: constrained, dns: ['evil.test'] });
    const excludedIp = await issueCert({ name: 'www.example.com', issuer: constrained, dns: ['www.example.com'], ips: ['10.1.2.3'] });
    const opts = { ...tls, host: undefined };
    expect(problems(inside, [constrained], [pki.root], opts)).toEqual([]);
    expect(problems(outside, [constrained], [pki.root], opts)).toEqual(only('name-constraint-violation', 0));
    expect(problems(excludedIp, [constrained], [pki.root], opts)).toEqual(only('name-constraint-violation', 0));
  });

  it('requires the purpose in the leaf EKU', async () => {
    const codeSigning = await issueCert({ name: 'localhost', issuer: pki.intermediate, dns: ['localhost'], eku: ['codeSigning'] });
    expect(problems(codeSigning, [pki.intermediate], [pki.root])).toEqual(only('eku-mismatch', 0));
    expect(problems(codeSigning, [pki.intermediate], [pki.root], { at: now })).toEqual([]);
  });

  it('rejects unknown critical extensions', async () => {
    const leaf = await issueCert({ name: 'localhost', issuer: pki.intermediate, dns: ['localhost'], extensions: [unknownCriticalExtension()] });
    expect(problems(leaf, [pki.intermediate], [pki.root])).toEqual(only('unknown-critical-extension', 0));
  });

  it('flags weak keys and SHA-1 signatures, as warnings when asked', async () => {
    const weak = await issueCert({ name: 'localhost', issuer: pki.intermediate, dns: ['localhost'], key: { kind: 'rsa', bits: 1024 } });
    expect(problems(weak, [pki.intermediate], [pki.root])).toEqual(only('weak-key', 0));
    const sha1 = await issueCert({ name: 'localhost', issuer: pki.intermediate, dns: ['localhost'], hash: 'SHA-1' });
    expect(problems(sha1, [pki.intermediate], [pki.root])).toEqual(only('weak-signature', 0));
    const lenient = validateChain({ leaf: sha1.der, intermediates: [pki.intermediate.der], anchors: [pki.root.der] }, { ...tls, weakCrypto: 'warning' });
    expect(lenient.trusted).toBe(true);
    expect(lenient.paths[0]!.verdict.problems.map((p) => p.severity)).toEqual(['warning']);
  });

  it('verifies RSA PKCS#1, RSA-PSS, P-384, P-521 and Ed25519 signatures', async () => {
    const root = await issueCert({ name: 'RSA Root', key: { kind: 'rsa', bits: 2048 } });
    const pss = await issueCert({ name: 'PSS Intermediate', issuer: root, ca: true, key: { kind: 'rsa-pss', bits: 2048 } });
    const p384 = await issueCert({ name: 'P-384 Intermediate', issuer: pss, ca: true, key: { kind: 'ec', curve: 'P-384' } });
    const p521 = await issueCert({ name: 'P-521 Intermediate', issuer: p384, ca: true, key: { kind: 'ec', curve: 'P-521' }, hash: 'SHA-384' });
    const ed = await issueCert({ name: 'Ed25519 Intermediate', issuer: p521, ca: true, key: { kind: 'ed25519' }, hash: 'SHA-384' });
    const leaf = await issueCert({ name: 'localhost', issuer: ed, dns: ['localhost'] });
    expect(problems(leaf, [ed, p521, p384, pss], [root])).toEqual([]);
    const forged = Uint8Array.from(leaf.der);
    forged[forged.length - 5]! ^= 0x01;
    const result = validateChain({ leaf: forged, intermediates: [ed.der], anchors: [ed.der] }, tls);
    expect(result.paths[0]!.verdict.problems.map((p) => p.code)).toContain('bad-signature');
  });

  it('names a self-signed leaf, and trusts it once it is an anchor itself', async () => {
    const self = await selfSignedLeaf();
    expect(problems(self, [], [pki.root])).toEqual(only('self-signed-leaf', 0));
    expect(problems(self, [], [self])).toEqual([]);
  });

  it('grades a legacy-shaped anchor by anchorFaults, and accepts it under the rfc5280 profile', async () => {
    const legacyRoot = await issueCert({ name: 'Legacy Root', basicConstraintsCritical: false });
    const inter = await issueCert({ name: 'Under Legacy', issuer: legacyRoot, ca: true });
    const leaf = await issueCert({ name: 'localhost', issuer: inter, dns: ['localhost'] });
    const input = { leaf: leaf.der, intermediates: [inter.der], anchors: [legacyRoot.der] };
    const strict = validateChain(input, { ...tls, anchorFaults: 'error' });
    expect(strict.trusted).toBe(false);
    expect(strict.paths[0]!.verdict.problems.map((p) => `${p.code}@${p.certIndex}`)).toEqual(['nonconforming@2']);
    const store = validateChain(input, tls);
    expect(store.trusted).toBe(true);
    expect(store.paths[0]!.verdict.problems.map((p) => p.severity)).toEqual(['warning']);
    expect(validateChain(input, { ...tls, profile: 'rfc5280' }).paths[0]!.verdict.problems).toEqual([]);
  });
});
