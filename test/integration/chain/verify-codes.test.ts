import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainReport } from '../../../shared/model/chain.js';
import { makeChainTestEnv, type ChainTestEnv } from '../../helpers/chain-env.js';
import { CA_EXT, LEAF_EXT, opensslIssue, type OpensslCert } from '../../helpers/chain-openssl.js';

/** `chain verify` on files made by the real openssl CLI, one per diagnosis code a file can show. */
describe('chain verify diagnoses from openssl-made certificates', () => {
  let t: ChainTestEnv;
  let root: OpensslCert;
  let inter: OpensslCert;
  let trust: string;

  const verify = (...certs: OpensslCert[]): Promise<ChainReport> =>
    t.service.verifyFiles(certs.map((c) => c.cert), { hostname: 'localhost', trust: [trust] });
  const codes = (r: ChainReport) => r.diagnoses.map((d) => d.code);

  beforeAll(async () => {
    t = await makeChainTestEnv();
    root = opensslIssue(t.dir, { name: 'Codes Root', ext: CA_EXT, days: 3650 });
    inter = opensslIssue(t.dir, { name: 'Codes Intermediate', issuer: root, ext: CA_EXT });
    trust = `pem:${root.cert}`;
  });
  afterAll(() => t.cleanup());

  it('trusts a legacy root whose basicConstraints is not critical, as real clients do, with a lint warning', async () => {
    const legacyRoot = opensslIssue(t.dir, { name: 'Legacy Root', ext: 'basicConstraints=CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign', days: 3650 });
    const leaf = opensslIssue(t.dir, { name: 'under-legacy', issuer: legacyRoot, ext: LEAF_EXT });
    const own = await t.service.verifyFiles([leaf.cert], { hostname: 'localhost', trust: [`pem:${legacyRoot.cert}`] });
    expect(own.trusted).toBe(true);
    expect(own.paths[0]!.problems.map((p) => p.code)).toContain('nonconforming');
    expect(own.diagnoses.map((d) => [d.code, d.severity])).toContainEqual(['lint', 'warning']);
    expect(own.clients.every((c) => c.trusted || c.client === 'macos')).toBe(true);
  });

  it('a sound chain has no diagnosis', async () => {
    const r = await verify(opensslIssue(t.dir, { name: 'sound', issuer: inter, ext: LEAF_EXT }), inter);
    expect(r.trusted).toBe(true);
    expect(r.diagnoses).toEqual([]);
  });

  it('expiring-soon: a leaf with 10 days left is trusted with a warning to renew', async () => {
    const r = await verify(opensslIssue(t.dir, { name: 'soon', issuer: inter, ext: LEAF_EXT, days: 10 }), inter);
    expect(r.trusted).toBe(true);
    expect(r.diagnoses).toMatchObject([{ code: 'expiring-soon', severity: 'warning', fix: { place: 'reissue' } }]);
  });

  it('weak-key: RSA 1024', async () => {
    expect(codes(await verify(opensslIssue(t.dir, { name: 'weak-key', issuer: inter, ext: LEAF_EXT, rsaBits: 1024 }), inter))).toContain('weak-key');
  });

  it('weak-signature: SHA-1', async () => {
    expect(codes(await verify(opensslIssue(t.dir, { name: 'sha1', issuer: inter, ext: LEAF_EXT, digest: 'sha1' }), inter))).toContain('weak-signature');
  });

  it('not-a-ca: an end-entity certificate used as issuer', async () => {
    const fake = opensslIssue(t.dir, { name: 'Not A CA', issuer: root, ext: 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature' });
    const r = await verify(opensslIssue(t.dir, { name: 'under-ee', issuer: fake, ext: LEAF_EXT }), fake);
    expect(r.trusted).toBe(false);
    expect(codes(r)).toContain('not-a-ca');
  });

  it('path-length-exceeded: a sub-CA below pathlen:0', async () => {
    const capped = opensslIssue(t.dir, { name: 'Capped CA', issuer: root, ext: 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign' });
    const sub = opensslIssue(t.dir, { name: 'Sub CA', issuer: capped, ext: CA_EXT });
    expect(codes(await verify(opensslIssue(t.dir, { name: 'deep', issuer: sub, ext: LEAF_EXT }), sub, capped))).toContain('path-length-exceeded');
  });

  it('eku-mismatch: a clientAuth-only certificate on a server', async () => {
    const ext = LEAF_EXT.replace('serverAuth', 'clientAuth');
    expect(codes(await verify(opensslIssue(t.dir, { name: 'client-only', issuer: inter, ext }), inter))).toContain('eku-mismatch');
  });

  it('name-constraint-violation: a CA limited to .corp.example issuing for localhost', async () => {
    const limited = opensslIssue(t.dir, { name: 'Limited CA', issuer: root, ext: `${CA_EXT}\nnameConstraints=critical,permitted;DNS:.corp.example` });
    const r = await verify(opensslIssue(t.dir, { name: 'outside', issuer: limited, ext: LEAF_EXT }), limited);
    expect(codes(r)).toContain('name-constraint-violation');
    expect(r.diagnoses.find((d) => d.code === 'name-constraint-violation')!.fix.place).toBe('reissue');
  });

  it('untrusted-root: the chain stops at an intermediate whose root is not a trust anchor', async () => {
    const otherRoot = opensslIssue(t.dir, { name: 'Other Root', ext: CA_EXT });
    const otherInter = opensslIssue(t.dir, { name: 'Other Intermediate', issuer: otherRoot, ext: CA_EXT });
    const r = await verify(opensslIssue(t.dir, { name: 'other', issuer: otherInter, ext: LEAF_EXT }), otherInter);
    expect(r.diagnoses[0]).toMatchObject({ code: 'untrusted-root', fix: { place: 'trust-store' } });
    expect(r.diagnoses[0]!.message).toContain('Other Root');
  });
});
