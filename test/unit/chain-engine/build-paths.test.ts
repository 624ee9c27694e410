import { beforeAll, describe, expect, it } from 'vitest';
import { buildPaths, validateChain } from '../../../electron/services/chain/engine/index.js';
import { CertbenchError } from '../../../shared/errors.js';
import { scanCertificate } from '../../../shared/pki/cert-scan.js';
import { distractorsOf, issueCert, makeCrossSignedPki, makeHierarchy, type CrossSignedPki, type Hierarchy } from '../../helpers/chain-pki.js';

const at = new Date();
const shaOrder = (certs: readonly { sha256: string }[]) => certs.map((c) => c.sha256);

describe('buildPaths', () => {
  let pki: Hierarchy;
  let cross: CrossSignedPki;
  beforeAll(async () => {
    pki = await makeHierarchy();
    cross = await makeCrossSignedPki({ expiredCrossSign: true });
  });

  it('builds leaf → intermediate → anchor whatever the input order, mapping back to the inputs', () => {
    const paths = buildPaths({ leaf: pki.leaf.der, intermediates: [pki.root.der, pki.intermediate.der], anchors: [pki.root.der] });
    expect(paths).toHaveLength(1);
    const [path] = paths;
    expect(path!.end).toBe('anchor');
    expect(path!.certs.map((c) => [c.origin, c.inputIndex])).toEqual([
      ['leaf', 0],
      ['intermediate', 1],
      ['anchor', 0],
    ]);
  });

  it('stops at the last reachable certificate when an intermediate is missing', () => {
    const [path] = buildPaths({ leaf: pki.leaf.der, intermediates: [], anchors: [pki.root.der] });
    expect(path!.end).toBe('issuer-not-found');
    expect(path!.certs).toHaveLength(1);
    const result = validateChain({ leaf: pki.leaf.der, intermediates: [], anchors: [pki.root.der] }, { at });
    expect(result.trusted).toBe(false);
    expect(result.paths[0]!.verdict.problems.map((p) => p.code)).toContain('incomplete');
  });

  it('ends in the untrusted self-signed root when it is sent but not trusted', () => {
    const result = validateChain({ leaf: pki.leaf.der, intermediates: [pki.intermediate.der, pki.root.der], anchors: [] }, { at });
    expect(result.paths[0]!.path.end).toBe('self-signed');
    expect(result.paths[0]!.verdict.problems.map((p) => [p.code, p.certIndex])).toEqual([['untrusted-root', 2]]);
  });

  it('keeps both paths of a cross-sign and ranks the valid one first when the cross-sign expired', () => {
    const input = {
      leaf: cross.leaf.der,
      intermediates: [cross.intermediate.der, cross.crossSigned.der],
      anchors: [cross.oldRoot.der, cross.root.der],
    };
    const paths = buildPaths(input);
    expect(paths.map((p) => p.certs.length).sort()).toEqual([3, 4]);
    const result = validateChain(input, { at, host: 'localhost', purpose: 'serverAuth' });
    expect(result.trusted).toBe(true);
    expect(shaOrder(result.paths[0]!.path.certs)).toHaveLength(3);
    const viaCross = result.paths[1]!;
    expect(viaCross.path.certs[2]!.origin).toBe('intermediate');
    expect(viaCross.verdict.problems.map((p) => [p.code, p.certIndex])).toEqual([['expired', 2]]);
  });

  it('terminates on cross-signing loops without an anchor', async () => {
    const a = await issueCert({ name: 'Loop A' });
    const b = await issueCert({ name: 'Loop B' });
    const aByB = await issueCert({ name: 'Loop A', issuer: b, reuse: a, ca: true });
    const bByA = await issueCert({ name: 'Loop B', issuer: a, reuse: b, ca: true });
    const leaf = await issueCert({ name: 'loop.example', issuer: aByB, dns: ['loop.example'] });
    const result = validateChain({ leaf: leaf.der, intermediates: [aByB.der, bByA.der], anchors: [] }, { at });
    expect(result.trusted).toBe(false);
    expect(result.paths.length).toBeGreaterThan(0);
    expect(result.paths.every((p) => p.path.certs.length <= 4)).toBe(true);
  });

  it('stays bounded on a mesh of 500 same-name CAs that could all issue each other', async () => {
    const mesh = await issueCert({ name: 'Mesh CA' });
    const leaf = await issueCert({ name: 'mesh.example', issuer: mesh, dns: ['mesh.example'] });
    // Same subject and issuer name, 500 different public keys (the last key octets rewritten).
    const spki = scanCertificate(mesh.der).spkiDer;
    const keyEnd = spki.byteOffset + spki.length - 1;
    const copies = Array.from({ length: 500 }, (_, i) => {
      const copy = mesh.der.slice();
      copy[keyEnd] = i & 0xff;
      copy[keyEnd - 1] = i >> 8;
      return copy;
    });
    const start = performance.now();
    const result = validateChain({ leaf: leaf.der, intermediates: copies, anchors: [] }, { at });
    expect(performance.now() - start).toBeLessThan(5000);
    expect(result.trusted).toBe(false);
    expect(result.paths.length).toBe(16);
  });

  it('rejects a leaf that is not a certificate with a parse error', () => {
    expect(() => buildPaths({ leaf: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), intermediates: [], anchors: [] })).toThrow(CertbenchError);
  });

  it('skips unreadable candidates instead of failing the whole build', () => {
    const paths = buildPaths({ leaf: pki.leaf.der, intermediates: [new Uint8Array([1, 2, 3]), pki.intermediate.der], anchors: [pki.root.der] });
    expect(paths[0]!.end).toBe('anchor');
  });

  it('finds the path among 10,000 distractor intermediates quickly', () => {
    const distractors = distractorsOf(pki.intermediate.der, 'Intermediate', 10_000);
    const start = performance.now();
    const paths = buildPaths({ leaf: pki.leaf.der, intermediates: [...distractors, pki.intermediate.der], anchors: [pki.root.der] });
    const ms = performance.now() - start;
    expect(paths[0]!.end).toBe('anchor');
    expect(paths[0]!.certs[1]!.inputIndex).toBe(10_000);
    // Generous bound for a shared 2-core machine; bench/chain-build.ts measures the warm figure.
    expect(ms).toBeLessThan(2000);
  });
});
