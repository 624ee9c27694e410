import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainService } from '../../../electron/services/chain/chain-service.js';
import { pemSource } from '../../../electron/services/chain/trust-sources/file-sources.js';
import { defaultServiceEnv } from '../../../electron/services/service-env.js';
import { ObjectStore } from '../../../electron/services/workspace/object-store.js';
import { findPemBlocks } from '../../../shared/pki/pem.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { X509Certificate } from '../../../shared/pki/x509.js';
import { basicHierarchy, type TestCert } from '../../helpers/chain-certs.js';
import { makeChainTestEnv, type ChainTestEnv } from '../../helpers/chain-env.js';
import { startMitmproxy, startTinyproxy, type ProxyProcess } from '../../helpers/chain-proxies.js';
import { startChainServer, type ChainServer } from '../../helpers/chain-servers.js';

/** Real proxies on loopback: Debian tinyproxy (CONNECT) and Debian mitmproxy (TLS inspection). */
describe('chain fetch through real proxies', () => {
  let t: ChainTestEnv;
  let certs: { root: TestCert; inter: TestCert; leaf: TestCert };
  let server: ChainServer;
  let trust: string;
  let tiny: ProxyProcess;
  let mitm: ProxyProcess & { caPem(): Promise<string> };

  beforeAll(async () => {
    certs = await basicHierarchy();
    // The server's root counts as "public" here, so only an inspection root is foreign.
    t = await makeChainTestEnv([certs.root]);
    trust = `pem:${await t.writePem('roots.pem', [certs.root])}`;
    server = await startChainServer(certs.leaf, [certs.inter]);
    [tiny, mitm] = await Promise.all([startTinyproxy(), startMitmproxy()]);
  });
  afterAll(async () => {
    await Promise.all([tiny?.stop(), mitm?.stop(), server?.close()]);
    await t?.cleanup();
  });

  it('through tinyproxy the chain is the server’s own and trusted', async () => {
    const r = await t.service.fetch({ target: server.target, servername: 'localhost', proxy: tiny.url, trust: [trust] });
    expect(r.origin).toMatchObject({ kind: 'host', proxy: tiny.url });
    expect(r.presented).toEqual([sha256Hex(certs.leaf.der), sha256Hex(certs.inter.der)]);
    expect(r.trusted).toBe(true);
  });

  it('through mitmproxy the diagnosis is tls-inspection naming mitmproxy’s root', async () => {
    const r = await t.service.fetch({ target: server.target, servername: 'localhost', proxy: mitm.url, trust: [trust] });
    expect(r.trusted).toBe(false);
    expect(r.presented).not.toContain(sha256Hex(certs.leaf.der));
    const d = r.diagnoses.find((x) => x.code === 'tls-inspection')!;
    expect(d.severity).toBe('error');
    expect(d.confidence).toBe('high');
    expect(d.evidence!.join(' ')).toMatch(/certbench-probe-[0-9a-f]+\.invalid/);
    expect(d.fix.place).toBe('trust-store');
    // mitmproxy sends only its leaf, so the root is named by its DN (the one in its confdir).
    const caSubject = new X509Certificate(findPemBlocks(await mitm.caPem())[0]!.der).subject;
    expect(d.message).toContain(`(${caSubject})`);
    expect(d.fix.text).toContain(caSubject);
  });

  it('through mitmproxy a direct fetch of the same host:port gets the real leaf: that difference is evidence', async () => {
    const r = await t.service.fetch({ target: server.target, servername: 'localhost', proxy: mitm.url, trust: [trust] });
    const d = r.diagnoses.find((x) => x.code === 'tls-inspection')!;
    expect(d.confidence).toBe('high');
    const caSubject = new X509Certificate(findPemBlocks(await mitm.caPem())[0]!.der).subject;
    const leafIssuer = new X509Certificate(certs.leaf.der).issuer;
    expect(d.evidence).toContainEqual(
      `A direct connection to ${server.target}, bypassing the proxy, got a different certificate: its key differs and it was issued by "${leafIssuer}", not "${caSubject}". The proxy replaces the server's certificate.`,
    );
    // Through a tunnelling proxy the direct leaf is the same one: no difference, no finding.
    const tunnelled = await t.service.fetch({ target: server.target, servername: 'localhost', proxy: tiny.url, trust: [trust] });
    expect(tunnelled.diagnoses.some((x) => x.code === 'tls-inspection')).toBe(false);
  });

  it('when the host cannot be reached directly the evidence says so', async () => {
    // The loopback addon sends 127.0.0.2 to the server on 127.0.0.1; directly, nothing listens there.
    const routed = await startMitmproxy({ upstreamLoopback: true });
    try {
      const target = `127.0.0.2:${server.port}`;
      const r = await t.service.fetch({ target, servername: 'localhost', proxy: routed.url, trust: [trust] });
      const d = r.diagnoses.find((x) => x.code === 'tls-inspection')!;
      expect(d.evidence!.join(' ')).toMatch(new RegExp(`A direct connection to ${target.replace(/\./g, '\\.')}, bypassing the proxy, was not possible \\(.+\\)`));
    } finally {
      await routed.stop();
    }
  }, 90_000);

  it('with mitmproxy’s root installed the path reaches it and inspection is still reported', async () => {
    const withCa = `pem:${mitm.dir}/mitmproxy-ca-cert.pem`;
    const r = await t.service.fetch({ target: server.target, servername: 'localhost', proxy: mitm.url, trust: [trust, withCa] });
    expect(r.paths[0]).toMatchObject({ end: 'anchor', anchorSource: `PEM ${mitm.dir}/mitmproxy-ca-cert.pem` });
    const d = r.diagnoses.find((x) => x.code === 'tls-inspection')!;
    expect(d).toMatchObject({ severity: 'warning', confidence: 'high' });
    expect(d.fix.text).toMatch(/nothing to install/);
    expect(d.fix.text).not.toMatch(/reissue/i);
  });

  it('takes the proxy from HTTPS_PROXY when asked, and honours NO_PROXY', async () => {
    const withEnv = (extra: NodeJS.ProcessEnv) =>
      new ChainService(defaultServiceEnv({ env: { PATH: process.env.PATH, ...extra } }), new ObjectStore(), { publicRoots: pemSource(trust.slice(4)) });
    const proxied = await withEnv({ HTTPS_PROXY: tiny.url }).fetch({ target: server.target, servername: 'localhost', proxy: 'env', trust: [trust] });
    expect(proxied.origin).toMatchObject({ proxy: tiny.url });
    const bypassed = await withEnv({ HTTPS_PROXY: tiny.url, NO_PROXY: '127.0.0.1' }).fetch({ target: server.target, servername: 'localhost', proxy: 'env', trust: [trust] });
    expect(bypassed.origin).not.toHaveProperty('proxy', tiny.url);
    expect(bypassed.trusted).toBe(true);
  });

  it('a proxy that refuses CONNECT is a connection error', async () => {
    await expect(
      t.service.fetch({ target: '127.0.0.1:1', proxy: tiny.url, trust: [trust], connectTimeoutMs: 5000 }),
    ).rejects.toMatchObject({ code: 'connection' });
  });
});
