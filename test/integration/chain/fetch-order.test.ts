import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPresentedChain } from '../../../electron/services/chain/fetch/tls-fetch.js';
import { sha256Hex } from '../../../shared/pki/hash.js';
import { basicHierarchy, issue, type TestCert } from '../../helpers/chain-certs.js';
import { startChainServer, type ChainServer } from '../../helpers/chain-servers.js';

describe('fetchPresentedChain against a real loopback TLS server', () => {
  let certs: { root: TestCert; inter: TestCert; leaf: TestCert; stray: TestCert };
  let server: ChainServer;

  beforeAll(async () => {
    const h = await basicHierarchy();
    certs = { ...h, stray: await issue({ name: 'Stray Unrelated CA' }) };
    // Deliberately shuffled with a stray: Node's getPeerCertificate(true) would drop and reorder these.
    server = await startChainServer(certs.leaf, [certs.stray, certs.root, certs.inter]);
  });
  afterAll(() => server.close());

  it('returns every certificate exactly as sent, in order, with protocol and cipher', async () => {
    const fetched = await fetchPresentedChain({ host: '127.0.0.1', port: server.port }, { servername: 'localhost' });
    expect(fetched.certificates.map(sha256Hex)).toEqual([certs.leaf, certs.stray, certs.root, certs.inter].map((c) => sha256Hex(c.der)));
    expect(fetched.protocol).toBe('TLSv1.3');
    expect(fetched.cipher).toMatch(/^TLS_/);
    expect(fetched.servername).toBe('localhost');
  });

  it('sends nothing after the handshake', async () => {
    const { createServer } = await import('node:tls');
    let received = 0;
    const closed = new Promise<void>((resolve) => {
      const srv = createServer({ key: certs.leaf.keyPem, cert: certs.leaf.pem + certs.inter.pem }, (socket) => {
        socket.on('data', (d: Buffer) => (received += d.length));
        socket.on('close', () => {
          srv.close();
          resolve();
        });
        socket.on('error', () => undefined);
      });
      srv.listen(0, '127.0.0.1', () =>
        void fetchPresentedChain({ host: '127.0.0.1', port: (srv.address() as { port: number }).port }, { servername: 'localhost' }),
      );
    });
    await closed;
    expect(received).toBe(0);
  });

  it('fails with connection when nothing listens, and with timeout on a silent peer', async () => {
    const closed = await startChainServer(certs.leaf, []);
    await closed.close();
    await expect(fetchPresentedChain({ host: '127.0.0.1', port: closed.port })).rejects.toMatchObject({ code: 'connection' });
    const { createServer } = await import('node:net');
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    await expect(fetchPresentedChain({ host: '127.0.0.1', port }, { handshakeTimeoutMs: 300 })).rejects.toMatchObject({ code: 'timeout' });
    silent.close();
  });

  it('stops at once when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(fetchPresentedChain({ host: '127.0.0.1', port: server.port }, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
