import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket, type AddressInfo } from 'node:net';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateDers } from '../../../shared/pki/certificate-input.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { basicHierarchy, issue, type TestCert } from '../../helpers/chain-certs.js';
import { makeChainTestEnv, type ChainTestEnv } from '../../helpers/chain-env.js';
import { startTinyproxy, type ProxyProcess } from '../../helpers/chain-proxies.js';
import { startChainServer, startFileServer, type ChainServer, type FileServer } from '../../helpers/chain-servers.js';

/** A minimal SMTP server that offers STARTTLS and then presents `leaf` + `chain` (RFC 3207). */
async function startSmtpServer(leaf: TestCert, chain: TestCert[]): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.write('220 mail.test ESMTP ready\r\n');
    socket.on('data', (data) => {
      const line = data.toString('latin1');
      if (/^EHLO/i.test(line)) socket.write('250-mail.test greets you\r\n250-PIPELINING\r\n250 STARTTLS\r\n');
      else if (/^STARTTLS/i.test(line)) {
        socket.removeAllListeners('data');
        socket.write('220 2.0.0 go ahead\r\n', () => {
          const tls = new TLSSocket(socket, { isServer: true, key: leaf.keyPem, cert: [leaf, ...chain].map((c) => c.pem).join('') });
          tls.on('error', () => undefined);
        });
      } else socket.write('502 not here\r\n');
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((r) => {
      sockets.forEach((s) => s.destroy());
      server.close(() => r());
    }),
  };
}

describe('trust sources, AIA formats, STARTTLS and proxy options', () => {
  let t: ChainTestEnv;
  let certs: { root: TestCert; inter: TestCert; leaf: TestCert };
  let rootFile: string;
  let files: FileServer;
  let server: ChainServer;
  let authProxy: ProxyProcess;

  beforeAll(async () => {
    t = await makeChainTestEnv();
    certs = await basicHierarchy();
    rootFile = await t.writePem('root.pem', [certs.root]);
    const interFile = await t.writePem('inter.pem', [certs.inter]);
    execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', interFile, '-outform', 'DER', '-out', `${t.dir}/inter.p7c`]);
    files = await startFileServer({ '/inter.p7c': readFileSync(`${t.dir}/inter.p7c`), '/garbage': new Uint8Array([1, 2, 3]) });
    server = await startChainServer(certs.leaf, [certs.inter]);
    authProxy = await startTinyproxy(['BasicAuth certbench s3cret']);
  });
  afterAll(async () => {
    await Promise.all([files.close(), server.close(), authProxy.stop()]);
    await t.cleanup();
  });

  it('parses a certs-only PKCS#7 from openssl crl2pkcs7 and rejects garbage with a parse error', async () => {
    const ders = certificateDers(readFileSync(`${t.dir}/inter.p7c`), 'x');
    expect(ders.map(sha256Hex)).toEqual([sha256Hex(certs.inter.der)]);
    expect(() => certificateDers(new Uint8Array([1, 2, 3]), 'http://x/garbage')).toThrow(expect.objectContaining({ code: 'unrecognized-format' }));
    expect(() => certificateDers(new Uint8Array([0x30, 3, 1, 2, 3]), 'http://x/der')).toThrow(expect.objectContaining({ code: 'parse' }));
  });

  it('verifies a chain given as a PEM PKCS#7 (.p7b) next to the leaf', async () => {
    const p7b = `${t.dir}/chain.p7b`;
    execFileSync('openssl', ['crl2pkcs7', '-nocrl', '-certfile', `${t.dir}/inter.pem`, '-out', p7b]);
    const leafFile = await t.writePem('leaf.pem', [certs.leaf]);
    const r = await t.service.verifyFiles([leafFile, p7b], { hostname: 'localhost', trust: [`pem:${rootFile}`] });
    expect(r.trusted).toBe(true);
    expect(r.presented).toHaveLength(2);
  });

  it('completes a chain from a PKCS#7 AIA response', async () => {
    const leaf = await issue({ name: 'localhost', issuer: certs.inter, dns: ['localhost'], aiaCaIssuers: `${files.base}/inter.p7c` });
    const s = await startChainServer(leaf, []);
    const r = await t.service.fetch({ target: s.target, servername: 'localhost', trust: [`pem:${rootFile}`], aia: true });
    expect(r.paths[0]!.end).toBe('anchor');
    expect(r.clients.find((c) => c.client === 'chromium')!.trusted).toBe(true);
    expect(r.diagnoses[0]!.code).toBe('missing-intermediate');
    await s.close();
  });

  it('reports a failed AIA download in the missing-intermediate message', async () => {
    const leaf = await issue({ name: 'localhost', issuer: certs.inter, dns: ['localhost'], aiaCaIssuers: `${files.base}/garbage` });
    const s = await startChainServer(leaf, []);
    const r = await t.service.fetch({ target: s.target, servername: 'localhost', trust: [`pem:${rootFile}`], aia: true });
    expect(r.diagnoses.find((d) => d.code === 'missing-intermediate')!.message).toMatch(/fetching it from the AIA URL failed/);
    await s.close();
  });

  it('verifies against a JDK cacerts read by the real keytool', async () => {
    const store = `${t.dir}/cacerts`;
    execFileSync('keytool', ['-importcert', '-noprompt', '-storetype', 'JKS', '-keystore', store, '-storepass', 'changeit', '-alias', 'testroot', '-file', rootFile], { stdio: 'ignore' });
    const r = await t.service.fetch({ target: server.target, servername: 'localhost', trust: [`jdk:${store}`] });
    expect(r.trusted).toBe(true);
    expect(r.paths[0]!.anchorSource).toBe(`JDK cacerts ${store}`);
  });

  it('reads a trust folder of .crt files', async () => {
    const { mkdir, copyFile } = await import('node:fs/promises');
    await mkdir(`${t.dir}/folder`);
    await copyFile(rootFile, `${t.dir}/folder/root.crt`);
    expect((await t.service.fetch({ target: server.target, servername: 'localhost', trust: [`${t.dir}/folder`] })).trusted).toBe(true);
  });

  it('upgrades SMTP with STARTTLS before the handshake', async () => {
    const smtp = await startSmtpServer(certs.leaf, [certs.inter]);
    const r = await t.service.fetch({ target: `127.0.0.1:${smtp.port}`, servername: 'localhost', starttls: 'smtp', trust: [`pem:${rootFile}`] });
    expect(r.trusted).toBe(true);
    expect(r.origin).toMatchObject({ starttls: 'smtp' });
    await smtp.close();
  });

  it('authenticates to a proxy, refuses without credentials, and never shows the password', async () => {
    const [, hostPort] = authProxy.url.split('//');
    await expect(t.service.fetch({ target: server.target, proxy: authProxy.url, trust: [`pem:${rootFile}`] })).rejects.toMatchObject({ code: 'permission-denied' });
    const r = await t.service.fetch({ target: server.target, servername: 'localhost', proxy: `http://certbench@${hostPort}`, proxyPassword: 's3cret', trust: [`pem:${rootFile}`] });
    expect(r.trusted).toBe(true);
    expect(JSON.stringify(r)).not.toContain('s3cret');
  });
});
