import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainReport } from '../../../shared/model/chain.js';
import { daysFromNow, issue, type TestCert } from '../../helpers/chain-certs.js';
import { makeChainTestEnv, type ChainTestEnv } from '../../helpers/chain-env.js';
import { startChainServer, startFileServer, type ChainServer, type FileServer } from '../../helpers/chain-servers.js';

/** Real loopback TLS servers, one per broken-chain story an admin meets, verified end to end. */
describe('chain fetch scenarios', () => {
  let t: ChainTestEnv;
  let aia: FileServer;
  let root: TestCert;
  let inter: TestCert;
  let trust: string;
  const servers: ChainServer[] = [];

  const serve = async (leaf: TestCert, chain: TestCert[]) => {
    const s = await startChainServer(leaf, chain);
    servers.push(s);
    return s;
  };
  const fetchReport = (s: ChainServer, extra: { servername?: string; aia?: boolean; trust?: string[] } = {}) =>
    t.service.fetch({ target: s.target, servername: extra.servername ?? 'localhost', trust: extra.trust ?? [trust], aia: extra.aia });
  const codes = (r: ChainReport) => r.diagnoses.map((d) => d.code);
  const leafFor = (issuer: TestCert, more: Partial<Parameters<typeof issue>[0]> = {}) =>
    issue({ name: 'localhost', issuer, dns: ['localhost'], ...more });

  beforeAll(async () => {
    t = await makeChainTestEnv();
    root = await issue({ name: 'Scenario Root' });
    inter = await issue({ name: 'Scenario Intermediate', issuer: root, ca: true });
    trust = `pem:${await t.writePem('roots.pem', [root])}`;
    aia = await startFileServer({ '/inter.cer': inter.der });
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await aia.close();
    await t.cleanup();
  });

  it('a good chain is trusted, with the corrected bundle leaf → intermediate and the root apart', async () => {
    const leaf = await leafFor(inter);
    const r = await fetchReport(await serve(leaf, [inter]));
    expect(r.trusted).toBe(true);
    expect(r.diagnoses.filter((d) => d.severity === 'error')).toEqual([]);
    const sha = (c: TestCert) => r.certificates.find((x) => x.pem === c.pem)!.sha256;
    expect(r.bundle).toEqual({ chain: [sha(leaf), sha(inter)], root: sha(root) });
    expect(r.origin).toMatchObject({ kind: 'host', host: '127.0.0.1', servername: 'localhost', protocol: 'TLSv1.3' });
  });

  it('a missing intermediate without AIA is named, with its issuer', async () => {
    const leaf = await leafFor(inter);
    const r = await fetchReport(await serve(leaf, []));
    expect(r.trusted).toBe(false);
    expect(codes(r)).toContain('missing-intermediate');
    const d = r.diagnoses.find((x) => x.code === 'missing-intermediate')!;
    expect(d.message).toContain('Scenario Intermediate');
    expect(d.message).toContain('no AIA');
  });

  it('a missing intermediate with AIA: fetched from the local HTTP server, still flagged, bundle completed', async () => {
    const leaf = await leafFor(inter, { aiaCaIssuers: `${aia.base}/inter.cer` });
    const server = await serve(leaf, []);
    const without = await fetchReport(server);
    expect(without.diagnoses.find((d) => d.code === 'missing-intermediate')!.message).toContain('--aia');
    const r = await fetchReport(server, { aia: true });
    expect(aia.hits.get('/inter.cer')).toBe(1);
    expect(r.paths[0]!.end).toBe('anchor');
    expect(r.trusted).toBe(false);
    // One engine, one verdict per client: AIA-fetching clients trust it, OpenSSL does not.
    expect(Object.fromEntries(r.clients.map((c) => [c.client, c.trusted]))).toMatchObject({ openssl: false, java: false, chromium: true, windows: true });
    const d = r.diagnoses.find((x) => x.code === 'missing-intermediate')!;
    expect(d.message).toContain('AIA can complete it');
    expect(d.fix.place).toBe('corrected-bundle');
    expect(r.bundle!.chain).toHaveLength(2);
    expect(r.certificates.find((c) => c.sha256 === r.bundle!.chain[1])!.origin).toBe('aia');
  });

  it('an intermediate the user adds completes the path but the server is still told to send it', async () => {
    const server = await serve(await leafFor(inter), []);
    const added = await t.writePem('added-inter.pem', [inter]);
    const r = await t.service.fetch({ target: server.target, servername: 'localhost', trust: [trust], addFiles: [added] });
    expect(r.paths[0]!.end).toBe('anchor');
    expect(r.trusted).toBe(false);
    expect(r.clients.every((c) => !c.trusted)).toBe(true);
    expect(r.diagnoses[0]).toMatchObject({ code: 'missing-intermediate', fix: { place: 'corrected-bundle' } });
    expect(r.diagnoses[0]!.message).toMatch(/you added complete it/);
    expect(r.presented).toHaveLength(1);
  });

  it('wrong order is a warning and the bundle is put right', async () => {
    const inter2 = await issue({ name: 'Scenario Issuing CA 2', issuer: inter, ca: true });
    const leaf = await leafFor(inter2);
    const r = await fetchReport(await serve(leaf, [inter, inter2]));
    expect(r.trusted).toBe(true);
    expect(codes(r)).toEqual(['wrong-order']);
    expect(r.bundle!.chain.map((sha) => r.certificates.find((c) => c.sha256 === sha)!.summary.subject)).toEqual([
      'CN=localhost',
      'CN=Scenario Issuing CA 2',
      'CN=Scenario Intermediate',
    ]);
  });

  it('an extraneous certificate is reported', async () => {
    const stray = await issue({ name: 'Scenario Stray' });
    const r = await fetchReport(await serve(await leafFor(inter), [inter, stray]));
    expect(r.trusted).toBe(true);
    expect(r.diagnoses.find((d) => d.code === 'extraneous-certificate')!.message).toContain('Scenario Stray');
  });

  it('an expired intermediate fails as expired, naming it', async () => {
    const old = await issue({ name: 'Scenario Expired CA', issuer: root, ca: true, notBefore: daysFromNow(-400), notAfter: daysFromNow(-3) });
    const r = await fetchReport(await serve(await leafFor(old, { notBefore: daysFromNow(-100) }), [old]));
    expect(r.trusted).toBe(false);
    const d = r.diagnoses.find((x) => x.code === 'expired')!;
    expect(d.message).toContain('Scenario Expired CA');
    expect(d.fix.place).toBe('corrected-bundle');
  });

  it('a self-signed leaf is called out', async () => {
    const self = await issue({ name: 'localhost', ca: false, dns: ['localhost'] });
    const r = await fetchReport(await serve(self, []));
    expect(r.trusted).toBe(false);
    expect(codes(r)).toContain('self-signed-leaf');
  });

  it('a wildcard SAN matches one label and not two (RFC 6125 §6.4.3)', async () => {
    const wild = await issue({ name: '*.example.test', issuer: inter, dns: ['*.example.test'] });
    const server = await serve(wild, [inter]);
    expect((await fetchReport(server, { servername: 'api.example.test' })).trusted).toBe(true);
    const r = await fetchReport(server, { servername: 'deep.api.example.test' });
    expect(r.trusted).toBe(false);
    expect(codes(r)).toContain('hostname-mismatch');
    expect(r.diagnoses.find((d) => d.code === 'hostname-mismatch')!.fix.place).toBe('reissue');
  });

  it('an expired cross-sign next to a valid path is a warning naming the cross-sign', async () => {
    const oldRoot = await issue({ name: 'Scenario Old Root', notBefore: daysFromNow(-3000), notAfter: daysFromNow(3000) });
    const newRoot = await issue({ name: 'Scenario New Root' });
    const cross = await issue({ name: 'Scenario New Root', issuer: oldRoot, ca: true, keys: newRoot.keys, notBefore: daysFromNow(-800), notAfter: daysFromNow(-30) });
    const issuing = await issue({ name: 'Scenario R3', issuer: newRoot, ca: true });
    const both = `pem:${await t.writePem('both-roots.pem', [newRoot, oldRoot])}`;
    const r = await fetchReport(await serve(await leafFor(issuing), [issuing, cross]), { trust: [both] });
    expect(r.trusted).toBe(true);
    expect(r.paths.length).toBeGreaterThanOrEqual(2);
    const d = r.diagnoses.find((x) => x.code === 'expired-cross-sign')!;
    expect(d.severity).toBe('warning');
    expect(r.certificates.find((c) => c.sha256 === d.certificates[0])!.pem).toBe(cross.pem);
  });

  it('a freshly minted private-CA leaf for a public name, reached without a proxy, is not called inspection', async () => {
    const privateRoot = await issue({ name: 'Corp Internal Root' });
    const minted = await issue({ name: 'shop.certbench-test.com', issuer: privateRoot, dns: ['shop.certbench-test.com'], notBefore: daysFromNow(-1) });
    const server = await serve(minted, []);
    const untrusted = await fetchReport(server, { servername: 'shop.certbench-test.com' });
    expect(codes(untrusted)).toEqual(['missing-intermediate']);
    const rootFile = await t.writePem('corp-internal-root.pem', [privateRoot]);
    const r = await t.service.fetch({ target: server.target, servername: 'shop.certbench-test.com', trust: [`pem:${rootFile}`] });
    expect(r.trusted).toBe(true);
    expect(r.diagnoses.map((d) => [d.code, d.severity])).toEqual([['private-ca', 'info']]);
  });

  it('a whole bundle of strays is summarised, and an oversized input refused', async () => {
    const leaf = await leafFor(inter);
    const strays = await Promise.all(Array.from({ length: 7 }, (_, i) => issue({ name: `Stray ${i}` })));
    const text = new TextEncoder().encode([leaf, inter, ...strays].map((c) => c.pem).join(''));
    const r = await t.service.verifyBytes('bundle.pem', text, { hostname: 'localhost', trust: [trust] });
    expect(r.trusted).toBe(true);
    expect(r.diagnoses).toHaveLength(1);
    expect(r.diagnoses[0]).toMatchObject({ code: 'extraneous-certificate', message: expect.stringMatching(/^7 certificates/) });
    const huge = new TextEncoder().encode(inter.pem.repeat(201));
    await expect(t.service.verifyBytes('huge.pem', huge, { trust: [trust] })).rejects.toMatchObject({ code: 'too-large' });
  });

  it('an unknown root is untrusted-root with a trust-store fix', async () => {
    const otherRoot = await issue({ name: 'Scenario Private Root' });
    const otherInter = await issue({ name: 'Scenario Private CA', issuer: otherRoot, ca: true });
    const r = await fetchReport(await serve(await leafFor(otherInter), [otherInter, otherRoot]));
    expect(r.trusted).toBe(false);
    const d = r.diagnoses.find((x) => x.code === 'self-signed-in-chain')!;
    expect(d.fix).toMatchObject({ place: 'trust-store' });
    expect(d.message).toContain('Scenario Private Root');
  });
});
